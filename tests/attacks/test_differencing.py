"""Differencing by re-release: a recipient keeps every drop, a user is deleted, the policy version
changes. On the old code every past interval was re-published under the new version, and old minus
new for one cell gave the deleted user's own sessions and crashes day by day. Now a released
interval is never recomputed: the config change applies to later intervals only.

Fails on the code before this change: `plan_releases` re-planned all three days after the version
change (the release id includes the config version) and `publish` wrote a second release per day.
"""

from __future__ import annotations

import pyarrow.parquet as pq
import yaml

from tests.publish.conftest import AS_OF, DAYS, write_partition
from transforms.publish import plan_releases, publish
from transforms.schemas import CLEAN_TELEMETRY_EVENTS

EXTRACT = "crash_performance_daily"


def _forget(lake, user_pid: str) -> None:
    """What a rights purge does to the clean zone: the user's rows are gone from every partition."""
    for d in DAYS:
        part = lake.local_dir("clean", "telemetry_events", f"dt={d}")
        rows = [r for r in pq.read_table(part).to_pylist() if r["user_pid"] != user_pid]
        write_partition(lake, "telemetry_events", d, rows, CLEAN_TELEMETRY_EVENTS)


def _change_policy(config_dir) -> None:
    path = config_dir / "extracts.yaml"
    data = yaml.safe_load(path.read_text())
    data["policy"]["version"] = "publish-policy-2026.12-1"
    if "effective_from" in data["policy"]:
        data["policy"]["effective_from"] = "2026-12-01"  # new rules apply from December on
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


def _releases_per_day(lake) -> dict[str, int]:
    root = lake.local_dir("published", "stats_partner", EXTRACT)
    out: dict[str, int] = {}
    for d in root.iterdir():
        if not d.name.startswith("."):
            out[d.name[:10]] = out.get(d.name[:10], 0) + 1
    return out


def test_config_change_plus_deletion_republishes_nothing(lake, config_dir, eligible):
    from tests.publish.conftest import pid, population

    for plan in [p for p in plan_releases(lake, as_of=AS_OF) if p["extract"] == EXTRACT]:
        assert publish(lake, **plan, as_of=AS_OF)["status"] == "published"
    victim = pid("u", 7)
    _forget(lake, victim)
    eligible.table = population(60, excluded={7})
    _change_policy(config_dir)
    again = [p for p in plan_releases(lake, as_of=AS_OF) if p["extract"] == EXTRACT]
    assert again == [], "a released interval was planned again"
    for d in DAYS:  # even asked directly, publishing a released interval does nothing
        rec = publish(lake, extract=EXTRACT, interval_start=str(d), as_of=AS_OF)
        assert rec["status"] == "exists"
    assert _releases_per_day(lake) == {str(d): 1 for d in DAYS}
