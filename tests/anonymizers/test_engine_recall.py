"""Issue 9 engine: Presidio's recognizers back (CJK-safe), all-region phones, no allow-list,
obfuscated e-mails, English addresses and lowercase names, the GENERIC_ID safety net."""

from __future__ import annotations

import pytest

from .conftest import found

PRESIDIO_BACK = [
    # (entity, text, value) - each next to Han characters where \b used to fail
    ("IBAN_CODE", "汇款到IBAN PT53174108747495567107313，金额", "PT53174108747495567107313"),
    ("IBAN_CODE", "账户GB82WEST12345698765432谢谢", "GB82WEST12345698765432"),
    ("CRYPTO", "比特币地址16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ收款", "16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ"),
    ("CRYPTO", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"),
    ("US_SSN", "my social security number is 078-05-1121", "078-05-1121"),
    ("US_SSN", "我的SSN是219-09-9999谢谢", "219-09-9999"),
    ("US_ITIN", "my itin: 911701234", "911701234"),
    ("US_PASSPORT", "my travel passport is A12803456", "A12803456"),
    ("US_DRIVER_LICENSE", "my driver license is: 1234567901234", "1234567901234"),
    ("US_BANK_NUMBER", "checking account 12345678901234567 at the bank", "12345678901234567"),
    ("UK_NHS", "NHS号码401-023-2137请查", "401-023-2137"),
    ("IP_ADDRESS", "服务器2001:0db8:85a3:0000:0000:8a2e:0370:7334挂了", "2001:0db8:85a3:0000:0000:8a2e:0370:7334"),
    ("IP_ADDRESS", "ip ::ffff:192.168.1.1 ok", "::ffff:192.168.1.1"),
    ("EMAIL_ADDRESS", "邮箱test.user@gmail.com谢谢", "test.user@gmail.com"),
    ("URL", "主页https://weibo.com/u/123456看看", "https://weibo.com/u/123456"),
]

PHONES = [
    ("My Japanese number is 090-1234-5678", "090-1234-5678"),
    ("香港电话 +852 9123 4567 找我", "+852 9123 4567"),
    ("call me on +61 2 9374 4000", "+61 2 9374 4000"),
    ("international one is +30 21 0 1234567", "+30 21 0 1234567"),
    ("my phone number is (425) 882-9090", "(425) 882-9090"),
    ("Brazil: +55 11 98456 5666", "+55 11 98456 5666"),
]

# The fail-open documentation allow-list is gone: these are redacted like any value.
FORMER_ALLOW_LIST = [
    ("PHONE_NUMBER", "call 212-555-0123 tonight", "212-555-0123"),
    ("IP_ADDRESS", "IP 2001:db8::1 挂了", "2001:db8::1"),
    ("IP_ADDRESS", "IP 192.0.2.15 挂了", "192.0.2.15"),
    ("IP_ADDRESS", "host 198.51.100.7 down", "198.51.100.7"),
    ("EMAIL_ADDRESS", "邮箱test@example.com谢谢", "test@example.com"),
    ("MAC_ADDRESS", "MAC 00:00:5e:00:53:01", "00:00:5e:00:53:01"),
]

OBFUSCATED_EMAILS = [
    "邮箱 zhangwei at qq dot com 谢谢",
    "mail me: john.doe(at)gmail(dot)com",
    "xiaoming艾特163点com",
    "lily#163.com",
    "bob [at] example [dot] org",
    "tom (at) outlook (dot) com",
    "email ryan dot he at outlook dot com",
    "邮箱ryan<at>hotmail<dot>com",
    "kevin(a)foxmail.com，a换成@",
    "email: coco-at-gmail-dot-com",
    "lucy@ gmail.com，我打了个空格",
    "邮箱9566273911@qq。com，句号改成点",
    "you can email me at nancy dot huang at qq dot com or call",
]

ADDRESSES = [
    ("I live at 6921 Rhonda Passage Apt. 574\nNew Jacobside, FM 55246 now", "6921 Rhonda Passage Apt. 574\nNew Jacobside, FM 55246"),
    ("ship to 11047 Daniel Heights Suite 858 Lukeland NV", "11047 Daniel Heights Suite 858 Lukeland NV"),
    ("地址 593 Kathy Drive Apt. 220, Andreaton, Montenegro", "593 Kathy Drive Apt. 220, Andreaton, Montenegro"),
    ("we moved to 12 Main St. last year", "12 Main St."),
]

LOWERCASE_NAMES = [
    ("my name is john", "john"),
    ("i'm troy cannon, originally from Carpentershire", "troy cannon"),
    ("我叫zhang wei，你好", "zhang wei"),
    ("name:    laura richards", "laura richards"),
    ("his name is Mr. May", "Mr. May"),
]

NOT_NAMES = ["I'm going home now", "this is great, see you", "hi everyone, i'm happy"]

GENERIC_IDS = [
    ("会员卡号 88812345678 记得", "88812345678"),
    ("账户 1234 5678 901", "1234 5678 901"),
    ("my member id 5839201746", "5839201746"),
    ("信用卡号4111 1111 1111 1112", "4111 1111 1111 1112"),  # fails Luhn, still cued
    ("薇❤️tony762835602，找我拿链接", "tony762835602"),  # lowercase handle + long digit run, no cue needed
    ("私我 wechat: cherry.wang534350372", "cherry.wang534350372"),
]

HARD_NEGATIVES = [
    "订单号码 123456789 还没发货",
    "快递单号SF1234567890123，一直显示运输中",
    "验证码 1234567 五分钟有效",
    "会议号846 392 105，别迟到",
    "价格 12345678 元",
    "版本 1234567 已发布",
    "routing 026009593, please wire",
    "中通单号78342910563821，显示在杭州",
    "这个包裹YT9876543210987是我的吗",
    "我在iphone15上看的",
]


@pytest.mark.parametrize(("entity", "text", "value"), PRESIDIO_BACK)
def test_presidio_recognizers_back_and_cjk_safe(engine, entity: str, text: str, value: str) -> None:
    assert (entity, value) in found(engine, text)


@pytest.mark.parametrize(("text", "value"), PHONES)
def test_phones_of_every_region(engine, text: str, value: str) -> None:
    assert ("PHONE_NUMBER", value) in found(engine, text)


@pytest.mark.parametrize(("entity", "text", "value"), FORMER_ALLOW_LIST)
def test_documentation_values_are_redacted(research, entity: str, text: str, value: str) -> None:
    out = research.deidentify([text])[0]
    assert out.error is None and value not in out.text and f"<{entity}>" in out.text


def test_allow_list_function_is_gone() -> None:
    from anonymizers import engine

    assert not hasattr(engine, "is_documentation_value")


@pytest.mark.parametrize("text", OBFUSCATED_EMAILS)
def test_obfuscated_emails(engine, text: str) -> None:
    kinds = found(engine, text)
    assert [k for k, _ in kinds] == ["EMAIL_ADDRESS"]
    value = kinds[0][1]
    assert value[0].isalnum() and value[-1].isalpha() and len(value) >= 10


@pytest.mark.parametrize(("text", "value"), ADDRESSES)
def test_street_addresses(engine, text: str, value: str) -> None:
    assert ("ADDRESS", value) in found(engine, text)


@pytest.mark.parametrize(("text", "value"), LOWERCASE_NAMES)
def test_lowercase_and_cued_names(engine, text: str, value: str) -> None:
    assert ("PERSON", value) in found(engine, text)


@pytest.mark.parametrize("text", NOT_NAMES)
def test_cue_words_that_are_not_names(engine, text: str) -> None:
    assert [k for k, _ in found(engine, text) if k == "PERSON"] == []


@pytest.mark.parametrize(("text", "value"), GENERIC_IDS)
def test_generic_id_safety_net(engine, text: str, value: str) -> None:
    hits = found(engine, text)
    assert any(v == value for _k, v in hits), hits


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_safety_net_keeps_hard_negatives(engine, text: str) -> None:
    assert found(engine, text) == []
