"""PRC mobile numbers as users type them: +86/0086, spaces, dashes (full width handled upstream)."""

from __future__ import annotations

from presidio_analyzer import Pattern

from anonymizers.predefined_recognizers.declared import DeclaredPatternRecognizer

from ...checks import valid_cn_mobile
from ...precheck import SEVEN_DIGITS, PrecheckMixin


class CnMobileRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """CN_MOBILE: 11 digits starting 13-19 with an allocated segment; validated, so score 1.0."""

    ENTITY = "CN_MOBILE"
    VALIDATED = True
    STRUCTURED = True
    PRIORITY = 50
    SURROGATE = "mobile"
    PATTERNS = [
        Pattern(
            "CN mobile (separator tolerant)",
            r"(?<![0-9A-Za-z+])(?:(?:\+|00)\s?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?![0-9])",
            0.5,
        ),
        Pattern(  # +86 (139) 0123-4567: the prefix bracketed the way area codes are
            "CN mobile (bracketed prefix)",
            r"(?<![0-9A-Za-z])(?:(?:\+|00)\s?86[\s-]?)?[(（]1[3-9]\d[)）]\s?-?\d{4}[\s-]?\d{4}(?![0-9])",
            0.5,
        ),
        Pattern(
            "CN mobile (bracketed country code)",
            r"[(（]\+?86[)）]\s?1[3-9]\d(?:[\s-]?\d){8}(?![0-9])",
            0.5,
        ),
    ]
    CONTEXT = ["手机", "手机号", "电话", "联系方式", "号码", "打给", "致电", "mobile", "phone", "cell", "call"]
    PRECHECK = SEVEN_DIGITS

    def validate_result(self, pattern_text: str) -> bool:
        """Allocated segment and exactly 11 national digits."""
        return valid_cn_mobile(pattern_text)
