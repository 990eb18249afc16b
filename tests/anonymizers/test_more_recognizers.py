"""Table tests for landline, passport, plate, IMEI, MAC, date of birth, Chinese names and addresses."""

from __future__ import annotations

import pytest

from .conftest import found

POSITIVE = [
    ("MESSENGER_ID", "Discord 加我 lin_yu88，今晚开黑", "lin_yu88"),  # 加我 between platform and handle
    ("MESSENGER_ID", "迪斯扣 kiki_cat7 找我", "kiki_cat7"),  # Discord as it sounds
    ("MESSENGER_ID", "Discord加我：l u o _ y i 2 0 8 8 # 4 4 1 2，开黑", "l u o _ y i 2 0 8 8 # 4 4 1 2"),  # spelled, with _ and #
    ("MESSENGER_ID", "LINE ID @ s u n n y 7 7 2 1，联系我", "@ s u n n y 7 7 2 1"),
    ("MESSENGER_ID", "my ign is b o . l i n . 3 3 0 2, add me", "b o . l i n . 3 3 0 2"),
    ("MESSENGER_ID", "加我 live:.cid.5e7d9c1b3a2f4e6d 就行", "live:.cid.5e7d9c1b3a2f4e6d"),  # a Microsoft account id
    ("GENERIC_ID", "lost my wallet with my DL K4413702 in it", "K4413702"),  # DL as an identifier noun
    ("MAC_ADDRESS", "设备MAC 3C~22~FB~9A~01~7E，如非本人", "3C~22~FB~9A~01~7E"),
    ("IP_ADDRESS", "我的IP是192.168.1.5，你看看", "192.168.1.5"),  # private, but no LAN cue: redacted
    # a LAN cue keeps only private addresses (not 8.8.4.4 here: a listed public resolver identifies no user and is kept)
    ("IP_ADDRESS", "内网穿透到公网 36.112.45.201 了", "36.112.45.201"),
    ("CN_LANDLINE", "办公室电话010-62345678转人工", "010-62345678"),
    ("CN_LANDLINE", "座机 (0755)26789012", "(0755)26789012"),
    ("CN_LANDLINE", "座机 0571 8765 4321", "0571 8765 4321"),
    ("CN_LANDLINE", "固话02187654321", "02187654321"),  # bare form needs the cue
    ("CN_PASSPORT", "护照号E12345678，下周出发", "E12345678"),
    ("CN_PASSPORT", "passport EA1234567", "EA1234567"),
    ("CN_PASSPORT", "护照G12345678过期了", "G12345678"),
    ("CN_LICENSE_PLATE", "车牌京A12345停在楼下", "京A12345"),
    ("CN_LICENSE_PLATE", "我的车是粤B·D12345新能源", "粤B·D12345"),
    ("CN_LICENSE_PLATE", "沪A 12345D", "沪A 12345D"),
    ("IMEI", "手机IMEI 352099001761481", "352099001761481"),
    ("IMEI", "串号35-209900-176148-1", "35-209900-176148-1"),
    ("MAC_ADDRESS", "MAC地址00:1A:2B:3C:4D:5E连不上", "00:1A:2B:3C:4D:5E"),
    ("DATE_OF_BIRTH", "我的生日是1990年3月7日", "1990年3月7日"),
    ("DATE_OF_BIRTH", "我1992-11-05出生的", "1992-11-05"),
    ("DATE_OF_BIRTH", "I was born on March 7, 1990.", "March 7, 1990"),
    ("DATE_OF_BIRTH", "生日：3月7号", "3月7号"),
    ("PERSON", "我是梁鑫，明天见", "梁鑫"),
    ("PERSON", "跟李欣去吃饭", "李欣"),
    ("PERSON", "王秀英说她不来了", "王秀英"),
    ("PERSON", "小张说他迟到了", "小张"),
    ("PERSON", "明天和老李去钓鱼", "老李"),
    ("PERSON", "请联系欧阳娜娜", "欧阳娜娜"),
    ("PERSON", "王先生你好", "王先生"),
    ("PERSON", "收件人：扈畅，电话见下", "扈畅"),
    ("PERSON", "Yesterday John Smith called", "John Smith"),
    ("PERSON", "我和Emily Watson明天见", "Emily Watson"),
    ("ADDRESS", "我住在北京市朝阳区建国路88号，有空来玩", "北京市朝阳区建国路88号"),
    ("ADDRESS", "地址：上海市浦东新区世纪大道100号", "上海市浦东新区世纪大道100号"),
    ("ADDRESS", "我家在阳光花园3栋2单元501室", "阳光花园3栋2单元501室"),
    ("ADDRESS", "地址：吉林省长春市魏都区马街445号，电话", "吉林省长春市魏都区马街445号"),
    ("ADDRESS", "成都市武侯区人民南路四段1号", "成都市武侯区人民南路四段1号"),
]

NEGATIVE = [
    "会议在13:45开始，记得带电脑",
    "这台电脑型号E1234太旧了",
    "今天天气很好，马上要下雨了",
    "黄金价格上涨，方便的话买点",
    "这个方法很好，我们公司高层开会讨论",
    "他在北京工作，周末去南京路逛街",
    "2023年3月7日发布了新版本",  # a date without a birthday cue
    "一共12345678个用户",
    "张开嘴巴，高兴得不得了",
    "我叫了外卖。联系人是我们公司的",
    "车牌京ABCDE是假的，京I12345也不存在",  # letters only / authority letter I
    "my wechat message was long",  # WeChat cue followed by an ordinary word
    "MAC 00:1A:2B:3C:4D 少了一段",
    "邮箱test@localhost写错了",
    "护照号码还没办下来",
    "兑换码8VXT-6VKQ-4Q9K，别给别人",  # VX inside a code is no WeChat cue
    "txn id 4012888888881881, refund pending",  # a Luhn-valid transaction number after its cue
    "交易流水号4012888888881881查不到",
    "路由器后台192.168.0.1登不上去",  # a private address on the user's own LAN
    "服务器内网10.2.3.4，端口8080",
]


@pytest.mark.parametrize(("entity", "text", "value"), POSITIVE)
def test_positive(engine, entity: str, text: str, value: str) -> None:
    assert (entity, value) in found(engine, text)


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative(engine, text: str) -> None:
    assert found(engine, text) == []


# The specific validator rejects these; recall first, a safety net (phone of some region, cued
# GENERIC_ID) still redacts the digits.
INVALID_STILL_REDACTED = [
    ("IMEI", "IMEI 352099001761482 这个校验位不对"),
    ("CN_BANK_CARD", "卡号6222021234567890127不对"),
    ("CN_LANDLINE", "座机010-1234"),
    ("CN_MOBILE", "请联系理赔专员16912345678处理"),  # an unallocated segment after 联系
    ("CN_MOBILE", "到了打电话164/3563/7501"),
]


@pytest.mark.parametrize(("entity", "text"), INVALID_STILL_REDACTED)
def test_invalid_value_not_claimed_by_its_type_but_redacted(engine, entity: str, text: str) -> None:
    kinds = [e for e, _v in found(engine, text)]
    assert entity not in kinds and kinds


def test_overlap_rule_prefers_validated_longer(engine) -> None:
    text = "联系 john.smith@example.com 谢谢"
    assert found(engine, text) == [("EMAIL_ADDRESS", "john.smith@example.com")]


def test_resolve_overlaps_rule() -> None:
    from presidio_analyzer import RecognizerResult

    from anonymizers.engine import resolve_overlaps

    rs = [
        RecognizerResult("PERSON", 0, 10, 0.85),
        RecognizerResult("CN_MOBILE", 3, 14, 1.0),
        RecognizerResult("URL", 20, 30, 0.5),
        RecognizerResult("EMAIL_ADDRESS", 15, 30, 1.0),
        RecognizerResult("CREDIT_CARD", 40, 56, 1.0),
        RecognizerResult("CN_BANK_CARD", 40, 56, 1.0),
    ]
    kept = [(r.entity_type, r.start, r.end) for r in resolve_overlaps(rs)]
    assert kept == [("CN_MOBILE", 3, 14), ("EMAIL_ADDRESS", 15, 30), ("CN_BANK_CARD", 40, 56)]
