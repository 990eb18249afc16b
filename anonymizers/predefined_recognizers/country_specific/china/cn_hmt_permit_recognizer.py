"""Permits between the Mainland and Hong Kong/Macau.

* 港澳居民来往内地通行证 (回乡证), held by HK/Macau residents: H (Hong Kong) or M (Macau) + 8 digits,
  older cards + 2 more digits (renewal count).
* 往来港澳通行证, the Mainland residents' exit-entry permit: card since 2014 ``C`` + letter + 7 digits
  (CK0442254), older booklets ``C``/``W`` + 8 digits.
No public check digit exists, so the shapes alone are weak and a cue (通行证/回乡证/港澳) lifts them.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ...declared import DeclaredPatternRecognizer
from ...precheck import PrecheckMixin


class CnHmtPermitRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """CN_HMT_PERMIT: 回乡证 H/M + 8 or 10 digits; 往来港澳通行证 C + letter + 7 digits, C/W + 8 digits."""

    ENTITY = "CN_HMT_PERMIT"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 88
    SURROGATE = "alnum"
    GLOBAL_REGEX_FLAGS = 0  # case-sensitive: the issuing letters are capitals
    PATTERNS = [
        Pattern("Home return permit", r"(?<![0-9A-Za-z])[HM]\d{8}(?:\d{2})?(?![0-9A-Za-z])", 0.25),
        Pattern("Exit-entry permit (card)", r"(?<![0-9A-Za-z])C[A-HJ-NP-Z]\d{7}(?![0-9A-Za-z])", 0.25),
        Pattern("Exit-entry permit (booklet)", r"(?<![0-9A-Za-z])[CW]\d{8}(?![0-9A-Za-z])", 0.15),
    ]
    CONTEXT = [
        "通行证", "回乡证", "港澳", "香港", "澳门", "签注", "来往内地", "往来港澳", "permit", "home return",
    ]
    PRECHECK = re.compile(r"[HMCW][0-9A-HJ-NP-Z]\d{7}")
