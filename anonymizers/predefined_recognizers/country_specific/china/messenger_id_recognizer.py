"""Ids on Douyin, Xiaohongshu, Weibo, Kuaishou, Bilibili and foreign messengers (MESSENGER_ID).

An id only means something after its platform cue (抖音号 sean39994898, my ig is tony_58). It must
look like an account handle, not a word (``country_specific._handles``): a digit, ``_`` or ``.``, a
leading ``@``, or letters only right after a cue in Chinese text (抖音号lilyzhang).
"""

from __future__ import annotations

import re

import regex
from presidio_analyzer import Pattern

from ...declared import DeclaredPatternRecognizer
from ...precheck import PrecheckMixin
from .._cues import PLATFORM_CUE, PLATFORM_SYMBOLS, PLATFORMS, WORD_PLATFORMS, after_cue
from .._handles import handle_after_cue

_CUE = after_cue(PLATFORM_CUE)
# Any platform word (ASCII ones standing alone). The boundary checks are factored out of the ASCII
# alternatives (the same condition as one lookaround per alternative), and a lookahead on the
# alternatives' first characters skips positions where none can start: ~6x faster, same matches.
_PLATFORM_WORDS = PLATFORMS + WORD_PLATFORMS + PLATFORM_SYMBOLS
_PRE = re.compile(
    "(?i)(?=[" + re.escape("".join(sorted({p[0] for p in _PLATFORM_WORDS}))) + "])(?:"
    "(?<![a-z])(?:" + "|".join(p for p in _PLATFORM_WORDS if p.isascii()) + ")(?![a-z])|"
    + "|".join(p for p in _PLATFORM_WORDS if not p.isascii()) + ")"
    + r"|(?<![A-Za-z0-9])@[A-Za-z]|(?<![A-Za-z0-9])live:|[A-Za-z0-9]_[A-Za-z0-9]"
)
_AT_HANDLE = "@-handle with a digit or underscore"
_UNDERSCORE_HANDLE = "handle with an underscore and a digit"
# @momo的日常碎碎念: on Weibo, Xiaohongshu or Douyin a screen name may be Han characters; an @-mention of one
# in a message that names the platform is that account (not @所有人 / @全体成员, which address a group).
_HAN_AT = regex.compile(r"(?<![A-Za-z0-9._%+-])@(?!所有人|全体成员|全體成員)(?=[^\s@]*\p{Han})[\p{Han}A-Za-z0-9_.·丶]{2,20}(?<![.·])")
_PLATFORM_NAMED = re.compile("|".join(re.escape(p) for p in PLATFORMS + WORD_PLATFORMS if not p.isascii()))
_NOT_ANNOTATION = (
    r"(?!(?i:override|autowired|resource|property|media|click|state|binding|component|service|test|data|"
    r"staticmethod|classmethod|dataclass|import|keyframes|font-face|requestmapping|getmapping|postmapping|bean|"
    r"configuration|entity|table|column|input|output|injectable|published|observable|param|return|author|"
    r"deprecated|since|transactional|controller|restcontroller|mapper|value|slf4j|builder|supports?|apply|"
    r"mixin|extend|include|layer|tailwind|change|submit|model|emit|tap|ref|wraps|cache|lru_cache|pytest)"
    r"(?![A-Za-z0-9_]))"
)
_PHONE_SHAPED = re.compile(r"\d{2,4}(?:[.-]\d{2,4}){2,3}")


def _pattern(r) -> str:
    return getattr(r.analysis_explanation, "pattern_name", "") or ""


class MessengerIdRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """MESSENGER_ID: a 4-30 character handle right after a platform cue."""

    ENTITY = "MESSENGER_ID"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 42
    SURROGATE = "handle"
    PATTERNS = [
        # htingting#6877: a Discord-style tag after the name
        Pattern("Handle after platform cue", _CUE + r"(?:@\s?)?[A-Za-z0-9][A-Za-z0-9_.-]{3,29}(?<![.-])(?:#\d{4})?(?![A-Za-z0-9_@#-])", 0.7),
        Pattern("Numeric id after platform cue, grouped", _CUE + r"\d{2,4}(?:[ -]\d{2,4}){1,4}(?![0-9])", 0.6),
        # @olivia_541 anywhere: an @-mention with a digit or '_' is an account (not an e-mail: nothing before '@')
        # live:.cid.14b3fe596a884aa2: a Microsoft (Skype/Teams) account id, anywhere
        Pattern("Microsoft live id", r"(?<![A-Za-z0-9])live:\.?(?:cid\.[0-9a-f]{12,20}|[A-Za-z0-9_.-]{3,32})", 0.8),
        Pattern(_AT_HANDLE, r"(?<![A-Za-z0-9._%+-])@(?=[A-Za-z0-9_.]*[0-9_])[A-Za-z][A-Za-z0-9_.]{2,29}(?<!\.)"
                r"(?![A-Za-z0-9_@-]|\.[A-Za-z0-9])", 0.6),
        # 客服@mingzhu让我等: in Chinese text an @-mention of letters glued to Han text is an account too
        # (not a code annotation or decorator people discuss: Java的@Override, Python的@property, CSS的@media)
        Pattern(_AT_HANDLE, r"(?<=[\u4e00-\u9fff])@" + _NOT_ANNOTATION
                + r"[A-Za-z][A-Za-z0-9_.]{3,29}(?<!\.)(?=[\u4e00-\u9fff，。！？,!?\s]|$)", 0.55),
        # lemon_tree0521, siyu_0714 with no cue near: letters, an underscore and a digit make an account
        # name (not a file name: IMG_2034.jpg, DSC_0041; not the app's own character ids, chr_sumu_01, which
        # name an AI character: config/topics.yaml)
        Pattern(_UNDERSCORE_HANDLE, r"(?<![A-Za-z0-9_.@/\\-])(?!(?i:img|dsc|vid|pxl|mvimg|screenshot|wp|chr)_)"
                r"(?=[A-Za-z0-9_]*_)(?=[A-Za-z0-9_]*\d)[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+"
                r"(?![A-Za-z0-9_@/-]|\.[A-Za-z0-9])", 0.55),
    ]
    CONTEXT = ["抖音号", "小红书号", "微博", "账号", "id", "handle"]
    PRECHECK = _PRE

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        out = super().analyze(text, entities, nlp_artifacts, regex_flags)
        out = [r for r in out if _pattern(r) in (_AT_HANDLE, _UNDERSCORE_HANDLE) or handle_after_cue(text, r.start, r.end)]
        for m in _HAN_AT.finditer(text) if "@" in text and _PLATFORM_NAMED.search(text) else ():
            inside = [r for r in out if m.start() <= r.start and r.end <= m.end()]  # @momo of @momo爱吃糖_
            out = [r for r in out if r not in inside]
            if not any(r.start < m.end() and m.start() < r.end for r in out):
                out.append(self.declared_result(m.start(), m.end(), 0.55))
        return out

    def invalidate_result(self, pattern_text: str) -> bool:
        """404.665.1412 after a cue is a phone number, left to the phone recognizers."""
        return bool(_PHONE_SHAPED.fullmatch(pattern_text))
