"""The purge journal: durable, exact evidence of what a rights purge removed.

Each rewritten partition (each landing file) gets an entry in `rights/purges/<run>/`, written
*before* its swap as `NNNNN.pending`, naming the staged copy, and committed (`NNNNN.json`) after
it. A pending entry whose staged copy still exists was never swapped in (void); one whose staged
copy is gone was (committed). `settle_purge_journal` decides which, at the start of every purge, of
retention and of the run-start recovery sweep, before any leftover is removed. Completion records
read only committed entries, so they are exact after a crash at any step.
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from transforms.lake import LEFTOVER, Lake, crash_point, utcnow

log = logging.getLogger(__name__)

PURGE_LOG_DIR = ("rights", "purges")


def _rel(lake: Lake, path: str) -> str:
    return path[len(lake.base) :].lstrip("/")


def _source_of(entry: dict[str, Any]) -> tuple[str, str] | None:
    from transforms.schemas import SOURCES

    if entry["zone"] in ("landing", "raw", "quarantine") and entry["table"] in SOURCES:
        return entry["table"], entry["dt"]
    return None


def _finalize(lake: Lake, entry: dict[str, Any]) -> None:
    """After a swap: ingestion's raw sidecar is recomputed from disk (idempotent), so landing lines =
    raw + quarantined stays true and the rewrite does not look like a new delivery."""
    src = _source_of(entry)
    if src is None:
        return
    from transforms.ingest.landing_to_raw import refresh_after_purge

    try:
        refresh_after_purge(lake, *src)
    except Exception as exc:  # noqa: BLE001 - the rows are gone; bookkeeping must not undo the answer
        log.warning("could not refresh the ingest sidecar of %s dt=%s after a purge: %s", *src, exc)


class PurgeJournal:
    """One run's evidence: `rights/purges/<run>/NNNNN.json`, one entry per rewritten partition/file."""

    def __init__(self, lake: Lake, reason: str, started_at: datetime, *, enabled: bool = True) -> None:
        self.lake, self.reason, self.enabled = lake, reason, enabled
        self.rel_dir = "/".join((*PURGE_LOG_DIR, f"{started_at:%Y%m%dT%H%M%S%fZ}-{uuid.uuid4().hex[:8]}"))
        self.entries = 0
        self.finalized: set[tuple[str, str]] = set()

    def pending(self, zone: str, table: str, dt: str, partition: str, counts: Counter[str], staging: str,
                *, file: str | None = None) -> tuple[str | None, dict[str, Any]]:
        """Write the entry for a rewrite staged at `staging`, before it is swapped in (the last step
        before the swap, so a pending entry with its staged copy gone means the swap happened)."""
        entry = {"reason": self.reason, "zone": zone, "table": table, "dt": dt, "partition": partition,
                 "file": file, "removed": [{"user_id": u, "rows": n} for u, n in sorted(counts.items())],
                 "staging": _rel(self.lake, staging), "written_at": utcnow().isoformat()}
        if not self.enabled:
            return None, entry
        self.entries += 1
        path = self.lake.path(self.rel_dir, f"{self.entries:05d}.pending")
        self.lake.write_json(path, entry)
        crash_point("purge.pending_written")
        return path, entry

    def commit(self, pending: tuple[str | None, dict[str, Any]]) -> None:
        """After the swap: finalize (sidecar) and turn the pending entry into a committed one."""
        path, entry = pending
        if path is None:
            _finalize(self.lake, entry)
        else:
            _commit(self.lake, path, entry)
        if (src := _source_of(entry)) is not None:
            self.finalized.add(src)


def _commit(lake: Lake, pending: str, entry: dict[str, Any], recovered: bool = False) -> None:
    _finalize(lake, entry)
    crash_point("purge.finalized")
    body = {**entry, "committed_at": utcnow().isoformat(), **({"settled_by_recovery": True} if recovered else {})}
    lake.write_json(pending[: -len(".pending")] + ".json", body)
    lake.fs.delete_file(pending)


def settle_purge_journal(lake: Lake) -> list[dict[str, Any]]:
    """Settle entries a crash left pending: committed when their staged copy is gone (it was swapped
    in), void when it still exists (it never was). Run before any leftover is swept."""
    root = lake.path(*PURGE_LOG_DIR)
    actions = []
    pending = sorted(p for p in lake.walk_files(root) if p.endswith(".pending")
                     and not LEFTOVER.match(p.rsplit("/", 1)[1]))
    for path in pending:
        rel = _rel(lake, path)
        final = path[: -len(".pending")] + ".json"
        try:
            entry = lake.read_json(path)
        except (OSError, ValueError):
            entry = None
        if lake.exists(final):
            lake.fs.delete_file(path)
            actions.append({"action": "deleted", "path": rel, "why": "purge entry already committed"})
        elif entry is None or lake.exists(lake.path(entry["staging"])):
            lake.fs.delete_file(path)
            actions.append({"action": "voided", "path": rel,
                            "why": "purge entry whose rewrite was never swapped in (the rows are still there)"})
        else:
            _commit(lake, path, entry, recovered=True)
            actions.append({"action": "committed", "path": rel,
                            "why": "purge entry whose rewrite was swapped in before a crash"})
    return actions


def read_purge_logs(lake: Lake, user_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Removed-row entries of every committed journal entry (and whole-run logs), each with
    `purged_at`; optionally for some users only."""
    wanted = set(user_ids) if user_ids is not None else None
    out = []
    root = lake.path(*PURGE_LOG_DIR)
    for path in sorted(p for p in lake.walk_files(root) if p.endswith(".json") and "/." not in p):
        try:
            doc = lake.read_json(path)
        except (OSError, ValueError) as exc:
            log.error("unreadable purge log %s: %s", path, exc)
            raise
        if "removed" in doc and "zone" in doc:  # a journal entry: one partition (or landing file)
            rows = [{**doc, **r} for r in doc["removed"]]
            when = doc.get("committed_at")
        else:  # a whole-run log
            rows, when = doc.get("removed", []), doc.get("finished_at")
        for r in rows:
            if wanted is None or r["user_id"] in wanted:
                out.append({k: r.get(k) for k in ("user_id", "zone", "table", "dt", "partition", "rows")}
                           | {"reason": doc.get("reason"), "purged_at": when, "log": _rel(lake, path)})
    return out
