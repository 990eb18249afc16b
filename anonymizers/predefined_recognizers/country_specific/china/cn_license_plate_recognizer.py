"""PRC licence plates: province abbreviation + letter + 5 characters, or 6 for new-energy plates."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from anonymizers.predefined_recognizers.declared import DeclaredPatternRecognizer

from ...precheck import PrecheckMixin

PROVINCE_ABBR = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
# (lower case too: 豫a12345 and full-width 豫ａ１２３４５, which the view reads as 豫a12345, are typed lazily)
_L = "A-HJ-NP-Za-hj-np-z"  # serial letters (no I, O)
_AUTH = "A-HJ-Za-hj-z"  # issuing-authority letter (O is used by police; I never)
_DAXIE = "零壹贰叁肆伍陆柒捌玖〇一二三四五六七八九"
_SEP = r"[\s·•./_-]{0,3}"  # spaces, dots, slashes, dashes typed between the characters
_JUNK = "(?:\\s|[\U0001F300-\U0001FAFF\u2600-\u27BF]\ufe0f?){0,3}"  # spaces or an emoji typed in between (浙A 🚗 8Q6 27)


class CnLicensePlateRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """CN_LICENSE_PLATE: ordinary (7 chars) and new-energy (8 chars, D/F marker) plates."""

    ENTITY = "CN_LICENSE_PLATE"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 95
    SURROGATE = "plate_cn"
    GLOBAL_REGEX_FLAGS = 0  # case-sensitive
    PATTERNS = [
        Pattern(
            "CN plate (new energy)",
            rf"(?<![0-9A-Za-z])[{PROVINCE_ABBR}][·•.]?[{_AUTH}][\s·•.-]?(?:[DF][{_L}0-9]\d{{4}}|\d{{5}}[DF])(?![0-9A-Za-z])",
            0.7,
        ),
        Pattern(
            "CN plate",
            rf"(?<![0-9A-Za-z])[{PROVINCE_ABBR}][·•.]?[{_AUTH}][\s·•.-]?[{_L}0-9]{{4}}[{_L}0-9挂学警港澳](?![0-9A-Za-z])",
            0.6,
        ),
        Pattern(
            "CN plate typed with separators (粤 B 8X9 12, 粤/B/7/0/4/9/3, 粤B70-493)",
            rf"(?<![0-9A-Za-z])[{PROVINCE_ABBR}]{_SEP}[{_AUTH}]{_SEP}[{_L}0-9](?:{_SEP}[{_L}0-9]){{3,5}}"
            rf"(?<=[{_L}0-9])(?![0-9A-Za-z])",
            0.5,
        ),
        Pattern(
            "CN plate with emoji or daxie digits (粤B😀D😀12345, 陕A·壹贰叁肆伍)",
            rf"(?<![0-9A-Za-z])[{PROVINCE_ABBR}]{_JUNK}[{_AUTH}]{_JUNK}[·•.-]?(?:[{_L}0-9{_DAXIE}]{_JUNK}){{4,6}}"
            rf"(?<=[{_L}0-9{_DAXIE}])(?![0-9A-Za-z])",
            0.5,
        ),
        Pattern(
            "CN plate in lower case after its cue (车牌鄂ad89015)",
            rf"(?<=(?:车牌|车牌号|牌照|车号)(?:是|为|:|：)?\s?)[{PROVINCE_ABBR}](?i:[{_AUTH}][\s·•.-]?[{_L}0-9]{{5,6}})"
            r"(?![0-9A-Za-z])",
            0.6,
        ),
    ]
    CONTEXT = ["车牌", "车牌号", "牌照", "plate", "车号"]
    PRECHECK = re.compile(f"[{PROVINCE_ABBR}][\\s·•./_-]{{0,3}}[A-HJ-Za-hj-z]")

    def invalidate_result(self, pattern_text: str) -> bool:
        """Ordinary plates need at least one digit among the last five (rules out words like 京ABCDE)."""
        return not any(c.isdigit() or c in _DAXIE for c in pattern_text[2:])
