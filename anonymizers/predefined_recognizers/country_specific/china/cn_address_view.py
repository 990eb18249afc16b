"""Shared helpers of the Chinese address recognizers: the left edge of a chain and public places.

(Spaced-out text, 深 圳 市 南 山 区…, is read collapsed by ``predefined_recognizers.collapsed_view``.)

* ``把孩子接回大方县…`` / ``和经营场所深圳市…``: a chain without a province starts at the first
  character its pattern allows, which swallows the words before the place name; the leading place
  name is cut back to the longest ending the dictionary knows as a place (大方县, 深圳市).
"""

from __future__ import annotations

import logging
import threading

_LOCK = threading.Lock()
_TAGS: dict[str, str] = {}


def place_tag(word: str) -> str | None:
    """jieba's dictionary POS tag of ``word`` (``ns`` = place), loaded once per process."""
    if not _TAGS:
        with _LOCK:
            if not _TAGS:
                import jieba
                import jieba.posseg

                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _TAGS.update(jieba.posseg.dt.word_tag_tab)
    return _TAGS.get(word)


DISTRICT_SUFFIXES = ("壮族自治区", "自治州", "街道", "新区", "地区", "市", "州", "盟", "区", "县", "旗", "镇", "乡")


def place_offset(part: str) -> int:
    """How far into a chain's leading place name (大方县 after 送回, 南岗区 after 房子在) the place itself
    starts: the left edge shared by every address chain without a province."""
    suffix = next((s for s in DISTRICT_SUFFIXES if part.endswith(s)), None)
    return 0 if suffix is None else place_start(part[: -len(suffix)], suffix)  # (旺角: a district named whole)


def place_start(name: str, suffix: str) -> int:
    """Where the place name really starts inside ``name`` (the part before 市/县/区/镇...): the longest
    ending the dictionary tags as a place, else the last two characters of a name of four or more."""
    if len(name) <= 2:
        return 0
    for k in range(len(name), 0, -1):  # down to one character: 杭 + 州 (杭州市 read as 杭州 + 市…)
        tail = name[-k:]
        if (place_tag(tail + suffix) or (k > 1 and place_tag(tail)) or "").startswith("ns"):
            return len(name) - k
    return len(name) - 2 if len(name) >= 4 else 0


# Endings of public facilities and ordinary words, not estates.
FACILITIES = (
    "公园", "乐园", "动物园", "植物园", "科技园", "工业园", "产业园", "软件园", "游乐园", "陵园", "校园", "商城",
    "影城", "县城", "古城", "老城", "京城", "皇城", "大学城", "美食城", "电影城", "汽车城", "体育城", "城里", "这里",
    "那里", "哪里", "家里", "村里", "城府", "政府", "海湾", "港湾", "对岸", "两岸", "沿岸",
    "中心", "广场", "商场",  # (观塘工业中心, 万达广场: public buildings, unless a floor or unit follows)
)
