"""Dodges found in the tune half of the blind adversarial set r14 (round 7), one case each.

Every case failed before this change: the identifier came out verbatim under both purposes.
An e-mail whose domain is read as Chinese numerals (艾特 一六三 点 com), a province / city / district
address typed with blanks and no 市, a permit number split by bopomofo letters (1ㄅ0ㄅ9…), and a handle
in quotes right after its cue (抖音搜 'da_hai…'). From the tune halves of r11/r12: a Hong Kong identity card
typed with a blank after its letter (K 348228 (6)), a pasted family chat whose speakers are given names that
are also ordinary words (建国：, 建华：), and households named by building-unit-room code in property notices.
From the tune half of r15: sound-alike digits 令散而期死要, an underscore said aloud inside a handle, codes
broken over two lines, a series letter before a student number, the letter O in a passport number, a Weibo
screen name in Han characters, 阿 before an English name, and a Hong Kong estate with its phase written in
traditional characters (a recognizer's cheap pre-check saw only the traditional form and skipped it).
From the tune half of r17: a combining low line under every digit, an IMEI sent in two lines, a plate read
out in radio digits letter by letter, a Bitcoin address pasted backwards, 大 + surname, and an address
typed word by word after a blank-split cue (俺家 在 …), a mobile read out in radio digits with two sound-alikes
(幺八六 洞拐 巴巴…), and a member number after its cue in traditional characters (會員編號); one person of a
household named by surname and kin word (沈家阿婆) and village nicknames (二狗子, 铁柱). Older tune halves:
WeChat cues 威xin, 卫星：, ➕🟩, a handle typed in spaced lower-case pieces after its cue, and （空） typed
for a blank inside a card number. From this round's red team (a helper that used the command as a black
box): a mobile with its prefix bracketed like an area code, digit groups and pinyin number words mixed, an S
typed for a 5; and hard negatives it saw lost: a meeting's date and hour read as a phone, 高考 / 安卓 / 刚成
read as names. Also from the red team: values announced as encoded or reversed (base64:, 摩斯码, 倒着), more
sound-alike digits (饿, 无, 午, 琪, 凌), groups joined by "then", digit groups inside HTML tags, and numbers
read in place-value groups (一百三十九 一千二百八十七 …); pet names one is called by (叫我涵涵就好, 叫他磊哥),
a Mongolian name after 我爸叫, ins: handles, Weibo names that start in Latin and go on in Han, and a birthday
in the sexagenary calendar (农历丙子年三月初一).
"""

from __future__ import annotations

import pytest

from tests.attacks.conftest import assert_kept, assert_redacted

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
    ("电话用谐音写：腰散巴 令而妻死 溜溜酒舞", "溜溜酒舞"),
    ("微信号 li 下划线 xiao 下划线 yu 2001，别打错", "xiao 下划线 yu"),
    ("微信号 li 下划线 xiao 下划线 yu 2001，别打错", "2001"),
    ("ETH 地址 0x9a3f1c0b7e2d44a1b5c6\n0d8e7f6a5b4c3d2e1f09 分两行发", "0d8e7f6a5b4c3d2e1f09"),
    ("统一社会信用代码 91440300MA5F\n2KXQ0D 拆成两行了", "2KXQ0D"),
    ("学籍号我查到了，是 L510104201503120021，帮我填上", "510104201503120021"),
    ("护照号 GO1234567，第二位是零", "1234567"),
    ("她的小红书 @一颗柠檬糖丶 经常发探店", "一颗柠檬糖"),
    ("阿Jason話佢今晚唔嚟", "Jason"),
    ("佢搬咗去將軍澳日出康城第3期", "日出康城"),
    ("身份证 1\u03322\u03320\u03321\u03320\u03323\u03321\u03329\u03329\u03320\u03320\u03321\u03320\u03321\u03322\u03323\u03324\u03329（手机打的）",
     "1\u03322\u03320\u03321\u03320\u03323"),
    ("IMEI 分两段发：\n490154203\n237518\n派出所要这个", "237518"),
    ("车牌 京 A 拐 两 幺 洞 勾，停在门口", "拐 两 幺 洞 勾"),
    ("骗子的钱包地址，我倒过来贴：2NVNaJx7gFG4m4uA5nFTqteWtsYESMBvB1", "2NVNaJx7gFG4m4uA5nFTqteWtsYESMBvB1"),
    ("足球队首发：门将大陈，后卫都是新人", "大陈"),
    ("老人机打字：俺家 在 刘家沟村 三组 西头 第二家", "刘家沟村 三组"),
    ("对讲机报的号码是 幺三八 洞拐 巴巴 勾两 洞幺，记一下", "洞拐 巴巴"),
    ("會員編號 TW0077123，積分幾時到？", "0077123"),
    ("隔壁林家阿婆今朝又来敲门了", "林家阿婆"),
    ("回村碰到发小狗蛋，他在城里开出租", "狗蛋"),
    ("威xin号是 wang_er_xiao_66 别外传", "wang_er_xiao_66"),
    ("卫星：ｌｉｕ‍ｍｉｎｇ‍８８ 加我", "８８"),
    ("➕🟩：xq_ tian tian 99（去掉空格）", "tian tian 99"),
    ("加他另一个薇：mk lin 2233", "lin 2233"),
    ("银行卡号622848（空）0012345678903，农行的", "0012345678903"),
    ("call me +86 (158) 2233-4455 after six", "2233-4455"),
    ("my phone 186 yi er ba qi 6543", "yi er ba qi 6543"),
    ("电话l58l2876S43", "l58l2876S43"),
    ("号码15O1234S678", "15O1234S678"),
    ("base64: MTU4MTI4NzY1NDM= 解码就是我号码", "MTU4MTI4NzY1NDM="),
    ("摩斯码 .---- ..... ---.. .---- ..--- ---.. --... -.... ..... ....- ...--", ".---- ..... ---.."),
    ("邮箱倒着写 moc.qq@8891gnaw", "moc.qq@8891gnaw"),
    ("我名字倒过来是明小李", "明小李"),
    ("电话要伍酒要饿扒七溜无思散", "要饿扒七溜无思散"),
    ("号码是158 then 1881 then 2345", "1881 then 2345"),
    ("<b>158</b><i>1287</i><u>6543</u>", "1287"),
    ("电话一百五十八 一千二百八十七 六千五百四十三", "一千二百八十七"),
    ("我是周子涵，你叫我涵涵就好", "涵涵"),
    ("我前任叫赵磊，我现在叫他磊哥", "磊哥"),
    ("我爸叫巴特尔朝鲁", "巴特尔朝鲁"),
    ("ins: mia.chen_07 关注我", "mia.chen_07"),
    ("微博 @lulu爱喝奶茶_ 关注一下", "爱喝奶茶"),
    ("生日是农历甲戌年五月初八", "甲戌年五月初八"),
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
    ("我要要要，而且期期艾艾死活不说", "我要要要，而且期期艾艾死活不说"),
    ("物业服务热线 0571-86012345，24小时", "0571-86012345"),
    ("咨询电话：020-87001234（招生办）", "020-87001234"),
    ("@所有人 明天开会，会议纪要发微博了", "@所有人"),
    ("阿Q正传我看了三遍", "阿Q"),
    ("做人要大方一点，大周末的别加班", "做人要大方一点，大周末的别加班"),
    ("I have 三 个 apples", "三 个"),
    ("巴巴拉和妈妈去巴黎玩了", "妈妈去巴黎玩了"),
    ("王家大院和张家界都去过了", "王家大院和张家界"),
    ("我刚看完《三体》，叶文洁那段太震撼了", "叶文洁"),
    ("微信 ok i will add you later", "ok i will add you later"),
    ("卫星：发射成功了", "发射成功了"),
    ("2024-03-15 14:30的会议别迟到", "2024-03-15 14:30"),
    ("高考考了612分，安卓手机和苹果哪个好", "高考考了612分，安卓手机"),
    ("今年刚成年，18岁了", "刚成年"),
    ("I have one apple and two pears, 3 4", "one apple and two pears, 3 4"),
    ("你会base64吗？教教我", "你会base64吗"),
    ("我倒着走路，这个视频倒过来放很好笑", "我倒着走路，这个视频倒过来放很好笑"),
    ("无所谓啦，我午饭吃了", "无所谓啦，我午饭吃了"),
    ("我买了三百五十个，一千二百块", "三百五十个，一千二百块"),
    ("<b>2024</b> 年的计划", "<b>2024</b>"),
    ("薇信同号，加我", "薇信同号"),
    ("你叫我哥哥就行，叫他大哥吧", "你叫我哥哥就行，叫他大哥吧"),
    ("我妈那边，我去说", "我妈那边，我去说"),
    ("the ins and outs of it", "the ins and outs of it"),
    ("丙子年三月初一我们去爬山", "丙子年三月初一"),
    ("Hey Luna, my library card expired, what do I do?", "Luna"),
    ("Sorry Luna I forgot to reply", "Luna"),
    ("Su Mu, the flight got delayed again", "Su Mu"),
    ("xiao nuan 我今天考试考砸了", "xiao nuan"),
    ("请家长于本周五前在小程序填写信息", "本周五"),
]


# A personal landline and a mobile stay redacted even next to words like 热线.
STILL_REDACTED = [
    ("我家座机 0571-86012345，晚上打", "86012345"),
    ("客服热线 13812345678 加我私聊", "13812345678"),
    ("我办公室电话010-62345678，找我打这个", "62345678"),
    ("陈刚说他明天到", "陈刚"),
    # IBANs whose country code ends in O are not a passport letter + the letter O (Presidio's own vector)
    ("NO9386011117947", "9386011117947"),
    ("Hey Megan, are you coming tonight?", "Megan"),
    ("Hi, I'm Su Mu from Chengdu", "Su Mu from"),
]
CASES += STILL_REDACTED


@pytest.mark.parametrize(("text", "value"), CASES)
def test_dodge_is_redacted_under_both_purposes(deidentifiers, text: str, value: str) -> None:
    assert_redacted(deidentifiers, text, value)


@pytest.mark.parametrize(("text", "kept"), KEPT)
def test_ordinary_text_is_kept(deidentifiers, text: str, kept: str) -> None:
    assert_kept(deidentifiers, text, kept)
