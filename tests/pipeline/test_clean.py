"""Raw → clean: identifiers never survive, rows that cannot be de-identified are rejected (fail
closed), partitions reconcile and are only redone when something changed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pytest

from anonymizers.pseudonym import Pseudonymizer
from transforms import schemas
from transforms.clean import partitions
from transforms.clean.rows import clean_chat_messages, clean_telemetry_events
from transforms.ingest.landing_to_raw import ReconciliationError
from transforms.lake import Lake

DT = "2026-11-20"
TS = datetime(2026, 11, 20, 10, tzinfo=UTC)


def chat_rows(texts: list[str]) -> pa.Table:
    return pa.Table.from_pylist(
        [{"message_id": f"m{i}", "conversation_id": "c1", "user_id": "user-42", "character_id": "ch1",
          "role": "user", "content_type": "text", "text": t, "created_at": TS, "app_version": "3.2.1"}
         for i, t in enumerate(texts)],
        schema=schemas.RAW_CHAT_MESSAGES,
    )


def telemetry_rows() -> pa.Table:
    base = {name: None for name in schemas.RAW_TELEMETRY_EVENTS.names}
    return pa.Table.from_pylist(
        [
            {**base, "event_id": "e1", "event_type": "search", "user_id": "user-42", "ts": TS,
             "app_version": "3.2.1", "ip": "36.17.3.4", "device_imei": "490154203237518",
             "device_android_id": "9774d56d682e549c", "device_mac": "00:1A:2B:3C:4D:5E", "device_os": "Android",
             "device_os_version": "14.1", "payload_search_query": "call me at 13800138000"},
            {**base, "event_id": "e2", "event_type": "crash", "user_id": None, "ts": TS, "app_version": "3.2.1",
             "ip": "8.8.8.8", "device_idfv": "6D92078A-8246-4BA4-AE5B-76104861E7DC", "device_os": "iOS",
             "device_os_version": "17.2", "payload_startup_ms": 900},
        ],
        schema=schemas.RAW_TELEMETRY_EVENTS,
    )


class FailingOn:
    """Test double of the engine interface: errors on texts containing a marker."""

    policy_version = "test"

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def deidentify(self, texts):
        from anonymizers import DeidOutcome

        return [DeidOutcome(text=None, entities=(), error="analyzer crashed") if t and self.marker in t
                else DeidOutcome(text=t, entities=(), error=None) for t in texts]


@pytest.fixture(scope="module")
def engine():
    from anonymizers import Deidentifier

    return Deidentifier.for_purpose("research")


def test_chat_text_is_deidentified_and_ids_pseudonymised(engine) -> None:
    raw = chat_rows(["我的手机号是138 0013 8000，身份证110101199003074514", "晚安"])
    batch = clean_chat_messages(raw, engine, Pseudonymizer())
    rows = batch.table.to_pylist()
    assert batch.rejected == [] and len(rows) == 2
    assert "13800138000" not in rows[0]["text"].replace(" ", "") and "110101199003074514" not in rows[0]["text"]
    assert {"CN_MOBILE", "CN_RESIDENT_ID"} <= set(rows[0]["pii_types"])
    assert rows[1]["text"] == "晚安"
    assert "user-42" not in str(rows) and rows[0]["user_pid"] == rows[1]["user_pid"]


def test_telemetry_drops_device_identifiers_and_ip(engine) -> None:
    batch = clean_telemetry_events(telemetry_rows(), engine, Pseudonymizer())
    table = batch.table
    assert table.schema.equals(schemas.CLEAN_TELEMETRY_EVENTS)
    dump = str(table.to_pylist())
    for secret in ("490154203237518", "9774d56d682e549c", "00:1A:2B:3C:4D:5E", "36.17.3.4", "8.8.8.8",
                   "6D92078A-8246-4BA4-AE5B-76104861E7DC", "13800138000", "user-42"):
        assert secret not in dump
    rows = table.to_pylist()
    assert (rows[0]["province"], rows[0]["os_family"], rows[0]["os_major"]) == ("上海", "Android", "14")
    assert (rows[1]["country"], rows[1]["province"], rows[1]["user_pid"]) == ("US", None, None)
    assert rows[0]["device_pid"] and rows[1]["device_pid"] and rows[0]["device_pid"] != rows[1]["device_pid"]


def test_rows_the_engine_cannot_process_are_rejected_not_passed_through() -> None:
    raw = chat_rows(["fine", "BOOM 13800138000", "also fine"])
    batch = clean_chat_messages(raw, FailingOn("BOOM"), Pseudonymizer())
    assert batch.table.num_rows == 2 and "BOOM" not in str(batch.table.to_pylist())
    assert batch.rejected == [{"row_index": 1, "reason": "de-identification failed: analyzer crashed"}]


def _lake_with_raw(tmp_path: Path, texts: list[str]) -> Lake:
    lake = Lake(str(tmp_path))
    lake.replace_dir(lake.partition("raw", "chat_messages", DT), {"part-0.parquet": chat_rows(texts)})
    return lake


def test_partition_reconciles_and_rerun_does_nothing(tmp_path: Path, monkeypatch) -> None:
    lake = _lake_with_raw(tmp_path, ["hello", "BOOM", "你好"])
    monkeypatch.setattr(partitions, "_deidentifier", lambda: FailingOn("BOOM"))
    [record] = partitions.deidentify_all(lake)
    assert (record["raw_rows"], record["clean_rows"], record["rejected"]) == (3, 2, 1)
    assert record["delivered_rows"] == 3  # raw rows + rows purges removed (none here): what a snapshot grows on
    assert lake.read_partition("quarantine", "chat_messages_deid", DT).num_rows == 1
    assert partitions.plan_deidentification(lake) == []
    lake.replace_dir(lake.partition("raw", "chat_messages", DT), {"part-0.parquet": chat_rows(["new"])})
    assert len(partitions.plan_deidentification(lake)) == 1


def test_commit_refuses_missing_shards(tmp_path: Path, monkeypatch) -> None:
    lake = _lake_with_raw(tmp_path, ["a", "b"])
    monkeypatch.setattr(partitions, "_deidentifier", lambda: FailingOn("never"))
    [item] = partitions.plan_deidentification(lake)
    result = partitions.deidentify_shard(lake, **item)
    with pytest.raises(ReconciliationError):
        partitions.commit_partition(lake, [{**result, "n_shards": 2}])
    assert not lake.exists(lake.partition("clean", "chat_messages", DT))


def test_children_without_parental_consent_never_reach_clean(tmp_path: Path, monkeypatch) -> None:
    lake = _lake_with_raw(tmp_path, ["我是小学生", "hello"])
    registered = [{"user_id": "user-42", "event": "registered", "purpose": None, "birth_year": 2018, "ts": TS,
                   "request_id": None}]
    lake.replace_dir(lake.partition("raw", "account_events", DT),
                     {"part-0.parquet": pa.Table.from_pylist(registered, schema=schemas.RAW_ACCOUNT_EVENTS)})
    monkeypatch.setattr(partitions, "_deidentifier", lambda: FailingOn("never"))
    records = {r["table"]: r for r in partitions.deidentify_all(lake)}
    chat = records["chat_messages"]
    assert (chat["raw_rows"], chat["clean_rows"], chat["excluded_by_rights"]) == (2, 0, 2)
    assert lake.read_partition("clean", "chat_messages", DT).num_rows == 0


def test_commit_skips_output_made_stale_by_a_raw_rewrite(tmp_path: Path, monkeypatch) -> None:
    lake = _lake_with_raw(tmp_path, ["a", "b"])
    monkeypatch.setattr(partitions, "_deidentifier", lambda: FailingOn("never"))
    [item] = partitions.plan_deidentification(lake)
    result = partitions.deidentify_shard(lake, **item)
    lake.replace_dir(lake.partition("raw", "chat_messages", DT), {"part-0.parquet": chat_rows(["a"])})  # a purge
    outcome = partitions.commit_partition(lake, [result])
    assert outcome["skipped"] == "raw changed since planning"
    assert not lake.exists(lake.partition("clean", "chat_messages", DT))
    assert len(partitions.plan_deidentification(lake)) == 1  # the next run redoes it


LONE_IDENTIFIERS = ["1841489", "dustin50_8498", "  “austin37_3019” ", "1 8 4 1 4 8 9", "+8613912345678"]
NOT_LONE = ["2024", "hello", "v2.9.17", "找一下 dustin50_8498", "voice_call", "chr_laoshi_wang", "3.6.0", "你好"]


def test_a_free_text_value_that_is_one_identifier_token_is_redacted() -> None:
    """A search for `1841489` (a QQ number) or `dustin50_8498` (a WeChat id) has no cue for any
    recognizer; as a whole free-text value it can only be an account (the demo's clean zone held 4)."""
    batch = clean_chat_messages(chat_rows(LONE_IDENTIFIERS + NOT_LONE), FailingOn("never"), Pseudonymizer())
    rows = batch.table.to_pylist()
    assert [r["text"] for r in rows[: len(LONE_IDENTIFIERS)]] == ["<GENERIC_ID>"] * len(LONE_IDENTIFIERS)
    assert all("GENERIC_ID" in r["pii_types"] for r in rows[: len(LONE_IDENTIFIERS)])
    assert [r["text"] for r in rows[len(LONE_IDENTIFIERS):]] == NOT_LONE
