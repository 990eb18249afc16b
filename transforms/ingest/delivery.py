"""Has a delivery date been delivered yet? The ingest DAG asks before it writes anything.

A daily ingest run owns one delivery date. When no source delivered anything for it — no file in
any landing partition of that date and no database row in its interval — the date is "not delivered
yet": the run writes no partition (an empty raw partition would make the interval look complete and
be published as an empty release) and updates no Asset. A source that delivered nothing is left out
of the run; the sources that did deliver are ingested as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

import pyarrow.fs as pafs

from transforms.lake import Lake

FILE_SOURCES = ("chat_messages", "telemetry_events", "account_events")

RowCounter = Callable[[str, datetime, datetime], int]


@dataclass(frozen=True)
class Delivery:
    """What arrived for one delivery date: landing files per source, database rows per source."""

    dt: str
    files: dict[str, int] = field(default_factory=dict)
    database_rows: dict[str, int] = field(default_factory=dict)
    database: str = "not configured"

    @property
    def file_sources(self) -> list[str]:
        """Sources with at least one landing file for the date (what the file ingest runs over)."""
        return [s for s, n in self.files.items() if n]

    @property
    def delivered(self) -> bool:
        return bool(self.file_sources) or any(self.database_rows.values())

    def describe(self) -> str:
        files = ", ".join(f"{s} {n}" for s, n in self.files.items())
        rows = ", ".join(f"{s} {n}" for s, n in self.database_rows.items()) or self.database
        state = "delivered" if self.delivered else "not delivered yet"
        return f"dt={self.dt} {state}: landing files [{files}]; database rows [{rows}]"

    @property
    def database_sources(self) -> list[str]:
        """Sources with database rows in the interval (what the database pull runs over)."""
        return [s for s, n in self.database_rows.items() if n]

    def work(self) -> list[dict]:
        """One ingest work item per source that delivered anything: its files, then its database rows
        (in that order, in one task: one writer per partition at a time)."""
        return [{"source": s, "dt": self.dt, "files": bool(self.files.get(s)), "database": bool(self.database_rows.get(s))}
                for s in dict.fromkeys([*self.files, *self.database_rows])
                if self.files.get(s) or self.database_rows.get(s)]

    def to_dict(self) -> dict:
        return {**asdict(self), "file_sources": self.file_sources, "database_sources": self.database_sources,
                "delivered": self.delivered, "summary": self.describe()}


def landing_file_count(lake: Lake, source: str, dt: date | str) -> int:
    """Regular files in `landing/<source>/dt=<dt>/` whatever their suffix (ingest decides what a
    file it cannot read becomes; it still counts as delivered). Hidden and underscore files do not."""
    directory = lake.partition("landing", source, dt)
    infos = lake.fs.get_file_info(pafs.FileSelector(directory, allow_not_found=True))
    return sum(1 for i in infos if i.type == pafs.FileType.File and not i.base_name.startswith((".", "_")))


def check_delivery(lake: Lake, dt: date | str, *, sources: Sequence[str] = FILE_SOURCES,
                   database_sources: Sequence[str] = (), count_rows: RowCounter | None = None,
                   interval: tuple[datetime, datetime] | None = None, database: str = "not configured"
                   ) -> Delivery:
    """Landing files of every source for `dt`, and database rows of the interval when a database
    source is configured (`count_rows(source, start, end)`)."""
    files = {s: landing_file_count(lake, s, dt) for s in sources}
    rows: dict[str, int] = {}
    if count_rows is not None and interval is not None:
        rows = {s: count_rows(s, *interval) for s in database_sources}
    return Delivery(dt=str(dt), files=files, database_rows=rows, database=database)


def delivery_for_interval(lake: Lake, start: datetime, end: datetime) -> Delivery:
    """The ingest DAG's check: landing files of the interval's first day, and — only when the app
    database's Connection is configured — its rows with `ingested_at` in [start, end). Without a
    Connection this costs one lookup (no database client is loaded)."""
    from transforms.ingest.database_to_raw import DATABASE_SOURCES, count_interval_rows, database_source_uri

    uri = database_source_uri()
    if uri is None:
        return check_delivery(lake, start.date())
    return check_delivery(lake, start.date(), database_sources=DATABASE_SOURCES, interval=(start, end),
                          count_rows=lambda source, lo, hi: count_interval_rows(uri, source, lo, hi),
                          database="configured")


def ingest_source(lake: Lake, item: dict, start: datetime, end: datetime) -> list[dict]:
    """Ingest one source's delivery for the interval: landing files into raw, then the database pull."""
    from transforms.ingest import ingest_partition
    from transforms.ingest.database_to_raw import pull_interval

    out = []
    if item["files"]:
        out.append(ingest_partition(lake, item["source"], item["dt"]).to_dict())
    if item["database"]:
        out.append(pull_interval(lake, item["source"], start, end))
    return out
