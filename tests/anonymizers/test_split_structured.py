"""Structured identifiers typed in pieces, glued to their cue, or without a digit: one table per class.

Values are made up (check digits computed here), not taken from the evaluation sets. A value is
protected when every letter and digit of it lies inside some detected span, whatever its type.
"""

from __future__ import annotations

import pytest

from anonymizers.normalize import NormalizedText
from anonymizers.predefined_recognizers.checks import (
    business_hotline,
    gb32100_check_char,
    luhn_complete,
    not_a_phone_shape,
)

USCC = "9144030071526" + "2730"  # 17 characters
USCC = USCC + gb32100_check_char(USCC)
IMEI = luhn_complete("86042103557918")


def _covered(engine, text: str, value: str) -> bool:
    spans = [(r.start, r.end) for r in engine.analyze([text])[0]]
    s = text.index(value)
    return all(any(a <= i < b for a, b in spans) for i in range(s, s + len(value)) if text[i].isalnum())


VIEWS = [
    # spelled one by one with one repeated separator, at least two digits
    ("护照E K 2 0 4 8 1 7 5，别外传", "护照EK2048175,别外传"),
    ("车牌苏.E.F.7.2.9.3，挡路了", "车牌苏.EF7293,挡路了"),
    ("QQ是5_8_2_0_1_9_3_7", "QQ是58201937"),
    # messenger cue, pieces split by emoji / one by one / full-width spaces with digits
    ("加v mo🍀ka🍀9x_", "加v moka9x_"),
    ("vx是 h a r u k o 7", "vx是 haruko7"),
    ("微信　ｓｈｉ　Ｒ７　ｂａｏ，加我", "微信 shiR7bao,加我"),
    # identifier noun, pieces with digits or single letters, fillers between them
    ("通行证　ＣＮ１２　３４５　６７，到期了", "通行证 CN1234567,到期了"),
    ("社保卡K731就是2290然后4，丢了", "社保卡K73122904,丢了"),
    # groups that validate only joined (GB 32100)
    (f"代码{USCC[:4]} {USCC[4:8]} {USCC[8:12]} {USCC[12:15]} {USCC[15:]}，对吗", f"代码{USCC},对吗"),
    (f"代码{USCC[:4]}-{USCC[4:8]}-{USCC[8:11]}-{USCC[11:15]}-{USCC[15:]}", f"代码{USCC}"),
    # spaced dotted quad, URL scheme typed apart, filler words between digit groups
    ("服务器 10 . 24 . 137 . 9 连不上", "服务器 10.24.137.9 连不上"),
    ("server 2 0 3 . 1 1 . 9 . 4 4 down", "server 203.11.9.44 down"),
    ("链接 h t t p s://example.org/u/77", "链接 https://example.org/u/77"),
    ("我号码159，然后，3377，再2468", "我号码15933772468"),
    ("号码：137 / 下段 / 5521 / 最后 / 0846", "号码:13755210846"),
    # a host whose dots are written out
    ("主页 weibo点com/u/7730412", "主页 weibo.com/u/7730412"),
    ("看这个 nanashop(dot)com/p/771", "看这个 nanashop.com/p/771"),
    # English digits read aloud with double / triple
    ("call four one five double five triple oh one three", "call 4155500013"),
    # numerals continuing a Latin letter; fewer numerals than usual when emoji split them
    ("会员号K伍伍捌贰玖陆", "会员号K558296"),
    ("企鹅号 七🌟三🌟五🌟一🌟九🌟二", "企鹅号 735192"),
    # an IPv4 read out or with spaces around ideographic dots
    ("IP是172点16点40点3", "IP是172.16.40.3"),
    ("ip 10 。 8 。 0 。 77", "ip 10.8.0.77"),
    # after an identifier noun or a QQ cue, dots, dashes and underscores separate pieces too
    ("护照E704.1928.3，签证", "护照E70419283,签证"),
    ("香港身份证K482-9131", "香港身份证K4829131"),
    ("QQ2873.4109.65，加我", "QQ2873410965,加我"),
    ("办公室电话010-62345678转人工", "办公室电话010-62345678转人工"),  # phone cues keep their grouping
    # numerals continuing a handle after _ or -
    ("微信lily_贰零壹玖x", "微信lily_2019x"),
    # platform cue, typed full-width after an ASCII cue
    ("抖音号：yu🔥mi🔥0417", "抖音号:yumi0417"),
    ("VX: ｈｏｎｅｙ　ｂｅｅ　７７", "VX: honeybee77"),
]

UNCHANGED = [
    "We met in Paris. Me and my wife loved it.",
    "我一点com都不懂",
    "价格 3 . 5 元",
    "my wechat is down and i like cats",  # English words after a cue
    "微信 hello world",  # no digit, not spelled
    "I love you A B C D E",  # letters spelled out, no digits
    "version 1.2.3",
    "HKID is Z683365(A)",  # "is" is no piece of the value
]


@pytest.mark.parametrize(("original", "view"), VIEWS)
def test_split_code_reads_joined(original: str, view: str) -> None:
    v = NormalizedText.of(original)
    assert v.text == view
    assert v.index is None or list(v.index) == sorted(v.index)


@pytest.mark.parametrize("text", UNCHANGED)
def test_ordinary_text_is_not_joined(text: str) -> None:
    assert NormalizedText.of(text).text == text


PROTECTED = [
    # split values end to end
    ("护照E K 2 0 4 8 1 7 5，别外传", "E K 2 0 4 8 1 7 5"),
    ("挡路的是苏.E.F.7.2.9.3，谁的车", "苏.E.F.7.2.9.3"),
    ("他的Q是5_8_2_0_1_9_3_7，骗子", "5_8_2_0_1_9_3_7"),
    ("加v mo🍀ka🍀9x_，拉群", "mo🍀ka🍀9x_"),
    ("微x是 h a r u k o 7 t t，加我", "h a r u k o 7 t t"),
    ("所以✉ｓｈｉ　Ｒ７　ｂａｏ　_２_，懂的", "ｓｈｉ　Ｒ７　ｂａｏ　_２_"),
    ("通行证　ＣＮ１２　３４５　６７，到期了", "ＣＮ１２　３４５　６７"),
    (f"信用代码{USCC[:4]} {USCC[4:8]} {USCC[8:12]} {USCC[12:15]} {USCC[15:]}，开票", USCC[:4]),
    ("服务器 10 . 24 . 137 . 9 连不上", "10 . 24 . 137 . 9"),
    ("我号码159，然后，3377，再2468", "159，然后，3377，再2468"),
    (f"串号{IMEI[:4]}嘛{IMEI[4:8]}然后{IMEI[8:12]}啊{IMEI[12:]}，丢了", f"{IMEI[:4]}嘛{IMEI[4:8]}然后{IMEI[8:12]}啊{IMEI[12:]}"),
    ("链接 h t t p s://example.org/u/77，删空格", "h t t p s://example.org/u/77"),
    # a Latin cue glued to the value
    (f"IMEI{IMEI}，帮查", IMEI),
    ("我IP58.219.4.130，哪里的", "58.219.4.130"),
    ("婚恋网上的ID7305518，是骗子", "7305518"),
    ("游戏UID3094471826被盗", "3094471826"),
    ("游戏UIDGD-55731被盗", "GD-55731"),
    ("路由器里MAC5C:2E:91:AB:07:D4是谁", "5C:2E:91:AB:07:D4"),
    # letters-only WeChat handles right after a Han cue (fail closed)
    ("微信keiratanaka", "keiratanaka"),
    ("加我微信orlandobrooks，谢谢", "orlandobrooks"),
    ("对方微信号miaZhouqing，拉黑了", "miaZhouqing"),
    ("my wechat id is tobiaswren", "tobiaswren"),
    ("my wechat is hollisvane", "hollisvane"),
    ("add me on wechat hollisvane", "hollisvane"),
    ("抖音号lilyzhangx，关注一下", "lilyzhangx"),
    ("follow me on ig hollisvane", "hollisvane"),
    ("兼职加pq8841，日结", "pq8841"),
    # alphanumeric codes after an identifier noun
    ("我的工号B40721，请假", "B40721"),
    ("住院号ZY30118224719，床位", "ZY30118224719"),
    ("病历号SZ-661203，复查", "SZ-661203"),
    ("会员卡号VIP40517733，积分", "VIP40517733"),
    ("序列号C8QW2LM0TX4R，保修", "C8QW2LM0TX4R"),
    ("会员号K伍伍捌贰玖陆，积分", "K伍伍捌贰玖陆"),
    # internationalised URLs
    ("https://示例.公司/主页/lena7719 我的页面", "https://示例.公司/主页/lena7719"),
    ("xn--6qq79v.xn--fiqs8s/~lena，我的主页", "xn--6qq79v.xn--fiqs8s/~lena"),
    ("我的主页 https://steamcommunity.com/profiles/lena7719，加好友", "https://steamcommunity.com/profiles/lena7719"),
    # a national number in pairs (French format) is still a phone
    ("appelle-moi au 06 12 34 56 78", "06 12 34 56 78"),
    # a scheme before an IP literal leaves the literal to the IP recognizer
    ("open http://[2001:db8::7]:8080/ now", "2001:db8::7"),
    # the unspecified IPv6 address standing alone as a value
    ("bind=:: port=80", "::"),
    # MAC as spaced pairs or bare after a cue; plates typed with a dot; WeChat search glue
    ("MAC: 5c 2e 91 ab 07 d4", "5c 2e 91 ab 07 d4"),
    ("mac地址5C2E91AB07D4，蹭网", "5C2E91AB07D4"),
    ("车牌号 浙 B · D 7 0 3 5 2", "浙 B · D 7 0 3 5 2"),
    ("微信搜一搜 pilates_home", "pilates_home"),
    ("IP地址：172点16点40点3", "172点16点40点3"),
    ("车牌粤/B/7/0/4/9/3，挡路", "粤/B/7/0/4/9/3"),
    ("车牌粤B70-493，挡路", "粤B70-493"),
    ("车架号LSVA🌸B418🌸5E21🌸2345🌸6", "LSVA🌸B418🌸5E21🌸2345🌸6"),
    ("邮箱 5 0 1 7 7 3 @ q q . c o m 收", "5 0 1 7 7 3 @ q q . c o m"),
    ("门诊号MZ30481127，挂号", "MZ30481127"),
    ("证件号ZJ7730421", "ZJ7730421"),
    # round 4: +86 numbers split by emoji, fillers, '_' or '，'; 那个/对 between groups; MAC with spaced
    # separators; lower-case plates after their cue; handles ending in '-', 4 letters long, after 加我V / 加这个
    ("打我(+86)139🍉2045🍉7788", "(+86)139🍉2045🍉7788"),
    ("电话+8613920，4577，88", "+8613920，4577，88"),
    ("电话+86 137_0021_8843", "+86 137_0021_8843"),
    ("手机139 那个 2045 那个 7788", "139 那个 2045 那个 7788"),
    ("卡号6217对0003嗯8800嗯嗯1234567", "6217对0003嗯8800嗯嗯1234567"),
    ("网卡MAC 3C : 22 : FB : 9A : 01 : 7E", "3C : 22 : FB : 9A : 01 : 7E"),
    ("我车牌浙ae7731，挡路了", "浙ae7731"),
    ("微x：PqRsTuv-，备注", "PqRsTuv"),
    ("绿泡泡搜mhao，秒过", "mhao"),
    ("加我V Jack_1994", "Jack_1994"),
    ("你加这个ｌｉｎｙｕ２０２０，全角的", "ｌｉｎｙｕ２０２０"),
    # Ethereum typed in groups and TRON (Base58Check), a link with its dot written [.], an @-handle
    ("收款地址0x3f 5ce5 fbfe 3e9a f397 1dd8 33d2 6ba9 b5c9 36f0 be，ERC20", "0x3f 5ce5 fbfe 3e9a f397 1dd8 33d2 6ba9 b5c9 36f0 be"),
    ("转到TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7就行", "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7"),
    ("比特币地址1BvB MSEY stWe tqTF n5Au 4m4G Fg7x JaNV N2，别外传", "1BvB MSEY stWe tqTF n5Au 4m4G Fg7x JaNV N2"),
    ("BTC: bc1q ar0s rrr7 xfkv y5l6 43ly dnw9 re59 gtzz wf5m dq", "bc1q ar0s rrr7 xfkv y5l6 43ly dnw9 re59 gtzz wf5m dq"),
    ("主页在weibo[.]com/u/5630021987，别外传", "weibo[.]com/u/5630021987"),
    ("推特上有人私信我，账号@mike_2077，好奇怪", "@mike_2077"),
    ("my number is +65 9123 - 4567, text me", "+65 9123 - 4567"),
    # codes after 社保号/社保电脑号/住院号/准考证号/MRN, a game account name with '_'
    ("社保电脑号:GZ7730125，别外传", "GZ7730125"),
    ("新生儿住院号7720391，体重3.2kg", "7720391"),
    ("准考证号2604110237，考场在三楼", "2604110237"),
    ("wristband MRN AB12  3456  78", "AB12  3456  78"),
    ("申诉说账号lucky_star521违规了", "lucky_star521"),
    # sound-alike digits, digit groups split by a short word (joined only to a valid mobile / ID),
    # pinyin digits, 小老鼠 for @, a handle or a VIN typed over two lines after its cue
    ("我的卡溜尔腰妻灵灵灵伞巴思雾溜妻巴酒灵腰（谐音）", "溜尔腰妻灵灵灵伞巴思雾溜妻巴酒灵腰"),
    ("他电话是139打电话2045我的7788", "139打电话2045我的7788"),
    ("13000000，电话138 0000 0000。", "138 0000 0000"),  # only the whole run is joined, never a part of it
    ("身份证前面是110105，接着是19491231002X，对", "110105，接着是19491231002X"),
    ("我的号 yao san jiu er ling si wu qi qi ba ba，记一下", "yao san jiu er ling si wu qi qi ba ba"),
    ("邮箱lily_chen小老鼠163点com", "lily_chen小老鼠163点com"),
    ("微信xiaoming\n_lin2046，拼起来", "xiaoming\n_lin2046"),
    ("车架号1M8GDM9A\nXKP042788，车主", "1M8GDM9A\nXKP042788"),
    # a cue glued to the value (美国SSN…, yhk…), a Discord-style tag, a dashed code after 证号
    ("美国SSN⑤③④⑧⑨①②③④，材料要用", "⑤③④⑧⑨①②③④"),
    ("我的yhk⑥②②⑧④⑧⓪③②②③④⓪⓪⓪⑧被冻结", "⑥②②⑧④⑧⓪③②②③④⓪⓪⓪⑧"),
    ("我 IG 是 lily.w#2046，follow 我", "lily.w#2046"),
    ("学生证号XS-7720-118，补办", "XS-7720-118"),
]


@pytest.mark.parametrize(("text", "value"), PROTECTED)
def test_value_is_protected(engine, text: str, value: str) -> None:
    assert _covered(engine, text, value)


KEPT = [
    ("my wechat is broken today", "broken"),
    ("my wechat message was long", "message"),
    ("my wechat is blocked again", "blocked"),
    ("my wechat is terrible lately", "terrible"),
    ("add me on wechat tomorrow", "tomorrow"),
    ("i use wechat everyday", "everyday"),
    ("my ig is cool", "cool"),
    ("we should line up here", "line"),
    ("hello，微信好友", "hello"),
    ("订单号AB1234567，催发货", "AB1234567"),
    ("手机型号A2403，好用吗", "A2403"),
    ("std::vector<int> 怎么用", "std::vector"),
    ("好的：：", "：："),
    ("version v1.2.3.4 released", "v1.2.3.4"),
    ("加油abcde", "abcde"),
    # number shapes that are no phone anywhere, business hotlines, an order number's groups, a waybill
    ("预算填3000-6000那档", "3000-6000"),
    ("e约等于2.7182818", "2.7182818"),
    ("客服热线400-612-7788，工作日", "400-612-7788"),
    ("订单号2025 0311 7788 1234 56，发货没", "0311 7788 1234"),
    ("中通快递单号ZT.3318.0746.2210", "3318.0746.2210"),
    ("加我一下好友吧", "一下"),
    ("@所有人 今晚八点开会", "@所有人"),
    ("@everyone see you", "@everyone"),
    ("USDT钱包地址格式是0x开头", "0x"),
    ("第3期共129元，2019年12月31日截止", "129"),
    ("意思是尔等巴不得", "尔等巴不得"),
    ("你加这个group吧", "group"),
]


@pytest.mark.parametrize(("text", "kept"), KEPT)
def test_hard_negative_is_kept(engine, text: str, kept: str) -> None:
    k = text.index(kept)
    assert not [r for r in engine.analyze([text])[0] if r.start < k + len(kept) and r.end > k]


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [("5000-8000", True), ("300 ~ 500", True), ("3.1415926", True), ("03 08 12 19 25 33", True), ("06 12 34 56 78", False),
     ("010-6552-9988", False), ("555.1234567", False), ("138 1234 5678", False), ("12.50", False)],
)
def test_not_a_phone_shape(candidate: str, expected: bool) -> None:
    assert not_a_phone_shape(candidate) is expected


@pytest.mark.parametrize(("digits", "expected"), [("4006127788", True), ("4001234", False), ("8006127788", False)])
def test_business_hotline(digits: str, expected: bool) -> None:
    assert business_hotline(digits) is expected


def test_digits_glued_to_a_code_prefix_are_no_phone(engine) -> None:
    """PP-387504-5141: the digits after a letter prefix and a dash are the rest of a code."""
    text = "PayPal case PP-387504-5141 好烦"
    assert not [r for r in engine.analyze([text])[0] if r.entity_type == "PHONE_NUMBER"]


def test_dotted_quads_are_never_joined_into_a_mobile(engine) -> None:
    """172.28.236.66和172.19.205.181: the filler 和 must not bridge octets into 17219205181."""
    text = "服务器172.28.236.66和172.19.205.181不通"
    assert {(r.entity_type, text[r.start : r.end]) for r in engine.analyze([text])[0]} == {
        ("IP_ADDRESS", "172.28.236.66"), ("IP_ADDRESS", "172.19.205.181")}
