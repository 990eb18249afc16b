"""PRC fixed-line numbers: area code 010/02x (3 digits) or 0xxx (4 digits) + 7-8 digit subscriber."""

from __future__ import annotations

from presidio_analyzer import Pattern

from anonymizers.predefined_recognizers.declared import DeclaredPatternRecognizer

from ...checks import digits_only
from ...generic.negative_cues import NUMBER_NEGATIVE_CUES
from ...precheck import SEVEN_DIGITS, PrecheckMixin


class CnLandlineRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """CN_LANDLINE: separated forms are confident; a bare 11-12 digit run needs a context cue."""

    ENTITY = "CN_LANDLINE"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 55
    SURROGATE = "landline"
    PATTERNS = [
        Pattern(
            "CN landline (separated)",
            r"(?<![0-9A-Za-z])(?:(?:\+|00)86[\s-]?)?(?:\(0(?:10|2\d|[3-9]\d{2})\)|0(?:10|2\d|[3-9]\d{2})[\s-])\s?[2-9]\d{2,3}[\s-]?\d{3,4}(?![0-9])",
            0.6,
        ),
        Pattern(
            "CN landline, international form (+86 10 6552 9988, +86-21-62345678)",
            r"(?<![0-9A-Za-z])(?:\+\s?|00)86[\s-]?\(?(?:10|2\d|[3-9]\d{2})\)?[\s-]?[2-9]\d{2,3}[\s-]?\d{3,4}(?![0-9])",
            0.6,
        ),
        Pattern(
            "CN landline (bare)",
            r"(?<![0-9A-Za-z])0(?:10|2\d|[3-9]\d{2})[2-9]\d{6,7}(?![0-9])",
            0.2,
        ),
    ]
    CONTEXT = ["电话", "座机", "固话", "办公室", "联系电话", "tel", "phone", "landline", "寄件人", "收件人", "联系人", "收货人"]
    NEGATIVE_CONTEXT = NUMBER_NEGATIVE_CUES  # 订单号2026 0418 5062 ...: an order number's groups
    PRECHECK = SEVEN_DIGITS

    def validate_result(self, pattern_text: str) -> bool | None:
        """Total national length 10-12 digits; anything else is not a landline."""
        v = digits_only(pattern_text)
        if v.startswith("0086"):
            v = "0" + v[4:]
        elif v.startswith("86") and not v.startswith("0"):
            v = "0" + v[2:]
        return None if 10 <= len(v) <= 12 else False
