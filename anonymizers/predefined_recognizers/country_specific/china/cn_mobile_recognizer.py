"""PRC mobile numbers as users type them: +86/0086, spaces, dashes (full width handled upstream).

Also a number given in its parts with words between them (号码前面是152，中间3634，最后四位6855): after a
phone cue, digit groups whose concatenation is a valid mobile are redacted each, as every part is a piece
of the number (the resident-ID recognizer does the same for IDs).
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, RecognizerResult

from anonymizers.predefined_recognizers.declared import DeclaredPatternRecognizer

from ...checks import joined_parts, valid_cn_mobile
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
    PRECHECK = re.compile(SEVEN_DIGITS.pattern + r"|中间|后四位|最后|尾号|后面")

    def validate_result(self, pattern_text: str) -> bool:
        """Allocated segment and exactly 11 national digits."""
        return valid_cn_mobile(pattern_text)

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:  # noqa: D102
        out = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for cue in _PARTS_CUE.finditer(text):
            groups = list(_GROUP.finditer(text, cue.end(), min(len(text), cue.end() + _PARTS_WINDOW)))
            out.extend(self.declared_result(g.start(), g.end(), 1.0)
                       for g in joined_parts(groups, 11, valid_cn_mobile, min_parts=2))
        return out


_PARTS_CUE = re.compile(r"手机号?码?|电话号?码?|号码|手機號?碼?|電話號?碼?|號碼")
_PARTS_WINDOW = 40
# A group of two digits or more (后4位: the count is one digit, not a part).
_GROUP = re.compile(r"(?<!\d)\d{2,8}(?!\d)")
