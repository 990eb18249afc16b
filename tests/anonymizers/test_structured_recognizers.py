"""Each structured recognizer through the full engine: valid values found, invalid ones left alone."""

from __future__ import annotations

import pytest

from .conftest import found

POSITIVE = [
    ("CN_MOBILE", "我的手机号是13800138000谢谢", "13800138000"),
    ("CN_MOBILE", "打给+86 138-0013-8000吧", "+86 138-0013-8000"),
    ("CN_MOBILE", "电话0086 13800138000", "0086 13800138000"),
    ("CN_MOBILE", "号码：１３８ ００１３ ８０００。", "１３８ ００１３ ８０００"),
    ("CN_MOBILE", "call me at 139-1234-5678 tonight", "139-1234-5678"),
    ("CN_RESIDENT_ID", "身份证110101199003074514，请核对", "110101199003074514"),
    ("CN_RESIDENT_ID", "证件号11010519491231002X", "11010519491231002X"),
    ("CN_BANK_CARD", "我的卡号6222021234567890128谢谢", "6222021234567890128"),
    ("WECHAT_ID", "微信号 wxid_abc123 加我", "wxid_abc123"),
    ("WECHAT_ID", "vxwxid_2xb4xdh5bh3mv8记得加", "wxid_2xb4xdh5bh3mv8"),  # glued to its cue (the demo's clean zone)
    ("WECHAT_ID", "加我微信：alex_chen88 哦", "alex_chen88"),
    ("WECHAT_ID", "my wechat is lily2024x", "lily2024x"),
    ("QQ_NUMBER", "我的QQ：12345678", "12345678"),
    ("QQ_NUMBER", "扣扣号是 987654321 ", "987654321"),
    ("EMAIL_ADDRESS", "邮箱test@example.com谢谢", "test@example.com"),
    ("CREDIT_CARD", "我的卡号4111111111111111谢谢", "4111111111111111"),
    ("IP_ADDRESS", "服务器地址是192.168.10.23，请勿外传", "192.168.10.23"),
    ("URL", "看这个https://example.com/a/b谢谢", "https://example.com/a/b"),
]

NEGATIVE = [
    "价格¥1380，不贵",
    "订单号20231105123456789已发货",
    "版本v2.3.1发布了",
    "下午13:45见",
    "2024年是龙年",
    "我有18600块存款吗？没有，是1860块",
    "QQ群里有20000人",
]


@pytest.mark.parametrize(("entity", "text", "value"), POSITIVE)
def test_positive(engine, entity: str, text: str, value: str) -> None:
    assert (entity, value) in found(engine, text)


@pytest.mark.parametrize("text", NEGATIVE)
def test_hard_negative(engine, text: str) -> None:
    assert found(engine, text) == []


@pytest.mark.parametrize(
    ("entity", "text"),
    [("CN_MOBILE", "这个号12345678901不是手机号"), ("CN_RESIDENT_ID", "身份证110101199003074515（校验位错了）")],
)
def test_invalid_value_redacted_by_the_safety_net(engine, entity: str, text: str) -> None:
    kinds = [e for e, _v in found(engine, text)]
    assert entity not in kinds and kinds  # recall first: the digits still go


def test_chinese_only_text_never_runs_english_ner(engine, monkeypatch) -> None:
    calls: list[list[str]] = []
    real = engine.nlp.pipe

    def spy(texts, *a, **k):
        texts = list(texts)
        calls.append(texts)
        return real(texts, *a, **k)

    monkeypatch.setattr(engine.nlp, "pipe", spy)
    engine.analyze(["我的手机号是13800138000", "今天天气很好，张伟去上班了"])
    assert calls == []
    engine.analyze(["我和John Smith明天见"])
    assert calls == [["John Smith"]]
    # only the NER component runs: tagger/parser/lemmatizer are disabled for the pipe
    assert {"tagger", "parser", "lemmatizer", "attribute_ruler"} <= set(engine.ner_disabled)
    assert "ner" not in engine.ner_disabled
