"""Recognizers for identifiers defined by international standards (not tied to one country)."""

from .vin_recognizer import VinRecognizer

RECOGNIZERS = (VinRecognizer,)

__all__ = ["RECOGNIZERS", "VinRecognizer"]
