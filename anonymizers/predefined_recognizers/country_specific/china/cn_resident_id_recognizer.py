"""PRC resident identity card numbers (GB 11643-1999), 18-digit and legacy 15-digit."""

from __future__ import annotations

from presidio_analyzer import Pattern

from anonymizers.predefined_recognizers.declared import DeclaredPatternRecognizer

from ...checks import digits_only, valid_resident_id
from ...precheck import SEVEN_DIGITS, PrecheckMixin


class CnResidentIdRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """CN_RESIDENT_ID: region prefix, real birth date, ISO 7064 MOD 11-2 check character."""

    ENTITY = "CN_RESIDENT_ID"
    VALIDATED = True
    STRUCTURED = True
    PRIORITY = 10
    SURROGATE = "resident_id"
    PATTERNS = [
        Pattern(
            "CN resident ID (18)",
            r"(?<![0-9A-Za-z])[1-9]\d{5}[\s-]?(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
            r"[\s-]?\d{3}[0-9Xx](?![0-9A-Za-z])",
            0.4,
        ),
        Pattern(
            "CN resident ID (legacy 15)",
            r"(?<![0-9A-Za-z])[1-9]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])",
            0.2,
        ),
    ]
    CONTEXT = ["身份证", "身份证号", "证件号", "证件", "公民身份", "id card", "id number", "identity"]
    PRECHECK = SEVEN_DIGITS

    def validate_result(self, pattern_text: str) -> bool | None:
        """18-digit: fully validated (True/False). 15-digit has no check digit: None unless invalid."""
        v = digits_only(pattern_text)
        if len(v) == 15:
            return None if valid_resident_id(v) else False
        return valid_resident_id(v)
