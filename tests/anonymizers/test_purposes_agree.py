"""research and model_tuning find exactly the same spans and never fail on a row of the sets."""

from __future__ import annotations

import pytest

from anonymizers import Deidentifier
from anonymizers.keyring import KeyRing

SPOKEN_AND_OBFUSCATED = [
    # (text, value that must not survive either purpose)
    ("我电话幺三八零零幺三八零零零", "幺三八零零幺三八零零零"),
    ("手机一三八一二三四五六七八", "一三八一二三四五六七八"),
    ("信用卡四一幺三九一二三四五六七八九零一二", "四一幺三九一二三四五六七八九零一二"),
    ("卡号六二二二零二一二三四五六七八九零一二八", "六二二二零二一二三四五六七八九零一二八"),
    ("打138呀1234呀5678", "138呀1234呀5678"),
    ("号码1\u200b3\u200c8\u200d0013\u20608000", "1\u200b3\u200c8\u200d0013\u20608000"),
    ("壹叁捌零零壹叁捌零零零找我", "壹叁捌零零壹叁捌零零零"),
    ("电话1️⃣8️⃣5️⃣0️⃣3️⃣8️⃣9️⃣4️⃣4️⃣4️⃣8️⃣", "1️⃣8️⃣5️⃣0️⃣3️⃣8️⃣9️⃣4️⃣4️⃣4️⃣8"),
    ("邮箱 zhangwei at qq dot com", "zhangwei at qq dot com"),
    ("xiaoming艾特163点com", "xiaoming艾特163点com"),
    ("my number is one three eight, one two three four, five six seven eight", "one three eight"),
    ("身份证 110101 19900307 4514", "110101 19900307 4514"),
]


@pytest.fixture()
def purposes(tmp_path, monkeypatch, engine):
    monkeypatch.delenv("AIMATE_KEY_SURROGATE", raising=False)
    ring = KeyRing.load(tmp_path / "keystore.json")
    return Deidentifier("research", engine=engine), Deidentifier("model_tuning", engine=engine, keyring=ring)


@pytest.mark.parametrize(("text", "value"), SPOKEN_AND_OBFUSCATED)
def test_both_purposes_find_the_same_spans(purposes, text: str, value: str) -> None:
    research, tuning = purposes
    (r,), (t,) = research.deidentify([text]), tuning.deidentify([text])
    assert r.error is None and t.error is None, (r.error, t.error)
    assert r.entities and r.entities == t.entities
    assert value not in r.text and value not in t.text


def test_card_read_aloud_does_not_raise_under_model_tuning(purposes) -> None:
    """Was AssertionError: unreachable from luhn_complete on a card with no Arabic digits."""
    _research, tuning = purposes
    (out,) = tuning.deidentify(["信用卡四一幺三九一二三四五六七八九零一二，谢谢"])
    assert out.error is None and "四一幺三九" not in out.text


def _tune_rows() -> list[str]:
    from anonymizers.evaluation.independent import available_sets, load_set, parts_of

    texts: list[str] = []
    for name in available_sets():
        if "tune" in parts_of(name):  # holdout parts are for the final report only
            texts += [m.text for m in load_set(name, "tune")]
    return texts


@pytest.mark.slow
def test_every_tune_row_deidentifies_under_both_purposes(purposes) -> None:
    texts = _tune_rows()
    assert len(texts) > 500
    research, tuning = purposes
    for d in (research, tuning):
        outs = d.deidentify(texts)
        failed = [(t, o.error) for t, o in zip(texts, outs, strict=True) if o.error or o.text is None]
        assert failed == []
    r_spans = research.engine.analyze(texts)
    assert [[(x.entity_type, x.start, x.end) for x in rs] for rs in r_spans] == [
        [(x.entity_type, x.start, x.end) for x in rs] for rs in tuning.engine.analyze(texts)
    ]
