"""Recognizers for identifiers issued in the People's Republic of China."""

from .cn_address_recognizer import ChineseAddressRecognizer
from .cn_bank_card_recognizer import CnBankCardRecognizer
from .cn_landline_recognizer import CnLandlineRecognizer
from .cn_license_plate_recognizer import CnLicensePlateRecognizer
from .cn_mobile_recognizer import CnMobileRecognizer
from .cn_passport_recognizer import CnPassportRecognizer
from .cn_person_recognizer import ChinesePersonRecognizer
from .cn_resident_id_recognizer import CnResidentIdRecognizer
from .qq_number_recognizer import QqNumberRecognizer
from .wechat_id_recognizer import WeChatIdRecognizer

__all__ = [
    "RECOGNIZERS",
    "ChineseAddressRecognizer",
    "ChinesePersonRecognizer",
    "CnBankCardRecognizer",
    "CnLandlineRecognizer",
    "CnLicensePlateRecognizer",
    "CnMobileRecognizer",
    "CnPassportRecognizer",
    "CnResidentIdRecognizer",
    "QqNumberRecognizer",
    "WeChatIdRecognizer",
]

# The engine builds its recognizer list from this tuple (adding an identifier: one file, one line here).
RECOGNIZERS = (
    CnResidentIdRecognizer,
    CnBankCardRecognizer,
    WeChatIdRecognizer,
    QqNumberRecognizer,
    CnMobileRecognizer,
    CnLandlineRecognizer,
    CnPassportRecognizer,
    CnLicensePlateRecognizer,
    ChineseAddressRecognizer,
    ChinesePersonRecognizer,
)
