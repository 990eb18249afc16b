"""Generic recognizers: Presidio's own made CJK-safe, plus IMEI, date of birth and English NER."""

from .announced_encoding_recognizer import AnnouncedEncodingRecognizer
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
from .generic_id_recognizer import GenericIdRecognizer
from .imei_recognizer import ImeiRecognizer
from .partial_email_recognizer import PartialEmailRecognizer
from .presidio_ids import (
    CjkSafeCryptoRecognizer,
    CjkSafeIbanRecognizer,
    CjkSafeNhsRecognizer,
    CjkSafeUsBankRecognizer,
    CjkSafeUsItinRecognizer,
    CjkSafeUsLicenseRecognizer,
    CjkSafeUsPassportRecognizer,
    CjkSafeUsSsnRecognizer,
)
from .street_address_recognizer import StreetAddressRecognizer
from .wallet_recognizer import WalletAddressRecognizer

# The engine builds its recognizer list from this tuple (adding an identifier: one file, one line here).
RECOGNIZERS = (
    ImeiRecognizer,
    CjkSafeIbanRecognizer,
    CjkSafeCryptoRecognizer,
    WalletAddressRecognizer,
    CjkSafeCreditCardRecognizer,
    GatedPhoneRecognizer,
    CjkSafeEmailRecognizer,
    PartialEmailRecognizer,
    CjkSafeUrlRecognizer,
    CjkSafeIpRecognizer,
    CjkSafeMacAddressRecognizer,
    CjkSafeUsSsnRecognizer,
    CjkSafeUsItinRecognizer,
    CjkSafeUsPassportRecognizer,
    CjkSafeNhsRecognizer,
    CjkSafeUsLicenseRecognizer,
    CjkSafeUsBankRecognizer,
    DateOfBirthRecognizer,
    StreetAddressRecognizer,
    EnglishPersonRecognizer,
    GenericIdRecognizer,
    AnnouncedEncodingRecognizer,
)

__all__ = [
    "PartialEmailRecognizer",
    "RECOGNIZERS",
    "AnnouncedEncodingRecognizer",
    "CjkSafeCreditCardRecognizer",
    "CjkSafeCryptoRecognizer",
    "CjkSafeIbanRecognizer",
    "CjkSafeNhsRecognizer",
    "CjkSafeUsBankRecognizer",
    "CjkSafeUsItinRecognizer",
    "CjkSafeUsLicenseRecognizer",
    "CjkSafeUsPassportRecognizer",
    "CjkSafeUsSsnRecognizer",
    "CjkSafeEmailRecognizer",
    "CjkSafeIpRecognizer",
    "CjkSafeMacAddressRecognizer",
    "CjkSafeUrlRecognizer",
    "DateOfBirthRecognizer",
    "EnglishPersonRecognizer",
    "GatedPhoneRecognizer",
    "GenericIdRecognizer",
    "ImeiRecognizer",
    "StreetAddressRecognizer",
    "WalletAddressRecognizer",
]
