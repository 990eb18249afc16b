"""IMEI: 15 digits (optionally grouped 2-6-6-1) whose last digit is the Luhn check digit."""

from __future__ import annotations

from presidio_analyzer import Pattern

from anonymizers.predefined_recognizers.declared import DeclaredPatternRecognizer

from ..country_specific._cues import latin_boundary
from ..country_specific.china._checks import digits_only, luhn_ok
from ..precheck import SEVEN_DIGITS, PrecheckMixin
from .negative_cues import CHECKSUM_NEGATIVE_CUES


class ImeiRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """IMEI: reporting-body prefix of a real TAC (01/35/86/99/...) and Luhn; Amex (34/37) excluded."""

    ENTITY = "IMEI"
    VALIDATED = True
    STRUCTURED = True
    PRIORITY = 20
    SURROGATE = "imei"
    PATTERNS = [
        Pattern(
            "IMEI",
            latin_boundary("imei", "meid", "no", "id") + r"(?:0[1-9]|3[0356]|4[459]|5[0-4]|86|9[189])[\s-]?\d{6}[\s-]?\d{6}[\s-]?\d(?![0-9])",
            0.3,
        ),
    ]
    CONTEXT = ["imei", "串号", "设备号", "手机串号", "meid", "device"]
    PRECHECK = SEVEN_DIGITS
    NEGATIVE_CONTEXT = CHECKSUM_NEGATIVE_CUES

    def validate_result(self, pattern_text: str) -> bool:
        """15 digits, Luhn-valid."""
        v = digits_only(pattern_text)
        return len(v) == 15 and luhn_ok(v)
