"""Dodges found in the blind hand-written sets of round 5 (their tune halves), one case each.

Every case failed before this change: the identifier came out verbatim under both purposes.
Spelled digits keeping their dashes and brackets (SSN, US phone, landline), dingbat circled digits
(❶❺❶), a MAC typed with middle dots, a date with the letter O for zero, a Bitcoin or TRON address in
spaced groups (also before more words), sound-alike digits in spaced groups with 衣 for 1, a plate
split by an emoji and spaces, WeChat cues with a heart (微❤号, 威❤信), handles after ``@ `` or
``上找我：``, ``LINE是``, handles with an underscore and a digit with no cue at all; traditional permit cues
(台胞證), ➕v and 维❤ cues, wallets split by dashes, a foreign phone split by emoji after its ``+``, a plate
typed with ``‧``, and lettered policy / check-up / annual-pass numbers after their cue (保单号 is not 单号).
"""

from __future__ import annotations

import pytest

from tests.attacks.conftest import assert_kept, assert_redacted

CASES = [
    # (text, value that must not survive)
    ("my SSN is 5 3 1 - 4 7 - 2 2 8 6 don't tell anyone", "5 3 1 - 4 7 - 2 2 8 6"),
    ("his cell is (2 1 2) 5 5 5 - 0 1 9 8", "(2 1 2) 5 5 5 - 0 1 9 8"),
    ("我座机 0 2 0 - 3 8 7 6 - 5 5 2 1，白天打", "0 2 0 - 3 8 7 6 - 5 5 2 1"),
    ("我的号码 +86 ❶❺❶ ❷❸❽❼ ❹❹❾❻", "❶❺❶ ❷❸❽❼ ❹❹❾❻"),
    ("网卡MAC：A4·5E·60·C1·2B·9F，公司要登记", "A4·5E·60·C1·2B·9F"),
    ("my birthday is O3/O9/2OOO (letters O, hehe)", "O3/O9/2OOO"),
    ("BTC 地址 1Mfrst JtUYXj Sz3Yqx QZV68E PdKUZ4 hofr 分段发防风控", "1Mfrst JtUYXj Sz3Yqx QZV68E PdKUZ4 hofr"),
    ("Send USDT (TRC20) to TGHAbFpm WDKmhAf2 x3czKLSE B6JaJNDcHi or BTC", "TGHAbFpm WDKmhAf2 x3czKLSE B6JaJNDcHi"),
    ("要号码的私我，先给个提示：衣舞巴 尔溜伞似 酒妻灵巴，懂的都懂", "衣舞巴 尔溜伞似 酒妻灵巴"),
    ("车牌 浙A 🚗 8Q6 27，撞了我就跑了", "浙A 🚗 8Q6 27"),
    ("微❤号ｍｅｎｇ＿ｘｉ９５，V我50看看实力", "ｍｅｎｇ＿ｘｉ９５"),
    ("老铁们私信我 威❤信 kuai_le_xing_qiu_66 领资料", "kuai_le_xing_qiu_66"),
    ("Telegram: @ hongmei_trade_88 (no space)", "hongmei_trade_88"),
    ("contact him on Telegram @ lam_otc_desk", "lam_otc_desk"),
    ("Discord 上找我：m o o n w a l k e r . 0 3", "m o o n w a l k e r . 0 3"),
    ("有空帮我找宜蓁，她LINE是yizhen0827", "yizhen0827"),
    ("我加你微信吧，我的是 lemon_tree0521，备注一下", "lemon_tree0521"),
    ("台胞證號碼 1 0 2 7 3 8 4 6，辦手機卡時店員說要這個", "1 0 2 7 3 8 4 6"),
    ("征婚：坐标成都，➕v nini-0118，非诚勿扰", "nini-0118"),
    ("转租，加维❤ vx-nini-5287详聊", "vx-nini-5287"),
    ("空投地址登记：1dvHdjg8-yPGJUtoD-2NN4sduq-sBLwdCeg-D，推特", "1dvHdjg8-yPGJUtoD-2NN4sduq-sBLwdCeg-D"),
    ("我冷钱包地址0x0a0c13-0d055651-689aed13-6efd45d5-389c96f2-8f，谁借我", "0x0a0c13-0d055651-689aed13-6efd45d5-389c96f2-8f"),
    ("手机：+61-407🌙487💕212", "407🌙487💕212"),
    ("牌子是 沪 A ‧ 6 7 J 2 1 ，我记下来了", "6 7 J 2 1"),
    ("医疗险报销被拒，保单号ＪＸ－７０４１－１７６", "ＪＸ－７０４１－１７６"),
    ("Insurance claim: policy VIP58483845; the adjuster wants more", "VIP58483845"),
    ("你爸体检报告出来了（体检号TJ20241108-0392）", "TJ20241108-0392"),
    ("她用她的年卡SHDR-AP-73018842带我进的", "73018842"),
    ("服务器 47[.]98[.]201[.]15 被打了", "47[.]98[.]201[.]15"),
    ("钱包 0x 51e1 e528 d602 23de 588e f6df 67c4 c8ca 5bde 7d5b ，空格是我故意加的", "51e1 e528 d602"),
    ("钱包地址我拆开发：1HqPsyL5kNj2whP5 ZXYBQ8zbbrGL2L7Faf，安全吗", "1HqPsyL5kNj2whP5"),
    ("Airbnb房东说 WhatsApp +819️⃣0️⃣ 0️⃣6️⃣4️⃣7️⃣ 8️⃣7️⃣1️⃣7️⃣，入住3pm", "+819"),  # the country code goes too
    ("简历发我邮箱，或v ｂｏｂｏ－７９１１２", "ｂｏｂｏ－７９１１２"),
    ("工号136556，请假三天，调休从下周一开始", "136556"),
    ("车架号 LGWEF4A55NH178203，发动机号 NH178203B，还要带啥", "NH178203B"),
    ("提币提了半天没到，客服@mingzhu让我等", "mingzhu"),
    ("localhost 127.0.0.1", "127.0.0.1"),  # a loopback address is redacted unless a LAN or service cue says so
]
# What the new rules must leave alone.
KEPT = [
    ("照片IMG_2034.jpg 发你了", "IMG_2034"),
    ("今天和角色chr_sumu_01聊了很久", "chr_sumu_01"),
    ("比分 3 - 2，第 1 2 名", "3 - 2"),
    ("我家住在依山傍水的地方", "依山傍水"),
    ("护照号E75303110，7月12日入住", "7月12日"),
    ("合同编号ZL-2026-0815，租期到明年8月", "ZL-2026-0815"),
    ("订单号 SF-2024-118233 已发货", "SF-2024-118233"),
    ("V我50看看实力", "V我50"),
    # a private address as a service endpoint names a machine (host:port, after ssh / upstream)
    ("Connection refused at 172.16.30.201:8080，Docker版本24.0.7", "172.16.30.201:8080"),
    ("my ssh to 192.168.31.20 keeps timing out", "192.168.31.20"),
]


@pytest.mark.parametrize(("text", "value"), CASES)
def test_dodge_is_redacted_under_both_purposes(deidentifiers, text: str, value: str) -> None:
    assert_redacted(deidentifiers, text, value)


@pytest.mark.parametrize(("text", "kept"), KEPT)
def test_ordinary_text_is_kept(deidentifiers, text: str, kept: str) -> None:
    assert_kept(deidentifiers, text, kept)
