"""The statistics partner's daily crash/performance extract, end to end without Airflow: DP with
users as the privacy unit, NULL-correct measures, a verified encrypted drop."""

from __future__ import annotations

import json
import statistics

import pyarrow.parquet as pq
import pytest
import yaml

from tests.publish.conftest import AS_OF, DAYS, k_only_crash
from transforms.publish import plan_releases, publish, verify_release
from transforms.publish.crypto import read_parquet_bytes


def _crash_plans(lake):
    return [p for p in plan_releases(lake, as_of=AS_OF) if p["extract"] == "crash_performance_daily"]


def _loose_dp(config_dir, epsilon=8.0):
    """A larger ε than the demo's 0.3/day, so 60 test users clear the DP threshold."""
    path = config_dir / "extracts.yaml"
    data = yaml.safe_load(path.read_text())
    ext = next(e for e in data["extracts"] if e["id"] == "crash_performance_daily")
    ext["dp"]["epsilon"] = epsilon
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


def test_plan_one_release_per_day(lake):
    plans = _crash_plans(lake)
    assert [p["interval_start"] for p in plans] == [str(d) for d in DAYS]
    json.dumps(plans)  # the DAG maps over these


def test_publish_writes_verified_encrypted_dp_release(lake, keystore, config_dir):
    _loose_dp(config_dir)
    rec = publish(lake, **_crash_plans(lake)[0], as_of=AS_OF)
    assert rec["status"] == "published", rec
    rdir = lake.local_dir("published", "stats_partner", "crash_performance_daily", rec["release_id"])
    manifest = json.loads((rdir / "_manifest.json").read_text())
    assert manifest["source_partitions"] == [f"clean/telemetry_events/dt={DAYS[0]}"]
    assert manifest["encryption"]["enabled"] and manifest["encryption"]["key_version"] == "v1"
    assert manifest["dp"]["privacy_unit"] == "user_pid" and manifest["k_unit"] == "user_pid"
    assert 0 < manifest["spend"]["epsilon"] <= 8.0 and manifest["spend"]["rho"] > 0  # Gaussian: zCDP
    try:
        pq.read_table(rdir / "part-0.parquet")
        raise AssertionError("an external release must not be readable without the key")
    except OSError:
        pass
    from anonymizers.keyring import KeyRing

    rows = read_parquet_bytes((rdir / "part-0.parquet").read_bytes(), KeyRing.load()).to_pylist()
    assert len(rows) == manifest["rows"] > 0
    for r in rows:  # noisy values post-processed into their declared bounds
        assert r["sessions"] >= 0 and r["crashes"] >= 0 and r["users"] >= 10
        assert 0 <= r["p50_startup_ms"] <= 20000 and 0 <= r["p95_latency_ms"] <= 5000
        assert r["p50_startup_ms"] > 0  # startup times exist (500..2000 ms): never the NULL-as-0 bug
    assert verify_release(rdir).ok


def test_startup_quantile_ignores_events_without_startup_time(lake, config_dir):
    """Hand-computed: the median startup over the cell's session starts only. Events without a
    startup time (perf, page views, crashes: NULL) must not enter it as 0 (DuckDB's
    greatest(NULL, 0) is 0, which made p50_startup_ms 0.0 in every row)."""
    from anonymizers.keyring import KeyRing
    from tests.publish.conftest import write_partition
    from transforms.schemas import CLEAN_TELEMETRY_EVENTS

    k_only_crash(config_dir)
    raw = pq.read_table(lake.local_dir("clean", "telemetry_events", f"dt={DAYS[0]}")).to_pylist()
    starts = [r for r in raw if r["event_type"] == "session_start"]
    for r in starts[::2]:  # as in production: half the session starts report no startup time
        r["startup_ms"] = None
    write_partition(lake, "telemetry_events", DAYS[0], raw, CLEAN_TELEMETRY_EVENTS)
    cell = [r["startup_ms"] for r in starts if r["app_version"] == "3.2.0" and r["os_family"] == "android"
            and r["startup_ms"] is not None]
    expected = statistics.median(cell)  # quantile_cont(0.5) = the median with interpolation
    assert expected > 500
    rec = publish(lake, **_crash_plans(lake)[0], as_of=AS_OF)
    assert rec["status"] == "published", rec
    rows = read_parquet_bytes(open(rec["path"] + "/part-0.parquet", "rb").read(), KeyRing.load()).to_pylist()
    got = next(r for r in rows if r["app_version"] == "3.2.0" and r["os_family"] == "android")
    assert got["p50_startup_ms"] == pytest.approx(expected)


def test_bounded_cells_keep_only_real_startup_times(lake):
    """The DP input: each cell's list of startup values holds session starts only (no NULL, no 0)."""
    from transforms.publish.aggregate import bounded_cells
    from transforms.publish.compute import connect
    from transforms.publish.config import load_config
    from transforms.publish.gates import Attempt
    from transforms.publish.intervals import inputs_fingerprint, interval_of, source_partitions

    cfg = load_config()
    ext = cfg.extracts["crash_performance_daily"]
    iv = interval_of(DAYS[0], "day")
    parts = source_partitions(lake, ext, iv)
    a = Attempt(lake, cfg, ext, cfg.recipient_of(ext), iv, "t", "c", parts, inputs_fingerprint(lake, parts), AS_OF)
    cells = bounded_cells(connect(a), ext, salt="s").to_pylist()
    values = [v for c in cells for v in c["p50_startup_ms__values"]]
    assert values and min(values) >= 500  # the fixture's startup times are 500..1999 ms


def test_rerun_creates_nothing(lake, config_dir):
    _loose_dp(config_dir)
    plan = _crash_plans(lake)[0]
    first = publish(lake, **plan, as_of=AS_OF)
    again = publish(lake, **plan, as_of=AS_OF)
    assert again["status"] == "exists" and again["release_id"] == first["release_id"]
    assert plan["interval_start"] not in {p["interval_start"] for p in _crash_plans(lake)}
    assert len([r for r in lake.audit_records("releases") if r["status"] == "published"]) == 1
