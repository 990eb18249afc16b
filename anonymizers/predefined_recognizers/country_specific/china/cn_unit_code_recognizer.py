"""A flat written as building-unit-room (8-1-602, 7栋2单元1102) where the message is about a residence.

Property notices and owners' group chats name households by this code alone (催缴：8-1-602 王女士,
[7-2-501 张姐]): inside one compound it points at one household, so it is an ADDRESS there. Elsewhere
the same shape is a pickup shelf code or a date, so a residence word must occur in the message and a
pickup or date cue must not sit right before the code.
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern

from ...declared import DeclaredPatternRecognizer
from ...precheck import PrecheckMixin

UNIT_CODE_REGEX = r"(?<![\d./-])(?<!(?:取件码|取货码|取餐码|货架|日期|码)[ \t:：是为]{0,2})\d{1,3}-\d{1,2}-\d{3,4}(?![\d.:/-])"
# 7栋2单元1102, 12幢3单元501室: the same household written out (单元 is itself the residence word).
UNIT_WORDS_REGEX = r"(?<![\d])\d{1,3}[ \t]*(?:栋|幢|号楼|座)[ \t]*\d{1,2}[ \t]*单元[ \t]*\d{3,4}(?:室|号|房)?(?![\d])"
_RESIDENCE = regex.compile(r"房号|门牌|物业|业主|住户|户主|楼栋|单元|小区|催缴|邻居|楼上|楼下|租户|住在|家住|地库|车位|楼道")


class CnUnitCodeRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """ADDRESS: a building-unit-room code in a message about where people live."""

    ENTITY = "ADDRESS"
    VALIDATED = False
    STRUCTURED = False
    PRIORITY = 312
    SURROGATE = "address"
    PATTERNS = [
        Pattern("CN building-unit-room code", UNIT_CODE_REGEX, 0.6),
        Pattern("CN building-unit-room in words", UNIT_WORDS_REGEX, 0.6),
    ]
    CONTEXT = ["房号", "业主", "物业", "门牌"]
    PRECHECK = _RESIDENCE
