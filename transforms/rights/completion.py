"""Completion records: the privacy officer's answer to a rights request.

One JSON document per request at `rights/completions/<request_id>.json`: what was done (zones,
partitions, row counts purged), which earlier aggregate releases the user's data contributed to and
why those stay published, request id, received and completed time, and whether the 15-day response
deadline was met. The ledger gets a completion entry pointing at it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from transforms.lake import Lake, utcnow
from transforms.rights.config import RightsConfig, load_config
from transforms.rights.ledger import Completion, Ledger, Request, mark_completed
from transforms.rights.purge import read_purge_logs
from transforms.rights.releases import published_manifests, releases_fed_by

COMPLETIONS_DIR = ("rights", "completions")

RELEASES_STAY = (
    "Published releases are aggregates only and hold no row of this user; each release listed says what "
    "protects it (`protection`: differential privacy with its epsilon, and the minimum group size k). "
    "They stay published; releases built after this completion no longer include the user."
)
WITHDRAWAL_EFFECT = (
    "Consent for purpose {purpose} withdrawn: the user is excluded from every release for that purpose "
    "built after {completed}. Data is kept for purposes the user still consents to; earlier aggregate "
    "releases stay (aggregates under k and epsilon identify no one)."
)
PURGE_EFFECT = (
    "The user's rows were removed from landing, raw, quarantine and clean; the user is excluded from "
    "every later release and from all processing. The rights ledger keeps the request and this record "
    "as evidence of the answer."
)


def _safe(request_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.=-]+", "_", request_id)[:150]


def completion_path(lake: Lake, request_id: str) -> str:
    return lake.path(*COMPLETIONS_DIR, f"{_safe(request_id)}.json")


def build_record(
    lake: Lake,
    request: Request,
    completed_at: datetime,
    config: RightsConfig,
    manifests: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The completion document for one request (not written)."""
    due = request.received_at + timedelta(days=config.response_deadline_days)
    record: dict[str, Any] = {
        "request_id": request.request_id,
        "kind": request.kind,
        "source": request.source,
        "reason": request.reason,
        "user_id": request.user_id,
        "purpose": request.purpose,
        "received_at": request.received_at.isoformat(),
        "completed_at": completed_at.isoformat(),
        "due_at": due.isoformat(),
        "on_time": completed_at <= due,
        "policy_version": config.version,
    }
    if request.kind == "withdrawal":
        record["action"] = "excluded_from_purpose"
        record["effect"] = WITHDRAWAL_EFFECT.format(purpose=request.purpose or "(all purposes)", completed=completed_at.isoformat())
        record["purged"], record["purged_totals"], record["releases"] = [], {}, []
        return record
    purged = sorted(
        (
            {k: r[k] for k in ("zone", "table", "dt", "partition", "rows", "purged_at", "reason")}
            for r in read_purge_logs(lake, [request.user_id])
        ),
        key=lambda r: (r["purged_at"] or "", r["zone"], r["partition"]),
    )
    totals: Counter[str] = Counter()
    first_purge: dict[str, datetime | None] = {}
    for r in purged:
        totals[r["zone"]] += r["rows"]
        when = datetime.fromisoformat(r["purged_at"]) if r["purged_at"] else None
        prev = first_purge.get(r["partition"])
        if r["partition"] not in first_purge or (when is not None and (prev is None or when < prev)):
            first_purge[r["partition"]] = when
    record["action"] = "purged"
    record["effect"] = PURGE_EFFECT if purged else PURGE_EFFECT + " No rows of this user were found."
    record["purged"] = purged
    record["purged_totals"] = dict(sorted(totals.items()))
    record["releases"] = releases_fed_by(lake, first_purge, manifests)
    record["releases_note"] = RELEASES_STAY
    return record


def complete_requests(
    lake: Lake,
    request_ids: list[str],
    ledger: Ledger,
    *,
    completed_at: datetime | None = None,
    config: RightsConfig | None = None,
) -> list[dict[str, Any]]:
    """Write completion records and ledger completion entries for requests not yet completed."""
    cfg = config or load_config()
    now = completed_at or utcnow()
    manifests = published_manifests(lake)
    done: list[dict[str, Any]] = []
    entries: list[Completion] = []
    for rid in request_ids:
        req = ledger.requests.get(rid)
        if req is None or rid in ledger.completions:
            continue
        record = build_record(lake, req, now, cfg, manifests)
        path = completion_path(lake, rid)
        lake.write_bytes(path, json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False).encode())
        rel = path[len(lake.base) :].lstrip("/")
        entries.append(Completion(rid, now, rel))
        done.append(record)
    mark_completed(lake, entries)
    return done


def read_completion(lake: Lake, request_id: str) -> dict[str, Any] | None:
    path = completion_path(lake, request_id)
    return lake.read_json(path) if lake.exists(path) else None
