"""Presidio-based de-identification for AIMate (Chinese-first).

``Deidentifier.for_purpose("research")`` / ``("model_tuning")`` and ``detect_pii`` are the API the
pipeline and the release gates use (docs/ARCHITECTURE.md, "De-identification API").
"""

from .deidentifier import Deidentifier, DeidOutcome, Finding, detect_pii

__all__ = ["DeidOutcome", "Deidentifier", "Finding", "detect_pii"]
