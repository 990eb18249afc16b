"""The rights and retention policies as steps, in the order the DAGs run them.

Each step takes the lake root and returns a small JSON-able summary (it travels as XCom). No raw
user id ever appears in a summary or an audit record: those hold counts, partitions and request ids;
raw ids stay in the restricted `rights/` zone (ledger, purge logs, completion records).
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from typing import Any

from transforms.lake import Lake, utcnow
from transforms.rights.completion import complete_requests
from transforms.rights.config import load_config
from transforms.rights.ledger import build_ledger, overdue, read_ledger
from transforms.rights.population import unconsented_minor_ids
from transforms.rights.purge import PURGE_ZONES, purge_users
from transforms.rights.retention import apply_retention

log = logging.getLogger(__name__)

OVERDUE_REPORT = ("rights", "reports", "overdue.json")


class PurgeIncomplete(RuntimeError):
    """Some partitions could not be purged: the users' requests stay open (the rest completed)."""


def record_requests(lake_root: str) -> dict[str, Any]:
    """1. Ledger: every rights request in raw account events gets a durable ledger entry."""
    summary = build_ledger(Lake(lake_root))
    log.info("rights ledger: %s requests, %s open", summary["requests"], summary["open"])
    return summary


def purge_requested_users(lake_root: str) -> dict[str, Any]:
    """2. Deletion and cancellation: purge every such user from landing, raw, quarantine and clean.

    Every user ever asking is purged on every run, so rows that arrive late are removed too; a run
    with nothing to remove rewrites nothing. Returns the requests this run answered.
    """
    lake = Lake(lake_root)
    ledger = read_ledger(lake)
    users = ledger.purged_user_ids()
    result = purge_users(lake, users, reason="rights_request", zones=PURGE_ZONES)
    incomplete = result.incomplete_users(users)
    open_reqs = ledger.open_requests()
    purge_reqs = [r for r in open_reqs if r.kind in ("deletion", "cancellation")]
    summary = {
        "purge_request_ids": sorted(r.request_id for r in purge_reqs if r.user_id not in incomplete),
        "withdrawal_request_ids": sorted(r.request_id for r in open_reqs if r.kind == "withdrawal"),
        "incomplete_request_ids": sorted(r.request_id for r in purge_reqs if r.user_id in incomplete),
        "failed_partitions": [f["partition"] for f in result.failures],
        "users_checked": len(users),
        "removed_rows": result.totals(),
        "partitions_rewritten": result.partitions_rewritten,
        "purge_log": result.log,
        "leftovers_resolved": len([a for a in result.recovered if a["action"] != "left"]),
    }
    if result.removed or result.failures or summary["leftovers_resolved"]:
        lake.audit("rights", "purge-requested", {**{k: v for k, v in summary.items() if k != "withdrawal_request_ids"},
                                                 "failures": result.to_dict()["failures"],
                                                 "leftovers": result.recovered})
    log.info("purged %s rows in %s partitions", sum(result.totals().values()), len(result.partitions_rewritten))
    return summary


def purge_unconsented_minors(lake_root: str, as_of: datetime | None = None) -> dict[str, Any]:
    """3. Children under 14 without verified parental consent: removed from the clean zone."""
    lake = Lake(lake_root)
    when = as_of or utcnow()
    minors = unconsented_minor_ids(lake, when)
    result = purge_users(lake, minors, reason="unconsented_minor", zones=("clean",))
    summary = {
        "as_of": when.isoformat(),
        "minors": len(minors),
        "removed_rows": result.totals(),
        "partitions_rewritten": result.partitions_rewritten,
        "purge_log": result.log,
    }
    if result.removed:
        lake.audit("rights", "purge-unconsented-minors", summary)
    return summary


def write_completions(lake_root: str, purge_summary: dict[str, Any]) -> dict[str, Any]:
    """4. Completion records for the requests answered by this run (ledger entry + JSON record)."""
    lake = Lake(lake_root)
    ids = [*purge_summary.get("purge_request_ids", []), *purge_summary.get("withdrawal_request_ids", [])]
    records = complete_requests(lake, ids, read_ledger(lake))
    for rec in records:
        lake.audit(
            "rights",
            f"completion-{rec['request_id']}",
            {
                "request_id": rec["request_id"],
                "kind": rec["kind"],
                "received_at": rec["received_at"],
                "completed_at": rec["completed_at"],
                "on_time": rec["on_time"],
                "purged_totals": rec["purged_totals"],
                "releases": [r["release_id"] for r in rec["releases"]],
                "policy_version": rec["policy_version"],
            },
        )
    failed = purge_summary.get("failed_partitions") or []
    if failed:  # the others are answered above; these stay open and the run says why
        raise PurgeIncomplete(
            f"{len(failed)} partition(s) could not be purged ({', '.join(failed[:5])}); requests "
            f"{', '.join(purge_summary.get('incomplete_request_ids', []))} stay open; see the rights audit")
    return {"completed": [r["request_id"] for r in records]}


def report_overdue(lake_root: str, as_of: datetime | None = None) -> dict[str, Any]:
    """5. Requests not completed within the response deadline (15 days), written for the officer."""
    lake = Lake(lake_root)
    cfg = load_config()
    when = as_of or utcnow()
    items = overdue(read_ledger(lake), when, cfg.response_deadline_days)
    report = {"as_of": when.isoformat(), "deadline_days": cfg.response_deadline_days, "overdue": items}
    path = lake.path(*OVERDUE_REPORT)
    previous = lake.read_json(path) if lake.exists(path) else None
    if previous is None or previous.get("overdue") != items:
        lake.write_json(path, report)
    if items:
        log.warning("%s rights requests not completed within %s days", len(items), cfg.response_deadline_days)
        lake.audit("rights", "overdue", {"count": len(items), "request_ids": [i["request_id"] for i in items]})
    return {"overdue": len(items), "report": "/".join(OVERDUE_REPORT)}


def run_rights(lake_root: str, as_of: datetime | None = None) -> dict[str, Any]:
    """The whole rights policy in one call (CLI and tests; the DAG runs the same steps as tasks)."""
    out: dict[str, Any] = {"ledger": record_requests(lake_root)}
    out["purge"] = purge_requested_users(lake_root)
    out["minors"] = purge_unconsented_minors(lake_root, as_of)
    try:
        out["completions"] = write_completions(lake_root, out["purge"])
    finally:
        out["overdue"] = report_overdue(lake_root, as_of)
    return out


def run_retention(lake_root: str, as_of: date | datetime | None = None, *, dry_run: bool = False) -> dict[str, Any]:
    """Retention: delete (and audit) every partition past its zone's retention."""
    lake = Lake(lake_root)
    when = as_of or datetime.now(UTC)
    deleted = apply_retention(lake, when, load_config(), dry_run=dry_run)
    return {
        "as_of": when.isoformat(),
        "deleted": [d["path"] for d in deleted],
        "dry_run": dry_run,
    }
