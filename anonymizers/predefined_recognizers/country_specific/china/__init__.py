"""Recognizers for identifiers issued in the People's Republic of China."""

from .cn_address_recognizer import ChineseAddressRecognizer
from .cn_bank_card_recognizer import CnBankCardRecognizer
from .cn_compound_address_recognizer import CnCompoundAddressRecognizer
from .cn_cued_address_recognizer import CnCuedAddressRecognizer
from .cn_driver_license_recognizer import CnDriverLicenseRecognizer
from .cn_english_address_recognizer import CnEnglishAddressRecognizer
from .cn_estate_address_recognizer import CnEstateAddressRecognizer
from .cn_hmt_permit_recognizer import CnHmtPermitRecognizer
from .cn_home_place_recognizer import CnHomePlaceRecognizer
from .cn_landline_recognizer import CnLandlineRecognizer
from .cn_license_plate_recognizer import CnLicensePlateRecognizer
from .cn_mobile_recognizer import CnMobileRecognizer
from .cn_passport_recognizer import CnPassportRecognizer
from .cn_person_recognizer import ChinesePersonRecognizer
from .cn_resident_id_recognizer import CnResidentIdRecognizer
from .cn_school_class_recognizer import CnSchoolClassRecognizer
from .cn_social_security_recognizer import CnSocialSecurityRecognizer
from .cn_unit_code_recognizer import CnUnitCodeRecognizer
from .cn_uscc_recognizer import CnUsccRecognizer
from .game_id_recognizer import GameIdRecognizer
from .messenger_id_recognizer import MessengerIdRecognizer
from .qq_number_recognizer import QqNumberRecognizer
from .tw_national_id_recognizer import TwNationalIdRecognizer
from .tw_permit_recognizer import TwPermitRecognizer
from .wechat_id_recognizer import WeChatIdRecognizer

__all__ = [
    "RECOGNIZERS",
    "ChineseAddressRecognizer",
    "ChinesePersonRecognizer",
    "CnBankCardRecognizer",
    "CnCompoundAddressRecognizer",
    "CnCuedAddressRecognizer",
    "CnDriverLicenseRecognizer",
    "CnEnglishAddressRecognizer",
    "CnEstateAddressRecognizer",
    "CnHmtPermitRecognizer",
    "CnHomePlaceRecognizer",
    "CnLandlineRecognizer",
    "CnLicensePlateRecognizer",
    "CnMobileRecognizer",
    "CnPassportRecognizer",
    "CnResidentIdRecognizer",
    "CnSchoolClassRecognizer",
    "CnSocialSecurityRecognizer",
    "CnUnitCodeRecognizer",
    "CnUsccRecognizer",
    "GameIdRecognizer",
    "MessengerIdRecognizer",
    "QqNumberRecognizer",
    "TwNationalIdRecognizer",
    "TwPermitRecognizer",
    "WeChatIdRecognizer",
]

# The engine builds its recognizer list from this tuple (adding an identifier: one file, one line here).
RECOGNIZERS = (
    CnResidentIdRecognizer,
    CnUsccRecognizer,
    CnBankCardRecognizer,
    CnSocialSecurityRecognizer,
    CnDriverLicenseRecognizer,
    MessengerIdRecognizer,
    GameIdRecognizer,
    WeChatIdRecognizer,
    QqNumberRecognizer,
    CnMobileRecognizer,
    CnLandlineRecognizer,
    CnPassportRecognizer,
    CnHmtPermitRecognizer,
    TwPermitRecognizer,
    TwNationalIdRecognizer,
    CnLicensePlateRecognizer,
    ChineseAddressRecognizer,
    CnCompoundAddressRecognizer,
    CnEstateAddressRecognizer,
    CnCuedAddressRecognizer,
    CnSchoolClassRecognizer,
    CnUnitCodeRecognizer,
    CnHomePlaceRecognizer,
    CnEnglishAddressRecognizer,
    ChinesePersonRecognizer,
)
