"""One normalised view for all purposes: format characters, numerals, fillers, offsets mapped back."""

from __future__ import annotations

import unicodedata

import pytest

from anonymizers.normalize import NormalizedText

VIEWS = [
    # (original, view)
    ("138呀1234呀5678", "13812345678"),
    ("1\u200b3\u200c8\u200d0013\u20608000", "13800138000"),
    ("\ufeff13800138000", "13800138000"),
    ("壹叁捌零零壹叁捌零零零", "13800138000"),
    ("幺三八1234五六七八", "13812345678"),
    ("电话幺三幺两拐九拐八幺八幺", "电话13127978181"),
    ("信用卡四一幺三九一二三四五六七八九零一二", "信用卡41139123456789012"),
    ("1 3 8 0 0 1 3 8 0 0 0", "13800138000"),
    ("138😀1234😀5678", "13812345678"),
    ("1️⃣3️⃣9️⃣0️⃣0️⃣1️⃣3️⃣9️⃣0️⃣0️⃣0️⃣这个号", "13900139000这个号"),
    ("138.1234.5678", "13812345678"),
    ("手机138 1234 5678", "手机13812345678"),
    ("卡号 6222-0212-3456-7890-128", "卡号 6222021234567890128"),
    ("QQ 779🔥845🌸757 来", "QQ 779845757 来"),
    ("这个号1 4 7 4 9 8 8 8 2 1 5一直给我", "这个号14749888215一直给我"),
    ("我手机l38OO138OOO", "我手机13800138000"),
    ("my number is one three eight, one two three four, five six seven eight", "my number is 13812345678"),
    ("１３８００１３８０００", "13800138000"),
    ("加我 q q 7 8 8 1 9 1 7 1 4", "加我 qq788191714"),  # spelled one by one, even unvalidated
    ("新号[1][6][3][2][7][5][7][9][8][4][0]", "新号[16327579840]"),  # one digit per bracket, unvalidated
    ("卡6222x0212x3456x7890x128", "卡6222021234567890128"),  # x between validated groups
    ("Qer ling liu wu ling si ling san er si", "Q2065040324"),  # pinyin digits after a glued Q
    ("电话妖山扒吾似寺漆久铃2", "电话1385447902"),  # more sound-alike digits
    ("电话 I38 oo13 8ooo", "电话 13800138000"),  # look-alike letters in spaced groups
    ("IP是幺幺三点二零点八点四五", "IP是113.20.8.45"),  # an IP read out in numerals
    ("主页hxxps://a.example.cn/me", "主页https://a.example.cn/me"),  # a defanged link
    ("邮箱 sоnіа@163.com", "邮箱 sonia@163.com"),  # Cyrillic look-alike letters
]

UNCHANGED = [
    "价格12.50元，13:45开会",  # prices and times keep their fillers
    "684D:1111:222:3333:4444:5555:6:77",  # ':' never bridges (IPv6, MAC, times)
    "123456789 1234567890 12345679012",  # long runs side by side are separate numbers
    "我有一二三个苹果",
    "一二三四五六七八九十",  # counting aloud
    "I love you and only one",
    "5000-8000那一档",
    "分辨率1920x1080",
    "IT60 X054 2811 1010 0000 0123 456",
    "山山水水久久不见",
    "一点三点四点五",
    "I love 2024 and 1999 lol",
]


@pytest.mark.parametrize(("original", "view"), VIEWS)
def test_view(original: str, view: str) -> None:
    v = NormalizedText.of(original)
    assert v.text == view
    # every view character maps inside the original, in order
    assert v.index is None or list(v.index) == sorted(v.index)


@pytest.mark.parametrize("text", UNCHANGED)
def test_view_leaves_ordinary_text(text: str) -> None:
    assert NormalizedText.of(text).text == unicodedata.normalize("NFKC", text)


@pytest.mark.parametrize(
    ("original", "needle", "expected"),
    [
        ("打138呀1234呀5678吧", "13812345678", "138呀1234呀5678"),
        ("my number is one three eight, one two three four, five six seven eight, ok", "13812345678",
         "one three eight, one two three four, five six seven eight"),
        ("号1\u200b3800138000好", "13800138000", "1\u200b3800138000"),
        ("电话1️⃣8️⃣5️⃣0️⃣3️⃣8️⃣9️⃣4️⃣4️⃣4️⃣8️⃣", "18503894448", "1️⃣8️⃣5️⃣0️⃣3️⃣8️⃣9️⃣4️⃣4️⃣4️⃣8️⃣"),
    ],
)
def test_spans_map_back_to_the_whole_written_value(original: str, needle: str, expected: str) -> None:
    v = NormalizedText.of(original)
    i = v.text.index(needle)
    s, e = v.span(i, i + len(needle))
    assert original[s:e] == expected


def test_surrogate_view_keeps_grouping() -> None:
    assert NormalizedText.of("+86 138-0013-8000", bridge=False).text == "+86 138-0013-8000"
