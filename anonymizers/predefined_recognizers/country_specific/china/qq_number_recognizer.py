"""QQ numbers: 5-11 digits, only right after a QQ cue (QQ/Q号/扣扣/企鹅号) since bare digits are ambiguous."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from anonymizers.predefined_recognizers.declared import DeclaredPatternRecognizer

from ...precheck import PrecheckMixin
from .._cues import QQ_CUE

_CUE = QQ_CUE


class QqNumberRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """QQ_NUMBER: 5-11 digits not starting with 0, preceded by a QQ cue."""

    ENTITY = "QQ_NUMBER"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 45
    SURROGATE = "digits"
    PATTERNS = [
        Pattern("QQ after cue", r"(?<=" + _CUE + r")[1-9]\d{4,10}(?![0-9])", 0.7),
        Pattern("QQ after cue, digits grouped", r"(?<=" + _CUE + r")[1-9]\d{1,3}(?:[ -]\d{2,4}){1,4}(?![0-9])", 0.6),
        Pattern("QQ after cue, digits spaced", r"(?<=" + _CUE + r")[1-9](?: \d){4,10}(?![0-9])", 0.6),
    ]
    CONTEXT = ["qq", "扣扣", "企鹅号", "q号"]
    PRECHECK = re.compile(r"(?i)(?=[q扣抠企🐧球])(?:q\s?q|扣|抠抠|企鹅|🐧|q号|q[:：是]|q\s?\d|球球号)")  # lookahead: first chars

