"""Names the shape of a chat gives away, where nothing else cues them:

* the speakers of a pasted group-chat log (小鱼：今晚谁去取外卖⏎大白：石头剪刀布), once two lines or more open
  with a speaker — kin words (大伯：, 小姑：), roles and form fields (姓名：, 地址：) are no speakers' names;
* the person a WeChat line replies to or who withdrew a message (回复 欣怡：…, 「浩然」撤回了一条消息);
* the neighbours of a name found already in a list (子轩、梓涵、浩然还有雨桐: 梓涵 found, the others follow).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ._names import GIVEN_CHARS, HOUSEHOLD_KIN, NOT_NAMES, ROLE_NOUNS, SURNAMES, TAIL_STOP

Span = tuple[int, int, float]
TagOf = Callable[[str], "str | None"]
FreqOf = Callable[[str, int], int]
SCORE = 0.7
FREQUENT = 200

_SPEAKER = re.compile(r"(?m)^[ \t]*(?:\[[^\]\n]{1,6}\][ \t]*)?([\u4e00-\u9fff]{1,4})[ \t]*[:：]")
# Who opens a chat line without being named there: the writer, kin and household words, group roles.
_NOT_SPEAKERS = frozenset(
    "我 你 他 她 我们 大家 妈 爸 妈妈 爸爸 老妈 老爸 老公 老婆 哥 姐 弟 妹 哥哥 姐姐 弟弟 妹妹 大哥 大姐 二哥 二姐 三哥 三姐 "
    "大伯 二伯 三伯 大姑 二姑 小姑 大姨 二姨 小姨 舅舅 大舅 二舅 小舅 舅妈 姑姑 姨妈 叔叔 三叔 二叔 小叔 婶婶 三婶 "
    "爷爷 奶奶 外公 外婆 姥姥 姥爷 三叔公 表哥 表姐 表弟 表妹 堂哥 堂姐 堂弟 堂妹 儿子 女儿 孙子 孙女 侄子 外甥 "
    "群主 管理员 系统 客服 物业 老板 老师 班长 同事 领导 医生 护士 司机 房东 中介 快递 外卖 骑手 对方 用户 本人 "
    "问 答 回复 原文 截图 内容 备注 提示 通知 公告 标题 主题 时间 日期 地点 地址 电话 手机 姓名 性别 年龄 民族 "
    "籍贯 学历 专业 职业 单位 部门 职位 项目 诊断 结果 原因 金额 价格 数量 订单 单号 编号 账号 密码 邮箱 微信 "
    "收件人 寄件人 联系人 收货人 申请人 患者 病人 家属 学生 家长 班主任 备注栏 附言 留言 评论 弹幕 主播 粉丝 "
    "宝宝 宝贝 亲爱的 老铁 兄弟 姐妹 家人 闺蜜 室友 同学 狗狗 猫猫 娃娃 孩子 小孩 "
    "重点 注意 温馨提示 例如 比如 总结 结论 第一 第二 第三 然后 最后 今天 明天 昨天 上午 下午 晚上".split()
)
# A heading line, not a speaker: 宿舍群里：, 聊天记录：, 他们说：
_NOT_SPEAKER_TAILS = ("群", "里", "说", "中", "记录", "如下", "截图", "消息", "内容", "信息")
_REPLY = re.compile(r"(?:回复|@|艾特)[ \t]?([\u4e00-\u9fff]{2,4})[ \t]*[:：]")
_WITHDREW = re.compile(r"[「“\"]([\u4e00-\u9fff]{2,4})[」”\"][ \t]?(?:撤回了一条消息|拍了拍|加入了群聊|退出了群聊|邀请)")


def _name_shaped(word: str, tag_of: TagOf, freq_of: FreqOf) -> bool:
    """Not an ordinary word: no frequent dictionary word that is not a name, no role or kin word."""
    if word in _NOT_SPEAKERS or word in NOT_NAMES or word in ROLE_NOUNS or word in HOUSEHOLD_KIN:
        return False
    tag = tag_of(word) or ""
    return freq_of(word, 0) < FREQUENT or tag.startswith("nr")


def chat_names(text: str, tag_of: TagOf, freq_of: FreqOf) -> Iterator[Span]:
    """Speakers of a pasted chat log, replied-to and withdrawing members."""
    if "\n" in text and ("：" in text or ":" in text):
        speakers = [m for m in _SPEAKER.finditer(text)]
        if len(speakers) >= 2:
            for m in speakers:
                word = m.group(1)
                nickname = len(word) == 2 and word[0] in "小阿老大" and word not in _NOT_SPEAKERS  # 小鱼：, 大白：
                given = all(c in GIVEN_CHARS for c in word[1 if word[0] in SURNAMES else 0 :])  # not 出生日期：, 联系电话：
                if len(word) >= 2 and not word.endswith(_NOT_SPEAKER_TAILS) and (
                        nickname or (given and _name_shaped(word, tag_of, freq_of))):
                    yield m.start(1), m.end(1), SCORE
    for pat in (_REPLY, _WITHDREW):
        for m in pat.finditer(text):
            if _name_shaped(m.group(1), tag_of, freq_of):
                yield m.start(1), m.end(1), SCORE


_NEXT_ITEM = re.compile(r"(?:、|和|还有|以及)([\u4e00-\u9fff]{2,3}?)(?=、|和|还有|以及|[ \t，,。！!？?：:；;）)]|$)")


def list_neighbours(text: str, found: list[tuple[int, int]], tag_of: TagOf, freq_of: FreqOf) -> Iterator[tuple[int, int]]:
    """The items joined by 、 / 和 / 还有 to a found name, on both sides, as long as each is shaped like a name."""
    taken = set(found)
    todo = list(found)
    while todo:
        s, e = todo.pop()
        if e < len(text) and text[e] == "、" or text.startswith(("和", "还有", "以及"), e):
            m = _NEXT_ITEM.match(text, e)
            if m and _name_shaped(m.group(1), tag_of, freq_of) and (m.start(1), m.end(1)) not in taken:
                taken.add((m.start(1), m.end(1)))
                todo.append((m.start(1), m.end(1)))
                yield m.start(1), m.end(1)
        if s >= 3 and text[s - 1] == "、":
            k = 3 if s >= 4 and text[s - 4] in SURNAMES else 2  # 王小明、 / 来了子轩、
            a = s - 1 - k
            word = text[a : s - 1]
            if a and "\u4e00" <= text[a - 1] <= "\u9fff" and text[a - 1] not in TAIL_STOP:
                continue  # 星|野君、苏沐: the item does not start inside a word (来了|子轩、 does)
            if re.fullmatch(r"[\u4e00-\u9fff]{2,3}", word) and _name_shaped(word, tag_of, freq_of) and (a, s - 1) not in taken:
                taken.add((a, s - 1))
                todo.append((a, s - 1))
                yield a, s - 1
