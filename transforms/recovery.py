"""Crash recovery: repair what a killed process left behind, before a run touches the lake.

The lake's atomic primitives (`Lake.staged_file`, `Lake.staged_dir`) leave hidden siblings only when
a process dies mid-write: `.<name>.tmp-*` (a staged copy that never became visible) and
`.<name>.old-*` (the previous directory, moved aside for a swap). The sweep resolves each one the
only safe way: an `.old-*` whose real folder exists is deleted (the swap completed), one whose real
folder is missing is restored (the swap never completed), a `.tmp-*` is removed. Purge evidence
written before a swap is settled first (committed or void, see `transforms.rights.purge`), then
budget charges whose release never became visible are refunded. Every action is audited
(`_system/audit/recovery/`); nothing is ever deleted here that the primitives did not create.
"""

from __future__ import annotations

import logging
import os
import stat
from datetime import UTC, datetime
from typing import Any

import pyarrow.fs as pafs

from transforms.lake import DIR_MODE, FILE_MODE, LEFTOVER, ZONES, Lake

log = logging.getLogger(__name__)

# Airflow's own home (its SQLite database and logs) and the lock files are not lake data.
NOT_SWEPT = (("_system", "airflow"), ("_system", "locks"))
RECOVERY_LOCK = "recovery"


def _age_s(info: pafs.FileInfo) -> float:
    if info.mtime is None:
        return float("inf")
    mtime = info.mtime if info.mtime.tzinfo else info.mtime.replace(tzinfo=UTC)
    return (datetime.now(UTC) - mtime).total_seconds()


def _delete(lake: Lake, info: pafs.FileInfo) -> None:
    if info.type == pafs.FileType.Directory:
        lake.delete_dir(info.path)
    else:
        lake.fs.delete_file(info.path)


def _rel(lake: Lake, path: str) -> str:
    return path[len(lake.base):].lstrip("/")


def sweep_leftovers(lake: Lake, directory: str, *, tmp_min_age_s: float = 0.0) -> list[dict[str, Any]]:
    """Resolve every `.tmp-*` / `.old-*` leftover under `directory` (recursively); returns the actions.

    `tmp_min_age_s` leaves younger staging copies alone: a caller that may run next to a live
    writer (a purge inside Airflow) must not delete another task's staging directory.
    """
    skipped = {lake.path(*p) for p in NOT_SWEPT}
    actions: list[dict[str, Any]] = []
    stack = [directory]
    while stack:
        current = stack.pop()
        if current in skipped:
            continue
        infos = lake.fs.get_file_info(pafs.FileSelector(current, allow_not_found=True))
        names = {i.base_name for i in infos}
        # newest first: if two moved-aside copies of one folder exist, the newest is restored
        for info in sorted(infos, key=lambda i: (i.mtime_ns or 0), reverse=True):
            m = LEFTOVER.match(info.base_name)
            if m is None:
                if info.type == pafs.FileType.Directory:
                    stack.append(info.path)
                continue
            real = f"{current}/{m['name']}"
            if m["kind"] == "old" and m["name"] not in names:
                lake.fs.move(info.path, real)
                names.add(m["name"])
                stack.append(real)
                actions.append({"action": "restored", "path": _rel(lake, real), "from": _rel(lake, info.path),
                                "why": "the swap never completed: the previous version is put back"})
            elif m["kind"] == "old":
                _delete(lake, info)
                actions.append({"action": "deleted", "path": _rel(lake, info.path),
                                "why": "moved-aside copy of a folder whose swap completed"})
            elif _age_s(info) >= tmp_min_age_s:
                _delete(lake, info)
                actions.append({"action": "deleted", "path": _rel(lake, info.path),
                                "why": "staged copy of a write that never completed"})
            else:
                actions.append({"action": "left", "path": _rel(lake, info.path),
                                "why": f"staged copy younger than {tmp_min_age_s:.0f} s (may be in use)"})
    return actions


def _clear_deid_staging(lake: Lake) -> list[dict[str, Any]]:
    """De-identification shards stage under `clean/_staging/` until their partition commits; at run
    start nothing is running, so whatever is there was left by a killed run (and may hold rows of a
    user deleted since)."""
    from transforms.clean.partitions import staging_root

    root = staging_root(lake)
    if not lake.exists(root):
        return []
    lake.delete_dir(root)
    return [{"action": "deleted", "path": _rel(lake, root), "why": "de-identification shards of a run that never committed"}]


def refund_orphaned_charges(lake: Lake) -> list[dict[str, Any]]:
    """Refund what a publisher recorded for a release that never became visible.

    A publisher charges the recipient budget and the per-user odometer and registers the interval,
    then renames its release into place; killed in between, those records protect nothing that was
    disclosed (and the registry entry would block the interval for ever). A release id counts as
    published when its folder exists or a "published" audit record names it. Refunds go through the
    publishing modules' own refund functions, under their commit lock (a live publisher holds it from
    charge to rename), after checking again.
    """
    from transforms.publish import odometer, registry
    from transforms.publish.release import COMMIT_LOCK

    charges = _entries(lake, lake.path("_system", "budget"))
    odo = _entries(lake, lake.path(*odometer.DIR))
    reg = _entries(lake, lake.path(*registry.REGISTRY))
    if not (charges or odo or reg):
        return []
    published = {r.get("release_id") for r in lake.audit_records("releases") if r.get("status") == "published"}
    actions: list[dict[str, Any]] = []

    def visible(entry: dict[str, Any]) -> bool:
        """Published, by audit or by a folder `published/<any recipient>/<extract>/<release id>`
        (not by a recorded absolute path alone: a moved lake must never lose a release's charge)."""
        rid, extract = str(entry.get("release_id")), str(entry.get("extract"))
        if rid in published or (entry.get("path") and lake.exists(str(entry["path"]))):
            return True
        root = lake.path("published")
        recipients = lake.fs.get_file_info(pafs.FileSelector(root, allow_not_found=True))
        return any(lake.exists(f"{r.path}/{extract}/{rid}") for r in recipients if r.type == pafs.FileType.Directory)

    with lake.lock(COMMIT_LOCK):
        for path, entry in charges:
            if entry is not None and not visible(entry) and lake.exists(path):
                lake.fs.delete_file(path)  # budget.refund's unit: one file per release and data period
                actions.append(_refund_action(lake, path, entry, "recipient budget"))
        for path, entry in odo:
            if entry is not None and not visible(entry):
                odometer.refund(lake, entry["release_id"])
                actions.append(_refund_action(lake, path, entry, "per-user odometer"))
        for path, entry in reg:
            if entry is not None and {"extract", "interval_start"} <= entry.keys() and not visible(entry):
                registry.forget(lake, entry["extract"], entry["interval_start"], entry["release_id"])
                actions.append(_refund_action(lake, path, entry, "released-interval registry"))
    actions += [{"action": "reported", "path": _rel(lake, p), "why": "unreadable publishing record"}
                for p, e in charges + odo + reg if e is None]
    return actions


def _entries(lake: Lake, root: str) -> list[tuple[str, dict[str, Any] | None]]:
    out: list[tuple[str, dict[str, Any] | None]] = []
    for path in sorted(p for p in lake.walk_files(root) if p.endswith(".json") and "/." not in p):
        try:
            doc = lake.read_json(path)
            out.append((path, doc if isinstance(doc, dict) and doc.get("release_id") else None))
        except (OSError, ValueError):
            out.append((path, None))
    return out


def _refund_action(lake: Lake, path: str, entry: dict[str, Any], what: str) -> dict[str, Any]:
    return {"action": "refunded", "path": _rel(lake, path), "release_id": entry.get("release_id"),
            "recipient": entry.get("recipient"), "epsilon": entry.get("epsilon"), "delta": entry.get("delta"),
            "why": f"{what} entry of a release that never became visible (no folder, no published audit)"}


def tighten_permissions(lake: Lake) -> int:
    """Folders 0700 and files 0600 everywhere in a local lake (older lakes were 0755/0644)."""
    if not lake.is_local:
        return 0
    changed = 0
    for dirpath, dirnames, filenames in os.walk(lake.base):
        for name, mode in [(dirpath, DIR_MODE)] + [(os.path.join(dirpath, f), FILE_MODE) for f in filenames]:
            try:
                st = os.lstat(name)
            except FileNotFoundError:
                continue
            if stat.S_ISLNK(st.st_mode) or not st.st_mode & 0o077:
                continue
            os.chmod(name, stat.S_IMODE(st.st_mode) & mode)
            changed += 1
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
    return changed


def unparseable_partitions(lake: Lake) -> list[str]:
    """`dt=` folders without a real date, in every zone (reported; every reader skips them)."""
    out = []
    for zone in ZONES:
        root = lake.path(zone)
        if not lake.exists(root):
            continue
        for table in lake.fs.get_file_info(pafs.FileSelector(root)):
            if table.type == pafs.FileType.Directory:
                out += [_rel(lake, p) for p in lake.unparseable_partitions(zone, table.base_name)]
    return out


def recover(lake: Lake) -> dict[str, Any]:
    """The run-start sweep, under the lake's rewrite lock: purge evidence settled, leftovers resolved
    in every zone (published included), orphaned charges refunded, permissions tightened, key store
    checked against the keys the lake's data was made with (raises `KeyStoreMismatch`)."""
    from transforms.keys_in_use import check_keys
    from transforms.rights.purge import PARTITION_REWRITE_LOCK, settle_purge_journal

    check_keys(lake)
    with lake.lock(RECOVERY_LOCK), lake.lock(PARTITION_REWRITE_LOCK):
        actions = settle_purge_journal(lake)
        actions += _clear_deid_staging(lake)
        for zone in ZONES:
            if lake.exists(lake.path(zone)):
                actions += sweep_leftovers(lake, lake.path(zone))
        actions += refund_orphaned_charges(lake)
        modes = tighten_permissions(lake)
        bad = unparseable_partitions(lake)
    summary = {"actions": actions, "permissions_tightened": modes, "unparseable_partitions": bad}
    for a in actions:
        log.warning("recovery: %s %s (%s)", a["action"], a["path"], a["why"])
    for p in bad:
        log.warning("recovery: skipping %s: not a dt=YYYY-MM-DD partition", p)
    if actions or bad or modes:
        lake.audit("recovery", "sweep", summary)
    return summary
