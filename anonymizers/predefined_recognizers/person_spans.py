"""How far a PERSON span reaches, after every recognizer has spoken: repeats and titles.

A name found once is redacted wherever else the message repeats it.

Recognizers find a name where a cue announces it (我是多多爸爸, 房东徐洋, my name is Priya); the same
name later in the message has no cue (多多这两天咳嗽, Priya said…) and would pass. Recall-first: every
other occurrence of a PERSON value becomes a PERSON span with the first one's score and recognizer,
so the one overlap rule still decides against structured identifiers. One-character values (a bare
surname) and Latin values shorter than three letters are not spread: they are too often parts of words.
A full name also spreads its parts, because chat goes on with the given name (孙晓楠 … 晓楠说, Priya
Raman … Priya said): the two-character given name after a surname, each capitalised Latin word.

A title or kin word right after a name is part of how the person is named (韦秀英阿姨, 邓芸主任, 扎西次仁大哥,
Professor Hartmann): the span takes it along, as English names take their honorific before them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from presidio_analyzer import RecognizerResult

T = TypeVar("T", bound=RecognizerResult)
_HAN_ONLY = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]{2,}$")
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'.-]{2,}(?:[ \t]+[A-Z][A-Za-z'.-]+)*$")


def _occurrences(value: str, text: str) -> list[tuple[int, int]] | None:
    """Where ``value`` occurs (Latin values as whole words only: Ann is not inside Annual); None when the
    value is not one that spreads. Plain ``str.find``: a regex per value would thrash the re cache."""
    latin = _LATIN_NAME.match(value) is not None
    if not latin and not _HAN_ONLY.match(value):
        return None
    out, k = [], text.find(value)
    while k >= 0:
        end = k + len(value)
        if not latin or not ((k and text[k - 1].isascii() and text[k - 1].isalpha())
                             or (end < len(text) and text[end].isascii() and text[end].isalpha())):
            out.append((k, end))
        k = text.find(value, k + 1)
    return out


_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Madam", "The", "And"})


def _values(value: str) -> list[str]:
    """The value and the parts of it that name the person on their own."""
    from .country_specific.china._names import COMPOUND_SURNAMES, ROLE_NOUNS, SURNAMES, TITLES

    out = [value]
    if _HAN_ONLY.match(value):
        sur = 2 if value[:2] in COMPOUND_SURNAMES else 1 if value[0] in SURNAMES else 0
        if sur and len(value) - sur == 2 and value[sur:] not in TITLES and value[sur:] not in ROLE_NOUNS:  # 牟|老师
            out.append(value[sur:])
    elif _LATIN_NAME.match(value) and " " in value.strip():
        out += [w for w in re.split(r"[ \t]+", value) if len(w.strip(".")) >= 3 and w.strip(".") not in _HONORIFICS]
    return out


def repeated_names(text: str, results: Sequence[T]) -> list[T]:
    """``results`` plus a PERSON span at every further occurrence of a PERSON value not yet covered."""
    out = list(results)
    seen: set[str] = set()
    for r in results:
        if r.entity_type != "PERSON":
            continue
        for value in _values(text[r.start : r.end].strip()):
            if value in seen or (spans := _occurrences(value, text)) is None:
                continue
            seen.add(value)
            out.extend(_more(r, spans, out))
    return out


def _more(r: T, spans: list[tuple[int, int]], taken: list[T]) -> list[T]:
    """PERSON spans like ``r`` at ``spans`` no result covers yet."""
    out: list[T] = []
    for s, e in spans:
        if any(o.start < e and s < o.end for o in (*taken, *out)):
            continue
        out.append(type(r)(r.entity_type, s, e, r.score, r.analysis_explanation, r.recognition_metadata))
    return out


# Titles and kin words that follow a name; single characters only before a boundary (王伟哥，).
# Not 老师 / 医生 / 同学 / 护士: they say what the person does for the speaker, not who they are, and are the
# message's context (班主任王丽老师在群里说…); a rank (主任, 局长) or a kin word of address narrows who it is.
_TITLES_AFTER = (
    "先生", "女士", "小姐", "经理", "总监", "主任", "阿姨", "叔叔", "教授", "律师", "警官", "主管", "老板", "老总",
    "大哥", "大姐", "哥哥", "姐姐", "伯伯", "奶奶", "爷爷", "阿婆", "阿公", "大爷", "大妈", "大叔", "大婶", "姊妹",
    "弟兄", "师兄", "师姐", "学长", "学姐", "校长", "院长", "书记", "部长", "科长", "处长", "局长", "董事长", "总经理",
    "博士", "阿伯", "阿叔",
)
_TITLES_1 = frozenset("总哥姐叔姨伯婶嫂")
_EN_TITLE_BEFORE = re.compile(r"(?i)\b(?:professor|doctor|teacher|coach|captain|uncle|aunt|auntie|sir|madam)[ \t]+$")
_HAN_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def with_trailing_title(text: str, r: T) -> T:
    """``r`` reaching over a title after a Chinese name, or a title word before a Latin one."""
    if r.entity_type != "PERSON" or r.end - r.start < 2:
        return r
    if _HAN_CHAR.match(text[r.end - 1]):
        from .country_specific.china.t2s import to_simplified

        after = to_simplified(text[r.end : r.end + 3])  # 阿哲學長: the title as typed in traditional characters
        t = next((t for t in _TITLES_AFTER if after.startswith(t)), None)
        if t is None and text[r.end : r.end + 1] in _TITLES_1 and not _HAN_CHAR.match(text[r.end + 1 : r.end + 2] or "a"):
            t = text[r.end]
        if t is not None:
            r.end += len(t)
    elif text[r.start].isascii() and (m := _EN_TITLE_BEFORE.search(text, 0, r.start)) and m.end() == r.start:
        r.start = m.start()
    return r


_NEXT_LATIN = re.compile(r"[ ]([A-Za-z]{2,8})(?![A-Za-z])")
# Hokkien, Cantonese and Teochew surnames of Malaysian and Singaporean Chinese (Tan Mei Ling, Lim Wei Jie).
_SEA_SURNAMES = frozenset("tan lim ng goh teo tay koh chua ong lee wong chan cheung chong yeo toh quek seah".split())


def with_trailing_given(text: str, r: T) -> T:
    """A romanised Chinese name cut short: a pinyin surname alone before a pinyin given name (li | jiahui),
    or surname + one syllable before the second syllable (Tan Mei | Ling, zhang yu | tong)."""
    from .country_specific.china.cn_name_latin import PINYIN_SURNAMES, _en_stop_words, _is_pinyin_word
    from .generic.english_names import english_vocabulary

    if r.entity_type != "PERSON" or not text[r.start : r.end].isascii():
        return r
    words = text[r.start : r.end].split()
    m = _NEXT_LATIN.match(text, r.end)
    if m is None or not words or m.group(1).lower() in _en_stop_words() or not _is_pinyin_word(m.group(1)):
        return r
    sur = words[0].lower()
    nxt = m.group(1)
    lone = len(words) == 1 and sur in PINYIN_SURNAMES and nxt.islower() == words[0].islower() \
        and (len(nxt) >= 4 or nxt.lower() not in english_vocabulary())  # li | jiahui, wang | wei (not li | ran)
    same_case = (words[-1].istitle() and m.group(1).istitle()) or (words[-1].islower() and m.group(1).islower())
    third = (len(words) == 2 and (sur in PINYIN_SURNAMES or sur in _SEA_SURNAMES) and same_case
             and len(words[1]) <= 4 and len(m.group(1)) <= 4)  # Tan Mei | Ling, zhang yu | tong
    if lone or third:
        r.end = m.end()
    return r


# Product-line words English NER reads as a first name (iPhone 15 Pro Max, MacBook Pro Max, Max音量).
_PRODUCT_WORDS = frozenset({"Max", "Pro Max", "Pro", "Plus", "Ultra", "Mini"})
_PRODUCT_BEFORE = re.compile(r"(?:\b(?:Pro|iPhone|iPad|MacBook|Galaxy|Mate|Redmi|Xiaomi)|\d+[A-Za-z]*)[ \t]*$")


# Software the small English model tags as people (Java里…, 用Kafka做队列); not words that are also names.
_SOFTWARE = frozenset({"Java", "JavaScript", "Kafka", "Python", "Kotlin", "Django", "Flask", "Redis", "Docker",
                       "Kubernetes", "Linux", "Ubuntu", "Excel", "ChatGPT", "Copilot", "DeepSeek", "PyTorch",
                       "TensorFlow", "Nginx", "MySQL", "PostgreSQL", "MongoDB", "Hadoop", "Spark", "Golang"})


# RTX 4090, GTX 1080, A100: a hardware model's letters before its number (not JOHN 5551234: a name stays one).
_MODEL = re.compile(r"[A-Z]{2,5}(?=[ ]?\d{2,5}\b)")


def _name_word(word: str) -> bool:
    from .country_specific.china.cn_name_latin import PINYIN_SURNAMES
    from .generic.english_names import is_given, is_surname

    return is_given(word, alone=False) or is_surname(word) or word.lower() in PINYIN_SURNAMES


def drop_product_words(text: str, results: Sequence[T]) -> list[T]:
    """``results`` without PERSON spans that are a product line's suffix right after the product, the
    name of a piece of software, or a hardware model's letters."""
    def product(r: T) -> bool:
        value = text[r.start : r.end].strip()
        if value in _SOFTWARE:
            return True
        model = _MODEL.match(text, r.start)
        if model is not None and model.end() == r.end and not _name_word(model.group()):
            return True
        return value in _PRODUCT_WORDS and bool(
            _PRODUCT_BEFORE.search(text, 0, r.start) or text[r.end : r.end + 2] in ("音量", "版本", "机型"))

    return [r for r in results if not (r.entity_type == "PERSON" and product(r))]
