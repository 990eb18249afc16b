"""PRC resident identity card numbers (GB 11643-1999), 18-digit and legacy 15-digit.

Also an ID given in its parts with words between them (身份证前六位620102，中间是我生日19731120，最后3856;
read aloud, the check character X as 叉): after an ID cue, digit groups whose concatenation validates are
redacted each, since every part is a piece of the number. The tail given alone (身份证尾号16220X) is one too.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, RecognizerResult

from anonymizers.predefined_recognizers.declared import DeclaredPatternRecognizer

from ...checks import digits_only, joined_parts, valid_resident_id
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
    PRECHECK = re.compile(SEVEN_DIGITS.pattern + r"|身份[证證]")

    def validate_result(self, pattern_text: str) -> bool | None:
        """18-digit: fully validated (True/False). 15-digit has no check digit: None unless invalid."""
        v = digits_only(pattern_text)
        if len(v) == 15:
            return None if valid_resident_id(v) else False
        return valid_resident_id(v)

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:  # noqa: D102
        out = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for cue in _PARTS_CUE.finditer(text) if "身份证" in text or "身份證" in text else ():
            lo, hi = max(0, cue.start() - _PARTS_WINDOW), min(len(text), cue.end() + _PARTS_WINDOW)
            groups = list(_GROUP.finditer(text, lo, hi))
            parts = joined_parts(groups, 18, valid_resident_id, read=lambda g: _CHECK_CHAR.sub("X", g.group()))
            out.extend(self.declared_result(g.start(), g.end(), 1.0) for g in parts)
        for m in _TAIL.finditer(text) if "身份" in text else ():
            out.append(self.declared_result(m.start(1), m.end(1), 0.9))  # 身份证尾号16220X: part of the number
        return out


# The tail of an ID given on its own (身份证后六位 16220X, 身份证尾号 3856): a piece of the number.
_TAIL = re.compile(
    r"身份[证證](?:号码?|號碼?)?(?:的)?(?:尾号|尾數|尾数|后四位|後四位|后六位|後六位|末四位|末六位|最后四位|最后六位|后几位)"
    r"(?:是|为|係|:|：)?[ \t]?(\d{3,5}[\dXx叉])(?![\dXxA-Za-z])"
)
_PARTS_CUE = re.compile(r"身份[证證](?:号码?|號碼?)?")
_PARTS_WINDOW = 60
# A digit group, the last one possibly ending in the check character typed or read as X / 叉.
_GROUP = re.compile(r"\d{2,17}(?:[Xx叉](?![A-Za-z]))?")
_CHECK_CHAR = re.compile(r"[x叉]")
