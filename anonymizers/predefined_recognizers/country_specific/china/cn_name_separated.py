"""Names typed with separators inside to dodge filters: 王 小 明, 张*伟, 刘_洋, 范/文/涛, 陶🍉诗涵.

Zero-width characters are already gone from the normalised view; spaces, asterisks, underscores,
slashes, dots and emoji are not (they are ordinary text elsewhere). A surname, one or two given-name
characters and at least one separator between them is a name when a cue or role noun announces it,
when it is masked (``*``), or when emoji split two given-name characters (nobody writes a word so).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import regex

from ...collapsed_view import collapse
from ._names import (
    COMMON_DOUBLED,
    COMPOUND_SURNAMES,
    GIVEN_CHARS,
    NEVER_DOUBLED_NAMES,
    NOT_GIVEN_START,
    SURNAMES,
)
from .cn_name_scan import _HAN, _TITLES_2, SCORE_CUE, Span, left_kind, right_boundary, surname_title_end
from .cn_name_scan import _TITLES_1 as _TITLES_1_ALL

# Separators typed inside a name to dodge filters: spaces, asterisks, underscores, dots, emoji/symbols.
_SEP = r"(?:[ \t*＊×_\-.·/|~～丶]|[\p{So}\p{Sk}\p{Mn}\ufe0f]){1,3}"  # (\p{Mn}: NFKC splits ゛ into a blank and U+3099)
# Cheap gate: a Han character with a separator right after it somewhere in the text.
_SEP_AFTER_HAN = regex.compile(rf"[{_HAN}](?:[ \t*＊×_\-.·/|~～丶]|[\p{{So}}\p{{Sk}}])")
_SEPARATED = regex.compile(
    rf"(?P<sur>{'|'.join(c[0] + f'(?:{_SEP})?' + c[1] for c in COMPOUND_SURNAMES)}|[{''.join(sorted(SURNAMES))}])"
    rf"(?P<s1>{_SEP})?(?P<g1>[{_HAN}])"
    rf"(?:(?P<s2>{_SEP})?(?P<g2>[{_HAN}]))?",
    regex.V1,
)
_SYMBOL = regex.compile(r"[\p{So}\p{Sk}]")
_TITLES_1 = _TITLES_1_ALL - {"工", "局", "处", "科"}  # 蔡 总, 刘 姐; not 王 工 (a word in 王工作)
# 小 唐, 阿 珍: a nickname typed with a separator, where something points at a person.
_SPACED_NICK = regex.compile(rf"[阿小老](?:[ \t*_.·]|[\p{{So}}\p{{Sk}}]){{1,2}}[{_HAN}]")


def separated_names(text: str) -> Iterator[Span]:
    """Names typed with spaces, asterisks, underscores or emoji inside (王 小 明, 张*伟, 刘_洋, 陶🍉诗涵)."""
    if not _SEP_AFTER_HAN.search(text):
        return
    for m in _SEPARATED.finditer(text, overlapped=True):
        if m.start() and text[m.start() - 1].isdigit():
            continue  # 2单 元 705室: nobody's name follows a digit
        sur_sep = len(m["sur"]) > 2  # 令 狐 帆: the compound surname itself is split
        if not (m["s1"] or m["s2"] or sur_sep) or (m["s2"] and not m["g2"]):
            continue
        if m["s2"] and not m["s1"] and m["g2"] is None:
            continue
        seps = (m["s1"] or "") + (m["s2"] or "")
        masked = any(c in seps for c in "*＊×")
        emoji = bool(_SYMBOL.search(seps))
        left = left_kind(text, m.start())
        g1, g2 = m["g1"], m["g2"]
        if g2 and m["s1"] and g1 + g2 in _TITLES_2 and (left is not None or m["s2"]):
            yield m.start(), m.end("g2"), SCORE_CUE  # 导员罗 老 师, 杨 经 理: a surname and its title, spaced
            continue
        if m["s1"] and g1 in _TITLES_1 and right_boundary(text, m.end("g1")):
            yield m.start(), m.end("g1"), SCORE_CUE  # 蔡 总的邮箱: a surname and a one-character title
            continue
        given_ok = g1 in GIVEN_CHARS and (g2 is None or g2 in GIVEN_CHARS)
        if left is None and not masked and not sur_sep and not (emoji and given_ok and g2):
            continue
        g1_ok = g1 in GIVEN_CHARS or masked or (g1 in "小晓大" and bool(g2))
        if not g1_ok or g1 in NOT_GIVEN_START:
            continue
        if not m["s1"] and g2 is None and not sur_sep:
            continue
        ends = [m.end("g1")]
        if g2 and (g2 in GIVEN_CHARS or g2 in "明" or (emoji and m["s2"])):
            ends.insert(0, m.end("g2"))
        for end in ends:
            if end == m.end("g1") and not m["s1"] and not sur_sep:
                continue  # the separator was only after the name
            # after a role noun the name may end before any character that cannot continue it (表弟宇 文 涛结婚)
            role_end = (left == "role" or masked or (g1 == g2 and end == m.end("g2"))) \
                and text[end : end + 1] not in GIVEN_CHARS  # 黄*鹏阿拉隔壁: a masked name ends anywhere
            if right_boundary(text, end) or end == len(text) or role_end:
                yield m.start(), end, SCORE_CUE
                break


# Emoji and symbols typed between the characters of a name, a nickname or a title (阿😂华, 禤🌸主任, 郝主❤️任).
_SYMBOLS_BETWEEN = regex.compile(rf"(?<=[{_HAN}])[\p{{So}}\p{{Sk}}\ufe0f\u200d]+(?=[{_HAN}A-Za-z])")
# Three or more single Han characters with blanks between them (周 建 宏, 木 合 塔 尔 · 阿 布 都): ordinary
# words typed with spaces between them never leave three single characters in a row.
_SPACED_CHARS = regex.compile(rf"[{_HAN}](?:[ \t]{{1,2}}(?:[·•・][ \t]{{0,2}})?[{_HAN}]){{2,}}")
# Each character of a name in its own brackets ([万][婷][婷], 【东】【方】【雨】【明】).
_BRACKETED = regex.compile(rf"[\[【]([{_HAN}])[\]】](?:[\[【][{_HAN}][\]】])+")


def _gaps(text: str) -> list[tuple[int, int]]:
    """What a dodge put between the characters of a name: emoji, blanks of a spaced run, brackets."""
    drops = [m.span() for m in _SYMBOLS_BETWEEN.finditer(text)]
    drops += [(m.start() + k, m.start() + k + 1) for m in _SPACED_CHARS.finditer(text)
              for k, c in enumerate(m.group()) if c in " \t"]
    drops += [(m.start() + k, m.start() + k + 1) for m in _BRACKETED.finditer(text)
              for k, c in enumerate(m.group()) if c in "[]【】"]
    drops.sort()
    merged: list[tuple[int, int]] = []
    for a, b in drops:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def symbol_split_names(text: str, scans: Callable[[str], Iterable[Span]]) -> Iterator[Span]:
    """Names found by ``scans`` in the view with emoji, spaced-run blanks and per-character brackets taken
    out, mapped back; only spans a dodge split are yielded (the others the scans find in the text itself)."""
    drops = _gaps(text)
    if not drops:
        return
    view, kept = collapse(text, drops)
    for s, e, score in scans(view):
        e = surname_title_end(view, s, e)
        start, end = kept[s], kept[e - 1] + 1
        if end - start > e - s:
            yield start, end, score


# 婷 婷, 莉.莉: a doubled given name typed with a separator between its characters.
_SPACED_DOUBLE = regex.compile(rf"([{_HAN}])(?:[ \t*_.·]|[\p{{So}}\p{{Sk}}]){{1,2}}\1", regex.V1)


def spaced_doubled(text: str) -> Iterator[Span]:
    """A doubled given name with a separator inside, after a role noun or cue, or opening a clause."""
    for m in _SPACED_DOUBLE.finditer(text):
        c = m.group(1)
        if c + c in NEVER_DOUBLED_NAMES or c in NOT_GIVEN_START or text[m.end() : m.end() + 1] == c:
            continue  # 笑 笑 笑: laughter, not a name
        left = left_kind(text, m.start())
        if left in ("role", "cue") or (left == "start" and c + c not in COMMON_DOUBLED
                                       and right_boundary(text, m.end())):
            yield m.start(), m.end(), SCORE_CUE


def spaced_nicknames(text: str) -> Iterator[Span]:
    """阿 珍, 小 唐 after a role noun or a cue (伴郎小 唐, 我弟阿 珍)."""
    for m in _SPACED_NICK.finditer(text):
        last = m.group()[-1]
        left = left_kind(text, m.start())
        if left in ("role", "cue") and (last in GIVEN_CHARS or last in SURNAMES) and right_boundary(text, m.end()):
            yield m.start(), m.end(), SCORE_CUE
        elif left == "start" and (last in GIVEN_CHARS or last in SURNAMES) and text[m.end() : m.end() + 1] in "，,：:":
            yield m.start(), m.end(), SCORE_CUE  # "阿 远，今晚回家吃饭吗": a spaced nickname addressed
