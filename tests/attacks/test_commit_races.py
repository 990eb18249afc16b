"""Races at the commit: a second publisher finishes while the first is between its gates and its
commit. Whatever the first saw before the lock, the commit must re-check under the lock:

- two DP corrections of one interval planned from different late-data states (different inputs, so
  different release ids) must not both publish past `policy.max_corrections`; on the code before
  this change both did (the commit only looked for the same release id), so a recipient got the
  interval three times;
- two releases for different recipients that each fit the per-user odometer but not together must
  not both be charged (this held: the odometer is re-checked under the one publish lock).
"""

from __future__ import annotations

import json
import random

import yaml

from tests.publish.conftest import AS_OF, DAYS, telemetry_rows, write_partition
from transforms.publish import plan_releases, publish, registry
from transforms.publish import release as release_mod
from transforms.schemas import CLEAN_TELEMETRY_EVENTS

EXTRACT = "ml_feature_usage_weekly"


def _deliver_late(lake, users: int, token: str, base_rows: int = 10) -> None:
    """Wednesday arrives again with more rows (its `_clean.json` says how many were delivered)."""
    day = DAYS[2]
    rows = telemetry_rows(day, users, random.Random(users))
    write_partition(lake, "telemetry_events", day, rows, CLEAN_TELEMETRY_EVENTS)
    marker = lake.local_dir("clean", "telemetry_events", f"dt={day}", "_clean.json")
    marker.write_text(json.dumps({"raw_rows": base_rows + len(rows), "run_token": token}))


def _released_with_small_snapshot(lake) -> dict:
    plan = next(p for p in plan_releases(lake, as_of=AS_OF) if p["extract"] == EXTRACT)
    first = publish(lake, **plan, as_of=AS_OF)
    assert first["status"] == "published"
    entry = registry.entries(lake, EXTRACT, plan["interval_start"])[0]
    entry["snapshot"] = {f"clean/telemetry_events/dt={d}": {"raw_rows": 10, "run_token": "a"} for d in DAYS}
    lake.write_json(lake.path(*registry.REGISTRY, EXTRACT, plan["interval_start"],
                              f"{entry['release_id']}.json"), entry)
    return first


def _while_between_gates_and_commit(monkeypatch, other) -> None:
    """Run `other()` once, after the first publisher passed its gates and before it takes the lock."""
    real_run = release_mod.gates.run
    state = {"armed": True}

    def run(a):
        real_run(a)
        if state["armed"]:
            state["armed"] = False
            other()

    monkeypatch.setattr(release_mod.gates, "run", run)


def test_two_corrections_from_different_late_states_publish_at_most_max_corrections(lake, monkeypatch):
    first = _released_with_small_snapshot(lake)
    _deliver_late(lake, 70, "b")
    slow = next(p for p in plan_releases(lake, as_of=AS_OF) if p["extract"] == EXTRACT)
    assert slow.get("correction_of") == first["release_id"]
    results: list[dict] = []

    def fast_publisher() -> None:  # more rows arrive; another run plans and publishes its correction
        _deliver_late(lake, 80, "c")
        fast = next(p for p in plan_releases(lake, as_of=AS_OF) if p["extract"] == EXTRACT)
        results.append(publish(lake, **fast, as_of=AS_OF))

    _while_between_gates_and_commit(monkeypatch, fast_publisher)
    results.append(publish(lake, **slow, as_of=AS_OF))
    assert results[0]["status"] == "published" and results[0]["release_kind"] == "correction"
    assert results[1]["status"] != "published", "a second correction was published past max_corrections"
    kinds = [e["kind"] for e in registry.entries(lake, EXTRACT, slow["interval_start"])]
    assert kinds == ["original", "correction"]
    visible = [d for d in lake.local_dir("published", "ml_team", EXTRACT).iterdir() if not d.name.startswith(".")]
    assert len(visible) == 2
    charges = [json.loads(f.read_text()) for f in lake.local_dir("_system", "odometer").glob("*.json")]
    assert len(charges) == 2  # the original and one correction


def test_two_recipients_cannot_overrun_the_odometer_between_gate_and_commit(lake, config_dir, monkeypatch):
    path = config_dir / "recipients.yaml"
    data = yaml.safe_load(path.read_text())
    data["odometer"]["epsilon"] = 2.5  # room for the academic release (ε 2) or the ML one (ε 1), not both
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    plans = {p["extract"]: p for p in plan_releases(lake, as_of=AS_OF)}
    results: list[dict] = []

    def academic() -> None:
        results.append(publish(lake, **plans["interaction_stats_weekly"], as_of=AS_OF))

    _while_between_gates_and_commit(monkeypatch, academic)
    results.append(publish(lake, **plans[EXTRACT], as_of=AS_OF))
    assert [r["status"] for r in results] == ["published", "refused"]
    assert results[1]["reason"].startswith("commit:") and "odometer" in results[1]["reason"]
    charges = [json.loads(f.read_text()) for f in lake.local_dir("_system", "odometer").glob("*.json")]
    assert [c["extract"] for c in charges] == ["interaction_stats_weekly"]
    assert not list(lake.local_dir("_system", "budget").rglob(f"{results[1]['release_id']}.json"))
