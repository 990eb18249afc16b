"""Recognizers for identifiers issued in the Hong Kong SAR."""

from .hk_id_card_recognizer import HkIdCardRecognizer

RECOGNIZERS = (HkIdCardRecognizer,)

__all__ = ["RECOGNIZERS", "HkIdCardRecognizer"]
