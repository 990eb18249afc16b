"""A free-text value that is nothing but one identifier-shaped token.

A search box holding `1841489` or `dustin50_8498`, or a chat reply made of one such token, has no cue
word for any recognizer to lean on, yet it can only be someone's account: a QQ number, a phone
fragment, a WeChat id. Inside a sentence, bare digit runs stay with the cue-driven recognizers (prices
and order numbers are kept there). This is a rule about whole *free-text* values, so it is applied
where the pipeline knows a column is free text (`transforms/clean/rows.py`), not as a recognizer: a
structured value (`SM-S9180`, `2026-W48`, `chr_laoshi_wang`) is a single token by nature.
"""

from __future__ import annotations

import re

from anonymizers.normalize import NormalizedText

PLACEHOLDER = "<GENERIC_ID>"
_EDGE = " \t\r\n\u3000\"'“”‘’「」『』()（）"
_DIGITS = re.compile(r"\+?\d{5,19}")
# letters and at least two digits, optionally _ . - (a handle, a user name with a number)
_HANDLE = re.compile(r"@?(?=[A-Za-z0-9_.\-]*[A-Za-z])(?=(?:[^\d]*\d){2})[A-Za-z0-9][A-Za-z0-9_.\-]{3,39}")
_VERSION = re.compile(r"[vV]?\d+(?:\.\d+)+")


def is_lone_identifier(text: str | None) -> bool:
    """Whether the whole value (quotes and spaces aside, zero-width characters and spacing undone) is
    one digit run of 5-19 digits or one handle-shaped token; a version number is neither."""
    if not text or len(text) > 80:
        return False
    core = NormalizedText.of(text.strip(_EDGE)).text.strip(_EDGE)
    if not core or _VERSION.fullmatch(core):
        return False
    return bool(_DIGITS.fullmatch(core.replace(" ", "")) or _HANDLE.fullmatch(core))
