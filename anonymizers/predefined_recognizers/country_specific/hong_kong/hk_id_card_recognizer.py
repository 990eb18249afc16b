"""Hong Kong identity card numbers: 1-2 letters, 6 digits and a check digit (0-9 or A), mod 11."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ...checks import valid_hkid
from ...declared import DeclaredPatternRecognizer
from ...precheck import PrecheckMixin


class HkIdCardRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """HK_ID_CARD: ``A123456(3)`` (or ``A 123456 (3)``) is conclusive when the check digit holds; ``A1234563`` needs a cue."""

    ENTITY = "HK_ID_CARD"
    VALIDATED = True
    STRUCTURED = True
    PRIORITY = 12
    SURROGATE = "alnum"
    PATTERNS = [
        Pattern(
            "HKID with bracketed check digit",
            r"(?<![0-9A-Za-z])[A-Za-z]{1,2}[ \t]?\d{6}\s?[(（]\s?[0-9Aa]\s?[)）]",  # K 348228 (6) as typed too
            0.5,
        ),
        Pattern("HKID without brackets", r"(?<![0-9A-Za-z])[A-Za-z]{1,2}\d{6}[0-9Aa](?![0-9A-Za-z])", 0.15),
    ]
    CONTEXT = ["香港身份证", "身份证", "hkid", "hong kong id", "identity card", "id card", "證", "证件"]
    PRECHECK = re.compile(r"[A-Za-z][ \t]?\d{6}")

    def validate_result(self, pattern_text: str) -> bool | None:
        """The check digit must hold; without brackets a valid value still needs a cue (1 in 11 passes)."""
        if not valid_hkid(pattern_text):
            return False
        return True if re.search(r"[(（]", pattern_text) else None
