"""A value the user announces as encoded or reversed (base64: MTM5…, 16进制 0x33DD…, 摩斯码 .---- …,
邮箱倒着 moc.361@…, 我名字倒过来是国建王): whatever follows such a cue is an identifier in disguise.

No decoder is needed to know that: the message says the next token hides something, so the token is
redacted whole (fail closed; decoding every scheme users invent is a race that cannot be won). A cue
without a token after it (你会base64吗) redacts nothing.
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern

from ..declared import DeclaredPatternRecognizer
from ..precheck import PrecheckMixin

_CUES = (
    "base64", "base 64", "base-64", "十六进制", "16进制", "hex", "rot13", "rot-13", "摩斯码", "摩斯电码", "摩尔斯", "morse",
    "二进制", "binary", "unicode", "url编码", "倒着写", "倒着", "倒过来", "反过来", "反着写", "反着", "倒序", "reversed",
    "backwards", "in reverse",
)
_CUE = "(?i:" + "|".join(regex.escape(c) for c in sorted(_CUES, key=len, reverse=True)) + ")"
# The token: ASCII code characters (blank-separated groups too: Morse, binary), or two to four Han
# characters after a reversal cue (a name written backwards).
_ASCII_TOKEN = r"[A-Za-z0-9+/=._%&#;\\@:-]{4,}(?:[ ][A-Za-z0-9+/=._%&#;\\@:-]{2,}){0,15}"
ANNOUNCED_REGEX = (
    rf"(?<={_CUE}(?:[ \t]?(?:是|写|的|为|就是|:|：|=|is)){{0,2}}[ \t:：]*)(?:{_ASCII_TOKEN}|(?![是写的为就])\p{{Han}}{{2,4}}(?=[\s,，。.!！?？]|$))"
)


_HAN = regex.compile(r"\p{Han}")
_NAMING = regex.compile(r"名字|姓名|名|姓|叫")


class AnnouncedEncodingRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """GENERIC_ID: the token right after an encoding or reversal cue."""

    ENTITY = "GENERIC_ID"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 890
    SURROGATE = "alnum"
    PATTERNS = [Pattern("token after an encoding cue", ANNOUNCED_REGEX, 0.5)]
    CONTEXT: list[str] = []
    PRECHECK = regex.compile(_CUE)

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        out = super().analyze(text, entities, nlp_artifacts, regex_flags)
        # Han characters after a reversal cue are a name only when the message says a name was reversed
        # (我名字倒过来是国建王); 倒着走路, 倒过来放 are ordinary words.
        return [r for r in out if not _HAN.match(text, r.start) or _NAMING.search(text, max(0, r.start - 12), r.start)]
