"""Which intervals of an extract are complete, what they were computed from, and their release id.

An interval is a day or an ISO week (Monday to Monday, UTC dates of the clean partitions' `dt`).
A day is complete once its partition of the view's primary table exists (a partition is written
after its day is over). A week is complete once all seven days are there, or a later partition
exists, or the week is over by the wall clock (`as_of`) — so a sample of a few days still closes
its week. The release id is a digest of (extract, interval, inputs fingerprint, config version):
the same inputs under the same rules give the same id, so a rerun finds it and does nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from transforms.lake import Lake
from transforms.publish.catalog import VIEWS
from transforms.publish.config import Extract


@dataclass(frozen=True, order=True)
class Interval:
    start: date
    end: date
    granularity: str

    @property
    def label(self) -> str:
        if self.granularity == "day":
            return f"{self.start}"
        iso = self.start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"

    def as_dict(self) -> dict[str, str]:
        return {"start": str(self.start), "end": str(self.end), "granularity": self.granularity,
                "label": self.label}

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days)]


def interval_of(day: date, granularity: str) -> Interval:
    if granularity == "day":
        return Interval(day, day + timedelta(days=1), "day")
    monday = day - timedelta(days=day.weekday())
    return Interval(monday, monday + timedelta(days=7), "week")


def complete_intervals(lake: Lake, extract: Extract, as_of: datetime) -> list[Interval]:
    primary = VIEWS[extract.view].sources[0]
    dates = lake.list_dates("clean", primary)
    if not dates:
        return []
    present = set(dates)
    out = []
    for iv in sorted({interval_of(d, extract.interval) for d in dates}):
        if iv.granularity == "day" or set(iv.days()) <= present or max(dates) >= iv.end \
                or iv.end <= as_of.date():
            out.append(iv)
    return out


def source_partitions(lake: Lake, extract: Extract, interval: Interval) -> list[str]:
    """Lake-relative partition paths the release reads, e.g. clean/telemetry_events/dt=2026-11-20."""
    out = []
    for table in VIEWS[extract.view].sources:
        have = set(lake.list_dates("clean", table))
        out += [f"clean/{table}/dt={d}" for d in interval.days() if d in have]
    return out


def inputs_fingerprint(lake: Lake, partitions: list[str]) -> str:
    """Digest of each partition's `_clean.json` (its raw fingerprint, policy and key versions), or
    of its part files' names and sizes when there is none."""
    h = hashlib.sha256()
    for rel in partitions:
        directory = lake.path(rel)
        marker = f"{directory}/_clean.json"
        h.update(rel.encode())
        if lake.exists(marker):
            h.update(lake.read_bytes(marker))
        else:
            for f in lake.list_files(directory, ".parquet"):
                h.update(f.rsplit("/", 1)[1].encode())
                h.update(str(lake.fs.get_file_info(f).size).encode())
    return h.hexdigest()


def release_id(extract: Extract, interval: Interval, fingerprint: str, config_version: str) -> str:
    digest = hashlib.sha256(json.dumps(
        [extract.id, interval.as_dict(), fingerprint, config_version]).encode()).hexdigest()
    return f"{interval.label}-{digest[:12]}"
