"""What a run left in the lake, for the operator: releases, rows, suppression, quarantine."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow.parquet as pq

from transforms import schemas
from transforms.lake import Lake


@dataclass
class LakeSummary:
    raw_rows: dict[str, int] = field(default_factory=dict)
    quarantined: dict[str, int] = field(default_factory=dict)
    clean_rows: dict[str, int] = field(default_factory=dict)
    releases: list[dict] = field(default_factory=list)


def _rows(lake: Lake, zone: str, table: str) -> int:
    total = 0
    for dt in lake.list_dates(zone, table):
        for f in lake.list_files(lake.partition(zone, table, dt), ".parquet"):
            total += pq.ParquetFile(f, filesystem=lake.fs).metadata.num_rows
    return total


def summarise_lake(lake: Lake) -> LakeSummary:
    s = LakeSummary()
    for table in schemas.SOURCES:
        s.raw_rows[table] = _rows(lake, "raw", table)
        s.clean_rows[table] = _rows(lake, "clean", table)
        s.quarantined[table] = _rows(lake, "quarantine", table)
        s.quarantined[f"{table} (de-identification)"] = _rows(lake, "quarantine", f"{table}_deid")
    published = lake.path("published")
    internal = {r.get("release_id"): r.get("suppression") or {} for r in lake.audit_records("releases")
                if r.get("status") == "published"}  # the operator may see internals; recipients do not
    for path in sorted(lake.walk_files(published)):
        if path.endswith("/_manifest.json"):
            from transforms.publish.manifest import read

            m = read(lake, path)  # the recipient manifest; suppressed-cell counts come from the audit
            s.releases.append({"dir": path.rsplit("/", 1)[0], "release_id": m.release_id, "recipient": m.recipient,
                               "extract": m.extract, "interval": m.interval.label, "rows": m.rows,
                               "suppressed_cells": _suppressed(internal.get(m.release_id)),
                               "epsilon_spent": m.spend.epsilon,
                               "cross_border": m.cross_border})
    return s


def _suppressed(suppression: dict | None) -> int | None:
    if not suppression:
        return None
    return int(suppression.get("primary_suppressed", 0)) + int(suppression.get("complementary_suppressed", 0))
