"""Rights ledger: append-only, deduplicated by request id, overdue detection."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from transforms.rights.ledger import (
    Completion,
    Request,
    build_ledger,
    mark_completed,
    overdue,
    read_entries,
    read_ledger,
    record_operator_request,
)

from .conftest import ev, ts, write_raw_events


def test_ledger_from_events_is_idempotent(lake):
    write_raw_events(
        lake,
        "2026-11-01",
        [
            ev("a", "consent_granted", "research_sharing", when=ts(1)),
            ev("a", "consent_withdrawn", "research_sharing", when=ts(2)),
            ev("b", "deletion_requested", when=ts(3), request_id="app-9"),
            ev("c", "account_cancelled", when=ts(4)),
        ],
    )
    first = build_ledger(lake)
    assert first["requests"] == 3 and first["appended_file"]
    ledger = read_ledger(lake)
    assert {r.kind for r in ledger.requests.values()} == {"withdrawal", "deletion", "cancellation"}
    assert ledger.requests["app-9"].user_id == "b" and ledger.requests["app-9"].received_at == ts(3)
    assert ledger.purged_user_ids() == {"b", "c"}
    files = lake.list_files(lake.path("rights", "ledger"))
    again = build_ledger(lake)
    assert again["appended_file"] is None
    assert lake.list_files(lake.path("rights", "ledger")) == files
    # a new partition adds only the new request
    write_raw_events(lake, "2026-11-02", [ev("d", "deletion_requested", when=ts(5), request_id="app-10")])
    build_ledger(lake)
    assert len(read_ledger(lake).requests) == 4
    assert len(read_entries(lake)) == 4


def test_duplicate_request_ids_first_wins(lake):
    record_operator_request(lake, "deletion", "u1", request_id="T-1", received_at=ts(1))
    _, new = record_operator_request(lake, "deletion", "u1", request_id="T-1", received_at=ts(2))
    assert not new
    assert read_ledger(lake).requests["T-1"].received_at == ts(1)
    with pytest.raises(ValueError):
        record_operator_request(lake, "deletion", "someone-else", request_id="T-1")
    with pytest.raises(ValueError):
        record_operator_request(lake, "withdrawal", "u1", purpose="marketing")


def test_concurrent_batches_deduplicate_on_read(lake):
    # two writers that both missed each other's batch: the reader keeps one entry per request id
    req = Request("R", "deletion", "u", None, ts(1), "operator")
    for _ in range(2):
        path = lake.path("rights", "ledger", f"x-{_}.jsonl")
        lake.write_bytes(path, (json.dumps(req.to_entry()) + "\n").encode())
    assert len(read_entries(lake)) == 2
    assert list(read_ledger(lake).requests) == ["R"]


def test_completion_and_overdue(lake):
    record_operator_request(lake, "deletion", "u1", request_id="on-time", received_at=ts(1))
    record_operator_request(lake, "deletion", "u2", request_id="late", received_at=ts(1))
    record_operator_request(lake, "deletion", "u3", request_id="open", received_at=ts(1))
    record_operator_request(lake, "deletion", "u4", request_id="fresh", received_at=ts(20))
    mark_completed(lake, [Completion("on-time", ts(10), "x"), Completion("late", ts(17), "y")])
    mark_completed(lake, [Completion("on-time", ts(12), "z")])  # ignored: already completed
    ledger = read_ledger(lake)
    assert ledger.completions["on-time"].completed_at == ts(10)
    assert {r.request_id for r in ledger.open_requests()} == {"open", "fresh"}
    items = {o["request_id"]: o["state"] for o in overdue(ledger, ts(25), 15)}
    assert items == {"late": "completed_late", "open": "open"}
    # exactly at the deadline is still on time
    assert overdue(ledger, ts(1) + timedelta(days=15), 15) == [
        o for o in overdue(ledger, ts(1) + timedelta(days=15), 15) if o["state"] == "completed_late"
    ]
