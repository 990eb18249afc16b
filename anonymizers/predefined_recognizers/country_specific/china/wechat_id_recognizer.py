"""WeChat ids: ``wxid_...`` anywhere, other ids only right after a WeChat cue (微信/vx/wx/绿泡泡/加v...)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from anonymizers.predefined_recognizers.declared import DeclaredPatternRecognizer

from ...precheck import PrecheckMixin
from .._cues import WECHAT_CUE

_CUE = WECHAT_CUE
_AFTER_CUE = "WeChat id after cue"
# An id followed by its cue (iris7289182818啊，薇信 / iris341993179，是薇❤不是企鹅).
_CUE_AFTER = r"(?=\s*[啊呀哦吧]?\s*[，,]?\s*(?:是|加)?\s*(?:微信|薇信|威信|vx|v信|薇\s?(?:❤️?|♥)|v\s?(?:❤️?|♥)))"

# An explicit id marker right before the value (wechat id: / 微信号 / wechat=).
_ID_MARKER = re.compile(r"(?i)(?:id|号|[:：=])\s*(?:is|是)?\s*$")
_HAN = re.compile(r"[\u3400-\u9fff]")
_EN_NEXT = re.compile(r"[ \t]+[A-Za-z]")
# "my wechat is X", "add me on wechat X": what follows is meant as the id.
_IS = re.compile(r"(?i)(?:\bis|\b(?:add|find|search)\b[^.!?]{0,20}\b(?:wechat|weixin|wx|vx))\s+$")
# Words that follow "my wechat ..." in English: what the app or the account is or does.
_WORDS = frozenset(
    "message messages account group groups official pay payment app chat chats moments call calls video "
    "broken blocked banned hacked frozen locked down gone dead full slow weird fine okay private public open "
    "closed same different better worse busy offline online active inactive working useless terrible awful "
    "great amazing annoying everyday anymore again tomorrow tonight today later yesterday instead sometime first".split()
)
_SUFFIXES = ("ing", "ed", "ly", "ful", "less", "ous", "ive", "able", "ible", "tion", "ness", "ment")


def _pattern(r) -> str:
    return getattr(r.analysis_explanation, "pattern_name", "") or ""


def _word_like(value: str) -> bool:
    """An English word rather than a handle: a stop word, a known status word, a common suffix."""
    from spacy.lang.en.stop_words import STOP_WORDS

    v = value.lower()
    return v in STOP_WORDS or v in _WORDS or v.endswith(_SUFFIXES) or len(v) < 6


def _handle_ok(text: str, start: int, end: int, after_cue: bool) -> bool:
    """Whether a cue-adjacent value is a handle. Digits, ``_`` or ``-`` make it one; a letters-only
    value is one in Chinese text (微信reneesimmons: fail closed) unless an English phrase goes on
    after it; in English text after an id marker (wechat id: ...), when camel-cased, or after
    "wechat is" / "add me on wechat" when it is no English word, so "my wechat is broken" keeps its word."""
    value = text[start:end]
    if value.lower().startswith("wxid_") or any(c.isdigit() or c in "_-" for c in value):
        return True
    if not after_cue or value.lower() in _WORDS:
        return False
    marked = bool(_ID_MARKER.search(text, max(0, start - 12), start))
    camel = any(c.isupper() for c in value[1:])
    if _HAN.search(text):
        return marked or camel or not _EN_NEXT.match(text, end)
    return marked or camel or (bool(_IS.search(text, max(0, start - 32), start)) and not _word_like(value))


class WeChatIdRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """WECHAT_ID: 6-20 chars, starts with a letter, letters/digits/_/-, per WeChat's id rules."""

    ENTITY = "WECHAT_ID"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 40
    SURROGATE = "handle"
    PATTERNS = [
        Pattern("wxid", r"(?<![A-Za-z0-9_])wxid_[a-z0-9]{4,24}(?![A-Za-z0-9_])", 0.85),
        Pattern(
            _AFTER_CUE,
            r"(?<=" + _CUE + r")(?!wxid_)[A-Za-z][A-Za-z0-9_.-]{4,29}(?<![.-])(?![A-Za-z0-9_@-])",
            0.7,
        ),
        Pattern(
            "WeChat id before its cue",
            r"(?<![A-Za-z0-9_.@-])[A-Za-z][A-Za-z0-9_.-]{4,29}(?<![.-])" + _CUE_AFTER,
            0.7,
        ),
    ]
    CONTEXT = ["微信", "微信号", "vx", "wx", "wechat", "weixin", "加我", "绿泡泡", "薇信", "威信"]
    PRECHECK = re.compile(
        r"(?i)wxid_|微\s?信|微x|威信|薇|徽信|维信|卫星号|绿泡泡|绿色软件|v\s?(?:❤|♥|💚|信|是|:|：|x|号)|wx|weixin|wechat"
        r"|wei xin|加\s?v|\+\s?v|加[A-Za-z]"
    )

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        out = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in out if _handle_ok(text, r.start, r.end, _pattern(r) == _AFTER_CUE)]
