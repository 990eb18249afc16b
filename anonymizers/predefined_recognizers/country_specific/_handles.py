"""Whether the value right after a messenger cue is a handle or an ordinary word.

Digits, ``_``, ``-`` or ``.`` make it a handle. A letters-only value is one in Chinese text
(微信reneesimmons, 抖音号lilyzhang: fail closed) unless an English phrase goes on after it; in English
text after an id marker (``wechat id:``), when camel-cased, or after "... is" / "add me on ..." when
it is no English word, so "my wechat is broken" and "ig is cool" keep their word.
"""

from __future__ import annotations

import re

# An explicit id marker right before the value (wechat id: / 微信号 / wechat=).
_ID_MARKER = re.compile(r"(?i)(?:id|号|[:：=])\s*(?:is|是)?\s*$")
_HAN = re.compile(r"[\u3400-\u9fff]")
_EN_NEXT = re.compile(r"[ \t]+[A-Za-z]")
# "my wechat is X", "add me on wechat X", "follow me on ig X": what follows is meant as the id.
_IS = re.compile(r"(?i)(?:\bis|\b(?:add|find|search|follow|dm)\b[^.!?]{0,24})\s+$")
# Words that follow "my wechat ..." / "my ig ..." in English: what the app or the account is or does.
_WORDS = frozenset(
    "message messages account group groups official pay payment app chat chats moments call calls video "
    "broken blocked banned hacked frozen locked down gone dead full slow weird fine okay private public open "
    "closed same different better worse busy offline online active inactive working useless terrible awful "
    "great amazing annoying everyday anymore again tomorrow tonight today later yesterday instead sometime first".split()
)
_SUFFIXES = ("ing", "ed", "ly", "ful", "less", "ous", "ive", "able", "ible", "tion", "ness", "ment")


def _word_like(value: str) -> bool:
    """An English word rather than a handle: a stop word, a known status word, a common suffix."""
    from spacy.lang.en.stop_words import STOP_WORDS

    v = value.lower()
    return v in STOP_WORDS or v in _WORDS or v.endswith(_SUFFIXES) or len(v) < 6


def handle_after_cue(text: str, start: int, end: int) -> bool:
    """The module's judgement for text[start:end], found right after a messenger cue."""
    value = text[start:end]
    if any(c.isdigit() or c in "_-." for c in value) or value.startswith("@"):
        return True
    if value.lower() in _WORDS:
        return False
    marked = bool(_ID_MARKER.search(text, max(0, start - 12), start))
    camel = any(c.isupper() for c in value[1:])
    if _HAN.search(text):
        return marked or camel or not _EN_NEXT.match(text, end)
    return marked or camel or (bool(_IS.search(text, max(0, start - 32), start)) and not _word_like(value))
