"""PRC passports: E + 8 digits, E + letter + 7 digits (2012+ e-passports); G/D/S/P + 8 digits (older)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

from ...precheck import PrecheckMixin


class CnPassportRecognizer(PrecheckMixin, PatternRecognizer):
    """CN_PASSPORT: the shape alone is moderately confident; 护照/passport context lifts it."""

    PATTERNS = [
        Pattern("CN e-passport", r"(?<![0-9A-Za-z])E(?:\d{8}|[A-HJ-NP-Z]\d{7})(?![0-9A-Za-z])", 0.45),
        Pattern("CN passport (older)", r"(?<![0-9A-Za-z])[GDSP]\d{8}(?![0-9A-Za-z])", 0.3),
    ]
    CONTEXT = ["护照", "护照号", "passport", "证件"]
    PRECHECK = re.compile(r"[EGDSP][0-9A-HJ-NP-Z]\d{7}")

    def __init__(
        self, supported_language: str = "zh", supported_entity: str = "CN_PASSPORT", **kwargs
    ) -> None:
        super().__init__(
            supported_entity=supported_entity,
            patterns=kwargs.pop("patterns", None) or self.PATTERNS,
            context=kwargs.pop("context", None) or self.CONTEXT,
            supported_language=supported_language,
            global_regex_flags=kwargs.pop("global_regex_flags", None) or 0,  # passports are upper case
            **kwargs,
        )
