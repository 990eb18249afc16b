"""Ids on Douyin, Xiaohongshu, Weibo, Kuaishou, Bilibili and foreign messengers (MESSENGER_ID).

An id only means something after its platform cue (抖音号 sean39994898, my ig is tony_58). It must
look like an account handle, not a word: at least one digit, ``_`` or ``.``, or a leading ``@``.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ...declared import DeclaredPatternRecognizer
from ...precheck import PrecheckMixin
from .._cues import after_cue

_PLATFORMS = (
    "抖音", "dy", "小红书", "红书", "xhs", "微博", "快手", "b站", "哔哩哔哩", "bilibili", "知乎", "豆瓣", "探探", "soul",
    "陌陌", "钉钉", "飞书", "instagram", "ig", "insta", "tiktok", "telegram", "tg", "line", "discord", "snapchat",
    "snap", "twitter", "推特", "facebook", "fb", "whatsapp", "kakao", "skype",
)
_CUE = after_cue(*(rf"(?<![A-Za-z]){p}" if p.isascii() else p for p in _PLATFORMS))
_PRE = re.compile("(?i)" + "|".join(_PLATFORMS))


class MessengerIdRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """MESSENGER_ID: a 4-30 character handle right after a platform cue."""

    ENTITY = "MESSENGER_ID"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 42
    SURROGATE = "handle"
    PATTERNS = [
        Pattern("Handle after platform cue", _CUE + r"@?[A-Za-z0-9][A-Za-z0-9_.-]{3,29}(?<![.-])(?![A-Za-z0-9_@-])", 0.7),
    ]
    CONTEXT = ["抖音号", "小红书号", "微博", "账号", "id", "handle"]
    PRECHECK = _PRE

    def invalidate_result(self, pattern_text: str) -> bool:
        """A word after the cue (ig is cool, line up) is not a handle."""
        return not (pattern_text.startswith("@") or any(c.isdigit() or c in "_." for c in pattern_text))
