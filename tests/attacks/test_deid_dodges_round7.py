"""Dodges found in the tune half of the blind adversarial set r14 (round 7), one case each.

Every case failed before this change: the identifier came out verbatim under both purposes.
An e-mail whose domain is read as Chinese numerals (艾特 一六三 点 com), a province / city / district
address typed with blanks and no 市, a permit number split by bopomofo letters (1ㄅ0ㄅ9…), and a handle
in quotes right after its cue (抖音搜 'da_hai…'). From the tune halves of r11/r12: a Hong Kong identity card
typed with a blank after its letter (K 348228 (6)), a pasted family chat whose speakers are given names that
are also ordinary words (建国：, 建华：), and households named by building-unit-room code in property notices.
"""

from __future__ import annotations

import pytest

from anonymizers.deidentifier import Deidentifier

CASES = [
    # (text, value that must not survive)
    ("邮箱发你了 zhou.min.77 艾特 一六三 点 com 收一下", "zhou.min.77"),
    ("快递寄到 黑龙江 哈尔滨 南岗区 学府路 七十四号 谢谢", "哈尔滨 南岗区 学府路"),
    ("吉林 长春 朝阳区 红旗街 一百零八号 三楼", "长春 朝阳区 红旗街"),
    ("台胞证 1ㄅ0ㄅ9ㄅ2ㄅ3ㄅ7ㄅ4ㄅ5 帮我填一下", "1ㄅ0ㄅ9ㄅ2ㄅ3ㄅ7ㄅ4ㄅ5"),
    ("抖音搜 'xiao_yu_ai_chi_yu' 就能找到我", "xiao_yu_ai_chi_yu"),
    ("小红书搜「tang_guo_jiang_21」关注一下", "tang_guo_jiang_21"),
    ("HKID: K 348228 (6)，唔好話俾人知", "348228"),
    ("香港身份證 A 874780（9）幫我填", "874780"),
    ("[家族群]\n大舅：明天都来吃饭\n建国：我开车接妈\n二姐：收到", "建国"),
    ("大姨：周日给外公过寿\n建华：收到，我带孩子过去\n大姨：建华你早点来", "建华"),
    ("催缴通知：以下房号物业费逾期未缴：8-1-602 王女士，9-1-303 租户", "8-1-602"),
    ("[7-2-501 张姐] 谁家的车堵住地库出口了？\n[9-1-1602] 每天都堵", "9-1-1602"),
]
# What the new rules must leave alone: a screen name describes, it does not name (writers keep it).
KEPT = [
    ("会员注册\n昵称：奶茶不加糖\n手机：见下", "奶茶不加糖"),
    ("他网名是静静的小鱼，挺可爱", "静静的小鱼"),
    ("黑龙江 冬天 真冷 啊", "黑龙江 冬天 真冷"),
    ("[家族群]\n大舅：明天都来吃饭\n二姐：收到\n小姑：好的", "大舅：明天都来吃饭"),
    ("收件人：王磊\n地址：见下\n电话：稍后发", "地址：见下"),
    ("小区快递到了，取件码：8-3-2012，在单元门口", "8-3-2012"),
    ("业主群通知：会议日期 12-25-2024 晚上七点", "12-25-2024"),
]


@pytest.fixture(scope="module")
def deidentifiers():
    from anonymizers.engine import get_engine

    engine = get_engine()
    return [Deidentifier("research", engine=engine), Deidentifier("model_tuning", engine=engine)]


@pytest.mark.parametrize(("text", "value"), CASES)
def test_dodge_is_redacted_under_both_purposes(deidentifiers, text: str, value: str) -> None:
    for d in deidentifiers:
        out = d.deidentify([text])[0].text
        assert value not in out, (d.purpose, out)


@pytest.mark.parametrize(("text", "kept"), KEPT)
def test_ordinary_text_is_kept(deidentifiers, text: str, kept: str) -> None:
    for d in deidentifiers:
        assert kept in d.deidentify([text])[0].text
