"""The utility figures: user mass published and median relative error, computed against the exact truth."""

from __future__ import annotations

import pytest

from transforms.publish.aggregate import UNITS
from transforms.publish.config import load_config
from transforms.publish.public_partitions import SEP
from transforms.publish.utility import EXACT, PRIVATE, PUBLIC, markdown_table, measure_lake, score, summarise


def test_score_by_hand():
    ext = load_config().extracts["ml_turn_taking_weekly"]  # group_by character_category, turn_pattern
    truth = {f"a{SEP}x": {UNITS: 30, "conversations": 40, "users": 30},
             f"b{SEP}x": {UNITS: 10, "conversations": 10, "users": 10}}
    published = [{"character_category": "a", "turn_pattern": "x", "conversations": 44, "users": 27},
                 {"character_category": "c", "turn_pattern": "x", "conversations": 3, "users": 0}]
    s = score(published, truth, ext)
    assert s["user_mass_share"] == pytest.approx(30 / 40)
    assert s["median_rel_error"] == pytest.approx(0.1)  # errors 0.1 (conversations) and 0.1 (users)
    assert s["published_zero_truth_cells"] == 1 and s["published_cells"] == 2


def test_measure_lake_before_and_after(lake):
    from tests.publish.conftest import AS_OF

    rows = measure_lake(lake, as_of=AS_OF, extracts=["ml_turn_taking_weekly", "crash_performance_daily"])
    modes = {(r["extract"], r["mode"]) for r in rows}
    assert ("ml_turn_taking_weekly", PRIVATE) in modes and ("ml_turn_taking_weekly", PUBLIC) in modes
    assert ("crash_performance_daily", PRIVATE) in modes and EXACT not in {m for _, m in modes}  # crash is DP now
    by = {(r["extract"], r["mode"]): r for r in summarise(rows)}
    assert by[("ml_turn_taking_weekly", PUBLIC)]["user_mass_share"] == pytest.approx(1.0)
    assert by[("ml_turn_taking_weekly", PRIVATE)]["user_mass_share"] < 1.0
    assert "| ml_turn_taking_weekly | public partitions |" in markdown_table(summarise(rows))
