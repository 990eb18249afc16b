"""Retention deletes exactly the expired partitions, each deletion audited."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.lake import Lake
from transforms.rights.config import RetentionDays, RightsConfig
from transforms.rights.retention import apply_retention, expired_partitions

from .conftest import write_landing, write_quarantine, write_raw

TODAY = date(2026, 11, 29)
CFG = RightsConfig(
    version="test",
    retention_days=RetentionDays(landing=10, raw=20, quarantine=5, clean=None),
    retention_exempt_tables=["account_events"],
)


def _fill(lake: Lake, zone: str, table: str, dt: date) -> None:
    if zone == "landing":
        write_landing(lake, table, dt.isoformat(), "a.jsonl", [{"user_id": "u"}])
    elif zone == "quarantine":
        write_quarantine(lake, table, dt.isoformat(), [{"source_file": "a", "line_no": 1, "record": "x", "reason": "r"}])
    else:
        write_raw(lake, table, dt.isoformat(), [])


def _present(lake: Lake) -> set[tuple[str, str, date]]:
    return {
        (zone, table, dt)
        for zone in ("landing", "raw", "quarantine")
        for table in ("chat_messages", "account_events")
        for dt in lake.list_dates(zone, table)
    }


def _expected_expired(items, cfg: RightsConfig) -> set:
    out = set()
    for zone, table, dt in items:
        if zone == "raw" and table in cfg.retention_exempt_tables:
            continue
        if dt < TODAY - timedelta(days=cfg.retention_days.for_zone(zone)):
            out.add((zone, table, dt))
    return out


partitions = st.sets(
    st.tuples(
        st.sampled_from(["landing", "raw", "quarantine"]),
        st.sampled_from(["chat_messages", "account_events"]),
        st.integers(min_value=0, max_value=40).map(lambda d: TODAY - timedelta(days=d)),
    ),
    max_size=12,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=partitions)
def test_retention_deletes_exactly_the_expired(items):
    with tempfile.TemporaryDirectory() as tmp:
        lake = Lake(tmp)
        for item in items:
            _fill(lake, *item)
        expected = _expected_expired(items, CFG)
        planned = {(p.zone, p.table, p.dt) for p in expired_partitions(lake, TODAY, CFG)}
        assert planned == expected
        done = apply_retention(lake, TODAY, CFG)
        assert {(d["zone"], d["table"], date.fromisoformat(d["dt"])) for d in done} == expected
        assert _present(lake) == set(items) - expected
        audits = lake.audit_records("retention")
        assert sorted(a["path"] for a in audits) == sorted(f"{z}/{t}/dt={d}" for z, t, d in expected)
        assert all(a["policy_version"] == "test" for a in audits)
        # rerun deletes nothing more
        assert apply_retention(lake, TODAY, CFG) == []


def test_boundary_and_dry_run(lake):
    keep = TODAY - timedelta(days=20)  # exactly at the cutoff: kept
    drop = TODAY - timedelta(days=21)
    for dt in (keep, drop):
        _fill(lake, "raw", "chat_messages", dt)
    plan = apply_retention(lake, TODAY, CFG, dry_run=True)
    assert [p["dt"] for p in plan] == [drop.isoformat()]
    assert lake.list_dates("raw", "chat_messages") == [drop, keep]
    assert lake.audit_records("retention") == []
    apply_retention(lake, TODAY, CFG)
    assert lake.list_dates("raw", "chat_messages") == [keep]


def test_config_rejects_landing_outliving_raw():
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        RetentionDays(landing=200, raw=100)
    with pytest.raises(ValidationError):
        RightsConfig(version="x", response_deadline_days=30)
    with pytest.raises(ValidationError):
        RightsConfig(version="x", retention_days={"raw": 10, "landing": 5, "archive": 3})


def test_shipped_policy_loads():
    from transforms.rights.config import load_config

    cfg = load_config()
    assert cfg.response_deadline_days == 15 and cfg.min_age == 14
    assert cfg.retention_days.raw and cfg.retention_days.quarantine and cfg.retention_days.landing
