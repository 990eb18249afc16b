"""Presidio-based de-identification for AIMate (Chinese-first).

``Deidentifier.for_purpose("research")`` / ``("model_tuning")`` and ``detect_pii`` are the API the
pipeline and the release gates use (docs/ARCHITECTURE.md, "De-identification API"). They are loaded on
first use, so importing a light module (``anonymizers.keyring``) does not pull in spaCy and Presidio.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .deidentifier import Deidentifier, DeidOutcome, Finding, detect_pii

__all__ = ["DeidOutcome", "Deidentifier", "Finding", "detect_pii"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(import_module(".deidentifier", __name__), name)
    raise AttributeError(f"module 'anonymizers' has no attribute {name!r}")
