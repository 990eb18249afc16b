"""When an interval counts as complete, and what a release id depends on."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from transforms.publish.intervals import completeness, interval_of

WEEK = interval_of(date(2026, 11, 23), "week")  # Mon 23 .. Sun 29


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, tzinfo=UTC)


def test_week_bounds_and_label():
    assert (WEEK.start, WEEK.end, WEEK.label) == (date(2026, 11, 23), date(2026, 11, 30), "2026-W48")
    assert interval_of(date(2026, 11, 29), "week") == WEEK


def test_week_completeness_reasons():
    three = [date(2026, 11, 23) + timedelta(days=i) for i in range(3)]
    assert completeness(three, WEEK, _at(date(2026, 11, 26)), idle_days=2) is None  # feed still active
    assert completeness(three, WEEK, _at(date(2026, 11, 27)), idle_days=2) == "feed_idle"
    assert completeness(three, WEEK, _at(date(2026, 11, 30)), idle_days=9) == "ended"
    assert completeness([*three, date(2026, 12, 1)], WEEK, _at(date(2026, 12, 1)), 9) == "later_data"
    seven = [date(2026, 11, 23) + timedelta(days=i) for i in range(7)]
    assert completeness(seven, WEEK, _at(date(2026, 11, 29)), idle_days=9) == "all_days"
    assert completeness([date(2026, 12, 1)], WEEK, _at(date(2026, 12, 9)), 2) is None  # no data in it


def test_day_is_complete_once_its_partition_exists():
    day = interval_of(date(2026, 11, 23), "day")
    assert completeness([date(2026, 11, 23)], day, _at(date(2026, 11, 23)), idle_days=2) == "all_days"
