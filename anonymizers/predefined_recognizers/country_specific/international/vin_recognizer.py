"""Vehicle identification numbers (ISO 3779; 车架号 / 车辆识别代号, GB 16735 in China).

17 characters without I, O, Q. North American and Chinese VINs carry a check digit at position 9
(ISO 3779 weights): a valid one is conclusive. European VINs need not, so a 17-character value without
a valid check digit still counts next to a VIN cue.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ...checks import alnum_only, valid_vin
from ...declared import DeclaredPatternRecognizer
from ...precheck import PrecheckMixin

_V = "A-HJ-NPR-Za-hj-npr-z0-9"


class VinRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """VIN: ISO 3779 check digit validated; otherwise the shape plus a cue (车架号/VIN)."""

    ENTITY = "VIN"
    VALIDATED = True
    STRUCTURED = True
    PRIORITY = 16
    SURROGATE = "alnum"
    PATTERNS = [Pattern("VIN", rf"(?<![0-9A-Za-z])[{_V}]{{17}}(?![0-9A-Za-z])", 0.1)]
    CONTEXT = ["车架号", "车辆识别代号", "车辆识别码", "识别代码", "vin", "chassis", "车架"]
    PRECHECK = re.compile(r"[0-9A-Za-z]{17}")

    def validate_result(self, pattern_text: str) -> bool | None:
        """Valid check digit: True. Else a mix of letters and digits stays weak (a cue lifts it)."""
        if valid_vin(pattern_text):
            return True
        v = alnum_only(pattern_text)
        letters = sum(c.isalpha() for c in v)
        return None if letters >= 2 and sum(c.isdigit() for c in v) >= 5 else False
