"""English person names from name tables, for what the small spaCy model misses.

The small English model tags capitalised names in running prose but misses lowercase chat
(``follow up with phillip peterson``), names on their own line (a signature block), a name at the
start of a sentence (``Todd is…``) and names next to odd punctuation (``Suzanne: "Who…``). Names are
found here from the 1990 US Census tables shipped beside this file (given names and surnames, public
domain), independently of capitalisation:

* a given name followed by a surname (``maria lewis``, ``Jon Reyes``, ``jerry short``);
* a given name alone, when it is not also an ordinary English word (``ross``, ``Travis``; not ``will``,
  ``grace``, ``summer``, ``austin``: those count only with a surname after them);
* a surname after an honorific (``miss fernandez``, ``Dr. Payne``);
* a word after ``named`` / ``called`` (``She named him Chase``);
* a greeting's addressee that is no English word (``Hey Priya,``, ``Dear Kenji:``);
* the other members of a list of surnames one of which is a name (``hernandez, hoffman and thompson``).

Each function returns ``(start, end, score)`` spans. Lookups are set membership: no per-message cost
beyond one regex pass over the Latin words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

_HERE = Path(__file__).parent
SCORE_PAIR = 0.8
SCORE_HONORIFIC = 0.75
SCORE_SINGLE = 0.55

# Given names that are also ordinary words, places or months: a name only with a surname after them.
AMBIGUOUS_GIVEN = frozenset(
    """
    will may june april august autumn summer winter spring dawn hope faith grace joy glory destiny harmony melody
    charity mercy patience honor chance chase frank rich sue pat jack guy mark bill bob art ray rob nick don
    sky star sun angel king queen major prince royal young gay precious earnest ernest sterling rusty dusty sandy
    misty windy sunny rocky lucky candy honey ginger cherry berry olive hazel ivy holly heather daisy iris violet
    lily rose ruby pearl jade amber crystal jewel coral fern jasmine rosemary poppy willow brook forest clay
    stone wood hunter carter mason baker cook porter parker page cash price dean bishop deacon pastor
    christian german roman norman ebony lacy lance grant foster ward wade carol christen marcel homer hector
    harry jimmy josh chuck kip raven fawn garland carmine aline barb brad brain bud burl eddy tod curt matt
    lee dexter clement coy dorian fabian julian junior marian pauline pilar caroline bonnie buddy merry
    asia africa america georgia virginia carolina florida dakota austin dallas houston jordan paris london
    chelsea sydney victoria florence savannah phoenix orlando denver lincoln madison montana nevada cleveland
    columbus washington camden kent devon trinity unity an so in is it me my no on or ok us alpha
    """.split()
)
_HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir madam mister".split())
_PLACE_WORDS = frozenset("saint st san santa fort port mount mt lake new".split())
_GAP = re.compile(r"\.?[ \t]+")
_WORD = re.compile(r"(?<![A-Za-z0-9@._/-])[A-Za-z]{2,20}(?![A-Za-z0-9@]|\.[A-Za-z0-9])")
_SPACE = re.compile(r"[ \t]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NAMED = re.compile(
    r"(?i)(?<![A-Za-z])(?:named|called)[ \t]+(?:(?:him|her|them|it|my son|my daughter|the baby)[ \t]+)?([A-Za-z]{2,20})\b"
)
# A greeting's addressee (Hey Priya, / Dear Kenji: / Thanks Aarav!): names from outside the census tables.
_GREETED = re.compile(
    r"(?<![A-Za-z])(?:[Hh]i|[Hh]ey|[Hh]ello|[Dd]ear|[Tt]hanks|[Tt]hank you|[Bb]ye|[Gg]ood (?:morning|night|evening))"
    r",?[ \t]+([A-Z][a-z]{2,19})(?=[ \t]*(?:[,!:;.]|$))"
)
# Addressees that are not people: the group, the assistant products.
_GREETED_NOT_NAMES = frozenset("team all everyone everybody guys folks there sir madam world siri alexa cortana".split())
# "A, B and C" / "A and B": a list of single words.
_LIST = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,20}(?:,[ ][A-Za-z]{2,20})*,?[ ](?:and|&)[ ][A-Za-z]{2,20}(?![A-Za-z])")
_ITEM = re.compile(r"[A-Za-z]{2,20}")


def _table(name: str) -> frozenset[str]:
    lines = (_HERE / name).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Census given names (lowercase)."""
    return _table("en_first_names.txt")


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Census surnames (lowercase)."""
    return _table("en_surnames.txt")


@lru_cache(maxsize=1)
def english_vocabulary() -> frozenset[str]:
    """Lower-case alphabetic English words (GCIDE, from the offline english-words package): the one load
    shared by the pinyin-name scan and the publish allow-list."""
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["gcide"], alpha=True, lower=True))


def is_given(word: str, alone: bool) -> bool:
    """A given name; ``alone``: also not an ordinary word (it stands without a surname)."""
    w = word.lower()
    if len(w) < 3 or w in STOP_WORDS or w not in given_names():
        return False
    return not (alone and w in AMBIGUOUS_GIVEN)


def is_surname(word: str) -> bool:
    """A census surname that is not an English stop word (``short`` yes, ``will`` no)."""
    w = word.lower()
    return len(w) >= 2 and w not in STOP_WORDS and w in surnames()


def name_spans(text: str) -> Iterator[tuple[int, int, float]]:
    """Given name + surname, a lone unambiguous given name, or honorific + surname, in ``text``."""
    words = list(_WORD.finditer(text))
    han = _HAN.search(text) is not None  # in Chinese text an English word-name is the English name people go by
    i = 0
    while i < len(words):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        joined = nxt is not None and _SPACE.fullmatch(text, w.end(), nxt.start()) is not None
        prev = words[i - 1] if i else None
        after = prev is not None and _GAP.fullmatch(text, prev.end(), w.start()) is not None
        before = prev.group().lower() if after else ""
        if before in _PLACE_WORDS:
            i += 1  # saint vincent, San Jose, Fort Collins: a place
            continue
        if joined and is_given(w.group(), alone=False) and is_surname(nxt.group()):
            ambiguous = not is_given(w.group(), alone=True)  # Christian music: a word, not a name
            if (w.group()[0].isupper() or not nxt.group()[0].isupper()) and not (ambiguous and nxt.group().islower()):
                yield w.start(), nxt.end(), SCORE_PAIR
                i += 2
                continue
        if before in _HONORIFICS and (
            is_surname(w.group()) or is_given(w.group(), alone=False) or w.group()[0].isupper()
        ):
            yield w.start(), w.end(), SCORE_HONORIFIC
        elif is_given(w.group(), alone=True) and not w.group().isupper():  # MAC, ETA: acronyms
            yield w.start(), w.end(), SCORE_SINGLE
        elif han and w.group().istitle() and is_given(w.group(), alone=False):
            yield w.start(), w.end(), SCORE_SINGLE  # Chinese text says 琥珀, not Amber: 联系Amber / Jasmine说她…
        i += 1
    for m in _GREETED.finditer(text):
        w = m.group(1).lower()
        if w not in STOP_WORDS and w not in _GREETED_NOT_NAMES and w not in english_vocabulary():
            yield m.start(1), m.end(1), SCORE_SINGLE
    for m in _NAMED.finditer(text):
        if m.group(1).lower() not in STOP_WORDS:
            yield m.start(1), m.end(1), SCORE_HONORIFIC


def list_mates(text: str, start: int, end: int) -> Iterator[tuple[int, int, float]]:
    """The other surnames of a list (``A, B and C``) that contains the one-word name at ``start:end``."""
    for m in _LIST.finditer(text, max(0, start - 80), min(len(text), end + 80)):
        if not (m.start() <= start and end <= m.end()):
            continue
        items = [x for x in _ITEM.finditer(m.group()) if x.group() != "and"]
        if all(is_surname(x.group()) or is_given(x.group(), alone=False) for x in items):
            for x in items:
                s, e = m.start() + x.start(), m.start() + x.end()
                if (s, e) != (start, end):
                    yield s, e, SCORE_SINGLE
