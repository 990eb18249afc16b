"""Generic recognizers: Presidio's own made CJK-safe, plus IMEI and date of birth."""

from .cjk_safe import (
    CjkSafeCreditCardRecognizer,
    CjkSafeEmailRecognizer,
    CjkSafeIpRecognizer,
    CjkSafeMacAddressRecognizer,
    CjkSafeUrlRecognizer,
)
from .date_of_birth_recognizer import DateOfBirthRecognizer
from .gated_phone_recognizer import GatedPhoneRecognizer
from .imei_recognizer import ImeiRecognizer

__all__ = [
    "CjkSafeCreditCardRecognizer",
    "CjkSafeEmailRecognizer",
    "CjkSafeIpRecognizer",
    "CjkSafeMacAddressRecognizer",
    "CjkSafeUrlRecognizer",
    "DateOfBirthRecognizer",
    "GatedPhoneRecognizer",
    "ImeiRecognizer",
]
