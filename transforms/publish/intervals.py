"""Which intervals of an extract are complete, what they were computed from, and their release id.

An interval is a day or an ISO week (Monday to Monday, UTC dates of the clean partitions' `dt`).
A day is complete once its partition of the view's primary table exists (a partition is written
after its day is over). A week is complete once all seven days are there, or a later partition
exists, or the week is over by the clock (`as_of`), or the feed has been idle for the policy's
`close_idle_days` (see `completeness`). The release id is a digest of (extract, interval, inputs fingerprint, config version):
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


def completeness(dates: list[date], interval: Interval, as_of: datetime, idle_days: int) -> str | None:
    """Why the interval counts as complete (recorded in the manifest), or None while it is open.

    all_days: every day's partition is there; later_data: a partition after the interval exists;
    ended: the interval is over by the clock; feed_idle: no new partition for `idle_days` days, so
    what arrived is published — days that arrive later make a new release (new partitions, new id).
    """
    if not dates or not any(interval.start <= d < interval.end for d in dates):
        return None
    if set(interval.days()) <= set(dates):
        return "all_days"
    if max(dates) >= interval.end:
        return "later_data"
    if interval.end <= as_of.date():
        return "ended"
    if (as_of.date() - max(dates)).days >= idle_days:
        return "feed_idle"
    return None


def complete_intervals(lake: Lake, extract: Extract, as_of: datetime, idle_days: int) -> list[tuple[Interval, str]]:
    """Complete intervals of the extract's primary table, oldest first, with why they are complete."""
    dates = lake.list_dates("clean", VIEWS[extract.view].sources[0])
    out = []
    for iv in sorted({interval_of(d, extract.interval) for d in dates}):
        why = completeness(dates, iv, as_of, idle_days)
        if why:
            out.append((iv, why))
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
