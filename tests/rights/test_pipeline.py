"""The rights policy end to end without Airflow: ledger → purge → minors → completions → overdue."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pyarrow.parquet as pq
import pytest

from transforms.rights.completion import read_completion
from transforms.rights.ledger import read_ledger, record_operator_request
from transforms.rights.pipeline import run_rights
from transforms.rights.population import eligible_user_ids
from transforms.rights.releases import releases_fed_by

from .lakes import account, build_lake


def zone_digest(lake, zones=("landing", "raw", "quarantine", "clean", "rights", "published")) -> dict[str, str]:
    """Content of every data file (Parquet by its rows, so a rewrite with equal rows is equal)."""
    out = {}
    for zone in zones:
        for p in lake.walk_files(lake.path(zone)):
            data = str(pq.read_table(p).to_pylist()).encode() if p.endswith(".parquet") else lake.read_bytes(p)
            out[p[len(lake.base) + 1 :]] = hashlib.sha256(data).hexdigest()
    return out


def user_in_zone(lake, needle: str, zones=("landing", "raw", "quarantine", "clean")) -> list[str]:
    hits = []
    for zone in zones:
        for p in lake.walk_files(lake.path(zone)):
            data = str(pq.read_table(p).to_pylist()) if p.endswith(".parquet") else lake.read_bytes(p).decode()
            if needle in data:
                hits.append(p)
    return hits


# The lake's requests arrive on 2026-11-21; the run is four days later, inside the 15-day deadline, whatever
# day the suite runs on (the completion time is the clock's, so the clock is fixed for the run).
RUN_AT = datetime(2026, 11, 25, 12, tzinfo=UTC)


@pytest.fixture
def fixed_clock(monkeypatch):
    import transforms.rights.completion
    import transforms.rights.ledger
    import transforms.rights.pipeline
    import transforms.rights.purge_journal

    for module in (transforms.rights.completion, transforms.rights.ledger, transforms.rights.pipeline,
                   transforms.rights.purge_journal):
        if hasattr(module, "utcnow"):
            monkeypatch.setattr(module, "utcnow", lambda: RUN_AT)
    return RUN_AT


def test_rights_run(lake, pz, fixed_clock):
    users = ["alice-01", "bob-02", "kid-03", "carol-04"]
    events = {
        "2026-11-21": [
            account("alice-01", "deletion_requested", "2026-11-21", request_id="app-del-1"),
            account("kid-03", "age_declared", "2026-11-21", birth_year=2016),
            account("carol-04", "consent_withdrawn", "2026-11-21", "research_sharing", request_id="app-wd-1"),
        ]
    }
    build_lake(lake, users, pz, events)
    record_operator_request(lake, "deletion", "bob-02", request_id="desk-7", reason="email to DPO")
    as_of = fixed_clock

    out = run_rights(lake.root, as_of)

    assert sorted(out["completions"]["completed"]) == ["app-del-1", "app-wd-1", "desk-7"]
    for uid in ("alice-01", "bob-02"):
        assert user_in_zone(lake, uid) == []
        assert user_in_zone(lake, pz.one("user", uid)) == []
    # the child: gone from clean only; still in raw (restricted) and excluded everywhere
    assert user_in_zone(lake, pz.one("user", "kid-03"), zones=("clean",)) == []
    assert user_in_zone(lake, "kid-03", zones=("raw",))
    assert out["minors"]["minors"] == 1
    # carol withdrew research sharing: excluded from it, rows kept
    assert user_in_zone(lake, pz.one("user", "carol-04"), zones=("clean",))
    assert eligible_user_ids(lake, "research_sharing", as_of) == set()

    rec = read_completion(lake, "app-del-1")
    assert rec["action"] == "purged" and rec["user_id"] == "alice-01" and rec["on_time"] is True
    assert rec["purged_totals"] == {"clean": 4, "landing": 9, "quarantine": 2, "raw": 7}
    assert [r["release_id"] for r in rec["releases"]] == ["rel-001"]
    assert rec["releases"][0]["via_partitions"] == ["clean/chat_messages/dt=2026-11-20"]
    assert "k" in rec["releases_note"] and "epsilon" in rec["releases_note"]
    assert rec["received_at"] == "2026-11-21T01:00:00+00:00" and rec["completed_at"]
    desk = read_completion(lake, "desk-7")
    assert desk["source"] == "operator" and desk["reason"] == "email to DPO"
    wd = read_completion(lake, "app-wd-1")
    assert wd["action"] == "excluded_from_purpose" and wd["purged"] == []
    assert read_ledger(lake).open_requests() == []

    # rerun: nothing changes in any zone, no new ledger entries
    before = zone_digest(lake)
    again = run_rights(lake.root, as_of)
    assert again["purge"]["partitions_rewritten"] == [] and again["completions"]["completed"] == []
    assert zone_digest(lake) == before


def test_late_rows_of_a_deleted_user_are_purged_again(lake, pz):
    build_lake(lake, ["u1", "u2"], pz)
    record_operator_request(lake, "deletion", "u1", request_id="R1")
    run_rights(lake.root)
    first = read_completion(lake, "R1")
    build_lake(lake, ["u1", "u2"], pz)  # the same data delivered again (a re-export)
    out = run_rights(lake.root)
    assert out["purge"]["partitions_rewritten"]
    assert user_in_zone(lake, "u1") == []
    assert read_completion(lake, "R1") == first  # the answer was given once


def test_release_after_purge_is_not_counted(lake):
    manifests = [
        {"release_id": "old", "source_partitions": ["clean/t/dt=2026-11-20"], "created_at": "2026-11-21T00:00:00+00:00",
         "_manifest_path": "published/r/e/old/_manifest.json"},
        {"release_id": "new", "source_partitions": ["clean/t/dt=2026-11-20/"], "created_at": "2026-11-25T00:00:00+00:00"},
        {"release_id": "undated", "source_partitions": [f"{lake.base}/clean/t/dt=2026-11-20"]},
        {"release_id": "other", "source_partitions": ["clean/t/dt=2026-11-22"]},
    ]
    purged = {"clean/t/dt=2026-11-20": datetime(2026, 11, 23, tzinfo=UTC)}
    got = releases_fed_by(lake, purged, manifests)
    assert sorted(r["release_id"] for r in got) == ["old", "undated"]
