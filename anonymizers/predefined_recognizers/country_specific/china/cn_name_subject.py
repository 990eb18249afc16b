"""A name as the subject of a verb only people do (李娜说她不去, 白雪说下周见, 高洁打电话来了).

Names that are also dictionary words (白雪 snow, 高洁 noble, 李娜 the athlete) are redacted elsewhere only
after a cue. Opening a clause and followed right away by 说 / 打电话 / 请假 / 结婚 …, a surname-led word is
someone speaking, calling or taking leave: a person. Ordinary words that often open such clauses stay
(方便说一下, 马上打电话): a frequent word is a name here only when the dictionary tags it a name or a place
(于洋 ns), never an adverb, verb or adjective it knows well.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ._names import COMPOUND_SURNAMES, GIVEN_CHARS, NOT_NAMES, ROLE_NOUNS, SURNAMES, TITLES
from .cn_name_scan import right_boundary

Span = tuple[int, int, float]
TagOf = Callable[[str], "str | None"]
FreqOf = Callable[[str, int], int]
SCORE = 0.65
FREQUENT_WORD = 100
RARE_WORD = 10

# Verbs and phrases whose subject is a person.
PERSON_VERBS = (
    "说", "讲", "问我", "告诉", "回我", "过生日", "生日", "骂我", "哭了", "答应", "同意", "让我", "叫我", "帮我",
    "跟我", "约我", "找我", "陪我", "带我", "送我", "借我", "借了", "欠我", "搬家",
    # Cantonese (家豪成日迟到, 志明话佢今晚唔得闲, 家乐同我一齐打机)
    "话", "同我", "俾我", "打俾我", "成日", "琴日", "头先",
    # a person's kin right after (小雨她妈妈又在家长群里…)
    "她妈妈", "他妈妈", "她爸爸", "他爸爸", "她妈", "他妈", "她爸", "他爸",
    # a demonstrative that points at a person (毛毛那家伙, 雷霆那小子, 平安那孩子, 佩珊那个人)
    "那家伙", "那小子", "那孩子", "那个人", "那丫头", "那姑娘",
)
# Verbs so plainly about a person that even a frequent word before them is a name (文静最近总是不理我,
# 雷雨给我买了奶茶, 海波喝多了): a word that is also an adjective or a noun names someone here.
STRONG_VERBS = (
    "打电话", "打给", "给我打电话", "发消息", "发微信", "给我发", "请假", "结婚", "离婚", "出差", "加班", "迟到",
    "住院", "去世", "怀孕", "辞职", "考上", "毕业", "表白", "跟我表白", "喝多", "喝醉", "不理我", "给我买", "请我吃",
    "请我", "和我一起长大", "跟我吵架", "和我吵架", "吵架", "打架", "分手", "生病", "没来上课", "转学",
    "失恋", "跟我冷战", "冷战", "放我鸽子", "发朋友圈", "屏蔽了我", "拉黑我", "拉黑了我", "移民", "失业", "流产",
)
# Time words and adverbs that may stand between the subject and the verb (建华今天给我打电话了).
_BRIDGE = r"(?:(?:今天|昨天|昨晚|前天|明天|刚才|刚刚|最近|早上|晚上|上午|下午|中午|又|也|还|总是|一直|已经|突然|居然|竟然|终于)\s?){0,2}"
# (not 说明 / 说法 / 讲究 / 讲座: nouns and verbs of their own)
_NOT_AFTER = {"说": "(?!明|法)", "讲": "(?!究|座|台)", "话": "(?!说|题|费|筒|剧|语|术|里|音|中|费|梅)"}


def _alternation(verbs: tuple[str, ...]) -> str:
    return "|".join(re.escape(v) + _NOT_AFTER.get(v, "") for v in sorted(verbs, key=len, reverse=True))


_VERB = re.compile(_BRIDGE + f"(?:{_alternation(PERSON_VERBS + STRONG_VERBS)})")
_STRONG = re.compile(_BRIDGE + f"(?:{_alternation(STRONG_VERBS)})")
_CLAUSE_START = re.compile(r"(?:^|(?<=[\s,，。.!！?？;；:：、~～\"“”'‘’「」()（）]))")
# (and the words users call a child, a pet or a partner by: 宝宝说饿了, 亲爱的说)
_NOT_SUBJECT = frozenset(ROLE_NOUNS) | frozenset(TITLES) | NOT_NAMES | frozenset(
    {"宝宝", "宝贝", "狗狗", "猫猫", "娃娃", "大家", "亲爱", "老铁", "兄弟", "姐妹", "家人"})
_COMPOUND = frozenset(COMPOUND_SURNAMES)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# Dictionary tags of words that cannot be a subject named so: time words, adverbs, verbs, pronouns, numerals,
# prepositions, conjunctions (明天给我打电话, 马上打电话, 大家说好了).
_NEVER = ("t", "d", "v", "r", "m", "q", "p", "c", "f", "u", "y", "e", "o", "l", "i", "s", "b")


def _subject_word(word: str, at: int, text: str, tag_of: TagOf, freq_of: FreqOf) -> bool:
    """``word`` at ``at`` reads as a person before the verb that follows it."""
    if freq_of(text[at + len(word) - 1 : at + len(word) + 1], 0) >= FREQUENT_WORD:
        return False  # 文的电|话: the verb is the end of a word (电话) that began inside the span
    if word in _NOT_SUBJECT or _VERB.search(word) or word[-1] in "地的得着了过" or "的" in word:
        return False  # 老妈说, 班主任说: a role; 高兴说 (说 inside), 高兴地说: not a name
    head = word[:2]
    if len(word) == 3 and freq_of(head, 0) >= FREQUENT_WORD and not (tag_of(head) or "").startswith("nr"):
        return False  # 高兴|x说: a frequent word and a character glued to it
    tag = tag_of(word) or ""
    if freq_of(word, 0) < RARE_WORD:
        return True  # 欣怡 (tagged an idiom, seen twice in jieba's corpus): a name, not a word users know
    if tag.startswith(_NEVER) and not tag.startswith("nr"):
        return False
    if freq_of(word, 0) < FREQUENT_WORD or tag.startswith(("nr", "ns", "nz")):
        return True
    return _STRONG.match(text, at + len(word)) is not None  # 文静最近总是不理我 (文静 a): only a strong verb


# 我和老四去吃了火锅, 我跟小黑一起…: a nickname the writer does something with.
_WITH_NICK = re.compile(r"(?<=[我他她](?:和|跟|陪|约|找))([小老阿][\u4e00-\u9fff])(?=去|一起|吃|聊|吵|玩|打|喝|见面|出去|逛|看电影|说)")


def subject_names(text: str, tag_of: TagOf, freq_of: FreqOf) -> Iterator[Span]:
    """Surname-led two- to four-character words, or a two-character given name, opening a clause right
    before a person-only verb (time words and adverbs may stand between)."""
    for m in _WITH_NICK.finditer(text):
        nick = m.group(1)
        if nick not in _NOT_NICK_SUBJECT and nick not in _NOT_SUBJECT and (tag_of(nick) or "nr")[0] not in "avdrmpcu":
            yield m.start(1), m.end(1), SCORE
    for m in _CLAUSE_START.finditer(text):
        i = m.start()
        if i >= len(text):
            continue
        given = text[i : i + 2]
        if len(given) == 2 and all(c in GIVEN_CHARS for c in given) and _VERB.match(text, i + 2) \
                and _subject_word(given, i, text, tag_of, freq_of):
            yield i, i + 2, SCORE  # 志强说不服, 建华今天给我打电话: a given name alone, as family and friends use it
            continue
        nick = text[i : i + 2]
        if len(nick) == 2 and text[i] in "小老阿" and _HAN.match(nick[1]) and nick not in _NOT_NICK_SUBJECT \
                and nick not in _NOT_SUBJECT and _VERB.match(text, i + 2) and (tag_of(nick) or "nr")[0] not in "avdrmpcu":
            yield i, i + 2, SCORE  # 小胖今天又迟到了, 老四喝多了, 阿偉啱啱失業: a nickname as the subject
            continue
        if text[i] in WORD_SURNAMES and all(c in GIVEN_CHARS for c in text[i + 1 : i + 3]) and len(text) >= i + 3 \
                and not tag_of(text[i : i + 2]) and tag_of(text[i + 1 : i + 3]) != "m" \
                and right_boundary(text, i + 3, tag_of):
            yield i, i + 3, SCORE  # 区浩文是我同学, 盖丽丽要出国了, 年小军是我同事: a surname that is also a word
            continue
        if not (text[i] in SURNAMES or text[i : i + 2] in _COMPOUND):
            continue
        for n in (4, 3, 2):
            word = text[i : i + n]
            if len(word) < n or not all(_HAN.match(c) for c in word) or not _VERB.match(text, i + n):
                continue
            if n == 4 and word[:2] not in _COMPOUND:
                continue
            if _subject_word(word, i, text, tag_of, freq_of):
                yield i, i + n, SCORE
            break


# 小X / 老X / 阿X words that open a clause as somebody's role or kin, or a time, not a nickname.
_NOT_NICK_SUBJECT = frozenset(
    "老实 老早 小年 小寒 小暑 老公 老婆 老妈 老爸 老娘 老子 老板 老师 老乡 老外 老人 老总 老头 老太 老家 老大 老铁 老兄 老弟 老妹 老爷 老伴 老表 "
    "小孩 小姨 小姑 小舅 小叔 小弟 小妹 小伙 小编 小区 小时 小姐 小哥 小子 小宝 小两 小组 小学 小心 小说 小朋 "
    "阿姨 阿婆 阿公 阿伯 阿叔 阿嬷 阿爸 阿妈 阿哥 阿姐 阿妹 阿嫂".split()
)


# Surnames that are ordinary words too (区 district, 盖 lid, 年 year): only as a clause's subject with a
# two-character given name (区浩文是…), never scanned elsewhere.
WORD_SURNAMES = frozenset("区盖年")


# 周一鸣, 周日新, 高三明: a surname whose given name starts with a numeral, where jieba cuts the weekday or
# school grade (周一 | 鸣, 高三 | 明) and the name is lost.
_ADVERB_CHARS = frozenset("才就再还也都又")
_TIME_BEFORE = frozenset("这下上本每个到从至")
_TIME_WORD_NAME = re.compile(r"(?=[周高][一二三四五六日天])")


def time_word_names(text: str, tag_of: TagOf) -> Iterator[Span]:
    """Surname + numeral + given-name character, bounded on the right, that is not a count (一天, 一回)."""
    for m in _TIME_WORD_NAME.finditer(text) if "周" in text or "高" in text else ():
        i = m.start()
        g = text[i + 2 : i + 3]
        if not g or g not in GIVEN_CHARS or g in _ADVERB_CHARS or (tag_of(text[i + 1 : i + 3]) or "").startswith("m"):
            continue
        if i > 0 and text[i - 1] in _TIME_BEFORE:
            continue  # 这周六才能拿到, 下周一见: a weekday, not a name
        if (tag_of(text[i : i + 3]) or "nr")[0] in "nr" and right_boundary(text, i + 3, tag_of):
            yield i, i + 3, SCORE
