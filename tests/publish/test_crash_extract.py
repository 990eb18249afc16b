"""The statistics partner's daily crash/performance extract, end to end without Airflow."""

from __future__ import annotations

import json

import pyarrow.parquet as pq

from tests.publish.conftest import AS_OF, DAYS
from transforms.publish import plan_releases, publish, verify_release
from transforms.publish.crypto import read_parquet_bytes


def _crash_plans(lake):
    return [p for p in plan_releases(lake, as_of=AS_OF) if p["extract"] == "crash_performance_daily"]


def test_plan_one_release_per_day(lake):
    plans = _crash_plans(lake)
    assert [p["interval_start"] for p in plans] == [str(d) for d in DAYS]
    json.dumps(plans)  # the DAG maps over these


def test_publish_writes_verified_encrypted_release(lake, keystore):
    plan = _crash_plans(lake)[0]
    rec = publish(lake, **plan, as_of=AS_OF)
    assert rec["status"] == "published", rec
    rdir = lake.local_dir("published", "stats_partner", "crash_performance_daily", rec["release_id"])
    manifest = json.loads((rdir / "_manifest.json").read_text())
    assert manifest["source_partitions"] == [f"clean/telemetry_events/dt={DAYS[0]}"]
    assert manifest["encryption"]["enabled"] and manifest["encryption"]["key_version"] == "v1"
    assert manifest["k"] == 10 and manifest["suppression"]["primary_suppressed"] >= 0
    assert all(g["passed"] for g in manifest["gates"])
    data = (rdir / "part-0.parquet").read_bytes()
    try:
        pq.read_table(rdir / "part-0.parquet")
        raise AssertionError("an external release must not be readable without the key")
    except OSError:
        pass
    from anonymizers.keyring import KeyRing

    table = read_parquet_bytes(data, KeyRing.load())
    assert table.num_rows == manifest["rows"] > 0
    rows = table.to_pylist()
    total = [r for r in rows if r["app_version"] == "*" and r["os_family"] == "*"]
    assert total and total[0]["distinct_devices"] == 60 and total[0]["sessions"] == 120
    assert all(r["distinct_devices"] >= 10 for r in rows)
    assert verify_release(rdir).ok


def test_rerun_creates_nothing(lake):
    plan = _crash_plans(lake)[0]
    first = publish(lake, **plan, as_of=AS_OF)
    again = publish(lake, **plan, as_of=AS_OF)
    assert again["status"] == "exists" and again["release_id"] == first["release_id"]
    assert plan["release_id"] not in {p["release_id"] for p in _crash_plans(lake)}
    assert len([r for r in lake.audit_records("releases") if r["status"] == "published"]) == 1
