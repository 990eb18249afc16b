"""The rights ledger: every rights request (from the app's account events and from operators) and
its completion, append-only under `rights/ledger/*.jsonl`.

Why append-only files: the ledger is the evidence that a request was received and answered, and it
must outlive the raw rows it came from (those are purged or expire). One new file per append batch
means concurrent writers never rewrite each other's lines; readers deduplicate by request id (first
entry wins), so re-running the rights DAG adds nothing.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

import pyarrow as pa

from transforms.lake import Lake, utcnow
from transforms.rights.events import KIND_EVENTS, REQUEST_EVENTS, load_raw_account_events
from transforms.schemas import PURPOSES, RAW_ACCOUNT_EVENTS

LEDGER_DIR = ("rights", "ledger")
KINDS = ("deletion", "cancellation", "withdrawal")


@dataclass(frozen=True)
class Request:
    """A rights request as received."""

    request_id: str
    kind: str  # deletion | cancellation | withdrawal
    user_id: str
    purpose: str | None  # withdrawal: the purpose; None on a withdrawal means every purpose
    received_at: datetime
    source: str  # account_events | operator
    reason: str | None = None

    def to_entry(self) -> dict[str, Any]:
        d = asdict(self)
        d["received_at"] = self.received_at.isoformat()
        return {"entry": "request", **d}

    @classmethod
    def from_entry(cls, e: dict[str, Any]) -> Request:
        return cls(
            request_id=e["request_id"],
            kind=e["kind"],
            user_id=e["user_id"],
            purpose=e.get("purpose"),
            received_at=datetime.fromisoformat(e["received_at"]),
            source=e.get("source", "operator"),
            reason=e.get("reason"),
        )


@dataclass(frozen=True)
class Completion:
    """When a request was completed and where its completion record is."""

    request_id: str
    completed_at: datetime
    record: str  # lake-relative path of rights/completions/<request_id>.json

    def to_entry(self) -> dict[str, Any]:
        return {
            "entry": "completion",
            "request_id": self.request_id,
            "completed_at": self.completed_at.isoformat(),
            "record": self.record,
        }


@dataclass
class Ledger:
    """The deduplicated view of all ledger files."""

    requests: dict[str, Request]
    completions: dict[str, Completion]

    def open_requests(self) -> list[Request]:
        return [r for r in self.requests.values() if r.request_id not in self.completions]

    def purge_requests(self) -> list[Request]:
        return [r for r in self.requests.values() if r.kind in ("deletion", "cancellation")]

    def purged_user_ids(self) -> set[str]:
        """Users whose data must be gone: every deletion or cancellation ever received."""
        return {r.user_id for r in self.purge_requests()}

    def as_events(self) -> pa.Table:
        """Requests as account events, so population filters see them after raw rows are gone."""
        reqs = sorted(self.requests.values(), key=lambda r: (r.received_at, r.request_id))
        return pa.table(
            {
                "user_id": [r.user_id for r in reqs],
                "event": [KIND_EVENTS[r.kind] for r in reqs],
                "purpose": [r.purpose for r in reqs],
                "birth_year": pa.nulls(len(reqs), pa.int32()),
                "ts": [r.received_at for r in reqs],
                "request_id": [r.request_id for r in reqs],
            },
            schema=RAW_ACCOUNT_EVENTS,
        )


def _ledger_dir(lake: Lake) -> str:
    return lake.path(*LEDGER_DIR)


def read_entries(lake: Lake) -> list[dict[str, Any]]:
    """All ledger lines in file order (files are named by UTC time, so this is append order)."""
    out: list[dict[str, Any]] = []
    for path in lake.list_files(_ledger_dir(lake), ".jsonl"):
        for line in lake.read_bytes(path).decode("utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line))
    return out


def read_ledger(lake: Lake) -> Ledger:
    """Deduplicated ledger: first request entry per request id, first completion per request id."""
    requests: dict[str, Request] = {}
    completions: dict[str, Completion] = {}
    for e in read_entries(lake):
        rid = e.get("request_id")
        if not rid:
            continue
        if e.get("entry") == "request" and rid not in requests:
            requests[rid] = Request.from_entry(e)
        elif e.get("entry") == "completion" and rid not in completions:
            completions[rid] = Completion(rid, datetime.fromisoformat(e["completed_at"]), e["record"])
    return Ledger(requests, completions)


def append_entries(lake: Lake, entries: list[dict[str, Any]]) -> str | None:
    """Append entries not already in the ledger as one new file; returns its path (None: nothing new).

    The file is written under a hidden name and renamed, so a reader never sees half a batch.
    """
    existing = {(e.get("entry"), e.get("request_id")) for e in read_entries(lake)}
    fresh: list[dict[str, Any]] = []
    for e in entries:
        key = (e.get("entry"), e.get("request_id"))
        if key not in existing:
            existing.add(key)
            fresh.append(e)
    if not fresh:
        return None
    directory = _ledger_dir(lake)
    name = f"{utcnow():%Y%m%dT%H%M%S%fZ}-{uuid.uuid4().hex[:8]}.jsonl"
    body = "".join(json.dumps(e, sort_keys=True, ensure_ascii=False) + "\n" for e in fresh)
    lake.write_bytes(f"{directory}/{name}", body.encode("utf-8"))  # atomic: staged, then renamed
    return f"{directory}/{name}"


def event_request_id(user_id: str, event: str, purpose: str | None, ts: datetime) -> str:
    """Stable id for an app event that carried no request_id (so reruns deduplicate)."""
    digest = hashlib.sha256(f"{user_id}\x1f{event}\x1f{purpose or ''}\x1f{ts.isoformat()}".encode())
    return f"evt-{digest.hexdigest()[:20]}"


def requests_from_events(events: pa.Table) -> list[Request]:
    """Rights requests among account events (deletion_requested, account_cancelled, consent_withdrawn)."""
    out: list[Request] = []
    for row in events.to_pylist():
        kind = REQUEST_EVENTS.get(row["event"])
        if kind is None:
            continue
        rid = row.get("request_id") or event_request_id(row["user_id"], row["event"], row["purpose"], row["ts"])
        out.append(Request(rid, kind, row["user_id"], row.get("purpose"), row["ts"], "account_events"))
    return out


def build_ledger(lake: Lake) -> dict[str, Any]:
    """Record every rights request found in raw account events; idempotent."""
    reqs = requests_from_events(load_raw_account_events(lake))
    path = append_entries(lake, [r.to_entry() for r in reqs])
    ledger = read_ledger(lake)
    return {
        "appended_file": path.rsplit("/", 1)[-1] if path else None,
        "requests": len(ledger.requests),
        "open": len(ledger.open_requests()),
    }


def record_operator_request(
    lake: Lake,
    kind: str,
    user_id: str,
    *,
    request_id: str | None = None,
    purpose: str | None = None,
    reason: str | None = None,
    received_at: datetime | None = None,
) -> tuple[Request, bool]:
    """Record a request an operator received (support desk, email, regulator).

    Returns the request and whether it was new; a request id already in the ledger is not recorded
    twice (the first entry stands).
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    if not user_id:
        raise ValueError("user_id is required")
    if kind == "withdrawal" and purpose is not None and purpose not in PURPOSES:
        raise ValueError(f"purpose must be one of {PURPOSES}")
    received = received_at or utcnow()
    rid = request_id or f"op-{kind}-{received:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    existing = read_ledger(lake).requests.get(rid)
    if existing is not None:
        if existing.user_id != user_id or existing.kind != kind:
            raise ValueError(f"request id {rid!r} is already used by a different request")
        return existing, False
    req = Request(rid, kind, user_id, purpose if kind == "withdrawal" else None, received, "operator", reason)
    append_entries(lake, [req.to_entry()])
    return req, True


def mark_completed(lake: Lake, completions: list[Completion]) -> str | None:
    """Append completion entries (ignored for requests already completed)."""
    return append_entries(lake, [c.to_entry() for c in completions])


def overdue(ledger: Ledger, as_of: datetime, deadline_days: int) -> list[dict[str, Any]]:
    """Requests not completed within the response deadline: still open past it, or completed late."""
    limit = timedelta(days=deadline_days)
    out = []
    for r in sorted(ledger.requests.values(), key=lambda r: r.received_at):
        done = ledger.completions.get(r.request_id)
        due = r.received_at + limit
        if done is None and as_of > due:
            state = "open"
        elif done is not None and done.completed_at > due:
            state = "completed_late"
        else:
            continue
        out.append(
            {
                "request_id": r.request_id,
                "kind": r.kind,
                "source": r.source,
                "received_at": r.received_at.isoformat(),
                "due_at": due.isoformat(),
                "completed_at": done.completed_at.isoformat() if done else None,
                "state": state,
                "days_open": round(((done.completed_at if done else as_of) - r.received_at).total_seconds() / 86400, 1),
            }
        )
    return out
