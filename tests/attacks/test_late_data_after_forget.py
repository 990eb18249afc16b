"""Late data for a released interval after a forget: the purge removed one user's rows from a day
(rewriting it in place) and the same number of rows then arrived late for that day. De-identification
re-runs the day and its `_clean.json` says `raw_rows` = rows now in raw: the purge's loss and the
late rows cancel, and growth of `raw_rows` sees nothing: the late rows were neither reported nor
corrected, a silent drop. Fixed: ingestion carries `purged_raw_rows` across a re-delivery
(tests/pipeline/test_ingest.py), de-identification writes `delivered_rows` (raw + purged, never lowered
by a purge) into `_clean.json` (tests/pipeline/test_clean.py), and the registry snapshot grows on it.
The markers below are written as those two steps write them.
"""

from __future__ import annotations

import json
import random

import pyarrow.parquet as pq

from tests.publish.conftest import AS_OF, DAYS, pid, telemetry_rows, write_partition
from transforms.publish import list_releases, plan_releases, publish, registry
from transforms.schemas import CLEAN_TELEMETRY_EVENTS

EXTRACT = "ml_feature_usage_weekly"


def test_late_rows_hidden_by_an_equal_purge_are_still_reported(lake):
    day = DAYS[2]
    rel = f"clean/telemetry_events/dt={day}"
    marker = lake.local_dir("clean", "telemetry_events", f"dt={day}", "_clean.json")
    part = lake.local_dir("clean", "telemetry_events", f"dt={day}")
    rows = pq.read_table(part).to_pylist()
    marker.write_text(json.dumps({"raw_rows": len(rows), "delivered_rows": len(rows), "run_token": "a"}))
    plan = next(p for p in plan_releases(lake, as_of=AS_OF) if p["extract"] == EXTRACT)
    assert publish(lake, **plan, as_of=AS_OF)["status"] == "published"
    kept = [r for r in rows if r["user_pid"] != pid("u", 7)]  # the purge (the marker is left as it was)
    late = [r for r in telemetry_rows(day, 80, random.Random(2)) if int(r["user_pid"][1:5]) >= 60]
    late = [{**r, "event_pid": r["event_pid"] + "L"} for r in late][: len(rows) - len(kept)]
    write_partition(lake, "telemetry_events", day, kept + late, CLEAN_TELEMETRY_EVENTS)
    marker.write_text(json.dumps({"raw_rows": len(kept) + len(late),  # re-de-identified
                                  "delivered_rows": len(rows) + len(late), "run_token": "b"}))
    plan_releases(lake, as_of=AS_OF)
    reports = [r for r in list_releases(lake) if r["status"] == "late_data"]
    entry = registry.entries(lake, EXTRACT, plan["interval_start"])[0]
    assert registry.late_rows(entry["snapshot"], registry.partition_snapshot(lake, [rel])) or reports, \
        f"{len(late)} late row(s) for {day} went unreported"
