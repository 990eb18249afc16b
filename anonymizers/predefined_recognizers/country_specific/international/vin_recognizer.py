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
from .._cues import after_cue

_V = "A-HJ-NPR-Za-hj-npr-z0-9"
_LOOKALIKE = re.compile("[OoIiQq]")
_AS_DIGITS = str.maketrans("OoIiQq", "001100")


class VinRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """VIN: ISO 3779 check digit validated; otherwise the shape plus a cue (车架号/VIN)."""

    ENTITY = "VIN"
    VALIDATED = True
    STRUCTURED = True
    PRIORITY = 16
    SURROGATE = "alnum"
    PATTERNS = [
        Pattern("VIN", rf"(?<![0-9A-Za-z])[{_V}]{{17}}(?![0-9A-Za-z])", 0.1),
        # Typed in groups or one by one after its cue: 5YJ8-S6W5-5LY7-1934-0, L H G J 0 8 7 …
        Pattern(
            "VIN with separators after cue",
            after_cue("车架号", "车辆识别代号", "车辆识别码", "识别代码", "VIN", "vin", "chassis no\\.?")
            + rf"[{_V}](?:[ -]?[{_V}]){{16}}(?![0-9A-Za-z])",
            0.45,
        ),
        # lfv 2a21k3 g3051298: typed in a few groups anywhere (in lower case too); only a valid check digit counts
        Pattern("VIN in groups", rf"(?<![0-9A-Za-z])[{_V}]{{2,9}}(?:[ -][{_V}]{{2,9}}){{1,5}}(?![0-9A-Za-z])", 0.1),
        # LFV3A24G1K3O62918: the letter O (or I, Q) typed for 0 / 1; only a check digit that then holds counts
        Pattern("VIN with a lookalike letter", r"(?<![0-9A-Za-z])(?=[0-9A-Za-z]*[OoIiQq])[0-9A-Za-z]{17}(?![0-9A-Za-z])", 0.1),
    ]
    CONTEXT = ["车架号", "车辆识别代号", "车辆识别码", "识别代码", "vin", "chassis", "车架"]
    PRECHECK = re.compile(r"(?i)[0-9A-Za-z]{17}|车架|识别代|识别码|vin|chassis")

    def validate_result(self, pattern_text: str) -> bool | None:
        """Valid check digit: True. Else a mix of letters and digits stays weak (a cue lifts it)."""
        if valid_vin(pattern_text):
            return True
        if _LOOKALIKE.search(pattern_text):  # no VIN holds I, O or Q: read them as 1 and 0, or reject
            # (a word of 17 letters passes the check digit one time in eleven: a VIN is mostly digits)
            few = len(_LOOKALIKE.findall(pattern_text)) <= 2 and sum(c.isdigit() for c in pattern_text) >= 5
            return few and valid_vin(pattern_text.translate(_AS_DIGITS))
        v = alnum_only(pattern_text)
        letters = sum(c.isalpha() for c in v)
        return None if letters >= 2 and sum(c.isdigit() for c in v) >= 5 else False
