"""Names half written in another script, or with the surname spelled out by its parts.

* Pinyin for part of the name (张wei, 李xiao明, 王x明, 小wang): a Han surname glued to pinyin
  syllables or to initials, typed so that a filter looking for Han names misses it.
* A whole pinyin name in lower case inside Chinese text (我同事wang xiaoming说…): a pinyin surname
  followed by a one-to-three-syllable given name.
* A surname spelled out by its components, the way people say it aloud (弓长张, 耳东陈, 木子李, 口天吴):
  the spelled-out part, the surname when it follows, and the given name after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...generic.english_names import english_vocabulary
from ._names import COMPOUND_SURNAMES, GIVEN_CHARS, NOT_GIVEN_START, SURNAMES, TITLES
from .cn_name_latin import _SYLLABLE, PINYIN_SURNAMES, _is_pinyin_word
from .cn_name_scan import _HAN, SCORE_CUE, Span, left_kind, right_boundary

# 张wei / 李xiao明 / 王x明: surname + (pinyin syllable | initial | Han given character), one or two pieces.
_GIVEN = "".join(sorted(GIVEN_CHARS))
_MIXED = re.compile(rf"([{''.join(sorted(SURNAMES))}])((?:[A-Za-z][a-z]{{0,5}}|[{_GIVEN}]){{1,2}})(?![A-Za-z])")
_PIECE = re.compile(rf"[A-Za-z][a-z]*|[{_HAN}]")
# wang xiaoming in Chinese text: lower-case pinyin surname + given name.
_PINYIN_PAIR = re.compile(r"(?<![A-Za-z])([a-z]{1,6}) ([a-z]{2,12})(?![A-Za-z])")
_ANY_HAN = re.compile(f"[{_HAN}]")
# Spelled-out surnames: the components people name them by.
SPELLED_SURNAMES = {
    "弓长": "张", "耳东": "陈", "木子": "李", "口天": "吴", "立早": "章", "古月": "胡", "言午": "许", "双木": "林",
    "草头": "黄", "人可": "何", "文刀": "刘", "关耳": "郑", "三横": "王", "禾呈": "程", "女干": "姜", "马冬": "冯",
}
_SPELLED = re.compile("(" + "|".join(SPELLED_SURNAMES) + ")")


# A surname in pinyin (or its initial) before a title (Nie 老师, luo警官, Z主任), and a Han surname before
# the initials of the given name (许df, 詹yh, 司马MS).
_OFFICE_TITLES = ("科长", "局长", "处长", "部长", "院长", "校长", "所长", "厂长", "队长", "组长", "班长", "书记", "主席")
_TITLES_2 = "|".join(sorted({t for t in TITLES if len(t) >= 2} | set(_OFFICE_TITLES), key=len, reverse=True))
_LATIN_TITLE = re.compile(rf"(?<![A-Za-z])([A-Za-z][a-z]{{1,5}}|[A-Z])[ ]?(?:{_TITLES_2})")
_SURNAME_INITIALS = re.compile(
    rf"({'|'.join(COMPOUND_SURNAMES)}|[{''.join(sorted(SURNAMES))}])([a-z]{{2,3}}|[A-Z]{{2,3}})(?![A-Za-z0-9])"
)


def mixed_names(text: str) -> Iterator[Span]:
    """Spans of names with pinyin for some characters, lower-case pinyin names, spelled-out surnames."""
    if re.search("[A-Za-z]", text):
        yield from _mixed(text)
        if _ANY_HAN.search(text):
            yield from _pinyin_pairs(text)
            yield from _latin_titles(text)
            yield from _glued_pinyin(text)
    yield from _spelled(text)
    if "阿" in text:
        for m in _AH_LATIN.finditer(text):  # 阿May, 阿Ken: the southern 阿 before an English given name
            yield m.start(), m.end(), SCORE_CUE


# 阿 + a capitalised English word of two letters or more (阿Q, Lu Xun's one-letter character, stays).
_AH_LATIN = re.compile(r"(?<![A-Za-z])阿[A-Z][a-z]{1,9}(?![A-Za-z])")


# A whole pinyin name typed as one lower-case word inside Chinese text (交给zhengqingzi, nangonghao收).
_GLUED = re.compile(r"(?<![A-Za-z0-9_.@/-])[a-z]{6,16}(?![A-Za-z0-9_@-]|\.[A-Za-z])")
_COMPOUND_PINYIN = ("nangong", "zhongli", "puyang", "shentu", "dugu", "duanmu", "gongsun", "huangfu", "linghu", "murong",
                    "xiahou", "yuwen", "shangguan", "zhuge", "situ", "sima", "ouyang", "ximen", "dongfang", "zhangsun")
_SURNAME_PREFIXES = tuple(sorted(set(PINYIN_SURNAMES) | set(_COMPOUND_PINYIN), key=len, reverse=True))
_GIVEN_SYLLABLES = re.compile(f"(?:{_SYLLABLE.pattern}){{1,2}}")


# (English words split into pinyin syllables too: machine, penguin, sunshine are not names.)
# Apps, brands and games written in pinyin (打开xiaohongshu, 下载了wangzhe).
_PINYIN_BRANDS = frozenset(
    "xiaohongshu wangzhe wangzherongyao taobao tianmao zhifubao weixin douyin kuaishou meituan jingdong baidu weibo "
    "zhihu bilibili pinduoduo gaode xianyu dianping yuanshen xiecheng qunar huawei xiaomi jinritoutiao douban "
    "tantan momo dingding feishu youku aiqiyi tengxun mangguo hupu shunfeng zhongtong yuantong yunda jitu".split()
)


def _glued_pinyin(text: str) -> Iterator[Span]:
    for m in _GLUED.finditer(text):
        w = m.group()
        sur = next((p for p in _SURNAME_PREFIXES if w.startswith(p) and _GIVEN_SYLLABLES.fullmatch(w[len(p):])), None)
        if sur is None or (len(w) < 7 and sur not in _COMPOUND_PINYIN) or w in _PINYIN_BRANDS or w in english_vocabulary():
            continue
        yield m.start(), m.end(), SCORE_CUE


def _latin_titles(text: str) -> Iterator[Span]:
    for m in _LATIN_TITLE.finditer(text):
        sur = m.group(1)
        if len(sur) == 1 or sur.lower() in PINYIN_SURNAMES:
            yield m.start(), m.end(), SCORE_CUE
    for m in _SURNAME_INITIALS.finditer(text):
        if left_kind(text, m.start()) in ("role", "cue", "start"):
            yield m.start(), m.end(), SCORE_CUE


def _mixed(text: str) -> Iterator[Span]:
    for m in _MIXED.finditer(text):
        pieces = _PIECE.findall(m.group(2))
        latin = [p for p in pieces if p.isascii()]
        if not latin or (m.start() > 0 and text[m.start() - 1].isascii() and text[m.start() - 1].isalpha()):
            continue
        if any(len(p) > 1 and not _is_pinyin_word(p) for p in latin) or any(p in NOT_GIVEN_START for p in pieces):
            continue
        initials_only = all(len(p) == 1 for p in latin)
        left = left_kind(text, m.start())
        # Initials alone (王x明) need a cue on the left; so does one short syllable (金ka is 金卡).
        cued = left in ("role", "cue")
        if not cued and (initials_only or (len(pieces) == 1 and len(latin[0]) < 5)):
            continue
        if right_boundary(text, m.end()):
            yield m.start(), m.end(), SCORE_CUE


def _pinyin_pairs(text: str) -> Iterator[Span]:
    for m in _PINYIN_PAIR.finditer(text):
        sur, given = m.group(1), m.group(2)
        if sur in PINYIN_SURNAMES and _is_pinyin_word(sur) and _is_pinyin_word(given) and len(given) >= 3:
            yield m.start(), m.end(), SCORE_CUE


def _spelled(text: str) -> Iterator[Span]:
    for m in _SPELLED.finditer(text):
        j = m.end()
        if text[j : j + 1] == SPELLED_SURNAMES[m.group(1)]:
            j += 1  # 弓长张 + given name
        elif left_kind(text, m.start()) not in ("role", "cue"):
            continue
        k = j
        while k < len(text) and k - j < 2 and text[k] in GIVEN_CHARS:
            k += 1
        if k > j or j > m.end():
            yield m.start(), k, SCORE_CUE
