"""What a run left in the lake, for the operator: every row accounted for, and the releases.

Row counts come from the sidecars the stages write when they commit a partition (`_ingest*.json`,
`_clean.json`), so the table reconciles exactly what the pipeline checked:
delivered = raw + quarantined at ingest (+ purged by rights later); raw = clean + rejected at
de-identification + excluded by rights.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from transforms import schemas
from transforms.ingest.landing_to_raw import ORIGIN_FILES
from transforms.lake import Lake

INGEST_SIDECARS = tuple(sidecar for _raw, sidecar in ORIGIN_FILES.values())  # one per origin, as ingestion names them


@dataclass
class TableCounts:
    table: str
    delivered: int = 0
    quarantined: int = 0
    purged: int = 0
    raw: int = 0
    excluded_by_rights: int = 0
    rejected_at_deid: int = 0
    clean: int = 0
    raw_not_deidentified: int = 0

    @property
    def ingest_ok(self) -> bool:
        return self.delivered == self.raw + self.quarantined

    @property
    def deid_ok(self) -> bool:
        return self.raw == self.clean + self.rejected_at_deid + self.excluded_by_rights + self.raw_not_deidentified

    def as_dict(self) -> dict:
        return {**asdict(self), "reconciled": self.ingest_ok and self.deid_ok}


@dataclass
class LakeSummary:
    tables: dict[str, TableCounts] = field(default_factory=dict)
    releases: list[dict] = field(default_factory=list)

    @property
    def raw_rows(self) -> dict[str, int]:
        return {t: c.raw for t, c in self.tables.items()}

    def as_dict(self) -> dict:
        return {"tables": {t: c.as_dict() for t, c in self.tables.items()}, "releases": self.releases}


def _table_counts(lake: Lake, table: str) -> TableCounts:
    c = TableCounts(table)
    for dt in lake.list_dates("raw", table):
        part = lake.partition("raw", table, dt)
        raw_here = 0
        for name in INGEST_SIDECARS:
            if lake.exists(f"{part}/{name}"):
                s = lake.read_json(f"{part}/{name}")
                c.delivered += int(s.get("lines", 0))
                c.quarantined += int(s.get("quarantined", 0))
                c.purged += int(s.get("purged_raw_rows", 0)) + int(s.get("purged_quarantined", 0))
                raw_here += int(s.get("raw_rows", 0))
        c.raw += raw_here
        sidecar = f"{lake.partition('clean', table, dt)}/_clean.json"
        if lake.exists(sidecar):
            s = lake.read_json(sidecar)
            c.clean += int(s.get("clean_rows", 0))
            c.rejected_at_deid += int(s.get("rejected", 0))
            c.excluded_by_rights += int(s.get("excluded_by_rights", 0))
            c.raw_not_deidentified += raw_here - int(s.get("raw_rows", 0))
        else:
            c.raw_not_deidentified += raw_here
    return c


def release_dirs(lake: Lake) -> list[str]:
    """Visible release folders (a staged `.tmp-*`/`.old-*` folder is not a release)."""
    root = lake.path("published")
    return sorted(p.rsplit("/", 1)[0] for p in lake.walk_files(root)
                  if p.endswith("/_manifest.json") and "/." not in p[len(root):])


def summarise_lake(lake: Lake) -> LakeSummary:
    from transforms.publish.manifest import read

    s = LakeSummary(tables={t: _table_counts(lake, t) for t in schemas.SOURCES})
    # The operator may see internals; recipients do not: suppressed-cell counts come from the audit.
    internal = {r.get("release_id"): r.get("suppression") or {} for r in lake.audit_records("releases")
                if r.get("status") == "published"}
    for directory in release_dirs(lake):
        try:
            m = read(lake, f"{directory}/_manifest.json")  # the recipient manifest
        except Exception as exc:  # noqa: BLE001 - one unreadable manifest must not hide the others
            raw = lake.read_json(f"{directory}/_manifest.json")
            s.releases.append({"dir": directory, **{k: raw.get(k) for k in (
                "release_id", "recipient", "extract", "interval", "rows", "epsilon_spent", "cross_border")},
                "suppressed_cells": None, "problem": f"manifest does not validate: {str(exc).splitlines()[0]}"})
            continue
        s.releases.append({"dir": directory, "release_id": m.release_id, "recipient": m.recipient,
                           "extract": m.extract, "interval": m.interval.label, "rows": m.rows,
                           "suppressed_cells": _suppressed(internal.get(m.release_id)),
                           "epsilon_spent": m.spend.epsilon, "cross_border": m.cross_border})
    return s


def _suppressed(suppression: dict | None) -> int | None:
    if not suppression:
        return None
    return int(suppression.get("primary_suppressed", 0)) + int(suppression.get("complementary_suppressed", 0))
