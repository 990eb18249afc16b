"""Text with some characters taken out, and the way back to the original offsets.

Shared by the recognizers that read a dodge collapsed: spaced-out runs (深 圳 市 南 山 区…, 8 6 年 的 1 . 1 0)
and emoji between the characters of a name (阿😂华). ``analyze`` callbacks return Presidio results in the
collapsed text; ``despaced`` and ``despaced_in_context`` map them back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import regex
from presidio_analyzer import RecognizerResult

# Five or more Han characters or digit groups (letters for building 座, dashes of 12-3-1501), one blank
# after each: spaced out.
# A wider gap between the spaced-out words stays as one blank (D e c e m b e r   1 7 ,   1 9 8 2).
SPACED = regex.compile(r"(?:(?:\p{Han}|[0-9]+|[A-Za-z]|[-./,])[ \t\u3000]{1,3}){4,}(?:\p{Han}|[0-9]+|[A-Za-z])", regex.V1)


def collapse(text: str, drops: Iterable[tuple[int, int]]) -> tuple[str, list[int]]:
    """``text`` without the ``drops`` spans (sorted, disjoint), and each kept character's original offset."""
    kept: list[int] = []
    pos = 0
    for a, b in drops:
        kept.extend(range(pos, a))
        pos = b
    kept.extend(range(pos, len(text)))
    return "".join(text[i] for i in kept), kept


def _blanks(runs: Iterable[regex.Match]) -> list[tuple[int, int]]:
    """The blanks inside spaced-out runs, as one-character spans; of a wider gap, all but its last."""
    return [(m.start() + k, m.start() + k + 1) for m in runs for k in _dropped(m.group())]


def _dropped(run: str) -> list[int]:
    """Offsets of the blanks to take out of a spaced-out run: single blanks, and a wider gap but one."""
    out = []
    for g in regex.finditer(r"[ \t\u3000]+", run):
        out.extend(range(g.start(), g.end() if g.end() - g.start() == 1 else g.end() - 1))
    return out


def despaced(text: str, analyze: Callable[[str], list[RecognizerResult]]) -> list[RecognizerResult]:
    """Results of ``analyze`` on every spaced-out run of ``text`` collapsed, in ``text``'s offsets."""
    out: list[RecognizerResult] = []
    for m in SPACED.finditer(text):
        drop = set(_dropped(m.group()))
        idx = [m.start() + k for k in range(len(m.group())) if k not in drop]
        collapsed = "".join(text[i] for i in idx)
        for r in analyze(collapsed):
            r.start, r.end = idx[r.start], idx[r.end - 1] + 1
            out.append(r)
    return out


def despaced_in_context(text: str, analyze: Callable[[str], list[RecognizerResult]]) -> list[RecognizerResult]:
    """Like ``despaced``, but ``analyze`` sees the whole text with every spaced-out run collapsed, so cue
    words around a run still count (生日：8 6 年 的 1 . 1 0); only results inside a collapsed run return."""
    runs = list(SPACED.finditer(text))
    if not runs:
        return []
    view, kept = collapse(text, _blanks(runs))
    out = []
    for r in analyze(view):
        start, end = kept[r.start], kept[r.end - 1] + 1
        if end - start > r.end - r.start:  # a run was collapsed inside it
            r.start, r.end = start, end
            out.append(r)
    return out
