"""Names the round-5 blind tune halves showed unredacted, one rule each (they failed before it).

A name addressed at the start of a sentence (大伟，你…), a chat-log speaker the dictionary knows as a name
(海燕：…), a record opening with name and sex (乌云其木格，女，…), a given name after a contact verb (找海波，),
a list opened by 我、, a nickname with its title of address (小马哥, 老王头), a department before a
surname and title (人事部黄姐), a name before 生日 / 朋友圈, a doubled name after 接 / 带 / 叫上 or
opening a clause, a given-name character more (欧阳靖, 林 冠 廷), a rare name the dictionary tags nz (沐阳),
an English given name that is also a word in Chinese text (联系Amber, Jasmine说), a name cut by ASCII dots.
"""

from __future__ import annotations

import pytest

from tests.anonymizers.conftest import found

NAMES = [
    ("大伟，你爸体检报告出来了", "大伟"),
    ("炖了一锅排骨。嘉禾你啥时候回？", "嘉禾"),
    ("海燕：到了没\n老范：堵在延安高架\n海燕：孩子都哭了", "海燕"),
    ("乌云其木格，女，1965年3月出生，主诉头晕3天", "乌云其木格"),
    ("电话打 186-2039-4417 找海波，他下午都在", "海波"),
    ("我们宿舍四个人：我、乌兰、巴特尔、其其格，只有我一个是汉族", "其其格"),
    ("租房的中介小马哥电话是138", "小马哥"),
    ("老王头今天又在楼道里堆纸箱", "老王头"),
    ("人事部黄姐，帮我查一下吧", "黄姐"),
    ("下个月是雨桐生日，我想给她个惊喜", "雨桐"),
    ("你明天下班记得去幼儿园接豆豆，我加班", "豆豆"),
    ("小暖你知道吗，朵朵今天第一次叫我妈妈了", "朵朵"),
    ("我上次说的那个同事欧阳靖，今天他居然", "欧阳靖"),
    ("沐阳今天生日，我准备了一个月的惊喜", "沐阳"),
    ("林婉清：叫上欣欣不\n何嘉伟：她说要加班", "欣欣"),
    ("Jasmine说她下周请我们去她家吃烤肉", "Jasmine"),
    ("招室友，女生优先，联系Amber 微信同号", "Amber"),
    ("转账给这个卡 户名 晏.书.琪", "晏.书.琪"),
    ("收件地址：台北市信義區松仁路97號28樓，林 冠 廷 收", "林 冠 廷"),
    ("电话：13957188826，找房东岳先生", "岳先生"),
    # Latin script: three pinyin syllables after 我爸叫, a pinyin nickname, a capitalised pinyin surname,
    # initials after a word pointing at a person, a lower-case given name spelled out
    ("那个……我爸叫 ma jian guo，是要写拼音吗？", "ma jian guo"),
    ("我们组长 lao wang（wang jianjun）今天又开了三小时的会", "lao wang"),
    ("YE Jun的号：迪斯扣 tutu_cat2", "YE Jun"),
    ("公司里那个HXY又抢我功劳", "HXY"),
    ("群里 @ 了 H.Y.J 三次她都没回", "H.Y.J"),
    ("打不通就发短信，找z q y，或者发邮件", "z q y"),
    ("don't tell anyone lol, b r a n d o n made me do this", "b r a n d o n"),
    # (round 6, zh_r13 tune half)
    ("婷婷姐，明天早班我跟你换一下行不", "婷婷姐"),
    ("弓长小红又在群里阴阳怪气我", "弓长小红"),  # 弓长 = 张, written as its parts
    ("我同事 耳东 晓燕 又请假了", "耳东 晓燕"),
    ("今天店里来了个外国人买水，说自己叫 Tomasz，波兰来的", "Tomasz"),
    ("一个叫小胖的孩子写他爷爷", "小胖"),
    ("老太太一直喊阿强阿强，后来才知道", "阿强"),
    ("小区群里：\n【3栋-杨姐】谁家的狗在电梯里尿了？\n【物业-丁丁】已安排保洁", "丁丁"),
    ("我小名叫糯米，大名是贝思琪", "糯米"),
    ("我奶奶一直叫我表哥‘狗蛋’，他今年都三十了", "狗蛋"),
    ("考拉、Q仔、小胖，你们仨今晚谁来？", "考拉"),
    ("隔壁桌的芳芳姐说她女儿考上了复旦", "芳芳姐"),
    ("老妈让我周六去接二舅家的明明，他坐高铁到虹桥", "明明"),
    ("昨天跟宗🌸政航去看了展，他还是那么闷", "宗🌸政航"),
    ("端木 国妍妈妈：接送名单里我家孩子叫公孙春", "端木 国妍"),
    ("张子涵妈妈：收到，谢谢老师", "张子涵"),
    ('"阿 远，今晚回家吃饭吗？"', "阿 远"),
    ("座机打不通就找王 sir，或者打他手机", "王 sir"),
    ("结果我在芷晴朋友圈看到他俩的照片", "芷晴"),
    ("昨天晚上跟雪梅视频了两个小时", "雪梅"),
    # (zh_r11 / zh_r12 tune halves)
    ("[群聊] <阿珍> 今晚加班吗\n<伟仔> 唔知呀\n<Kelvin> 我走先", "伟仔"),
    ("本次数学前五名：1.施雨桐 98分 2.罗浩然 97分 3.卓玛 95分", "卓玛"),
    ("小军啊你下个礼拜回来的时候把电话带过来", "小军"),
    ("我已经喊燕燕帮你去取快递了", "燕燕"),
    ("家父谭德厚于2026年11月29日凌晨安详离世", "谭德厚"),
    ("我让朋友刘畅帮忙鉴定一下", "刘畅"),
]


def test_a_name_found_once_is_redacted_wherever_repeated(engine) -> None:
    text = "我小名叫糯米，你以后叫我糯米就好"
    assert [v for t, v in found(engine, text) if t == "PERSON"] == ["糯米", "糯米"]


@pytest.mark.parametrize(("text", "role"), [("电话：13957188826，找房东岳先生", "房东"), ("紧急联系人：母亲 蒋丽华", "母亲")])
def test_role_noun_before_a_name_is_kept(engine, text: str, role: str) -> None:
    assert not [v for t, v in found(engine, text) if t == "PERSON" and role in v]
KEPT = [
    "哎小暖，你说我要不要把头发剪短",
    "晚安，你也早点睡",
    "帅哥，你好，请问这个多少钱",
    "宝宝，你今天乖不乖",
    "没事，你别担心",
    "客服：您好\n我：你好",
    "好的.明天.见",
    "I will go, 你呢",
    "那个CEO说明天开会",
    "找HR问问年假的事",
    "和ABC公司合作",
    "苹果、香蕉，你们喜欢吗",
    "星野，我给你取个新名字好不好",
    "这个手机壳适配华为Mate 60吗？收货人手机 147 3920 0615",
    "他明明知道的",
    "东门见，别迟到",
    "我跟朋友视频了两个小时",
    "小孩，你别闹",
    "快递柜放不下就放宿管阿姨那",  # 宿管 is a role: 管阿姨 is no surname + title
    "甲流又来了，奥司他韦药店都卖断货了",  # 韦 + 药店 is no name
]


@pytest.mark.parametrize(("text", "name"), NAMES)
def test_name_is_found(engine, text: str, name: str) -> None:
    assert any(name in value or value == name for _t, value in found(engine, text) if _t == "PERSON"), found(engine, text)


@pytest.mark.parametrize("text", KEPT)
def test_no_person_in_ordinary_address(engine, text: str) -> None:
    assert not [v for t, v in found(engine, text) if t == "PERSON"]
