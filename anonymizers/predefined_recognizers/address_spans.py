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

import regex
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


# Pieces of an address typed one by one with blanks or arrows between them (深圳南山 高新南七道 9# 2栋 B-1703,
# 朝阳区 👉 建国路 88 号 👉 SOHO现代城 5号楼 1203): each piece carries an address marker.
_PIECE_SEP = regex.compile(r"(?:[ \t\u3000]|[\p{So}\p{Sk}\ufe0f→⇒>]){1,4}")
_PIECE = regex.compile(r"[\u4e00-\u9fffA-Za-z0-9#\-]{1,14}")
_MARKER = regex.compile(r"[路道街巷弄号栋幢座楼层室#村城苑园门期]|单元|小区|大厦|广场|^[A-Za-z]?-?\d{3,4}$")
_STRONG = regex.compile(r"[路道街巷弄号栋幢室#]|单元")
_AREA_END = regex.compile(r"(?:区|县|市|镇|乡|村|街道|城|苑|园|小区|新区)$")


def _next_piece(text: str, pos: int) -> tuple[int, int] | None:
    """The address piece after a separator at ``pos``."""
    sep = _PIECE_SEP.match(text, pos)
    if not sep:
        return None
    piece = _PIECE.match(text, sep.end())
    if not piece or not _MARKER.search(piece.group()):
        return None
    return piece.start(), piece.end()


_BEFORE_PIECE = regex.compile(r"([\u4e00-\u9fff]{2,8})(?:[ \t\u3000]|[\p{So}\p{Sk}\ufe0f→⇒>]){1,4}$")


def _previous_place(text: str, start: int) -> tuple[int, int] | None:
    """A place piece before ``start`` across a separator (广州天河 石牌村 …, 朝阳区 👉 建国路…): it ends like a
    district, village or estate, or the dictionary knows its ending as a place."""
    from .country_specific.china.cn_address_view import place_tag

    m = _BEFORE_PIECE.search(text, max(0, start - 14), start)
    if not m or m.end() != start:
        return None
    piece = m.group(1)
    if _AREA_END.search(piece) or (place_tag(piece[-2:]) or "").startswith("ns") or (place_tag(piece) or "").startswith("ns"):
        return m.start(1), m.end(1)
    return None


def chained_addresses(text: str, results: Sequence[T], make) -> list[T]:
    """``results`` with ADDRESS spans grown over the marked pieces that follow them, and a new ADDRESS for a
    chain of three or more marked pieces (two of them streets, numbers or rooms) nothing covered."""
    out = list(results)
    for r in [r for r in out if r.entity_type == "ADDRESS"]:
        while (nxt := _next_piece(text, r.end)) and _free(out, r, *nxt):
            out = [o for o in out if not (o is not r and nxt[0] <= o.start and o.end <= nxt[1])]
            r.end = nxt[1]
        while (prev := _previous_place(text, r.start)) and _free(out, r, *prev):
            out = [o for o in out if not (o is not r and prev[0] <= o.start and o.end <= prev[1])]
            r.start = prev[0]
    if " " not in text and "\t" not in text and not regex.search(r"\p{So}", text):
        return sorted(out, key=lambda r: r.start)
    for m in _PIECE.finditer(text):
        if not _MARKER.search(m.group()) and not _AREA_END.search(m.group()):
            continue
        pieces, end = [m.span()], m.end()
        while (nxt := _next_piece(text, end)) is not None:
            pieces.append(nxt)
            end = nxt[1]
        strong = sum(bool(_STRONG.search(text[s:e])) for s, e in pieces)
        start = pieces[0][0]
        if len(pieces) >= 3 and strong >= 2 and not any(o.start < end and start < o.end for o in out):
            out.append(make(start, end))
    return sorted(out, key=lambda r: r.start)
