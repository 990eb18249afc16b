"""Manifest diffs after one user's removal: the old manifest carried eligible_users, rows_kept,
users_in_source, source_rows, candidate and suppressed cell counts and gate details with counts, so
two drops built with and without one user differed by exactly that user. Now a manifest describes
the published rows and the rules only: built from two lakes that differ by one user, the manifests
are identical apart from the published rows' own description (files, row count) and ids/times.

Fails on the code before this change: `population.eligible_users` (60 vs 59), `rows_kept` and the
gate details differed, and the forbidden keys were present.
"""

from __future__ import annotations

import json
import shutil

import pyarrow.parquet as pq

from tests.publish.conftest import AS_OF, DAYS, pid, population, write_partition
from transforms.lake import Lake
from transforms.publish import plan_releases, publish
from transforms.schemas import CLEAN_TELEMETRY_EVENTS

EXTRACT = "ml_feature_usage_weekly"
FORBIDDEN = ("eligible_users", "rows_kept", "users_in_source", "source_rows", "suppressed", "candidates",
             "population", "suppression", "users_eligible_in_source", "detail", "threshold", "text_screen")
OWN_ROWS = ("files", "rows", "release_id", "created_at")


def _keys(obj, out=None):
    out = set() if out is None else out
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.add(k)
            _keys(v, out)
    elif isinstance(obj, list):
        for v in obj:
            _keys(v, out)
    return out


def _publish_manifest(lake) -> dict:
    plan = next(p for p in plan_releases(lake, as_of=AS_OF) if p["extract"] == EXTRACT)
    rec = publish(lake, **plan, as_of=AS_OF)
    assert rec["status"] == "published", rec
    return json.loads(open(rec["path"] + "/_manifest.json").read())


def test_manifests_with_and_without_one_user_differ_only_in_their_rows(lake, eligible, tmp_path, keystore):
    other = Lake(str(tmp_path / "other"))
    shutil.copytree(lake.local_dir("clean"), other.local_dir("clean"))
    for d in DAYS:  # the second lake lacks user 7
        part = other.local_dir("clean", "telemetry_events", f"dt={d}")
        rows = [r for r in pq.read_table(part).to_pylist() if r["user_pid"] != pid("u", 7)]
        write_partition(other, "telemetry_events", d, rows, CLEAN_TELEMETRY_EVENTS)
    with_user = _publish_manifest(lake)
    eligible.table = population(60, excluded={7})
    without_user = _publish_manifest(other)
    leaked = sorted(_keys(with_user) & set(FORBIDDEN))
    assert not leaked, f"manifest carries internal counts: {leaked}"
    strip = lambda m: {k: v for k, v in m.items() if k not in OWN_ROWS}  # noqa: E731
    assert strip(with_user) == strip(without_user)
    # the exact internals are still kept, internally
    audit = [r for r in lake.audit_records("releases") if r.get("status") == "published"]
    assert audit and audit[0]["population"]["eligible_users"] == 60
