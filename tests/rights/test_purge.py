"""Purge: the user's rows leave every zone; everyone else's rows stay identical."""

from __future__ import annotations

import pyarrow.parquet as pq

from transforms.rights.purge import Matcher, purge_users, read_purge_logs

from .lakes import DATES, build_lake


def snapshot(lake, zones=("raw", "quarantine", "clean")) -> dict[str, list[dict]]:
    out = {}
    for zone in zones:
        for path in lake.walk_files(lake.path(zone)):
            if path.endswith(".parquet"):
                out[path[len(lake.base) + 1 :]] = pq.read_table(path).to_pylist()
    return out


def landing_lines(lake) -> dict[str, list[bytes]]:
    return {
        p[len(lake.base) + 1 :]: lake.read_bytes(p).splitlines(keepends=True)
        for p in lake.walk_files(lake.path("landing"))
    }


def grep_lake(lake, needle: str, zones=("landing", "raw", "quarantine", "clean")) -> list[str]:
    hits = []
    for zone in zones:
        for path in lake.walk_files(lake.path(zone)):
            data = lake.read_bytes(path)
            if path.endswith(".parquet"):
                data = str(pq.read_table(path).to_pylist()).encode()
            if needle.encode() in data:
                hits.append(path)
    return hits


def test_matcher_whole_tokens(pz):
    m = Matcher(["u1"], pz)
    assert m.owner_of_text('{"user_id": "u1", "x": 1}') == "u1"
    assert m.owner_of_text('{"user_id": "u12", "text": "u1"}') is None  # another user's row
    assert m.owner_of_text('{"user_id": "u1", broken') == "u1"
    assert m.owner_of_text('{"user_id": "u12", broken') is None
    assert m.owner_of_text(f"pid={pz.one('user', 'u1')}") == "u1"
    assert m.owner_of_text("") is None


def test_purge_removes_user_everywhere_and_keeps_others(lake, pz):
    users = ["u1", "u12", "u2"]
    build_lake(lake, users, pz)
    before = snapshot(lake)
    before_landing = landing_lines(lake)
    result = purge_users(lake, {"u1"}, reason="test", pseudonymizer=pz)

    assert grep_lake(lake, '"u1"') == []
    assert grep_lake(lake, "'u1'") == []
    assert grep_lake(lake, pz.one("user", "u1")) == []
    after = snapshot(lake)
    for path, rows in before.items():
        kept = [r for r in rows if r.get("user_id") != "u1" and r.get("user_pid") != pz.one("user", "u1")
                and '"u1"' not in (r.get("record") or "")]
        assert after[path] == kept, path
    for path, lines in before_landing.items():
        assert landing_lines(lake)[path] == [ln for ln in lines if b'"u1"' not in ln]
    totals = result.totals()
    assert totals == {"clean": 4, "landing": 8, "quarantine": 2, "raw": 6}
    assert sorted({r.partition for r in result.removed if r.zone == "clean"}) == [
        f"clean/chat_messages/dt={d}" for d in DATES
    ]
    # ingestion's sidecar stays reconciled: landing lines = raw rows + quarantined, fingerprint current
    from transforms.ingest.landing_to_raw import landing_fingerprint, pending_ingest_dates

    side = lake.read_json(lake.path("raw/chat_messages/dt=2026-11-20/_ingest.json"))
    assert (side["raw_rows"], side["quarantined"], side["lines"]) == (4, 2, 6)
    assert side["landing_fingerprint"] == landing_fingerprint(lake, "chat_messages", "2026-11-20")[0]
    n_landing = len(lake.read_bytes(lake.path("landing/chat_messages/dt=2026-11-20/part-a.jsonl")).splitlines())
    assert n_landing == side["lines"]
    assert pending_ingest_dates(lake, "chat_messages") == []  # the purge is not a new delivery
    # other metadata files are carried over unchanged
    assert lake.read_json(lake.path("clean/chat_messages/dt=2026-11-20/_clean.json")) == {"rows": 6}
    assert len(read_purge_logs(lake, ["u1"])) == len(result.removed)


def test_purge_is_idempotent(lake, pz):
    build_lake(lake, ["u1", "u2"], pz)
    purge_users(lake, {"u1"}, reason="test", pseudonymizer=pz)
    before = snapshot(lake)
    before_landing = landing_lines(lake)
    mtimes = {p: lake.fs.get_file_info(p).mtime for p in lake.walk_files(lake.path())}
    again = purge_users(lake, {"u1"}, reason="test", pseudonymizer=pz)
    assert again.removed == [] and again.log is None
    assert snapshot(lake) == before and landing_lines(lake) == before_landing
    assert {p: lake.fs.get_file_info(p).mtime for p in lake.walk_files(lake.path())} == mtimes


def test_purge_clean_only(lake, pz):
    build_lake(lake, ["kid", "u2"], pz)
    result = purge_users(lake, {"kid"}, reason="minor", zones=("clean",), pseudonymizer=pz)
    assert {r.zone for r in result.removed} == {"clean"}
    assert grep_lake(lake, pz.one("user", "kid"), zones=("clean",)) == []
    assert grep_lake(lake, '"kid"', zones=("raw",)) or grep_lake(lake, "'kid'", zones=("raw",))


def test_nobody_to_purge(lake, pz):
    build_lake(lake, ["u2"], pz)
    assert purge_users(lake, set(), reason="x", pseudonymizer=pz).removed == []


def test_streaming_batches_chunks_and_untouched_part_files(lake, pz, monkeypatch):
    import pyarrow as pa

    import transforms.rights.purge as purge_mod
    from transforms.schemas import RAW_ACCOUNT_EVENTS

    from .conftest import ev, write_landing

    monkeypatch.setattr(purge_mod, "_BATCH_ROWS", 3)
    monkeypatch.setattr("transforms.lake.LINE_CHUNK", 7)  # lines straddle chunk boundaries
    rows = [ev(f"u{i % 4}", "registered", birth_year=1990 + i) for i in range(20)]
    other = [ev("x9", "registered", birth_year=1980)]
    part = lake.partition("raw", "account_events", "2026-11-01")
    lake.replace_dir(
        part,
        {
            "part-0.parquet": pa.Table.from_pylist(rows, schema=RAW_ACCOUNT_EVENTS),
            "part-postgres.parquet": pa.Table.from_pylist(other, schema=RAW_ACCOUNT_EVENTS),
            "_ingest-postgres.json": {"rows": 1},
        },
    )
    untouched = lake.read_bytes(f"{part}/part-postgres.parquet")
    lines = [{"user_id": f"u{i % 4}", "text": "长" * (i * 3)} for i in range(10)]
    path = write_landing(lake, "account_events", "2026-11-01", "a.jsonl", lines)
    result = purge_users(lake, {"u1"}, reason="t", pseudonymizer=pz)
    got = pq.read_table(f"{part}/part-0.parquet").to_pylist()
    assert [r["birth_year"] for r in got] == [r["birth_year"] for r in rows if r["user_id"] != "u1"]
    assert lake.read_bytes(f"{part}/part-postgres.parquet") == untouched
    assert lake.read_json(f"{part}/_ingest-postgres.json") == {"rows": 1}
    kept = lake.read_bytes(path).decode().splitlines()
    assert len(kept) == 7 and all('"u1"' not in k for k in kept)
    assert result.totals() == {"landing": 3, "raw": 5}


def test_scan_cache_skips_unchanged_and_catches_changes(lake, pz, monkeypatch):
    import transforms.rights.purge as purge_mod

    from .conftest import write_raw
    from .lakes import chat

    build_lake(lake, ["u1", "u2"], pz)
    purge_users(lake, {"u1"}, reason="rights_request", pseudonymizer=pz)
    purge_users(lake, {"kid"}, reason="unconsented_minor", zones=("clean",), pseudonymizer=pz)
    calls: list[str] = []
    real = purge_mod._purge_parquet_partition

    def spy(lk, directory, matcher, *args):
        calls.append(directory)
        return real(lk, directory, matcher, *args)

    monkeypatch.setattr(purge_mod, "_purge_parquet_partition", spy)
    again = purge_users(lake, {"u1"}, reason="rights_request", pseudonymizer=pz)
    assert again.removed == [] and calls == []  # everything unchanged since it was checked
    # a re-delivery brings u1 back into one raw partition: only that one is rescanned and purged
    write_raw(lake, "chat_messages", "2026-11-21", [chat("u1", 0, "2026-11-21"), chat("u2", 9, "2026-11-21")])
    late = purge_users(lake, {"u1"}, reason="rights_request", pseudonymizer=pz)
    assert [r.partition for r in late.removed] == ["raw/chat_messages/dt=2026-11-21"]
    assert len(calls) == 1
    # a new user set (another deletion) scans everything again
    calls.clear()
    purge_users(lake, {"u1", "u9"}, reason="rights_request", pseudonymizer=pz)
    assert len(calls) > 1
    calls.clear()
    purge_users(lake, {"u1", "u9"}, reason="rights_request", pseudonymizer=pz, use_cache=False)
    assert len(calls) > 1
