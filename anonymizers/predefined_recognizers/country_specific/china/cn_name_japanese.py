"""Japanese surnames written in Chinese text (东京的房东佐藤先生, 同事田中说…).

They are not in the 百家姓, so the surname scans never start there. A listed Japanese surname is a name
before a title (佐藤先生, 田中桑, 铃木老师) or right after a role noun (房东佐藤, 同事山本), then with up to two
given-name characters when a boundary follows (同事田中美咲说). With a full given name (two or three
characters and a boundary) it is a name opening a clause or after a cue too (田中美咲是我同学, 我和铃木健一是同事);
a public figure so named (村上春树) is kept from configuration. Surnames that are ordinary words or places
(中村, 小林, 上田, 森田, 松本 as a city) need the title or the cue like every other one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .cn_name_scan import left_kind, right_boundary

Span = tuple[int, int, float]
SCORE = 0.7

SURNAMES_JA = tuple(sorted(set(
    "佐藤 铃木 高桥 田中 渡边 伊藤 山本 中村 小林 加藤 吉田 山田 佐佐木 山口 松本 井上 木村 斋藤 清水 山崎 池田 桥本 "
    "阿部 石川 山下 中岛 石井 小川 前田 冈田 长谷川 藤田 后藤 近藤 村上 远藤 青木 坂本 齐藤 福田 太田 西村 藤井 "
    "冈本 藤原 中野 三浦 原田 中川 松田 竹内 小野 田村 中山 和田 石田 森田 上田 内田 柴田 酒井 宫崎 横山 高木 "
    "安藤 宫本 大野 小岛 谷口 今井 工藤 高田 增田 丸山 杉山 村田 大塚 新井 小山 平野 藤本 河野 上野 野口 武田 "
    "松井 千叶 岩崎 菅原 木下 久保 佐野 野村 松尾 市川 菊地 杉本 古川 大西 岛田 水野 樱井 高野 渡部 吉川 山内 "
    "西田 饭田 菊池 西川 小松 北村 安田 五十岚 川口 平田 中田 久保田 服部 岩田 土屋 川村 福岛 本田 樋口 秋山 "
    "荒木 宫田 星野 桑原 黑田 大桥 永井 松下 野田 浅野 大久保 片山 小池 " .split()
), key=len, reverse=True))
_TITLES_JA = ("先生", "小姐", "女士", "老师", "桑", "君", "酱", "さん", "様", "同学", "部长", "课长", "社长", "前辈", "教授", "医生")
_FIRST = frozenset(s[0] for s in SURNAMES_JA)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def japanese_names(text: str, tag_of=lambda w: None) -> Iterator[Span]:
    """Japanese surname + title, or a Japanese surname (and given name) announced by a role noun or cue."""
    for i, ch in enumerate(text):
        if ch not in _FIRST:
            continue
        sur = next((s for s in SURNAMES_JA if text.startswith(s, i)), None)
        if sur is None or (i > 0 and _HAN.match(text[i - 1]) and left_kind(text, i) is None):
            continue  # 星野 inside a longer word; the AI character 星野 is kept from configuration
        end = i + len(sur)
        kind = left_kind(text, i)
        if text.startswith(_TITLES_JA, end):
            yield i, end + len(next(t for t in _TITLES_JA if text.startswith(t, end))), SCORE
        elif kind in ("start", "cue") and (given := _given_end(text, end, tag_of)):
            yield i, given, SCORE  # 田中美咲是我在东京的同学, 我和铃木健一是同事: a full Japanese name
        elif kind == "role":
            given = next((k for k in (2, 1, 0) if right_boundary(text, end + k) and all(
                _HAN.match(c) for c in text[end : end + k])), None)
            if given is not None:
                yield i, end + given, SCORE


def _given_end(text: str, end: int, tag_of) -> int:
    """End of a two- or three-character Japanese given name at ``end`` with a boundary after it, else 0
    (not an ordinary word: 中山|大学, 上野|公园 are places)."""
    for k in (2, 3):
        given = text[end : end + k]
        if len(given) < k or not all(_HAN.match(c) and c not in _STOPS for c in given):
            return 0
        verbish = any((tag_of(given[j : j + 2]) or "x")[0] in "vdpc" for j in range(1, k - 1))
        if verbish or tag_of(given[:2]) or tag_of(given) or tag_of(text[end - 2 : end + 2]):
            return 0  # (星野别告诉别人: 告诉 is a verb, not half a given name)
        if given[0] in "别没要会能想让被把跟":
            return 0
        if right_boundary(text, end + k, tag_of):
            return end + k
    return 0


_STOPS = frozenset("的了是在和与就也都不说给我你他她们很里有去来到谁更最太还又会能要怎么什哪吗呢吧")
