"""Voice transcripts spell numbers out; a phone or ID read aloud is still that identifier."""

from __future__ import annotations

import pytest

from anonymizers import Deidentifier
from anonymizers.normalize import NormalizedText


@pytest.fixture(scope="module")
def research() -> Deidentifier:
    return Deidentifier.for_purpose("research")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("记住我手机号幺三七二八六六八八九三", "记住我手机号<CN_MOBILE>"),
        ("我的电话是幺八幺九幺零九幺六九八你记一下", "我的电话是<CN_MOBILE>你记一下"),
        ("号码是１３８ ００１３ ８０００", "号码是<CN_MOBILE>"),
        ("身份证幺幺零幺零幺幺九九零零三零七四五幺四", "身份证<CN_RESIDENT_ID>"),
    ],
)
def test_spoken_identifiers_are_replaced_in_place(research: Deidentifier, text: str, expected: str) -> None:
    assert research.deidentify([text])[0].text == expected


# A 12-digit number read aloud (幺三七二八六六八八九四零) is no longer "ordinary": recall first, it is
# redacted (see test_normalized_view.py).
@pytest.mark.parametrize("text", ["我有一二三个苹果", "一二三四五六七八九十", "两三天后再说"])
def test_ordinary_numerals_stay(research: Deidentifier, text: str) -> None:
    assert research.deidentify([text])[0].text == text


def test_spelled_view_keeps_offsets() -> None:
    view = NormalizedText.of("电话幺三八零零幺三八零零零好")
    assert view.text == "电话13800138000好" and len(view.text) == len(view.original)
    assert view.span(2, 13) == (2, 13)
