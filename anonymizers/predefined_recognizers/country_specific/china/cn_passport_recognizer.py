"""PRC passports: E + 8 digits, E + letter + 7 digits (2012+ e-passports); G/D/S/P + 8 digits (older)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from anonymizers.predefined_recognizers.declared import DeclaredPatternRecognizer

from ...precheck import PrecheckMixin


class CnPassportRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """CN_PASSPORT: the shape alone is moderately confident; 护照/passport context lifts it."""

    ENTITY = "CN_PASSPORT"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 90
    SURROGATE = "passport_cn"
    GLOBAL_REGEX_FLAGS = 0  # case-sensitive
    PATTERNS = [
        Pattern("CN e-passport", r"(?<![0-9A-Za-z])E(?:\d{8}|[A-HJ-NP-Z]\d{7})(?![0-9A-Za-z])", 0.45),
        Pattern("CN passport (older)", r"(?<![0-9A-Za-z])[GDSP]\d{8}(?![0-9A-Za-z])", 0.3),
    ]
    CONTEXT = ["护照", "护照号", "passport", "证件"]
    PRECHECK = re.compile(r"[EGDSP][0-9A-HJ-NP-Z]\d{7}")

