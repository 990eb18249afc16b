"""Dodges found in round 8, one case each; every case failed before its change under both purposes.

A name announced once by a cue and then repeated without one (我是多多爸爸，多多这两天咳嗽), and the given
name or first name of a full name going on alone (同事贺文静今天请假了，文静下午回来; Priya Raman … Priya said).
Uyghur, Tibetan and Mongolian names written without a middle dot (阿依古丽, 阿布都热合曼, 娜仁花), also with a
blank or a dot between their parts; a rota that names a famous name's namesake next to a colleague (张伟、
李娜); nicknames after an office role (伴娘是小满, 前台小鹿, 找行政雪儿); staff numbers listed after one cue (工号分别是 A 三三零七、A 三三一二) and a follow-up visit number.
"""

from __future__ import annotations

import pytest

CASES = [
    # (text, value that must not survive)
    ("王老师您好，我是多多爸爸，多多这两天咳嗽", "多多这"),
    ("同事贺文静今天请假了，文静下午回来", "文静下午"),
    ("Hey Priya, my name is Priya Raman. Priya said ok", "Priya"),
    ("阿依古丽和张敏是我们班的班长和学习委员", "阿依古丽"),
    ("足球队首发：后卫阿布都热合曼，前锋还是我", "热合曼"),
    ("娜仁花姐姐说她在呼和浩特开了家奶茶店", "娜仁花"),
    ("旅游团名单：张伟、拉巴.次仁，导游姓王", "拉巴"),
    ("寄件人 阿 不 都 热 合 曼 13912345678", "热 合 曼"),
    ("车间排班：早班 张伟、李娜；中班 王强", "李娜"),
    ("工号分别是 A 三三零七、A 三三一二、A 三四零五", "A 三三一二"),
    ("她是我女儿，复诊号 FZ-0093，麻烦查一下", "FZ-0093"),
    ("伴娘是小满，司仪找的是婚庆公司的", "小满"),
    ("前台小鹿发访客证，茶歇找行政雪儿，PPT我来讲", "小鹿"),
    ("前台小鹿发访客证，茶歇找行政雪儿，PPT我来讲", "雪儿"),
]

KEPT = [
    # (text, word that must survive)
    ("阳阳他们班主任牟老师说他上课老跟同桌讲话。老师电话137 0825 9164", "老师电话"),
    ("My name is Annie Hall, the Annual report is due", "Annual"),
    ("扎西德勒！我们去呼和浩特和乌兰察布玩，格桑花开了", "扎西德勒"),
    ("我们去呼和浩特和乌兰察布玩，格桑花开了", "格桑花开了"),
    ("他才让我走，说要增加措施", "才让我走"),
    ("会员号 A 1234 的订单号 SF1234567", "SF1234567"),
    ("今天是小满，天气热起来了", "小满"),
    ("这个女孩儿真好看，那边儿有人", "女孩儿"),
    ("the HR portal keeps rejecting it", "HR portal"),
]


@pytest.mark.parametrize(("text", "value"), CASES)
def test_dodge_is_redacted_under_both_purposes(deidentifiers, text: str, value: str) -> None:
    for d in deidentifiers:
        out = d.deidentify([text])[0].text
        assert value not in out, (d.purpose, out)


@pytest.mark.parametrize(("text", "kept"), KEPT)
def test_ordinary_text_is_kept(deidentifiers, text: str, kept: str) -> None:
    for d in deidentifiers:
        assert kept in d.deidentify([text])[0].text
