"""Taiwan national identification numbers (身分證字號): an area letter, 1 or 2, eight digits, check digit.

Written by Taiwanese users after 身分證 (the Taiwan spelling), or alone. The shape (a letter, then 1 or 2,
then eight digits) is rare in other text and the weighted check digit (``checks.valid_tw_national_id``)
must hold, so a valid value is redacted wherever it stands.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ...checks import valid_tw_national_id
from ...declared import DeclaredPatternRecognizer
from ...precheck import PrecheckMixin


class TwNationalIdRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """TW_NATIONAL_ID: Taiwan's 身分證字號, check digit validated."""

    ENTITY = "TW_NATIONAL_ID"
    VALIDATED = True
    STRUCTURED = True
    PRIORITY = 88
    SURROGATE = "alnum"
    PATTERNS = [Pattern("Taiwan national ID", r"(?<![0-9A-Za-z])[A-Za-z][12]\d{8}(?![0-9A-Za-z])", 0.3)]
    CONTEXT = ["身分證", "身份證", "身分证", "國民身分", "统一编号", "統一編號", "字號", "id"]
    PRECHECK = re.compile(r"[A-Za-z][12]\d{8}")

    def validate_result(self, pattern_text: str) -> bool | None:
        """The check digit holds: conclusive."""
        return valid_tw_national_id(pattern_text)
