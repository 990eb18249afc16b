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

Span = tuple[int, int, float]
TagOf = Callable[[str], "str | None"]
FreqOf = Callable[[str, int], int]
SCORE = 0.65
FREQUENT_WORD = 100

# Verbs and phrases whose subject is a person.
PERSON_VERBS = (
    "说", "讲", "问我", "告诉", "打电话", "打给", "发消息", "发微信", "回我", "请假", "过生日", "生日", "结婚", "离婚",
    "出差", "加班", "迟到", "住院", "去世", "骂我", "哭了", "答应", "同意", "让我", "叫我", "帮我", "给我发", "跟我",
    "约我", "找我", "陪我", "带我", "送我", "借我", "借了", "欠我", "怀孕", "辞职", "考上", "毕业", "搬家",
)
# (not 说明 / 说法 / 讲究 / 讲座: nouns and verbs of their own)
_NOT_AFTER = {"说": "(?!明|法)", "讲": "(?!究|座|台)"}
_VERB = re.compile("|".join(re.escape(v) + _NOT_AFTER.get(v, "") for v in sorted(PERSON_VERBS, key=len, reverse=True)))
_CLAUSE_START = re.compile(r"(?:^|(?<=[\s,，。.!！?？;；:：、~～\"“”'‘’「」()（）]))")
_NOT_SUBJECT = frozenset(ROLE_NOUNS) | frozenset(TITLES) | NOT_NAMES
_COMPOUND = frozenset(COMPOUND_SURNAMES)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def subject_names(text: str, tag_of: TagOf, freq_of: FreqOf) -> Iterator[Span]:
    """Surname-led two- to four-character words (or a two-character given name the dictionary does not know
    as a word) opening a clause right before a person-only verb."""
    for m in _CLAUSE_START.finditer(text):
        i = m.start()
        if i >= len(text):
            continue
        given = text[i : i + 2]
        if len(given) == 2 and all(c in GIVEN_CHARS for c in given) and given not in _NOT_SUBJECT \
                and (tag_of(given) or "nr").startswith("nr") and freq_of(given, 0) < FREQUENT_WORD \
                and _VERB.match(text, i + 2):
            yield i, i + 2, SCORE  # 志强说不服, 晓燕请假了: a given name alone, as family and friends use it
            continue
        if not (text[i] in SURNAMES or text[i : i + 2] in _COMPOUND):
            continue
        for n in (4, 3, 2):
            word = text[i : i + n]
            if len(word) < n or not all(_HAN.match(c) for c in word) or not _VERB.match(text, i + n):
                continue
            if n == 4 and word[:2] not in _COMPOUND:
                continue
            if word in _NOT_SUBJECT or _VERB.search(word):
                break  # 老妈说, 班主任说: a role; 高兴说 (说 inside): not a name
            tag = tag_of(word) or ""
            if freq_of(word, 0) >= FREQUENT_WORD and not tag.startswith(("nr", "ns", "nz")):
                break  # 方便说一下, 马上打电话
            yield i, i + n, SCORE
            break
