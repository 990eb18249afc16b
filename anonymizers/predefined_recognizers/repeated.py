"""A name found once is redacted wherever else the message repeats it.

Recognizers find a name where a cue announces it (我是多多爸爸, 房东徐洋, my name is Priya); the same
name later in the message has no cue (多多这两天咳嗽, Priya said…) and would pass. Recall-first: every
other occurrence of a PERSON value becomes a PERSON span with the first one's score and recognizer,
so the one overlap rule still decides against structured identifiers. One-character values (a bare
surname) and Latin values shorter than three letters are not spread: they are too often parts of words.
A full name also spreads its parts, because chat goes on with the given name (孙晓楠 … 晓楠说, Priya
Raman … Priya said): the two-character given name after a surname, each capitalised Latin word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from presidio_analyzer import RecognizerResult

T = TypeVar("T", bound=RecognizerResult)
_HAN_ONLY = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]{2,}$")
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'.-]{2,}(?:[ \t]+[A-Z][A-Za-z'.-]+)*$")


def _pattern(value: str) -> re.Pattern[str] | None:
    if _HAN_ONLY.match(value):
        return re.compile(re.escape(value))
    if _LATIN_NAME.match(value):  # whole words only: Ann is not inside Annual
        return re.compile(rf"(?<![A-Za-z]){re.escape(value)}(?![A-Za-z])")
    return None


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
            if value in seen or (pat := _pattern(value)) is None:
                continue
            seen.add(value)
            out.extend(_more(r, pat, text, out))
    return out


def _more(r: T, pat: re.Pattern[str], text: str, taken: list[T]) -> list[T]:
    """PERSON spans like ``r`` at the matches of ``pat`` no result covers yet."""
    out: list[T] = []
    for m in pat.finditer(text):
        if any(o.start < m.end() and m.start() < o.end for o in (*taken, *out)):
            continue
        out.append(type(r)(r.entity_type, m.start(), m.end(), r.score, r.analysis_explanation, r.recognition_metadata))
    return out
