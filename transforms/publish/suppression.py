"""Small-cell suppression with complementary suppression.

A cell is published only when at least k distinct units contribute (primary suppression). Where
subtotals (margins) are published too, a suppressed cell could be recovered by subtraction, so for
every published parent cell and every finer grouping level below it, the suppressed children must be
either none, or at least two whose units together reach k; otherwise the smallest published sibling
is suppressed as well (or, with none left, the parent). Repeated until nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class SuppressionResult:
    kept: list[dict[str, Any]]
    primary: int
    complementary: int


def suppress(rows: list[dict[str, Any]], *, levels: list[tuple[str, ...]], k: int,
             level_col: str, units_col: str) -> SuppressionResult:
    """Rows of all grouping levels in, published rows out (suppressed ones removed)."""
    suppressed = [r[units_col] < k for r in rows]
    primary = sum(suppressed)
    by_level: dict[int, list[int]] = {}
    for i, r in enumerate(rows):
        by_level.setdefault(r[level_col], []).append(i)
    # pairs (parent level, child level) where the child level strictly refines the parent
    pairs = [(p, c) for p, ps in enumerate(levels) for c, cs in enumerate(levels)
             if set(ps) < set(cs)]
    complementary = 0
    changed = True
    while changed:
        changed = False
        for p_level, c_level in pairs:
            p_cols = levels[p_level]
            for pi in by_level.get(p_level, []):
                if suppressed[pi]:
                    continue
                parent = rows[pi]
                children = [ci for ci in by_level.get(c_level, [])
                            if all(rows[ci][c] == parent[c] for c in p_cols)]
                hidden = [ci for ci in children if suppressed[ci]]
                if not hidden:
                    continue
                if len(hidden) >= 2 and sum(rows[ci][units_col] for ci in hidden) >= k:
                    continue
                visible = [ci for ci in children if not suppressed[ci]]
                target = min(visible, key=lambda ci: (rows[ci][units_col], ci)) if visible else pi
                suppressed[target] = True
                complementary += 1
                changed = True
    kept = [r for r, s in zip(rows, suppressed, strict=True) if not s]
    return SuppressionResult(kept, primary, complementary)
