"""Cue-anchored patterns: an identifier that is only recognisable right after its cue word.

Bare 8-12 digit runs and short codes are everywhere in chat (prices, order numbers, codes); after
``台胞证`` or ``档案编号`` they are identifiers. ``after_cue`` builds the variable-width lookbehind
(Presidio compiles patterns with the ``regex`` module, which supports it) so the span starts at the
value, never at the cue.
"""

from __future__ import annotations

# What people type between a cue and the value: 号/号码/是/为/:/：/=, spaces, "is".
CUE_GLUE = r"(?:\s*(?:号码|号|账号|卡号|编号|id|ID|no\.?|No\.?|number))?\s*(?:是|为|:|：|=|is|:)?\s*"


def after_cue(*cues: str) -> str:
    """A lookbehind that matches right after one of ``cues`` (regex alternation, already escaped)."""
    return r"(?<=(?:" + "|".join(cues) + r")" + CUE_GLUE + r")"
