"""Table tests of the regional identifiers added for issue 9, each through the full engine
(patterns, checksums in validate_result, cue words, CJK context without spaces) and directly."""

from __future__ import annotations

import pytest

from anonymizers.predefined_recognizers.country_specific.china import (
    CnDriverLicenseRecognizer,
    CnHmtPermitRecognizer,
    CnSocialSecurityRecognizer,
    CnUsccRecognizer,
    MessengerIdRecognizer,
    TwPermitRecognizer,
)
from anonymizers.predefined_recognizers.country_specific.hong_kong import HkIdCardRecognizer
from anonymizers.predefined_recognizers.country_specific.international import VinRecognizer

from .conftest import found

POSITIVE = [
    # HK identity card: check digit; brackets conclusive, bare form with a cue
    ("HK_ID_CARD", "香港身份证号A123456(3)，填表要写括号吗", "A123456(3)"),
    ("HK_ID_CARD", "证件号码AB987654（3）谢谢", "AB987654（3）"),
    ("HK_ID_CARD", "my HKID is Z683365(A)", "Z683365(A)"),
    ("HK_ID_CARD", "香港身份证A1234563", "A1234563"),
    # Mainland travel permit for HK/Macau residents, exit-entry permit
    ("CN_HMT_PERMIT", "回乡证H12345678过期了", "H12345678"),
    ("CN_HMT_PERMIT", "我的回乡证号码是M1234567801", "M1234567801"),
    ("CN_HMT_PERMIT", "往来港澳通行证CK1234567快到期", "CK1234567"),
    ("CN_HMT_PERMIT", "港澳通行证号C12345678签注", "C12345678"),
    # Taiwan compatriot permit and the mainland permit to Taiwan
    ("TW_PERMIT", "台胞证号码12345678，能注册吗", "12345678"),
    ("TW_PERMIT", "台胞证 1234 5678", "1234 5678"),
    ("TW_PERMIT", "台胞证1234567890(B)补办", "1234567890(B)"),
    ("TW_PERMIT", "往来台湾通行证L12345678快过期了", "L12345678"),
    # Unified social credit code (GB 32100)
    ("CN_USCC", "统一社会信用代码91110000600037341L，开票用", "91110000600037341L"),
    ("CN_USCC", "营业执照91110000600037341L", "91110000600037341L"),
    # Social security card numbers after their cue
    ("CN_SOCIAL_SECURITY", "社保卡号G12345678，帮我查", "G12345678"),
    ("CN_SOCIAL_SECURITY", "医保卡号：C 1 2 3 4 5 6 7 8", "C 1 2 3 4 5 6 7 8"),
    ("CN_SOCIAL_SECURITY", "社保卡号是123456789", "123456789"),
    # Driving licence file number
    ("CN_DRIVER_LICENSE", "驾驶证档案编号320123456789，在哪看", "320123456789"),
    ("CN_DRIVER_LICENSE", "档案编号 3201 2345 6789", "3201 2345 6789"),
    # VIN: check digit conclusive; a European VIN (no check digit) after its cue; separators after a cue
    ("VIN", "买了辆车1M8GDM9AXKP042788挺好", "1M8GDM9AXKP042788"),
    ("VIN", "车架号WVWZZZ1JZXW000001", "WVWZZZ1JZXW000001"),
    ("VIN", "车架号 1M8G-DM9A-XKP0-4278-8", "1M8G-DM9A-XKP0-4278-8"),
    # Messenger ids: Douyin, Xiaohongshu, foreign apps
    ("MESSENGER_ID", "抖音号abc_12345，关注一下", "abc_12345"),
    ("MESSENGER_ID", "小红书号：1234567890", "1234567890"),
    ("MESSENGER_ID", "his ig is tony_5833", "tony_5833"),
    ("MESSENGER_ID", "我的Xbox gamertag是coco7108，一起玩", "coco7108"),
    # Wider cues for WeChat / QQ
    ("WECHAT_ID", "加我绿泡泡 alex_2024 哦", "alex_2024"),
    ("WECHAT_ID", "微x：lily_88a", "lily_88a"),
    ("WECHAT_ID", "加v：kk_1988", "kk_1988"),
    ("WECHAT_ID", "薇❤️tony7628，找我", "tony7628"),
    ("WECHAT_ID", "加个vx吧，amy_02231，这里聊不开", "amy_02231"),
    ("WECHAT_ID", "你们都加我iris72891啊，薇信，不是QQ", "iris72891"),
    ("QQ_NUMBER", "我Q号 12345678", "12345678"),
    ("QQ_NUMBER", "扣扣351 021 971，拉你进群", "351 021 971"),
    ("QQ_NUMBER", "企鹅号123456789", "123456789"),
    # Bank cards after 卡/账户/尾号 with other issuers (Luhn), spaced plates, +86 landlines in English
    ("CN_BANK_CARD", "工行卡号9558801234567890128转给我", "9558801234567890128"),
    ("CN_BANK_CARD", "账户 9558801234567890128 的余额", "9558801234567890128"),
    ("CN_LICENSE_PLATE", "车牌粤 B 8X9 12被拍了", "粤 B 8X9 12"),
    ("CN_LICENSE_PLATE", "京A·12345违停", "京A·12345"),
    ("CN_LICENSE_PLATE", "我车牌陕A·壹贰叁肆伍", "陕A·壹贰叁肆伍"),
    ("CN_LICENSE_PLATE", "车牌粤B😀D😀12345（防和谐）", "粤B😀D😀12345"),
    ("CN_LANDLINE", "Call our Beijing office at +86 10 6552 9988 today", "+86 10 6552 9988"),
    ("CN_LANDLINE", "office: +86-21-6234-5678.", "+86-21-6234-5678"),
]

NEGATIVE = [
    "香港身份证A123456(4)是错的",  # HKID check digit wrong
    "型号A1234563的打印机",  # bare HKID shape, check digit right, no cue
    "统一社会信用代码91110000600037341M",  # GB 32100 check character wrong
    "订单201906230074083721已发货",  # an order number whose digits happen to pass GB 32100
    "车型1M8GDM9A1KP042788不对",  # VIN check digit wrong, no cue
    "台胞证办理要12345678元吗？不是，是300元",  # 8 digits not right after the cue
    "订单号12345678，社保交了12个月",
    "档案室在3楼，编号12",
    "抖音好好玩，dy真上头",
    "QQ群里有20000人",
    "hello，微信好友",
    "价格¥1380，不贵",
    "航班CA1234延误了",
]


# Interchangeable readings of one value (a +86 landline is also a valid international phone number).
_SAME = {"CN_LANDLINE": {"CN_LANDLINE", "PHONE_NUMBER"}}


@pytest.mark.parametrize(("entity", "text", "value"), POSITIVE)
def test_found(engine, entity: str, text: str, value: str) -> None:
    assert any(t in _SAME.get(entity, {entity}) and v == value for t, v in found(engine, text))


@pytest.mark.parametrize("text", NEGATIVE)
def test_hard_negative(engine, text: str) -> None:
    assert found(engine, text) == []


@pytest.mark.parametrize(
    ("recognizer", "text", "value", "score"),
    [
        (HkIdCardRecognizer, "香港身份证号A123456(3)", "A123456(3)", 1.0),
        (HkIdCardRecognizer, "A1234563", "A1234563", 0.15),  # needs a cue: stays below the threshold alone
        (CnUsccRecognizer, "代码91110000600037341L吗", "91110000600037341L", 1.0),
        (VinRecognizer, "车1M8GDM9AXKP042788好", "1M8GDM9AXKP042788", 1.0),
        (CnHmtPermitRecognizer, "号H12345678", "H12345678", 0.25),
        (TwPermitRecognizer, "台胞证12345678", "12345678", 0.7),
        (CnSocialSecurityRecognizer, "社保卡号G12345678", "G12345678", 0.75),
        (CnDriverLicenseRecognizer, "档案编号320123456789", "320123456789", 0.75),
        (MessengerIdRecognizer, "抖音号abc_12345", "abc_12345", 0.7),
    ],
)
def test_recognizer_alone(recognizer, text: str, value: str, score: float) -> None:
    rec = recognizer()
    results = rec.analyze(text, [rec.ENTITY])
    assert [(text[r.start : r.end], r.score) for r in results] == [(value, score)]


@pytest.mark.parametrize(
    ("recognizer", "text"),
    [
        (HkIdCardRecognizer, "A123456(4)"),
        (CnUsccRecognizer, "91110000600037341M"),
        (CnUsccRecognizer, "110101199003074514"),  # an 18-digit resident ID is not a credit code
        (VinRecognizer, "11111111111111111"),
        (MessengerIdRecognizer, "my ig is great"),
        (MessengerIdRecognizer, "My office line is 404.665.1412"),  # a phone, not a LINE id
    ],
)
def test_recognizer_rejects(recognizer, text: str) -> None:
    rec = recognizer()
    assert [r for r in rec.analyze(text, [rec.ENTITY]) if r.score >= 0.3] == []


def test_every_new_recognizer_is_declared_and_registered() -> None:
    from anonymizers.predefined_recognizers.declared import recognizer_classes

    classes = set(recognizer_classes())
    for rec in (HkIdCardRecognizer, CnHmtPermitRecognizer, TwPermitRecognizer, CnUsccRecognizer,
                CnSocialSecurityRecognizer, CnDriverLicenseRecognizer, VinRecognizer, MessengerIdRecognizer):
        assert rec in classes
