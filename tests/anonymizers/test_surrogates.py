"""model_tuning surrogates: consistent per key version, realistic, keyed, rotated, not re-detected."""

from __future__ import annotations

import random
import re

import pytest

from anonymizers.deidentifier import Deidentifier
from anonymizers.keyring import KeyRing
from anonymizers.predefined_recognizers.country_specific.china._checks import luhn_ok, valid_resident_id
from anonymizers.surrogates import _EN_MONTHS, SurrogateGenerator


@pytest.fixture()
def keyring(tmp_path, monkeypatch):
    monkeypatch.delenv("AIMATE_KEY_SURROGATE", raising=False)
    return KeyRing.load(tmp_path / "keystore.json")


@pytest.fixture()
def tuning(keyring, engine):
    return Deidentifier("model_tuning", engine=engine, keyring=keyring)


def test_same_value_any_typing_same_surrogate(tuning) -> None:
    outs = tuning.deidentify(["手机13800138000", "打给 +86 138-0013-8000", "号码１３８００１３８０００"])
    mobiles = [re.sub(r"\D", "", o.text)[-11:] for o in outs]
    assert len(set(mobiles)) == 1
    assert "13800138000" not in "".join(o.text for o in outs)


def test_surrogate_keeps_typed_format(tuning) -> None:
    out = tuning.deidentify(["打给 +86 138-0013-8000 吧"])[0].text
    assert re.fullmatch(r"打给 \+86 14[0-4]-\d{4}-\d{4} 吧", out)


def test_rotation_changes_surrogates(keyring, engine) -> None:
    text = ["我是王秀英，手机13800138000，邮箱test@example.com"]
    before = Deidentifier("model_tuning", engine=engine, keyring=keyring)
    first = before.deidentify(text)[0].text
    assert before.deidentify(text)[0].text == first
    keyring.rotate("surrogate")
    after = Deidentifier("model_tuning", engine=engine, keyring=keyring)
    assert after.key_version != before.key_version
    second = after.deidentify(text)[0].text
    assert second != first
    assert "王秀英" not in second and "13800138000" not in second


def test_different_keys_give_different_values() -> None:
    a, b = SurrogateGenerator(b"a" * 32, "v1"), SurrogateGenerator(b"b" * 32, "v1")
    values = [("CN_MOBILE", "13800138000"), ("PERSON", "王秀英"), ("EMAIL_ADDRESS", "x@y.com")]
    assert [a(*v) for v in values] != [b(*v) for v in values]
    assert "a" * 32 not in repr(a)


@pytest.mark.parametrize(
    ("entity", "value", "shape"),
    [
        ("CN_MOBILE", "13800138000", r"14[0-4]\d{8}"),
        ("CN_RESIDENT_ID", "110101199003074514", r"99\d{15}[0-9X]"),
        ("CN_BANK_CARD", "6222021234567890128", r"62\d{17}"),
        ("IMEI", "352099001761481", r"00\d{13}"),
        ("EMAIL_ADDRESS", "test@example.com", r"[a-z]+\d+@mail\.example"),
        ("PERSON", "王秀英", r"[\u4e00-\u9fff]{3}"),
        ("PERSON", "小张", r"小[\u4e00-\u9fff]"),
        ("PERSON", "John Smith", r"[A-Z][a-z]+ [A-Z][a-z]+"),
        ("CN_LICENSE_PLATE", "粤B·D12345", r"粤I·[0-9A-Z]{6}"),
        ("WECHAT_ID", "wxid_abc123", r"[a-z]{6,16}"),
    ],
)
def test_realistic_shape(entity: str, value: str, shape: str) -> None:
    out = SurrogateGenerator(b"k" * 32, "v1")(entity, value)
    assert re.fullmatch(shape, out), out
    assert out != value


def test_surrogates_are_not_real_identifiers() -> None:
    g = SurrogateGenerator(b"k" * 32, "v1")
    for i in range(200):
        assert not valid_resident_id(g("CN_RESIDENT_ID", f"1101011990030{i:04d}"))
        assert not luhn_ok(g("CN_BANK_CARD", f"622202123456789{i:04d}"))
        assert luhn_ok(g("IMEI", f"3520990017{i:05d}"))  # well-formed, but the TAC range is test-only


def test_structured_surrogates_replace_every_original(tuning, engine) -> None:
    """No allow-list any more: well-formed surrogates (IPs, phones, MACs, URLs...) may be re-detected,
    but none of the originals survives and the checksum types are not re-detected as themselves."""
    values = [
        "13800138000", "110101199003074514", "6222021234567890128", "test@example.com", "36.17.3.4",
        "00:1A:2B:3C:4D:5E", "35-209900-176148-1", "粤B·D12345", "E12345678", "wxid_abc123", "https://foo.com/x",
        "(212) 867-5309", "+44 20 7946 0958",
    ]
    text = (
        "手机13800138000，身份证110101199003074514，卡号6222021234567890128，邮箱test@example.com，"
        "IP 36.17.3.4，MAC 00:1A:2B:3C:4D:5E，串号35-209900-176148-1，车牌粤B·D12345，护照E12345678，"
        "微信 wxid_abc123，网址https://foo.com/x，US (212) 867-5309, UK +44 20 7946 0958"
    )
    out = tuning.deidentify([text])[0]
    assert out.error is None and len(out.entities) == 13
    assert not [v for v in values if v in out.text]
    again = {r.entity_type for r in engine.analyze([out.text])[0]}
    assert not again & {"CN_MOBILE", "CN_RESIDENT_ID", "CN_BANK_CARD", "IMEI", "CN_LICENSE_PLATE"}


@pytest.mark.parametrize("value", ["2 May 1989", "1989年5月2日", "May 2, 1989"])
def test_a_surrogate_never_holds_the_original(value: str) -> None:
    """A date surrogate keeps the decade; a draw of "12 May 1989" for "2 May 1989" still held the
    original verbatim: such draws are drawn again."""
    for i in range(600):
        out = SurrogateGenerator(i.to_bytes(32, "big"), "t")("DATE_OF_BIRTH", value)
        assert value not in out, (i, out)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("我是2000年的情人节那天出生的", "情人节"),
        ("我妈1962年农历八月初三生的", "八月初三"),
        ("我生日是一九九八年三月五号", "三月五"),
    ],
)
def test_worded_birth_dates_are_replaced_whole(tuning, text: str, gone: str) -> None:
    """A date written in words keeps its month and day in the words: the surrogate is a new date."""
    out = tuning.deidentify([text])[0].text
    assert gone not in out and re.search(r"\d{4}年\d{1,2}月\d{1,2}日", out), out


def test_english_month_names_are_redrawn() -> None:
    gen = SurrogateGenerator.__new__(SurrogateGenerator)
    outs = {gen._date_of_birth(random.Random(seed), "March 5, 1998").split()[0] for seed in range(40)}
    assert len(outs) > 3 and outs <= set(_EN_MONTHS)
