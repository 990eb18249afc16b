"""QQ numbers: 5-11 digits, only right after a QQ cue (QQ/Q号/扣扣/企鹅号) since bare digits are ambiguous."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from anonymizers.predefined_recognizers.declared import DeclaredPatternRecognizer

from ...precheck import PrecheckMixin

_CUE = r"(?:qq|扣扣|企鹅|(?<![A-Za-z])q(?=号|:|：)|球球号)(?:\s*(?:号码?|账号|号是))?\s*(?:是|为|:|：|=|is)?\s*"


class QqNumberRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """QQ_NUMBER: 5-11 digits not starting with 0, preceded by a QQ cue."""

    ENTITY = "QQ_NUMBER"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 45
    SURROGATE = "digits"
    PATTERNS = [
        Pattern("QQ after cue", r"(?<=" + _CUE + r")[1-9]\d{4,10}(?![0-9])", 0.7),
    ]
    CONTEXT = ["qq", "扣扣", "企鹅号", "q号"]
    PRECHECK = re.compile(r"(?i)qq|扣扣|企鹅|q号|q[:：]|球球号")

