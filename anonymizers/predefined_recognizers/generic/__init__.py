"""Generic recognizers: Presidio's own made CJK-safe, plus IMEI, date of birth and English NER."""

from .cjk_safe import (
    CjkSafeCreditCardRecognizer,
    CjkSafeEmailRecognizer,
    CjkSafeIpRecognizer,
    CjkSafeMacAddressRecognizer,
    CjkSafeUrlRecognizer,
)
from .date_of_birth_recognizer import DateOfBirthRecognizer
from .english_person_recognizer import EnglishPersonRecognizer
from .gated_phone_recognizer import GatedPhoneRecognizer
from .imei_recognizer import ImeiRecognizer

# The engine builds its recognizer list from this tuple (adding an identifier: one file, one line here).
RECOGNIZERS = (
    ImeiRecognizer,
    CjkSafeCreditCardRecognizer,
    GatedPhoneRecognizer,
    CjkSafeEmailRecognizer,
    CjkSafeUrlRecognizer,
    CjkSafeIpRecognizer,
    CjkSafeMacAddressRecognizer,
    DateOfBirthRecognizer,
    EnglishPersonRecognizer,
)

__all__ = [
    "RECOGNIZERS",
    "CjkSafeCreditCardRecognizer",
    "CjkSafeEmailRecognizer",
    "CjkSafeIpRecognizer",
    "CjkSafeMacAddressRecognizer",
    "CjkSafeUrlRecognizer",
    "DateOfBirthRecognizer",
    "EnglishPersonRecognizer",
    "GatedPhoneRecognizer",
    "ImeiRecognizer",
]
