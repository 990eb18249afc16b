"""Dodges found in round 9, one case each, checked under both purposes. The redacted cases failed before
their change (two guard a new rule's edge: 于晓东 stays a name beside 毕业于, 钟离浩然 beside the kept 钟离); the
kept cases are over-redactions fixed this round and guards that stop the new rules spreading (小孩说, 我跟老公).

From the tune halves of the blind sets and the round-9 red team: an English greeting's addressee whose
name is not in the census tables (Hey Priya, / Thanks Aarav!); a group chat's @mention (@毛毛 你看到没); a
birthday written MMDD before 生日 or M/D after b-day; a mailbox's local part after 邮箱是 with the domain said
apart; building, unit and room with no estate name (十二栋三单元五零二); a road with a direction after it
(太子道西345號); a romanised name cut short (li | jiahui, Tan Mei | Ling); a VIN typed in lower-case groups;
a mobile given in parts (前面是152，中间3634，最后四位6855), a number read out with comma pauses (九五，二八，
六一…), a landline after 寄件人 in a parcel form; the speakers of a pasted group-chat log (小鱼：…⏎大白：…),
the member a line replies to or who withdrew a message, the other items of a list holding a found name, a
surname + two given characters before a word (陈家俊|轮流). Kept also: kin words opening chat lines, form
labels, Taiwan and Malaysian places, names already withheld (刘某某), titles of works in 《》, hardware models
(RTX 4090) and timestamps. A two-character given name no dictionary knows (雨桐, 梓涵) after a word and
before a verb or adverb, a 小X / 老X nickname opening a clause before a verb only people do (小胖今天又迟到了),
a pinyin given name on its own (Haoran is…, yixuan说…; not a place, a brand or an English word), a street
address in lower-case pinyin, an IPv4 written with "dot", a Han game ID after ID叫, a title after a name in
traditional characters (學長), and Cantonese subjects (家豪成日…, 志明话佢…); a Hong Kong estate flat (禾輋邨
豐和樓15樓1508室) and an ID's tail given alone (身份证尾号16220X); given-name characters of names given since
2010 (书瑶, 知夏), a nickname the writer does something with (我和小黑去吃了火锅), a name before 那家伙 / 那小子.
Kept: institutions and places after a name-like word (金沙大酒店, 西南交通大学, 毕业于, 农商行, 沙田), a hotline
before a complaint address (12345热线投诉…), software versions (Chrome 124.0.6367.91, 固件版本 1.0.8.26),
no-reply and git-remote mailboxes, an AI character before a verb (星野记一下), a kept name before a plain word
(哈利·波特好看), wuxia characters and dishes named after people (configuration), a pet's name after a comma
(柯基，名叫豆包), and a clause after @ (别直接写@会被吞).
"""

from __future__ import annotations

import pytest

from tests.attacks.conftest import assert_kept, assert_redacted

CASES = [
    ("Hey Priya, can you send the invoice to me?", "Priya"),
    ("Thanks Aarav! see you tomorrow", "Aarav"),
    ("@毛毛 你看到没", "毛毛"),
    ("@丁一 明天的会你来吗", "丁一"),
    ("我0107生日，双鱼座", "0107"),
    ("b-day 9/21, born 1992", "9/21"),
    ("邮箱是chen.siyuan53 后面@163的", "chen.siyuan53"),
    ("快递放十二栋三单元五零二门口", "十二栋三单元五零二"),
    ("放3栋2单元501门口就行", "3栋2单元501"),
    ("啲嘢寄去九龍城太子道西345號2樓B室", "345號"),
    ("tell luna that li jiahui is my ex", "jiahui"),
    ("收件人 Tan Mei Ling 电话在后面", "Ling"),
    ("车架号我手打的小写：lfv 2a21k3 g3051298", "g3051298"),
    ("我和于晓东去了", "于晓东"),
    ("号码前面是152，中间3634，最后四位6855，你帮我拼一下", "3634"),
    ("号码前面是152，中间3634，最后四位6855，你帮我拼一下", "6855"),
    ("语音：我QQ是，九五，二八，六一，零三，七，你加一下", "二八"),
    ("我台灣手機是零九二八，六一三，五四七，記得加LINE", "六一三"),
    ("快递单填写：寄件人张大山 0591-4673925，收件人", "4673925"),
    ("宿舍群里：\n小鱼：今晚谁去取外卖\n大白：石头剪刀布\n我：我不饿", "大白"),
    ("宿舍群里：\n小鱼：今晚谁去取外卖\n大白：石头剪刀布\n我：我不饿", "小鱼"),
    ("周末聚会来了子轩、梓涵、浩然还有雨桐，就差你了", "子轩"),
    ("周末聚会来了子轩、梓涵、浩然还有雨桐，就差你了", "雨桐"),
    ("回复 欣怡：我觉得可以", "欣怡"),
    ("「浩然」撤回了一条消息", "浩然"),
    ("阿媽今日入咗瑪麗醫院，我同細佬陳家俊輪流陪佢", "家俊"),
    ("原告李明诉被告朴成浩民间借贷纠纷", "成浩"),
    ("Luna 你帮我分析下 zhang yu tong 到底喜不喜欢我", "tong"),
    ("转账到农行，收款人 Jì Hóng", "Hóng"),
    ("我觉得雨桐根本不在乎我", "雨桐"),
    ("小暖你觉得我应该原谅梓涵吗", "梓涵"),
    ("小胖今天又迟到了，被老板骂惨了", "小胖"),
    ("老六失恋了，我们几个陪他喝到两点", "老六"),
    ("Haoran is so annoying today", "Haoran"),
    ("Xinyi and I are best friends", "Xinyi"),
    ("yixuan说她明天不来了", "yixuan"),
    ("wo zhu zai xuhui qu tianyaoqiao lu 1178 nong 5 hao 602, lai wan a", "1178"),
    ("my ip is 113 dot 87 dot 204 dot 16, is that my home one?", "204"),
    ("It's a Chinese passport, name on it is LIANG JUNHAO. Who do I call?", "JUNHAO"),
    ("小雨她妈妈又在家长群里阴阳怪气", "小雨"),
    ("小暖～我跟阿哲學長告白了", "學長"),
    ("有个粉丝ID叫「橘子汽水233」，还把我以前住哪发到弹幕里", "橘子汽水"),
    ("家豪成日迟到，老细好嬲", "家豪"),
    ("志明话佢今晚唔得闲", "志明"),
    ("我屋企地址係新界沙田禾輋邨豐和樓15樓1508室，我想搬出去", "1508室"),
    ("身份证尾号16220X，前面你知道的", "16220X"),
    ("身份证后六位是386512", "386512"),
    ("其实我一直喜欢书瑶，但不敢说", "书瑶"),
    ("我和小黑去吃了火锅", "小黑"),
    ("毛毛那家伙又在群里发红包了", "毛毛"),
    ("打1519538……后面是2317", "2317"),
    ("后来才知道是在跟钟离浩然聊天", "浩然"),
]

KEPT = [
    ("Hi team, meeting moved to 3pm", "team"),
    ("Hello World. is my first program", "World"),
    ("Hi Luna, how are you today", "Luna"),
    ("大姑：下周六在金沙大酒店二楼牡丹厅", "金沙大酒店"),
    ("毕业于西南交通大学交通运输专业", "西南交通大学"),
    ("开户行 顺德农商行大良支行", "农商行"),
    ("12345热线投诉书香门第花园9-5-1505楼下烧烤摊太吵", "12345"),
    ("Chrome 124.0.6367.91 打不开网页", "124.0.6367.91"),
    ("AIMate 2.10.4.1203 更新了什么", "2.10.4.1203"),
    ("固件版本 1.0.8.26", "1.0.8.26"),
    ("Windows Build 22631.3447", "22631.3447"),
    ("noreply@github.com 发来的邮件", "noreply@github.com"),
    ("git clone git@github.com:facebook/react.git", "git@github.com"),
    ("星野记一下我的待办：买牛奶", "星野"),
    ("哈利·波特好看", "哈利·波特"),
    ("郭靖和黄蓉是我心中最佳CP", "黄蓉"),
    ("宫保鸡丁里要放花生", "宫保鸡丁"),
    ("寻狗启事：柯基，名叫豆包，走丢了", "豆包"),
    ("我個仔喺沙田讀K2", "沙田"),
    ("email: wu_haoran(at)foxmail(dot)com 别直接写@会被吞", "会被吞"),
    ("@所有人 明天放假", "所有人"),
    ("房间0107生日派对", "0107"),
    ("幺幺零、幺二零、幺幺九，这三个紧急电话孩子一定要背下来", "幺二零"),
    ("电话费12元，流量30G，短信100条", "100条"),
    ("【相亲相爱一家人】\n大伯：明天中午在老地方吃饭\n小姑：好的", "大伯"),
    ("姓名：张三\n出生日期：1990年\n联系电话：无", "联系电话"),
    ("星野君、苏沐和Luna一起出场的剧情什么时候更新", "星野"),
    ("我买了苹果、香蕉和橘子", "香蕉"),
    ("今天去高雄夜市吃了好多東西", "高雄"),
    ("我们组的“刘某某”其实就是甩锅王", "刘某某"),
    ("杨紫和肖战演的《余生请多指教》", "余生请多指教"),
    ("CUDA 12.1，显卡是RTX 4090", "RTX"),
    ("时间戳1700000000对应2023年11月", "1700000000"),
    ("熊大熊二又在吵架", "熊二"),
    ("妈妈：吃饭了吗\n宝宝：吃了", "宝宝"),
    ("老实说我不太懂", "老实"),
    ("小孩说饿了", "小孩"),
    ("奶奶阿尔茨海默越来越严重了", "阿尔茨海默"),
    ("积分能换一罐飞鹤奶粉", "飞鹤"),
    ("大众朗逸开了五年了", "朗逸"),
    ("wifi密码是多少", "wifi"),
    ("the lu 5 is fine", "lu 5"),
    ("他的ID叫什么来着", "什么"),
    ("电话费太贵了", "电话费"),
    ("海外亲戚訾 文 文的电话号码我忘了", "电话"),
    ("我跟老公去吃饭", "老公"),
    ("北京那个人很多", "北京"),
    ("logo设计要改", "logo"),
    ("I live in Beijing and use Xiaomi", "Xiaomi"),
    ("Taipei 101 is tall", "Taipei"),
]


@pytest.mark.parametrize(("text", "value"), CASES)
def test_dodge_is_redacted_under_both_purposes(deidentifiers, text: str, value: str) -> None:
    assert_redacted(deidentifiers, text, value)


@pytest.mark.parametrize(("text", "kept"), KEPT)
def test_ordinary_text_is_kept(deidentifiers, text: str, kept: str) -> None:
    assert_kept(deidentifiers, text, kept)
