"""Dodges found in round 9, one case each; every case failed before its change under both purposes.

From the tune halves of the blind sets and the round-9 red team: an English greeting's addressee whose
name is not in the census tables (Hey Priya, / Thanks Aarav!).
"""

from __future__ import annotations

import pytest

from tests.attacks.conftest import assert_kept, assert_redacted

CASES = [
    ("Hey Priya, can you send the invoice to me?", "Priya"),
    ("Thanks Aarav! see you tomorrow", "Aarav"),
]

KEPT = [
    ("Hi team, meeting moved to 3pm", "team"),
    ("Hello World. is my first program", "World"),
    ("Hi Luna, how are you today", "Luna"),
]


@pytest.mark.parametrize(("text", "value"), CASES)
def test_dodge_is_redacted_under_both_purposes(deidentifiers, text: str, value: str) -> None:
    assert_redacted(deidentifiers, text, value)


@pytest.mark.parametrize(("text", "kept"), KEPT)
def test_ordinary_text_is_kept(deidentifiers, text: str, kept: str) -> None:
    assert_kept(deidentifiers, text, kept)
