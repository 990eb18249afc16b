"""An address typed in pieces with a blank between them is one address (碧桂园凤凰城 凤鸣苑7栋2单元1803).

The address recognizers read a chain without blanks; users type the estate, then a blank, then the
building and room, or the street address, a blank, then the campus dormitory (学府路52号 哈理工东区12号宿舍楼423).
After every recognizer has spoken, an ADDRESS span takes along, across one or two blanks, a piece on its
right that holds a building, floor or room number, and a piece on its left that ends like an estate name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from presidio_analyzer import RecognizerResult

T = TypeVar("T", bound=RecognizerResult)
_HAN = r"\u4e00-\u9fff"
_NUM = r"0-9一二三四五六七八九十"
# A right-hand piece with a building / floor / room number (12号宿舍楼423, 5号楼 1203, 3栋1单元502室).
_RIGHT = re.compile(
    rf"[ \t]{{1,2}}((?:[{_HAN}A-Za-z]{{0,10}}?)[{_NUM}]{{1,4}}(?:号楼|号宿舍楼|宿舍楼|栋|幢|座|单元|楼|层)"
    rf"(?:[ \t]?(?:[{_NUM}]{{1,2}}单元)?[ \t]?[{_NUM}]{{1,5}}(?:室|号|房)?)?)(?![{_NUM}])"
)
# A left-hand piece that ends like a residential estate (碧桂园凤凰城, 阳光花园, 翠苑新村).
_LEFT = re.compile(
    rf"([{_HAN}]{{2,10}}(?:小区|花园|公寓|家园|新村|新城|国际|城|苑|园|庭|府|湾|居|阁|邸|寓|厦))[ \t]{{1,2}}$"
)
# Words that open the sentence before the estate name, not part of it (我住在…, 地址是…).
_LEAD = re.compile(r"^.*(?:在|住|是|到|址|：|:|往)")


def joined_addresses(text: str, results: Sequence[T]) -> list[T]:
    """The final, non-overlapping ``results`` with each ADDRESS span grown over blank-separated address
    pieces next to it; a span lying wholly inside such a piece (哈理工 read as a name) becomes part of it."""
    out = list(results)
    for r in [r for r in out if r.entity_type == "ADDRESS"]:
        m = _RIGHT.match(text, r.end)
        if m and _free(out, r, m.start(1), m.end(1)):
            out = [o for o in out if not (o is not r and m.start(1) <= o.start and o.end <= m.end(1))]
            r.end = m.end(1)
        left = _LEFT.search(text, max(0, r.start - 14), r.start)
        if left and left.end() == r.start:
            lead = _LEAD.match(left.group(1))
            start = left.start(1) + (lead.end() if lead else 0)
            if r.start - start >= 3 and _free(out, r, start, left.end(1)):
                out = [o for o in out if not (o is not r and start <= o.start and o.end <= left.end(1))]
                r.start = start
    return sorted(out, key=lambda r: r.start)


def _free(results: Sequence[T], own: T, start: int, end: int) -> bool:
    """No other span reaches out of the piece: one straddling its edge (a phone number) keeps its ground."""
    return not any(o is not own and o.start < end and start < o.end and not (start <= o.start and o.end <= end)
                   for o in results)
