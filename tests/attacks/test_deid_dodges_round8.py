"""Dodges found in round 8, one case each; every case failed before its change under both purposes.

A name announced once by a cue and then repeated without one (我是多多爸爸，多多这两天咳嗽), and the given
name or first name of a full name going on alone (同事贺文静今天请假了，文静下午回来; Priya Raman … Priya said).
Uyghur, Tibetan and Mongolian names written without a middle dot (阿依古丽, 阿布都热合曼, 娜仁花), also with a
blank or a dot between their parts; a rota that names a famous name's namesake next to a colleague (张伟、
李娜); nicknames after an office role (伴娘是小满, 前台小鹿, 找行政雪儿); staff numbers listed after one cue (工号分别是 A 三三零七、A 三三一二) and a follow-up visit number.
From the tune half of blind set r19: a rank or kin word after a name taken along (邓芸主任, 韦秀英阿姨), a
Japanese surname before a title or after a role noun (房东佐藤先生), a name after 前女友 running into the next
word (小雯多好), a family's pet name (我家糖糖的), a Cantonese name cut short before a verb, the airline order
LIU/MENGQI, a flat written 7栋2单元1102, and a card or a foreign mobile dropped because 保单号 / 快递 stood in an
earlier clause; a role noun + 叫 + a name made of ordinary words (同桌叫柏杨树), 阿X after a Cantonese cue
running into a verb (揾阿强攞返), tone-marked pinyin (zhāng zhì qiáng), Han game nicknames after an ID cue or
decorated with 丶 (four writers label them as accounts: 夜雨听风丶, 「夜雨声烦丶」), and an address typed in
pieces with a blank between them (碧桂园凤凰城 凤鸣苑7栋…, 学府路52号 哈理工东区12号宿舍楼423); hard negatives: 明天春游 and 练习册 / 湯水 read as names, a waybill after a courier's name, the public DNS resolvers users paste (config keeps the exact addresses),
a name that is also a word as the subject of a verb only people do (白雪说下周见, 高洁打电话来了, 李娜说; a given name alone, 志强说),
From the round-8 red team (a helper that used the command as a black box) and the tune half of r20: a
famous name after a naming cue or a relation word (我妈叫王菲, 我同事王菲…不是那个歌手), a surname whose given
name starts with a numeral (周一鸣, 高三明), word-like given names before a verb only people do (文静最近总是
不理我, 建华今天给我打电话), a given name after a kin noun (堂弟春生), surname + kin character (房东周姐, 王嫂),
老K, 老杨头, a bed number before a patient (8床孙满仓), rural given names, an ID given in its parts or read
aloud with 叉 for X, a VIN typed with the letter O, a birth date told with an idiom of coming into the world
(降生, 呱呱坠地, 来到这个世界) or a star sign after it, a compact 出生年月 199503, and a mailbox whose domain is
missing or broken (xxx@163 。com, xxx at 163, 163邮箱 xxx, gmail: xxx), full Japanese names (田中美咲是…),
surnames that are words (区浩文, 盖丽丽), Mongolian 莫日根 / 那仁高娃, camel-case or tone-numbered pinyin
(ZhangXiaoming, wang2 jian4 guo2), a user or relative named like an AI character (我真名叫林小暖, 我女儿叫星野), a WeChat handle after 加我 / 搜 or
later in a sentence that named WeChat, a home named by its estate, village or flat code after a residence cue
(我住在幸福小区, 我们是王家堡的, 门牌：2单元1102), coordinates (39.9087, 116.3975), plates typed in lower case or full width (豫ａ１２３４５), and Taiwan
national IDs (身分證 F223456786, check digit validated), a name split by ゛ marks, 阿X after 小姑娘, and the
partner of a found name in "A和B" (糖糖和李乐乐), Cantonese 陈太 / 李生, and an address typed as pieces with
blanks or arrows between them (深圳南山 高新南七道 9# 2栋 B-1703); kept: a product line's Max, lottery draws,
and document numbers; landmarks' coordinates; and (from configuration, round 8's second red team)
companion-game, anime and literary characters and brands read as names, a brand that is also a common name
only with its product (杨国福麻辣烫); code annotations (@Override) and software names (Java); a given name
with 哥 / 姐 (涛哥说) and Korean names in Hangul inside Chinese chat are redacted; kept: a pet's name (我家狗狗叫旺财), 这周六,
Taiwan's 民國 birth years read as tens and units (民國七十九年生), and the link of a scam or mass SMS the user pastes to ask about it (no digit, query or user page in it).
"""

from __future__ import annotations

import pytest

from tests.attacks.conftest import assert_kept, assert_redacted

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
    ("我在安定医院看的，医生是邓芸主任，病历号 MZ2024", "邓芸主任"),
    ("韦秀英阿姨家的芒果熟了，说明天送两箱过来", "阿姨家"),
    ("东京的房东佐藤先生说我垃圾分类不对要罚款", "佐藤"),
    ("一直在说他前女友小雯多好多好，我真的无语", "小雯"),
    ("请问谁家有答案？我家糖糖的作业本被她弟弟撕了", "糖糖"),
    ("name on ticket is LIU/MENGQI, paid with my Visa", "MENGQI"),
    ("另，7栋2单元1102的业主请尽快挪车", "1102"),
    ("被保险人周建国，保单号 P2024051288123，理赔款打到 6214 8375 5102 9931，出险日期2024年5月12日", "9931"),
    ("让我帮他收快递，有事打他韩国号 +82 10-3847-2916。收件人写谁", "3847"),
    ("苏沐，我学生时代的同桌叫柏杨树，现在在加拿大", "柏杨树"),
    ("我室友叫东方明月，她每天都带男朋友回来", "东方明月"),
    ("记得揾阿强攞返把锁匙", "阿强"),
    ("别外传啊，我们组长 zhāng zhì qiáng 下个月要被调去成都了", "qiáng"),
    ("Lǐ Míng is here", "Míng"),
    ("我家公网IP是 36.112.45.201，DNS设的 114.114.114.114", "36.112.45.201"),
    ("今晚开黑吗 我王者ID是 夜雨听风丶 QQ区的 扣我", "夜雨听风"),
    ("王者荣耀ID：清风不识字丶，国服李白，来双排", "清风不识字"),
    ("今晚王者五排谁来，ID是「夜雨声烦丶」，拉我一下", "夜雨声烦"),
    ("队友 北城以北丶丶 又挂机了", "北城以北"),
    ("出租 碧桂园凤凰城 凤鸣苑7栋2单元1803两厅 拎包入住", "凤凰城"),
    ("地址对不对：黑龙江省哈尔滨市南岗区学府路52号 哈理工东区12号宿舍楼423，寄件人就写王磊", "宿舍楼423"),
    ("这个链接http://t.cn/A6xYz9Qp是不是钓鱼网站", "A6xYz9Qp"),
    ("短信让我登录 http://icbc-verify.top/login?id=8812 查看", "8812"),
    ("短信说看 weibo.com/u/zhangwei 的主页", "zhangwei"),
    ("我的主页 zhangwei.me 欢迎来玩", "zhangwei.me"),
    ("民国八十七年三月五日出生", "八十七年三月五日"),
    ("我是民國七十九年生的", "七十九年"),
    ("李娜说她不去", "李娜"),
    ("高洁打电话来了", "高洁"),
    ("白雪说下周见", "白雪"),
    ("于洋的车坏了，于洋说要修", "于洋"),
    ("志强说他不来了", "志强"),
    ("我妈叫王菲。", "王菲"),
    ("我同事王菲今天辞职了，不是那个歌手。", "王菲"),
    ("我的朋友林志玲", "林志玲"),
    ("周一鸣今天请我吃饭了。", "周一鸣"),
    ("高三明是我表哥。", "高三明"),
    ("建华今天给我打电话了。", "建华"),
    ("文静最近总是不理我。", "文静"),
    ("欣怡考上研究生了！", "欣怡"),
    ("让堂弟春生骑摩托", "春生"),
    ("房东周姐说押一付三", "周姐"),
    ("王嫂2板，李姐3板", "王嫂"),
    ("我们队老K打野", "老K"),
    ("主家是老杨头的孙子", "老杨"),
    ("8床孙满仓老爷子今天可以出院了", "满仓"),
    ("身份证前六位620102，中间是我生日19731120，最后3856——分开发应该没事吧", "3856"),
    ("语音转的：六一零一一三一九六九零四二五零零一叉 这个是我爸的身份证号", "六一零一一三"),
    ("车架号我抄下来的：LFV3A24G1K3O62918（那个O好像是0）", "62918"),
    ("95年3月12日降生", "3月12日"),
    ("1995年3月12日呱呱坠地", "3月12日"),
    ("1995年3月12日，我来到了这个世界", "3月12日"),
    ("我是1995年3月12号的双鱼座", "3月12号"),
    ("我的出生年月是199208。", "199208"),
    ("199503出生", "199503"),
    ("邮箱 lixiaoyu1996 at 163", "lixiaoyu1996"),
    ("邮箱 lixiaoyu1996@163 。com", "lixiaoyu1996"),
    ("163邮箱 lixiaoyu1996", "lixiaoyu1996"),
    ("gmail: lixiaoyu1996", "lixiaoyu1996"),
    ("我的QQ邮箱前缀是 lixiaoyu1996", "lixiaoyu1996"),
    ("田中美咲是我在东京的同学。", "美咲"),
    ("我和铃木健一是同事。", "健一"),
    ("渡边美穗子给我寄了礼物。", "美穗子"),
    ("区浩文是我同学。", "浩文"),
    ("盖丽丽要出国了。", "丽丽"),
    ("莫日根今天去放羊了。", "莫日根"),
    ("我同学那仁高娃很漂亮。", "那仁"),
    ("ZhangXiaoming今天没来", "ZhangXiaoming"),
    ("LiuSiqi said no.", "LiuSiqi"),
    ("wang2 jian4 guo2 是我爸", "jian4"),
    ("我真名叫林小暖，跟你一样哈哈", "林小暖"),
    ("我女儿叫星野，日本名字", "星野"),
    ("搜 cindy0312 加我", "cindy0312"),
    ("微信号在我主页，cindy0312", "cindy0312"),
    ("我的小号 cindy0312", "cindy0312"),
    ("我住在幸福小区", "幸福小区"),
    ("我们是王家堡的", "王家堡"),
    ("老家在上河湾，就一个小山村", "上河湾"),
    ("我住6-2-1201，快递放门口就行", "6-2-1201"),
    ("门牌：2单元1102", "1102"),
    ("我是三道沟村的", "三道沟村"),
    ("我的定位：39.9087, 116.3975", "39.9087"),
    ("我的位置 纬度31.2304 经度121.4737", "31.2304"),
    ("豫ａ１２３４５", "１２３４５"),
    ("浙a12345 停在门口", "12345"),
    ("台灣身分證字號 F223456786", "F223456786"),
    ("我的身分證是H212345676", "H212345676"),
    ("我同事杨国福今天请假", "杨国福"),
    ("涛哥说今晚喝酒", "涛哥"),
    ("我韩国朋友김민수下周来", "김민수"),
    ("涐哋閨蜜 張゛嘉゛欣 今日生日", "嘉"),
    ("班上有个小姑娘阿依画画特别好", "阿依"),
    ("我家双胞胎糖糖和李乐乐是同一天出生的", "糖糖"),
    ("阿妈话今晚唔返嚟食饭喇，佢同陈太去咗饮茶", "陈太"),
    ("深圳南山 高新南七道 9# 2栋 B-1703，外卖放门口就行", "B-1703"),
    ("我在 广州天河 石牌村 东五巷 十八号 三楼 租房", "石牌村"),
    ("地址我分开说：朝阳区 👉 建国路 88 号 👉 SOHO现代城 5号楼 1203，到了打电话", "1203"),
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
    ("三年级二班家长群：明天春游，请家长给孩子准备好午餐和水", "春游"),
    ("请问谁家有二年级下册数学练习册的答案？", "练习册"),
    ("你有冇咩湯水推介？", "湯水"),
    ("买家你好，包裹已经寄出了，中通 78430961225417，收件信息我核对一下", "78430961225417"),
    ("订单号 6214837551029931 已发货", "6214837551029931"),
    ("星野君，明天就要期末考试了", "星野君"),
    ("TCP/IP and PDF/DOCX", "TCP/IP"),
    ("我们去中村吃饭，喜欢村上春树的小说", "村上春树"),
    ("班主任王丽老师在群里说，明天带户口本", "老师在群里"),
    ("DNS改成 114.114.114.114 或者 8.8.8.8 就能打开了", "114.114.114.114"),
    ("DNS改成 114.114.114.114 或者 8.8.8.8 就能打开了", "8.8.8.8"),
    ("我同事叫什么来着", "同事叫什么"),
    ("我和阿姨去买菜", "阿姨"),
    ("我的游戏ID叫做什么好呢", "叫做什么好呢"),
    ("你的ID是多少", "多少"),
    ("好的丶收到", "好的丶收到"),
    ("黑龙江省哈尔滨市南岗区学府路52号 明天见", "明天见"),
    ("收到短信：【ETC】您的ETC认证已失效，请点击 etc-renzheng.top/u 重新认证。这个是诈骗吧？", "etc-renzheng.top"),
    ("【顺丰】您的包裹地址异常，请点击sf-express-cn.vip修改", "sf-express-cn.vip"),
    ("方便说一下吗", "方便"),
    ("马上打电话给他", "马上"),
    ("金牌说明一切", "金牌说明"),
    ("明明说好了的", "明明说好"),
    ("大家说好了，明天说", "大家说好"),
    ("宝宝说饿了", "宝宝说"),
    ("我喜欢王菲的歌", "王菲"),
    ("我家狗狗叫旺财，今天去宠物医院", "旺财"),
    ("新的要这周六才能拿到", "这周六"),
    ("周一早上开会，周三见", "周一早上"),
    ("师姐说明天开会", "师姐"),
    ("INTERNATIONALIZED words", "INTERNATIONALIZED"),
    ("2026年3月12日开会，双子座流星雨", "2026年3月12日"),
    ("成绩是3月12号出来的", "3月12号"),
    ("订单号199503出库", "199503"),
    ("look at 163 pages", "look at 163"),
    ("中山大学很好，上野公园的樱花", "中山大学"),
    ("中山大学很好，上野公园的樱花", "上野公园"),
    ("用农历写的，星野别告诉别人", "星野"),
    ("小暖你好呀，我想叫小暖陪我", "小暖陪我"),
    ("区里开会，年前回家，盖子坏了", "区里开会"),
    ("I use PowerPoint and YouTube", "PowerPoint"),
    ("搜 iPhone15 价格，搜 python3 教程", "iPhone15"),
    ("我住在北京，我家在农村，我住在城里", "北京"),
    ("我住在北京，我家在农村，我住在城里", "农村"),
    ("店铺地址：喜茶万象城店，今天新品", "万象城"),
    ("邮编 100022，我家就在那边", "100022"),
    ("我住院了", "住院"),
    ("订单 A123456788 已发货", "A123456788"),
    ("京a的朋友来了", "京a"),
    ("我的iPhone 15 Pro Max 256G", "Pro Max"),
    ("大乐透 05 12 19 28 33 + 03 09", "05 12 19 28 33"),
    ("彩票号码 03 12 18 25 31 07", "03 12 18 25 31 07"),
    ("公文编号 2024-01-0012", "2024-01-0012"),
    ("张伟和苹果都是红的", "苹果"),
    ("这个姑娘真好看", "姑娘"),
    ("I walked 3 blocks to gate 12 then room 305", "room 305"),
    ("第1期 第2期 第3期 都卖完了", "第3期"),
    ("埃菲尔铁塔坐标 48.8584, 2.2945", "48.8584"),
    ("苏沐和星野谁更会撒娇", "星野谁更"),
    ("中午吃了杨国福麻辣烫，放了好多麻酱", "杨国福麻辣烫"),
    ("恋与深空里我最喜欢沈星回，黎深第二", "沈星回"),
    ("李锦记蚝油炒菜很提鲜", "李锦记"),
    ("사랑해요 고마워 안녕하세요", "고마워"),
    ("Java里@Override注解可以不写吗", "@Override"),
    ("Java里@Override注解可以不写吗", "Java"),
    ("大哥说了算，表姐来了", "大哥"),
]


@pytest.mark.parametrize(("text", "value"), CASES)
def test_dodge_is_redacted_under_both_purposes(deidentifiers, text: str, value: str) -> None:
    assert_redacted(deidentifiers, text, value)


@pytest.mark.parametrize(("text", "kept"), KEPT)
def test_ordinary_text_is_kept(deidentifiers, text: str, kept: str) -> None:
    assert_kept(deidentifiers, text, kept)
