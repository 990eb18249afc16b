"""Names the surname scans miss because they carry no full name: how family, colleagues and villagers
address each other.

* a given name alone right after a role or kin noun (堂弟春生骑摩托, 我女朋友文静, 你表哥大龙结婚);
* a surname and one kin character (房东周姐说, 王嫂2板, 李叔也来了) where the pair is not a dictionary word
  (师姐, 空姐 are words);
* 老 + a capital letter (老K打野);
* in Cantonese chat, surname + 太 / 生 (陈太, 李生: Mrs / Mr);
* a group chat's @mention of a Han name (@毛毛 你看到没, @丁一 明天的会): whoever is mentioned is a member.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ._names import GIVEN_CHARS, NOT_NAMES, ROLE_NOUNS, SURNAMES
from .cn_name_scan import left_kind, right_boundary

Span = tuple[int, int, float]
TagOf = Callable[[str], "str | None"]
FreqOf = Callable[[str, int], int]
SCORE = 0.7
FREQUENT_WORD = 100

_ROLES = tuple(sorted((r for r in ROLE_NOUNS if len(r) >= 2), key=len, reverse=True))
_ROLE_THEN = re.compile("|".join(map(re.escape, _ROLES)))  # every role noun, longest first, in one scan
_KIN = "姐哥嫂叔姨伯婶"
_SURNAME_KIN = re.compile(f"(?=[{''.join(sorted(SURNAMES))}][{_KIN}])")
_CANTONESE = re.compile("[佢咗嘅係唔冇嚟啲喺揾搵]")
_SURNAME_CANTONESE = re.compile(f"(?=[{''.join(sorted(SURNAMES))}][太生])")
_GIVEN_KIN = re.compile(f"(?=[{''.join(sorted(GIVEN_CHARS - SURNAMES))}][哥姐])")
_HANGUL = re.compile("[\uac00-\ud7a3]")
_HANGUL_WORD = re.compile("(?<![\uac00-\ud7a3])[\uac00-\ud7a3]{2,4}(?![\uac00-\ud7a3])")
_KOREAN_SURNAMES = frozenset("김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉")
_KOREAN_COMPOUND = frozenset({"황보", "남궁", "제갈", "선우", "독고", "사공"})
_LAO_LETTER = re.compile(r"(?<![A-Za-z])老[A-Z](?![A-Za-z])")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_MENTION = re.compile(r"(?<![A-Za-z0-9_.])[@＠]([\u4e00-\u9fff]{1,8})(?=[ \t\u3000\u2005，,：:。！!？?]|$)")
# Who a group mention names that is nobody in particular.
_MENTION_NOT_NAMES = frozenset({"所有人", "全体成员", "全体", "大家", "群主", "管理员", "全员", "物业", "物业管家", "管家", "客服",
                                "前台", "保安", "班长", "队长", "组长", "家长们", "同学们", "老师们"})


_FUNCTION_CHARS = frozenset("会被的了是不吗呢吧啊就都也还把给让在")  # 别直接写@会被吞: a clause, not a member


def mention_names(text: str) -> Iterator[Span]:
    """A Han @mention ending at a blank, a pause or the end (not a role: @物业, @所有人)."""
    for m in _MENTION.finditer(text) if ("@" in text or "＠" in text) else ():
        word = m.group(1)
        if word not in _MENTION_NOT_NAMES and word not in ROLE_NOUNS and not _FUNCTION_CHARS.intersection(word):
            yield m.start(1), m.end(1), SCORE


def role_given_names(text: str, tag_of: TagOf, freq_of: FreqOf) -> Iterator[Span]:
    """A two-character given name (or 大X / 小X pet name) right after a role noun, bounded on the right."""
    for m in _ROLE_THEN.finditer(text):
        i = m.end()
        word = text[i : i + 2]
        if len(word) == 2 and _HAN.match(word[1]) and word not in NOT_NAMES and word not in ROLE_NOUNS \
                and right_boundary(text, i + 2, tag_of) and _given_like(word, tag_of, freq_of):
            yield i, i + 2, SCORE


def _given_like(word: str, tag_of: TagOf, freq_of: FreqOf) -> bool:
    tag = tag_of(word) or ""
    if word[0] in "大小" and word[1] in GIVEN_CHARS | SURNAMES:
        return not tag or tag[0] in "nr"  # 表哥大龙, 会长小鱼 (not 小心, 大概)
    if not all(c in GIVEN_CHARS for c in word):
        return False
    return tag.startswith("nr") or not tag or freq_of(word, 0) < FREQUENT_WORD  # 春生, 文静 (n, 74)


def kin_title_names(text: str, tag_of: TagOf) -> Iterator[Span]:
    """Surname + 姐/哥/嫂/叔/姨/伯/婶 standing as a name (not 师姐, 空姐), and 老 + a capital (老K)."""
    cantonese = _CANTONESE.search(text) is not None  # 陈太 (Mrs Chan), 李生 (Mr Lee) in Cantonese chat
    for m in _SURNAME_CANTONESE.finditer(text) if cantonese else ():
        i = m.start()
        if (tag_of(text[i : i + 2]) or "nr").startswith("nr") and right_boundary(text, i + 2, tag_of) \
                and (i == 0 or not _HAN.match(text[i - 1]) or left_kind(text, i) in ("role", "cue")):
            yield i, i + 2, SCORE
    for m in _SURNAME_KIN.finditer(text) if any(c in text for c in _KIN) else ():
        i = m.start()
        pair = text[i : i + 2]
        if (tag_of(pair) or "nr").startswith("nr") and pair not in NOT_NAMES and pair not in ROLE_NOUNS \
                and (i == 0 or not _HAN.match(text[i - 1]) or left_kind(text, i) in ("role", "cue")) \
                and right_boundary(text, i + 2, tag_of):
            yield i, i + 2, SCORE
    for m in _LAO_LETTER.finditer(text) if "老" in text else ():
        yield m.start(), m.end(), SCORE
    for m in _GIVEN_KIN.finditer(text) if "哥" in text or "姐" in text else ():
        i = m.start()
        pair = text[i : i + 2]
        if tag_of(pair) is None and pair not in NOT_NAMES and (i == 0 or not _HAN.match(text[i - 1])
                                                               or left_kind(text, i) in ("role", "cue")) \
                and right_boundary(text, i + 2, tag_of):
            yield i, i + 2, SCORE  # 涛哥说, 婷姐今天: a given-name character and 哥 / 姐 is how friends name them


def hangul_names(text: str) -> Iterator[Span]:
    """A Korean name written in Hangul inside Chinese or English chat (我韩国朋友김민수下周来): two to four
    syllables standing alone, led by a Korean surname syllable; Korean sentences are left alone."""
    words = list(_HANGUL_WORD.finditer(text)) if _HANGUL.search(text) else []
    if len(words) > 2 or len(_HANGUL.findall(text)) > 8:
        return  # a Korean sentence: its words start with surname syllables too (고마워, 진짜)
    for m in words:
        w = m.group()
        if w[:2] in _KOREAN_COMPOUND or (w[0] in _KOREAN_SURNAMES and len(w) >= 3) or (w[0] in _KOREAN_SURNAMES and len(w) == 2 and m.start() > 0):
            yield m.start(), m.end(), SCORE
