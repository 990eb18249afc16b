"""Social security / medical insurance card numbers (社保卡号, 医保卡号).

The card number printed on a 社保卡 is usually the holder's resident ID (found by that recognizer);
many cities also issue a 9-character card number (a letter + 8 digits) or a 9-12 digit number.
Those shapes are ordinary elsewhere, so they count only right after a social-security cue.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ...declared import DeclaredPatternRecognizer
from ...precheck import PrecheckMixin
from .._cues import after_cue

_CUE = after_cue("社保卡", "社会保障卡", "社会保障号", "社保", "医保卡", "医保", "社会保险", "social security")


class CnSocialSecurityRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """CN_SOCIAL_SECURITY: a letter + 8 digits or 9-12 digits right after 社保卡号/医保卡号."""

    ENTITY = "CN_SOCIAL_SECURITY"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 32
    SURROGATE = "alnum"
    PATTERNS = [
        Pattern("Social security card (letter + 8 digits)", _CUE + r"[A-Za-z]\d{8}(?![0-9A-Za-z])", 0.75),
        Pattern("Social security card (digits)", _CUE + r"\d{9,12}(?![0-9A-Za-z])", 0.6),
    ]
    CONTEXT = ["社保卡", "社会保障", "医保卡", "社保"]
    PRECHECK = re.compile(r"(?i)社保|社会保|医保|social security")
