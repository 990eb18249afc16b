"""A game or platform nickname written in Han characters after an ID cue (王者ID是 夜雨听风丶).

In games (王者荣耀, 和平精英, 原神) the account name users give out is often Han text with decorations
(丶, ·, _): 「夜雨声烦丶」, 北城以北丶丶. After an explicit ID cue (游戏ID, 王者ID, ID是, 角色名) it is the
account, as a Latin handle would be; a Han run ending in the gamer's 丶 is one anywhere. A screen name
after 网名 / 昵称 is not taken here: 慢慢的小猫 describes rather than addresses an account.
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern

from ...declared import DeclaredPatternRecognizer
from ...precheck import PrecheckMixin

_HAN = r"\u4e00-\u9fff"
# (游戏ID, 王者ID, 我的ID, ID号, 角色名, 游戏名: an ID cue, then 是/为/叫/: and an optional quote; digits may end it)
_ID_CUE = r"(?:(?<![A-Za-z])(?i:id|uid)(?:号|名)?|角色名|游戏名)[ \t]*(?:是|为|叫|:|：)?[ \t]*[「“\"'『]?"
# (not a question about it: ID是多少, ID叫什么)
ID_NICK_REGEX = rf"(?<={_ID_CUE})(?![{_HAN}]*(?:什么|啥|多少|怎么|哪|忘了|不知道))[{_HAN}][{_HAN}·_丶]{{1,11}}\d{{0,4}}(?=[」”\"'』]|[\s,，。.!！?？;；)）]|$)"
# 北城以北丶丶, 清风不识字丶: the decorative 丶 marks a gamer's nickname wherever it stands.
DECORATED_REGEX = rf"(?<![{_HAN}])[{_HAN}]{{3,10}}丶+(?![{_HAN}])"
_PRE = regex.compile(r"(?i)id|角色名|游戏名|丶")


class GameIdRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """MESSENGER_ID: a Han-character game nickname after an ID cue, or one decorated with 丶."""

    ENTITY = "MESSENGER_ID"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 43
    SURROGATE = "handle"
    PATTERNS = [
        Pattern("Han nickname after an ID cue", ID_NICK_REGEX, 0.6),
        Pattern("Han nickname decorated with 丶", DECORATED_REGEX, 0.6),
    ]
    CONTEXT = ["id", "游戏", "王者", "开黑", "区服"]
    PRECHECK = _PRE
