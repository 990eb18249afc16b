"""Append-only record of what was released per (extract, interval), and late data against it.

`_system/publish/released/<extract>/<interval start>/<release id>.json` is written under the publish
lock just before a release folder becomes visible. It holds the snapshot of every source partition
the release read (`raw_rows` from its `_clean.json`), so later runs can tell what arrived after the
release. An interval with an entry is never planned again: not after a config or policy change, not
after a deletion rewrote a partition. Rows that arrive later for it are *late data*: counted here,
reported once per state (audit + `aimate-share releases`), and either published as a marked DP
correction release (charged like any release) or, for an extract without DP, only reported.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from transforms.lake import Lake, utcnow

REGISTRY = ("_system", "publish", "released")
LATE = ("_system", "publish", "late")
FIRST_SEEN = ("_system", "publish", "extracts")


def _dir(lake: Lake, extract: str, interval_start: str) -> str:
    return lake.path(*REGISTRY, extract, interval_start)


def entries(lake: Lake, extract: str, interval_start: str) -> list[dict[str, Any]]:
    """Releases of one (extract, interval), oldest first."""
    docs = [lake.read_json(p) for p in lake.list_files(_dir(lake, extract, interval_start), ".json")]
    return sorted(docs, key=lambda d: d.get("published_at", ""))


def released_intervals(lake: Lake, extract: str) -> set[str]:
    """Interval starts of the extract that have at least one release."""
    root = lake.path(*REGISTRY, extract)
    if not lake.exists(root):
        return set()
    import pyarrow.fs as pafs

    return {i.base_name for i in lake.fs.get_file_info(pafs.FileSelector(root))
            if i.type == pafs.FileType.Directory and lake.list_files(i.path, ".json")}


def partition_snapshot(lake: Lake, partitions: list[str]) -> dict[str, dict[str, Any]]:
    """Per source partition: rows delivered so far and its run token, from its `_clean.json`.

    `delivered_rows` (raw rows plus rows purges removed) never goes down, so rows that arrive after a
    release are seen even when a purge removed as many meanwhile; `raw_rows` is kept for sidecars
    written before it existed."""
    out: dict[str, dict[str, Any]] = {}
    for rel in partitions:
        marker = lake.path(rel, "_clean.json")
        doc = lake.read_json(marker) if lake.exists(marker) else {}
        snap = {"raw_rows": int(doc.get("raw_rows") or 0), "run_token": doc.get("run_token")}
        if doc.get("delivered_rows") is not None:
            snap["delivered_rows"] = int(doc["delivered_rows"])
        out[rel] = snap
    return out


def record(lake: Lake, *, extract: str, interval_start: str, release_id: str, kind: str,
           correction_of: str | None, snapshot: dict[str, dict[str, Any]], path: str,
           interval_end: str | None = None, sources: tuple[str, ...] = (), protection: str = "k_only") -> str:
    """`protection` ("dp" or "k_only") and `sources` let a later k-only extract see that a source's
    interval was already released in exact counts (`exact_release_before`)."""
    target = f"{_dir(lake, extract, interval_start)}/{release_id}.json"
    lake.write_json(target, {"extract": extract, "interval_start": interval_start, "interval_end": interval_end,
                             "release_id": release_id, "kind": kind, "correction_of": correction_of,
                             "protection": protection, "sources": list(sources), "snapshot": snapshot,
                             "path": path, "published_at": utcnow().isoformat()})
    return target


def first_seen(lake: Lake, extract: str) -> str:
    """When the extract id was first planned (recorded then, never moved): the start of its history."""
    path = lake.path(*FIRST_SEEN, f"{extract}.json")
    if not lake.exists(path):
        lake.write_json(path, {"extract": extract, "first_seen": utcnow().isoformat()})
    return str(lake.read_json(path)["first_seen"])


def exact_release_before(lake: Lake, *, extract: str, sources: tuple[str, ...], start: str, end: str,
                         before: str) -> dict[str, Any] | None:
    """A release by another extract, made before `before`, that published exact (k-only) counts of one
    of `sources` over an interval overlapping [start, end). Entries from before this was recorded
    (no `protection`, no `sources`) count as exact releases of every source: fail closed."""
    root = lake.path(*REGISTRY)
    if not lake.exists(root):
        return None
    import pyarrow.fs as pafs

    for info in lake.fs.get_file_info(pafs.FileSelector(root, recursive=True)):
        if info.type != pafs.FileType.File or not info.path.endswith(".json"):
            continue
        doc = lake.read_json(info.path)
        if doc.get("extract") == extract or doc.get("protection") == "dp":
            continue
        if doc.get("sources") and not set(doc["sources"]) & set(sources):
            continue
        e_start, e_end = str(doc.get("interval_start", "")), str(doc.get("interval_end") or "9999-12-31")
        if e_start < end and e_end > start and str(doc.get("published_at", "")) < before:
            return doc
    return None


def forget(lake: Lake, extract: str, interval_start: str, release_id: str) -> None:
    """Remove an entry whose release folder never became visible (the swap failed)."""
    target = f"{_dir(lake, extract, interval_start)}/{release_id}.json"
    if lake.exists(target):
        lake.fs.delete_file(target)


def late_rows(then: dict[str, dict[str, Any]], now: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Rows delivered after a release, per partition: new partitions count whole, grown ones by the
    growth of `delivered_rows` (exact, whatever purges did), or of `raw_rows` for snapshots taken
    before it was recorded (a lower bound when a purge removed rows meanwhile)."""
    out = {}
    for rel, cur in now.items():
        before = then.get(rel)
        key = "delivered_rows" if "delivered_rows" in cur and (before is None or "delivered_rows" in before) \
            else "raw_rows"
        grown = cur[key] - (before[key] if before else 0)
        if grown > 0:
            out[rel] = grown
    return out


def report_late(lake: Lake, *, extract: str, recipient: str, interval_start: str, interval_label: str,
                against: str, late: dict[str, int], action: str) -> dict[str, Any] | None:
    """Record late data once per state; returns the report when it is new."""
    state = hashlib.sha256(json.dumps([against, late], sort_keys=True).encode()).hexdigest()[:16]
    path = lake.path(*LATE, extract, interval_start, f"{state}.json")
    if lake.exists(path):
        return None
    total = sum(late.values())
    doc = {"status": "late_data", "extract": extract, "recipient": recipient, "interval": interval_label,
           "interval_start": interval_start, "release_id": against, "late_rows": total,
           "late_partitions": late, "action": action,
           "reason": f"{total} row(s) arrived after release {against}: {action}"}
    lake.write_json(path, doc)
    lake.audit("releases", f"{extract}-{interval_start}-late-{state}", doc)
    return doc
