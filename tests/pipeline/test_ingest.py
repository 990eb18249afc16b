"""Landing → raw + quarantine: reconciliation, idempotent reruns, change detection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.pipeline.test_validate import CHAT
from transforms.ingest import ingest_partition, pending_ingest_dates
from transforms.ingest.landing_to_raw import ROW_GROUP_ROWS
from transforms.lake import Lake

DT = "2026-11-20"


def _write_landing(root: Path, lines: list[str], name: str = "part-000.jsonl") -> None:
    d = root / "landing" / "chat_messages" / f"dt={DT}"
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def _records(n: int, prefix: str = "m") -> list[str]:
    return [json.dumps({**CHAT, "message_id": f"{prefix}{i}"}, ensure_ascii=False) for i in range(n)]


def test_every_line_lands_in_raw_or_quarantine_with_a_reason(tmp_path: Path) -> None:
    lines = _records(3) + ["{not json", json.dumps({**CHAT, "message_id": "m0"}), json.dumps({**CHAT, "role": 5})]
    _write_landing(tmp_path, lines)
    lake = Lake(str(tmp_path))
    summary = ingest_partition(lake, "chat_messages", DT)
    raw = lake.read_partition("raw", "chat_messages", DT)
    quarantine = lake.read_partition("quarantine", "chat_messages", DT)
    assert (summary.lines, summary.raw_rows, summary.quarantined) == (6, 3, 3)
    assert raw.num_rows + quarantine.num_rows == len(lines)
    reasons = quarantine.column("reason").to_pylist()
    assert any(r.startswith("invalid JSON") for r in reasons)
    assert any(r.startswith("duplicate message_id") for r in reasons)
    assert any("must be a string" in r for r in reasons)
    assert sorted(quarantine.column("line_no").to_pylist()) == [4, 5, 6]


def test_rerun_replaces_never_duplicates(tmp_path: Path) -> None:
    _write_landing(tmp_path, _records(5))
    lake = Lake(str(tmp_path))
    ingest_partition(lake, "chat_messages", DT)
    first = lake.read_partition("raw", "chat_messages", DT)
    ingest_partition(lake, "chat_messages", DT)
    again = lake.read_partition("raw", "chat_messages", DT)
    assert again.num_rows == 5 and again.equals(first)


def test_pending_dates_track_new_and_changed_deliveries(tmp_path: Path) -> None:
    lake = Lake(str(tmp_path))
    _write_landing(tmp_path, _records(2))
    assert [str(d) for d in pending_ingest_dates(lake, "chat_messages")] == [DT]
    ingest_partition(lake, "chat_messages", DT)
    assert pending_ingest_dates(lake, "chat_messages") == []
    _write_landing(tmp_path, _records(2, prefix="late"), name="part-001.jsonl")
    assert [str(d) for d in pending_ingest_dates(lake, "chat_messages")] == [DT]
    assert ingest_partition(lake, "chat_messages", DT).raw_rows == 4


def test_large_delivery_is_written_in_bounded_row_groups(tmp_path: Path) -> None:
    _write_landing(tmp_path, _records(ROW_GROUP_ROWS + 5))
    summary = ingest_partition(Lake(str(tmp_path)), "chat_messages", DT)
    assert summary.row_groups == 2 and summary.raw_rows == ROW_GROUP_ROWS + 5


def test_unknown_source_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown source"):
        ingest_partition(Lake(str(tmp_path)), "payments", DT)


def test_a_redelivery_after_a_purge_keeps_count_of_what_was_ever_delivered(tmp_path: Path) -> None:
    """A purge removes a user's records from landing and raw; a late file for the same day then
    re-ingests the day from landing. The purged count must survive that rewrite, or a release snapshot
    cannot tell the late rows from the purged ones (equal numbers cancel: tests/attacks)."""
    from anonymizers.pseudonym import Pseudonymizer
    from transforms.ingest.landing_to_raw import SIDECAR, delivered_rows
    from transforms.rights.purge import purge_users

    lines = [json.dumps({**CHAT, "message_id": f"m{i}", "user_id": "gone" if i < 2 else "stays"}) for i in range(5)]
    _write_landing(tmp_path, lines)
    lake = Lake(str(tmp_path))
    ingest_partition(lake, "chat_messages", DT)
    assert delivered_rows(lake, "chat_messages", DT) == 5
    purge_users(lake, {"gone"}, reason="deletion", pseudonymizer=Pseudonymizer("internal"))
    assert delivered_rows(lake, "chat_messages", DT) == 5  # a purge is not an un-delivery
    _write_landing(tmp_path, [json.dumps({**CHAT, "message_id": f"late{i}", "user_id": "stays"}) for i in range(2)],
                   name="part-001.jsonl")
    summary = ingest_partition(lake, "chat_messages", DT)
    side = lake.read_json(f"{lake.partition('raw', 'chat_messages', DT)}/{SIDECAR}")
    assert summary.raw_rows == 5 and side["purged_raw_rows"] == 2
    assert delivered_rows(lake, "chat_messages", DT) == 7
    assert side["lines"] == side["raw_rows"] + side["quarantined"]  # what landing holds still reconciles
