"""Unified social credit codes (统一社会信用代码, GB 32100-2015) of companies and organisations.

18 characters: registration department, organisation type, 6-digit region code, 9-character
organisation code and a mod-31 check character. Sole proprietors' codes identify a person.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ...checks import looks_like_resident_id, valid_uscc
from ...declared import DeclaredPatternRecognizer
from ...generic.negative_cues import CHECKSUM_NEGATIVE_CUES
from ...precheck import PrecheckMixin

_C = "0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy"  # GB 32100 alphabet (no I, O, S, V, Z)


class CnUsccRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """CN_USCC: GB 32100 check character; an 18-digit value shaped like a resident ID is left to that."""

    ENTITY = "CN_USCC"
    VALIDATED = True
    STRUCTURED = True
    PRIORITY = 14
    SURROGATE = "alnum"
    PATTERNS = [
        # 1st: registering authority (1-9, A, N, Y); 2nd: organisation type (1-9); then the region code.
        Pattern("USCC", rf"(?<![0-9A-Za-z])[1-9ANYany][1-9]\d{{6}}[{_C}]{{10}}(?![0-9A-Za-z])", 0.3),
    ]
    CONTEXT = ["统一社会信用代码", "信用代码", "社会信用", "营业执照", "税号", "纳税人识别号", "uscc", "credit code"]
    NEGATIVE_CONTEXT = CHECKSUM_NEGATIVE_CUES
    PRECHECK = re.compile(r"[0-9A-Za-z]{2}\d{6}[0-9A-Za-z]{10}")

    def validate_result(self, pattern_text: str) -> bool:
        """GB 32100 check character; resident-ID-shaped digit strings are not codes."""
        return valid_uscc(pattern_text) and not looks_like_resident_id(pattern_text)
