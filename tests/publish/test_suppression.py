"""Complementary suppression: no published total minus published cells isolates a hidden cell."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.publish.suppression import suppress

LEVELS = [("a", "b"), ("b",), ()]


def _rows(units: dict[tuple[str, str], int]) -> list[dict]:
    rows = [{"a": a, "b": b, "__level": 0, "u": n} for (a, b), n in units.items()]
    for b in sorted({b for _, b in units}):
        rows.append({"a": "*", "b": b, "__level": 1, "u": sum(n for (_, bb), n in units.items() if bb == b)})
    rows.append({"a": "*", "b": "*", "__level": 2, "u": sum(units.values())})
    return rows


def _run(units, k=10):
    return suppress(_rows(units), levels=LEVELS, k=k, level_col="__level", units_col="u")


def test_single_small_cell_gets_a_complement():
    res = _run({("v1", "ios"): 50, ("v2", "ios"): 3, ("v3", "ios"): 40, ("v1", "android"): 60})
    kept = {(r["a"], r["b"]) for r in res.kept}
    assert ("v2", "ios") not in kept and res.primary == 1 and res.complementary == 1
    assert ("v3", "ios") not in kept  # the smallest sibling hides with it
    assert ("*", "ios") in kept


def test_nothing_small_nothing_suppressed():
    res = _run({("v1", "ios"): 50, ("v2", "ios"): 30})
    assert res.primary == res.complementary == 0 and len(res.kept) == 4


def test_parent_suppressed_when_no_sibling_left():
    res = _run({("v1", "ios"): 3, ("v1", "android"): 80})
    kept = {(r["a"], r["b"]) for r in res.kept}
    assert ("*", "ios") not in kept  # the ios total equals the hidden cell: it goes too


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(st.tuples(st.sampled_from("pqrs"), st.sampled_from(["ios", "android", "hm"])),
                       st.integers(1, 40), min_size=1, max_size=12))
def test_no_hidden_cell_is_derivable(units):
    k = 10
    res = _run(units, k)
    kept = res.kept
    assert all(r["u"] >= k for r in kept)
    rows = _rows(units)
    hidden = [r for r in rows if r not in kept]
    for parent in kept:
        for level in range(len(LEVELS)):
            cols = LEVELS[parent["__level"]]
            if not set(cols) < set(LEVELS[level]):
                continue
            children = [r for r in rows if r["__level"] == level and all(r[c] == parent[c] for c in cols)]
            gone = [r for r in children if r in hidden]
            assert not gone or (len(gone) >= 2 and sum(r["u"] for r in gone) >= k)
