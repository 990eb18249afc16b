"""Driving licence file numbers (驾驶证档案编号): 12 digits printed on the licence's second page.

The licence number itself is the holder's resident ID (found by that recognizer); the file number is a
bare 12-digit run, so it counts only after its cue (档案编号 / 驾驶证档案号 / file no.).
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ...declared import DeclaredPatternRecognizer
from ...precheck import PrecheckMixin
from .._cues import after_cue

_CUE = after_cue("驾驶证档案", "驾照档案", "档案编号", "档案号", "档案", "file no\\.?", "file number")


class CnDriverLicenseRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """CN_DRIVER_LICENSE: 12 digits after a licence-file cue (spaces between groups allowed)."""

    ENTITY = "CN_DRIVER_LICENSE"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 33
    SURROGATE = "digits"
    PATTERNS = [
        Pattern("Driving licence file number", _CUE + r"\d{4}[\s-]?\d{4}[\s-]?\d{4}(?![0-9])", 0.75),
    ]
    CONTEXT = ["驾驶证", "驾照", "档案编号", "档案号", "driving licence", "driver license"]
    PRECHECK = re.compile(r"(?i)档案|file n")
