"""Permits between the Mainland and Taiwan.

* 台湾居民来往大陆通行证 (台胞证): card since 2015 has 8 digits; older booklets 10 digits, often with a
  bracketed letter/renewal suffix (1234567890(B)).
* 往来台湾通行证 (the Mainland residents' permit, 大通证): L (card) or T (booklet) + 8 digits.
Bare 8/10-digit runs are everywhere, so those count only right after a Taiwan-permit cue.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ...declared import DeclaredPatternRecognizer
from ...precheck import PrecheckMixin
from .._cues import after_cue

_TW_CUE = after_cue("台胞证", "台胞證", "台湾居民来往大陆通行证", "來往大陸通行證", "来往大陆通行证", "台湾同胞证", "mtp")


class TwPermitRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """TW_PERMIT: 台胞证 digits after their cue; 往来台湾通行证 L/T + 8 digits (cue lifts the shape)."""

    ENTITY = "TW_PERMIT"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 89
    SURROGATE = "alnum"
    PATTERNS = [
        Pattern(
            "Taiwan compatriot permit after cue",
            _TW_CUE + r"\d{4}[ -]?\d{4}(?:\d{2})?(?:\s?[(（][0-9A-Za-z]{1,2}[)）])?(?![0-9A-Za-z])",
            0.7,
        ),
        Pattern("Mainland permit to Taiwan", r"(?<![0-9A-Za-z])[LT]\d{8}(?![0-9A-Za-z])", 0.2),
    ]
    CONTEXT = ["台湾", "往来台湾", "通行证", "大通证", "赴台", "入台", "台胞证", "permit"]
    PRECHECK = re.compile(r"(?i)台胞[证證]|来往大陆|來往大陸|台湾同胞|mtp|[LT]\d{8}")
