"""Resources for Chinese person names: common surnames (百家姓 frequency order), cues and titles.

The surname list covers the ~200 most frequent surnames (>95 % of the population). Compound surnames
are checked first. Everything here installs with the package: no downloads.
"""

from __future__ import annotations

SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪"
    "梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简"
    "车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄"
    "丛仲虞敖巩明佘池查麻苑迟邝封"
    # less frequent but real 百家姓 surnames
    "洪傅赖萧阎邰胥闻展帅班乌巴乐斯蔺屠鞠晁宓逯仝厉芮储荆郁尉楚竺朴谈植凤揭粟匡双荀宦羊弓湛阚"
    "廉岑汲邸郜蓬隗暴邴陈贲相官钮寿甄饶"
)
COMPOUND_SURNAMES = (
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "尉迟", "公孙", "轩辕", "端木", "西门", "南宫", "独孤", "万俟", "闻人", "呼延", "澹台", "公冶",
)
# Surnames usable in 小X/老X nicknames without confusing ordinary words (小时, 老师, 小说, 老公...).
NICKNAME_SURNAMES = frozenset("方金温任赖洪傅萧阎王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖董袁潘蒋蔡杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范贾夏韦邹孟熊秦邱尹薛闫段雷侯史陶黎贺顾毛郝龚邵钱严覃戴孔汤施樊葛邢乔庞颜倪庄聂章鲁岳翟殷詹耿焦俞柳祝舒阮柯纪童凌")

# Titles after a surname: 王先生, 李老师, 张总 (the surname part is the identifying bit).
TITLES = (
    "先生", "女士", "小姐", "老师", "医生", "大夫", "经理", "总监", "主任", "师傅", "阿姨", "叔叔",
    "同学", "教授", "律师", "警官", "总", "哥", "姐", "工", "局", "处", "科",
)
# Phrases right before a name.
NAME_CUES = ("我叫", "我是", "名叫", "叫做", "名字是", "名字叫", "名字", "姓名", "联系人", "收件人", "本人", "他叫", "她叫")

# Characters that end a word glued onto a name by the segmenter (李欣去 → 李欣).
TAIL_STOP = frozenset("去来说的了和跟与在是给让叫问想吃到从对向也都就要会把被很呢吧啊呀吗嘛哦么今明昨今天里")
# Given-name characters that never start a given name after a surname in ordinary words.
NOT_GIVEN_START = frozenset("的了是在和与就也都不没很把被给让对从向到说去来个些种样里上下中")
# Ordinary words that jieba's dictionary tags as person names (nr) or that look like surname + 1 char.
NOT_NAMES = frozenset(
    {"张开", "钟楼", "高达", "方向", "白天", "黄色", "金色", "石头", "江湖", "林业", "温度", "安全", "常用",
     "牛奶", "毛衣", "包子", "程序", "周期", "路上", "车上", "马路", "龙头", "叶子", "和平", "向往",
     "荣耀", "林子", "林子里", "于是", "全部", "全国", "明天", "明白", "时间", "时候", "高兴", "高铁", "高速", "成功", "成本"}
)
