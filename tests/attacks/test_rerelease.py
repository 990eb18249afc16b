"""A recipient who keeps every drop diffs them across reruns and config changes. No published
interval may be recomputed, and no rerun may charge again:

- a rerun on the same inputs plans nothing and charges nothing (holds);
- a new policy version whose `effective_from` is moved *back* before the released intervals
  re-plans none of them, and the released files stay byte-identical (holds);
- an extract renamed in config (same definition under a new id) is a new extract to the registry,
  so it re-publishes every past interval from today's data. For a DP extract both are charged to
  the odometer; for a k-only extract the old and new exact counts would differ by a deleted user's
  rows, so `append_only` refuses a k-only extract an interval that another extract released in exact
  counts before it first existed.
"""

from __future__ import annotations

import hashlib
import json

import pyarrow.parquet as pq
import yaml

from tests.publish.conftest import AS_OF, DAYS, k_only_crash, pid, population, write_partition
from transforms.publish import plan_releases, publish
from transforms.schemas import CLEAN_TELEMETRY_EVENTS

SOME = ["crash_performance_daily", "ml_feature_usage_weekly"]  # a daily and a weekly extract


def _publish_all(lake) -> list[dict]:
    return [publish(lake, **p, as_of=AS_OF) for p in plan_releases(lake, as_of=AS_OF, extracts=SOME)]


def _files(lake) -> dict[str, str]:
    root = lake.local_dir("published")
    return {str(f.relative_to(root)): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in root.rglob("*") if f.is_file()}


def _charges(lake) -> list[str]:
    return sorted(str(f) for f in lake.local_dir("_system").rglob("*.json")
                  if f.parent.name != "audit" and ("odometer" in f.parts or "budget" in f.parts))


def _forget(lake, user: int) -> None:
    for d in DAYS:
        part = lake.local_dir("clean", "telemetry_events", f"dt={d}")
        rows = [r for r in pq.read_table(part).to_pylist() if r["user_pid"] != pid("u", user)]
        write_partition(lake, "telemetry_events", d, rows, CLEAN_TELEMETRY_EVENTS)


def _edit(config_dir, fn) -> None:
    path = config_dir / "extracts.yaml"
    data = yaml.safe_load(path.read_text())
    fn(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


def test_rerun_plans_nothing_and_charges_nothing(lake):
    first = _publish_all(lake)
    assert first and all(r["status"] == "published" for r in first)
    files, charges = _files(lake), _charges(lake)
    assert plan_releases(lake, as_of=AS_OF, extracts=SOME) == []
    assert _files(lake) == files and _charges(lake) == charges


def test_policy_moved_back_in_time_recomputes_no_released_interval(lake, eligible, config_dir):
    assert all(r["status"] == "published" for r in _publish_all(lake))
    files, charges = _files(lake), _charges(lake)
    _forget(lake, 7)
    eligible.table = population(60, excluded={7})

    def back(data):
        data["policy"]["version"] = "publish-policy-2026.12-2"
        data["policy"]["effective_from"] = "2020-01-01"
        for e in data["extracts"]:
            e["effective_from"] = "2020-01-01"

    _edit(config_dir, back)
    assert plan_releases(lake, as_of=AS_OF, extracts=SOME) == []
    assert _files(lake) == files and _charges(lake) == charges


def test_renamed_k_only_extract_does_not_republish_history(lake, eligible, config_dir):
    k_only_crash(config_dir)
    old = [r for r in _publish_all(lake) if r["extract"] == "crash_performance_daily"]
    assert old and all(r["status"] == "published" for r in old)
    _forget(lake, 7)
    eligible.table = population(60, excluded={7})

    def rename(data):
        ext = next(e for e in data["extracts"] if e["id"] == "crash_performance_daily")
        ext["id"] = "crash_performance_daily_v2"
        data["policy"]["version"] = "publish-policy-2026.12-1"

    _edit(config_dir, rename)
    again = [p for p in plan_releases(lake, as_of=AS_OF) if p["extract"] == "crash_performance_daily_v2"]
    republished = [publish(lake, **p, as_of=AS_OF) for p in again]
    assert not [r for r in republished if r["status"] == "published"], json.dumps(
        [r["interval"] for r in republished])
