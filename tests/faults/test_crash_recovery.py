"""Kill -9 at every step of the lake's atomic primitives and the purge journal, then rerun.

Each case runs the real step in a child process that SIGKILLs itself at a named injection point
(`AIMATE_CRASH_AT`, consulted by `transforms.lake.crash_point`), then runs the run-start recovery and
the step again in this process. Afterwards: no hidden or partial copy anywhere, the deleted user's
rows are gone from every zone (hidden copies included), every other row is intact, landing lines =
raw + quarantined rows, and the completion record is exactly what an uninterrupted run writes.
"""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import UTC, datetime

import pyarrow.parquet as pq
import pytest

from anonymizers.pseudonym import Pseudonymizer
from tests.rights.lakes import account, build_lake
from transforms.ingest.landing_to_raw import ingest_partition, pending_ingest_dates
from transforms.lake import Lake
from transforms.recovery import recover
from transforms.rights.completion import read_completion
from transforms.rights.pipeline import run_rights

from .conftest import leftovers, run_killed

USERS = ["u1", "u2", "u3"]
AS_OF = datetime(2026, 11, 25, tzinfo=UTC)
RIGHTS = "import sys; from transforms.rights.pipeline import run_rights; run_rights(sys.argv[1])"

# (injection point, which hit): the swap steps of staged directories (raw, quarantine, clean), the
# staged landing-file rewrite, the purge journal's pending entry and its finalisation.
CRASHES = [
    ("staged_dir.staged", 1), ("staged_dir.moved_aside", 1), ("staged_dir.swapped", 1),
    ("staged_dir.moved_aside", 3), ("staged_file.written", 2), ("staged_file.renamed", 3),
    ("staged_file.written", 12), ("purge.pending_written", 1), ("purge.pending_written", 5),
    ("purge.finalized", 1), ("purge.finalized", 4),
]


def _lake_with_request(root) -> Lake:
    lake = Lake(str(root))
    events = {"2026-11-21": [account("u1", "deletion_requested", "2026-11-21", request_id="del-1")]}
    build_lake(lake, USERS, Pseudonymizer("internal"), events)
    return lake


def _rows(lake: Lake) -> dict[str, Counter]:
    """Per visible data file: how many rows/lines each user owns (by id, pseudonym or token)."""
    pz = Pseudonymizer("internal")
    pids = {pz.one("user", u): u for u in USERS}
    out: dict[str, Counter] = {}
    for zone in ("landing", "raw", "quarantine", "clean"):
        for path in lake.walk_files(lake.path(zone)):
            name = path.rsplit("/", 1)[1]
            if name.startswith(("_", ".")):
                continue
            c: Counter = Counter()
            if path.endswith(".parquet"):
                for r in pq.read_table(path).to_pylist():
                    uid = r.get("user_id") or pids.get(r.get("user_pid")) or next(
                        (u for u in USERS if f'"{u}"' in (r.get("record") or "")), None)
                    c[uid] += 1
            else:
                for line in lake.read_bytes(path).decode().splitlines():
                    c[next((u for u in USERS if f'"{u}"' in line), None)] += 1
            out[path[len(lake.base) + 1:]] = c
    return out


def _everything_including_hidden(lake: Lake) -> str:
    blobs = []
    for path in lake.walk_files(lake.path()):
        if "/_system/" in path or "/rights/" in path:
            continue
        blobs.append(str(pq.read_table(path).to_pylist()) if path.endswith(".parquet") else
                     lake.read_bytes(path).decode(errors="replace"))
    return "\n".join(blobs)


def _check_reconciled(lake: Lake) -> None:
    for dt in lake.list_dates("raw", "chat_messages"):
        landing = sum(1 for p in lake.list_files(lake.partition("landing", "chat_messages", dt))
                      for ln in lake.read_bytes(p).splitlines() if ln.strip())
        raw = lake.read_partition("raw", "chat_messages", dt).num_rows
        quarantined = lake.read_partition("quarantine", "chat_messages", dt).num_rows
        side = lake.read_json(f"{lake.partition('raw', 'chat_messages', dt)}/_ingest.json")
        assert landing == raw + quarantined == side["lines"], dt
        assert (side["raw_rows"], side["quarantined"]) == (raw, quarantined)
    assert pending_ingest_dates(lake, "chat_messages") == []  # the purge does not look like a delivery


@pytest.fixture(scope="module")
def expected(tmp_path_factory):
    """What an uninterrupted rights run removes and answers."""
    lake = _lake_with_request(tmp_path_factory.mktemp("expected") / "lake")
    run_rights(lake.root, AS_OF)
    record = read_completion(lake, "del-1")
    return record, _rows(lake)


@pytest.mark.parametrize(("point", "hit"), CRASHES, ids=[f"{p}:{n}" for p, n in CRASHES])
def test_kill_during_purge_then_rerun_is_complete_and_exact(tmp_path, expected, point, hit):
    record_expected, rows_expected = expected
    lake = _lake_with_request(tmp_path / "lake")

    killed = run_killed(RIGHTS, f"{point}:{hit}", lake.root)
    assert killed.returncode == -9, f"not killed at {point}:{hit}: rc={killed.returncode} {killed.stderr[-2000:]}"

    recover(lake)
    assert leftovers(lake) == []
    run_rights(lake.root, AS_OF)

    assert leftovers(lake) == []
    assert '"u1"' not in _everything_including_hidden(lake)
    assert _rows(lake) == rows_expected  # every other user's rows exactly as after a clean run
    _check_reconciled(lake)
    record = read_completion(lake, "del-1")
    assert record is not None, "the deletion was not completed after the rerun"
    assert record["purged_totals"] == record_expected["purged_totals"]
    assert sorted((p["partition"], p["rows"]) for p in record["purged"]) == sorted(
        (p["partition"], p["rows"]) for p in record_expected["purged"])


INGEST = ("import sys; from transforms.lake import Lake; from transforms.ingest import ingest_partition; "
          "ingest_partition(Lake(sys.argv[1]), 'chat_messages', '2026-11-20')")


@pytest.mark.parametrize("crash_at", ["staged_dir.staged:1", "staged_dir.staged:2", "staged_dir.swapped:1",
                                      "staged_dir.moved_aside:2", "staged_file.written:3"])
def test_kill_during_ingest_then_rerun_reconciles(tmp_path, crash_at):
    lake = Lake(str(tmp_path / "lake"))
    good = [f'{{"message_id": "m{i}", "conversation_id": "c", "user_id": "u{i % 3}", "character_id": "x", '
            f'"role": "user", "content_type": "text", "text": "hi", "created_at": "2026-11-20T01:00:00Z", '
            f'"app_version": "1"}}' for i in range(5)]
    lake.write_bytes(lake.path("landing", "chat_messages", "dt=2026-11-20", "a.jsonl"),
                     ("\n".join([*good, "{broken"]) + "\n").encode())
    ingest_partition(lake, "chat_messages", "2026-11-20")  # a first ingest: the rerun replaces it
    lake.write_bytes(lake.path("landing", "chat_messages", "dt=2026-11-20", "b.jsonl"), (good[0] + "\n").encode())

    killed = run_killed(INGEST, crash_at, lake.root)
    assert killed.returncode == -9, killed.stderr[-2000:]
    recover(lake)
    assert leftovers(lake) == []
    for dt in pending_ingest_dates(lake, "chat_messages"):  # none when the kill came after the swap
        ingest_partition(lake, "chat_messages", dt)
    side = lake.read_json(f"{lake.partition('raw', 'chat_messages', '2026-11-20')}/_ingest.json")
    assert (side["lines"], side["raw_rows"], side["quarantined"]) == (7, 5, 2)
    assert lake.read_partition("raw", "chat_messages", "2026-11-20").num_rows == 5
    assert lake.read_partition("quarantine", "chat_messages", "2026-11-20").num_rows == 2
    assert leftovers(lake) == []


def test_old_copy_of_a_purged_partition_is_resolved_by_the_purge_itself(tmp_path):
    """The issue's case: a crash at the swap leaves `.dt=….old-*` with the user's rows. Even without
    the run-start sweep (a DAG run in production), the purge resolves it and removes the rows."""
    lake = _lake_with_request(tmp_path / "lake")
    part = lake.partition("raw", "chat_messages", "2026-11-20")
    hidden = lake.path("raw", "chat_messages", ".dt=2026-11-20.old-0123abcd")
    shutil.copytree(part, hidden)  # swap completed, old copy not yet deleted
    moved = lake.path("clean", "chat_messages", ".dt=2026-11-21.old-89abcdef")
    shutil.move(lake.partition("clean", "chat_messages", "2026-11-21"), moved)  # swap never completed

    run_rights(lake.root, AS_OF)

    assert leftovers(lake) == []
    assert lake.exists(lake.partition("clean", "chat_messages", "2026-11-21"))  # restored, then purged
    assert '"u1"' not in _everything_including_hidden(lake)
    assert read_completion(lake, "del-1")["purged_totals"]["clean"] == 4


def test_charge_without_release_is_refunded_and_audited(lake):
    """Killed between the charges and the release rename: the hidden release is removed, its budget
    charge, odometer entry and released-interval registry entry are refunded; records of a release
    whose folder is visible, or that is audited as published, stay."""
    from transforms.publish import odometer, registry

    budget = lake.path("_system", "budget", "uni", "2026-11")
    interval = {"r-orphan": "2026-11-16", "r-visible": "2026-11-23", "r-audited": "2026-11-30"}
    for rid in interval:
        lake.write_json(f"{budget}/{rid}.json", {"recipient": "uni", "extract": "ex", "release_id": rid,
                                                 "period": "2026-11", "epsilon": 0.5, "delta": 0.0})
        lake.write_json(lake.path(*odometer.DIR, f"{rid}.json"), {"release_id": rid, "recipient": "uni",
                                                                  "extract": "ex", "interval": ["2026-11-20", "2026-11-21"]})
        registry.record(lake, extract="ex", interval_start=interval[rid], release_id=rid, kind="original",
                        correction_of=None, snapshot={}, path="/somewhere/else/published/uni/ex/" + rid)
    lake.replace_dir(lake.path("published", "uni", "ex", "r-visible"), {"_manifest.json": {"release_id": "r-visible"}})
    lake.audit("releases", "ex-r-audited", {"release_id": "r-audited", "status": "published"})
    hidden = lake.path("published", "uni", "ex", ".r-orphan.tmp-0badf00d")
    lake.write_json(f"{hidden}/_manifest.json", {"release_id": "r-orphan"})

    summary = recover(lake)

    assert not lake.exists(hidden)
    assert sorted(p.rsplit("/", 1)[1] for p in lake.list_files(budget)) == ["r-audited.json", "r-visible.json"]
    assert sorted(e["release_id"] for e in odometer.entries(lake)) == ["r-audited", "r-visible"]
    assert registry.entries(lake, "ex", "2026-11-16") == []  # the orphan's interval can be released again
    assert [e["release_id"] for e in registry.entries(lake, "ex", "2026-11-23")] == ["r-visible"]
    assert [e["release_id"] for e in registry.entries(lake, "ex", "2026-11-30")] == ["r-audited"]
    refunds = [a for a in summary["actions"] if a["action"] == "refunded"]
    assert {a["release_id"] for a in refunds} == {"r-orphan"} and len(refunds) == 3
    [audit] = lake.audit_records("recovery")
    assert {a["action"] for a in audit["actions"]} >= {"deleted", "refunded"}
