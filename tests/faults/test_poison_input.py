"""Hostile deliveries end as quarantine rows (or reported skips) and never stop the chain."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pyarrow.parquet as pq
import pytest

from anonymizers.pseudonym import Pseudonymizer
from tests.rights.lakes import account, build_lake
from transforms.ingest import ingest_partition, pending_ingest_dates
from transforms.lake import Lake
from transforms.recovery import recover
from transforms.rights.completion import read_completion
from transforms.rights.pipeline import run_rights
from transforms.rights.releases import published_manifests

DT = "2026-11-20"


def chat(mid: str, **over) -> dict:
    rec = {"message_id": mid, "conversation_id": "c1", "user_id": "u1", "character_id": "ch", "role": "user",
           "content_type": "text", "text": "你好", "created_at": "2026-11-20T10:00:00Z", "app_version": "1"}
    return {**rec, **over}


def line(rec: dict) -> bytes:
    return json.dumps(rec, ensure_ascii=False).encode()


def deliver(lake: Lake, name: str, body: bytes, dt: str = DT) -> None:
    lake.write_bytes(lake.path("landing", "chat_messages", f"dt={dt}", name), body)


POISON = {
    "depth bomb": b'{"message_id": "m-deep", "x": ' + b"[" * 10_000 + b"]" * 10_000 + b"}",
    "huge integer": b'{"message_id": "m-int", "n": ' + b"9" * 5000 + b"}",
    "year 10000 in UTC": line(chat("m-late", created_at="9999-12-31T23:59:59-05:00")),
    "year 1": line(chat("m-early", created_at="0001-01-01T00:00:00+01:00")),
    "invalid UTF-8": line(chat("m-utf8", text="ok")).replace(b"ok", b"o\xff\xfek"),
    "duplicate key": b'{"message_id": "m-dup", "user_id": "u1", "user_id": "u2", "text": "x"}',
    "NaN": line(chat("m-nan")).replace(b'"1"}', b'NaN}'),
}


def test_each_poison_record_is_quarantined_with_its_reason(lake):
    body = b"\xef\xbb\xbf" + line(chat("m-bom")) + b"\n" + b"\n".join(POISON.values()) + b"\n" + line(chat("m-ok")) + b"\n"
    deliver(lake, "part-0.jsonl", body)

    s = ingest_partition(lake, "chat_messages", DT)  # before: RecursionError / ValueError / OverflowError

    raw = lake.read_partition("raw", "chat_messages", DT)
    assert sorted(raw.column("message_id").to_pylist()) == ["m-bom", "m-ok"]  # a BOM does not cost a record
    q = lake.read_partition("quarantine", "chat_messages", DT).to_pylist()
    assert (s.lines, s.raw_rows, s.quarantined) == (2 + len(POISON), 2, len(POISON))
    reasons = {r["line_no"]: r["reason"] for r in q}
    assert "nested deeper" in reasons[2] and "digits" in reasons[3]
    assert "out of range" in reasons[4] and "out of range" in reasons[5]
    assert reasons[6].startswith("invalid UTF-8") and "\\xff" in q[4]["record"]  # no U+FFFD, bytes kept visible
    assert "duplicate JSON key: 'user_id'" in reasons[7] and "NaN" in reasons[8]
    assert all("\ufffd" not in (r["record"] or "") for r in q)


def test_files_that_are_not_jsonl_deliveries_are_quarantined_and_counted(lake):
    deliver(lake, "part-0.jsonl", line(chat("m1")) + b"\n")
    deliver(lake, "PART-1.JSONL", line(chat("m2")) + b"\n")
    deliver(lake, "extra.json", line(chat("m3")))
    deliver(lake, "export.csv", b"message_id,text\nm4,hi\n")

    s = ingest_partition(lake, "chat_messages", DT)

    assert (s.lines, s.raw_rows, s.quarantined, s.files_quarantined) == (4, 1, 3, 3)
    q = lake.read_partition("quarantine", "chat_messages", DT).to_pylist()
    assert sorted(r["source_file"].rsplit("/", 1)[1] for r in q) == ["PART-1.JSONL", "export.csv", "extra.json"]
    assert all(r["reason"].startswith("not a JSONL delivery") for r in q)
    assert pending_ingest_dates(lake, "chat_messages") == []
    deliver(lake, "late.csv", b"x\n")  # a new file of any kind is a changed delivery
    assert pending_ingest_dates(lake, "chat_messages") != []


def test_same_message_redelivered_on_a_later_date_is_a_duplicate(lake):
    deliver(lake, "a.jsonl", line(chat("m1")) + b"\n", dt="2026-11-20")
    deliver(lake, "a.jsonl", line(chat("m1")) + b"\n" + line(chat("m2")) + b"\n", dt="2026-11-21")
    ingest_partition(lake, "chat_messages", "2026-11-20")
    s = ingest_partition(lake, "chat_messages", "2026-11-21")
    assert (s.raw_rows, s.quarantined) == (1, 1)
    assert s.reasons == {"duplicate message_id": 1}
    ingest_partition(lake, "chat_messages", "2026-11-20")  # a rerun of the first date keeps its own row
    assert lake.read_partition("raw", "chat_messages", "2026-11-20").num_rows == 1


def test_corrupt_raw_file_with_intact_landing_is_reingested(lake):
    deliver(lake, "a.jsonl", b"".join(line(chat(f"m{i}")) + b"\n" for i in range(50)))
    ingest_partition(lake, "chat_messages", DT)
    raw_file = lake.path("raw", "chat_messages", f"dt={DT}", "part-0.parquet")
    data = bytearray(lake.read_bytes(raw_file))
    data[len(data) // 2] ^= 0xFF  # one flipped byte in a data page: same size, same mtime resolution
    with open(raw_file, "r+b") as fh:
        fh.write(bytes(data))

    assert pending_ingest_dates(lake, "chat_messages") == [datetime(2026, 11, 20).date()]
    ingest_partition(lake, "chat_messages", DT)
    assert pq.read_table(raw_file).num_rows == 50
    assert pending_ingest_dates(lake, "chat_messages") == []


def test_unparseable_partition_names_are_reported_and_skipped(lake):
    deliver(lake, "a.jsonl", line(chat("m1")) + b"\n")
    deliver(lake, "a.jsonl", line(chat("m2")) + b"\n", dt="2026-13-45")
    assert pending_ingest_dates(lake, "chat_messages") == [datetime(2026, 11, 20).date()]  # before: ValueError
    summary = recover(lake)
    assert summary["unparseable_partitions"] == ["landing/chat_messages/dt=2026-13-45"]
    assert lake.audit_records("recovery")[0]["unparseable_partitions"] == summary["unparseable_partitions"]


def test_a_corrupt_manifest_does_not_stop_completion_records(lake):
    pz = Pseudonymizer("internal")
    build_lake(lake, ["u1", "u2"], pz, {"2026-11-21": [account("u1", "deletion_requested", "2026-11-21",
                                                                request_id="del-1")]})
    bad = lake.path("published", "partner_a", "usage", "rel-002", "_manifest.json")
    lake.write_bytes(bad, b'{"release_id": "rel-002", "source_partitions": [')
    assert [m["release_id"] for m in published_manifests(lake)] == ["rel-001"]
    run_rights(lake.root, datetime(2026, 11, 25, tzinfo=UTC))
    assert read_completion(lake, "del-1")["releases"][0]["release_id"] == "rel-001"


def test_a_file_that_cannot_be_rewritten_does_not_block_other_deletions(lake, monkeypatch):
    """A landing file the purge cannot replace (read-only, storage fault) leaves that user's request
    open and says so; every other user's deletion, and the same user's other zones, complete."""
    pz = Pseudonymizer("internal")
    build_lake(lake, ["u1", "u2", "u3"], pz, {"2026-11-21": [
        account("u1", "deletion_requested", "2026-11-21", request_id="del-1"),
        account("u2", "deletion_requested", "2026-11-21", request_id="del-2")]})
    stuck = lake.path("landing", "chat_messages", "dt=2026-11-20", "extra.jsonl")
    lake.write_bytes(stuck, line(chat("m-x", user_id="u1")) + b"\n")
    from transforms.lake import Lake as LakeClass
    from transforms.rights.pipeline import PurgeIncomplete

    real_rename = LakeClass._rename

    def read_only(self, src, dst):
        if dst == stuck:
            raise PermissionError(13, "Permission denied", dst)
        return real_rename(self, src, dst)

    monkeypatch.setattr(LakeClass, "_rename", read_only)
    with pytest.raises(PurgeIncomplete, match="del-1"):
        run_rights(lake.root, datetime(2026, 11, 25, tzinfo=UTC))
    monkeypatch.undo()

    assert read_completion(lake, "del-2") is not None  # an unrelated failure blocked nothing
    assert read_completion(lake, "del-1") is None  # the request whose rows remain stays open
    assert '"u1"' in lake.read_bytes(stuck).decode()
    assert pz.one("user", "u1") not in str(lake.read_partition("clean", "chat_messages", "2026-11-20").to_pylist())
    [audit] = [a for a in lake.audit_records("rights") if a.get("failed_partitions")]
    assert audit["incomplete_request_ids"] == ["del-1"]
    run_rights(lake.root, datetime(2026, 11, 25, tzinfo=UTC))  # once the file can be written: completed
    assert '"u1"' not in lake.read_bytes(stuck).decode()
    # exact: per date 2 messages + 1 malformed line + 1 consent event, the deletion event, the stuck line
    assert read_completion(lake, "del-1")["purged_totals"]["landing"] == 2 * 4 + 1 + 1


def test_poison_in_the_delivery_does_not_hold_back_a_deletion(lake):
    pz = Pseudonymizer("internal")
    build_lake(lake, ["u1", "u2"], pz, {"2026-11-21": [account("u1", "deletion_requested", "2026-11-21",
                                                                request_id="del-1")]})
    deliver(lake, "poison.jsonl", b"\n".join(POISON.values()) + b"\n", dt="2026-11-22")
    assert ingest_partition(lake, "chat_messages", "2026-11-22").quarantined == len(POISON)
    run_rights(lake.root, datetime(2026, 11, 25, tzinfo=UTC))
    assert read_completion(lake, "del-1") is not None
    left = lake.read_partition("quarantine", "chat_messages", "2026-11-22").column("record").to_pylist()
    assert left and not any('"user_id": "u1"}' in r or '"u1",' in r for r in left)  # u1's poison purged too
