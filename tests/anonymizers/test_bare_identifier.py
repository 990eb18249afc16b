"""A whole value that is one identifier-shaped token (a search for a QQ number or a WeChat id)."""

from __future__ import annotations

import pytest

from .conftest import found

REDACTED = [
    ("1841489", "1841489"),  # a QQ number typed into the search box
    ("dustin50_8498", "dustin50_8498"),  # a WeChat id
    ("  “austin37_3019” ", "austin37_3019"),  # quotes and spaces around it are not part of it
    ("@tiger_lily", "@tiger_lily"),
    ("+8613912345678", "+8613912345678"),
]
KEPT = [
    "2024",  # four digits: a year, a PIN-length code the cue recognizers judge
    "hello",
    "v2.9.17",  # a version
    "3.14.159",
    "找一下 dustin50_8498",  # inside a sentence the cue-driven recognizers decide
    "iphone 15",
    "订单号 20261264303329745287",
]


@pytest.mark.parametrize(("text", "value"), REDACTED)
def test_a_lone_identifier_token_is_redacted(engine, text: str, value: str) -> None:
    assert any(v == value for _t, v in found(engine, text)), found(engine, text)


@pytest.mark.parametrize("text", KEPT)
def test_other_values_are_not_taken_as_lone_identifiers(engine, text: str) -> None:
    assert not [v for t, v in found(engine, text) if t == "GENERIC_ID" and v == text.strip()], found(engine, text)
