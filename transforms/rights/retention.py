"""Retention: partitions older than their zone's retention period are deleted, each deletion audited.

A partition is expired when its delivery date `dt` is strictly before `as_of - retention_days`
(a 180-day retention on 2026-11-29 keeps dt=2026-06-02 and deletes dt=2026-06-01). Landing and
quarantine always expire; tables listed in `retention_exempt_tables` are kept in raw and clean
(account events are the evidence of consent and rights requests). Hidden copies a crash left next to
a partition (`.dt=….old-*`, `.dt=….tmp-*`) expire with it: they hold the same rows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pyarrow.fs as pafs
import pyarrow.parquet as pq

from transforms.lake import LEFTOVER, Lake, parse_partition_name
from transforms.rights.config import RETENTION_ZONES, RightsConfig, load_config

EXEMPTABLE_ZONES = ("raw", "clean")


@dataclass(frozen=True)
class ExpiredPartition:
    zone: str
    table: str
    dt: date
    path: str  # lake-relative
    retention_days: int
    cutoff: date


def _tables(lake: Lake, zone: str) -> list[str]:
    root = lake.path(zone)
    if not lake.exists(root):
        return []
    return sorted(
        i.base_name
        for i in lake.fs.get_file_info(pafs.FileSelector(root))
        if i.type == pafs.FileType.Directory and not i.base_name.startswith((".", "_"))
    )


def expired_partitions(lake: Lake, as_of: date | datetime, config: RightsConfig | None = None) -> list[ExpiredPartition]:
    """Partitions retention would delete at `as_of` (nothing is deleted here)."""
    cfg = config or load_config()
    today = as_of.date() if isinstance(as_of, datetime) else as_of
    out = []
    for zone in RETENTION_ZONES:
        days = cfg.retention_days.for_zone(zone)
        if days is None:
            continue
        cutoff = today - timedelta(days=days)
        for table in _tables(lake, zone):
            if zone in EXEMPTABLE_ZONES and table in cfg.retention_exempt_tables:
                continue
            for dt, name in _dated_folders(lake, zone, table):
                if dt < cutoff:
                    out.append(ExpiredPartition(zone, table, dt, f"{zone}/{table}/{name}", days, cutoff))
    return out


def _dated_folders(lake: Lake, zone: str, table: str) -> list[tuple[date, str]]:
    """(date, folder name) of every partition folder of a table, hidden crash copies included."""
    out = []
    for info in lake.fs.get_file_info(pafs.FileSelector(lake.path(zone, table), allow_not_found=True)):
        if info.type != pafs.FileType.Directory:
            continue
        m = LEFTOVER.match(info.base_name)
        day = parse_partition_name(m["name"] if m else info.base_name)
        if day is not None:
            out.append((day, info.base_name))
    return sorted(out)


def _inventory(lake: Lake, directory: str) -> dict[str, Any]:
    files, size, rows = 0, 0, 0
    unreadable: list[str] = []
    for path in lake.walk_files(directory):
        info = lake.fs.get_file_info(path)
        files += 1
        size += info.size or 0
        if path.endswith(".parquet"):
            try:
                rows += pq.ParquetFile(path, filesystem=lake.fs).metadata.num_rows
            except (OSError, ValueError) as exc:  # a damaged file is deleted all the same
                unreadable.append(f"{path.rsplit('/', 1)[-1]}: {exc}")
    return {"files": files, "bytes": size, "parquet_rows": rows, "unreadable_files": unreadable}


def apply_retention(
    lake: Lake, as_of: date | datetime, config: RightsConfig | None = None, *, dry_run: bool = False
) -> list[dict[str, Any]]:
    """Delete every expired partition; one audit record (kind `retention`) per deletion."""
    from transforms.rights.purge import PARTITION_REWRITE_LOCK, settle_purge_journal

    cfg = config or load_config()
    if dry_run:
        return _apply(lake, as_of, cfg, dry_run)
    with lake.lock(PARTITION_REWRITE_LOCK):
        settle_purge_journal(lake)  # before a staged copy it names is deleted with its partition
        return _apply(lake, as_of, cfg, dry_run)


class RetentionIncomplete(RuntimeError):
    """Some expired partitions could not be deleted (every other one was)."""


def _apply(lake: Lake, as_of: date | datetime, cfg: RightsConfig, dry_run: bool) -> list[dict[str, Any]]:
    done, failed = [], []
    for p in expired_partitions(lake, as_of, cfg):
        directory = lake.path(p.path)
        record = {
            **asdict(p),
            "dt": p.dt.isoformat(),
            "cutoff": p.cutoff.isoformat(),
            "policy_version": cfg.version,
            **_inventory(lake, directory),
            "dry_run": dry_run,
        }
        if not dry_run:
            try:  # one undeletable partition must not keep the others past their retention
                lake.fs.delete_dir(directory)
            except OSError as exc:
                failed.append(f"{p.path}: {exc}")
                lake.audit("retention", f"failed-{p.zone}-{p.table}-dt={p.dt}", {**record, "error": str(exc)})
                continue
            lake.audit("retention", f"{p.zone}-{p.table}-dt={p.dt}", record)
        done.append(record)
    if failed:
        raise RetentionIncomplete(f"{len(failed)} expired partition(s) could not be deleted: {'; '.join(failed[:5])}")
    return done
