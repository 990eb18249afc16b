"""
### AIMate retention: delete partitions past their retention period

Daily. Every landing, raw and quarantine partition (and clean, if configured) whose delivery date is
older than its zone's retention (`config/rights.yaml`) is deleted; each deletion writes an audit
record (`_system/audit/retention/`: partition, retention, cutoff, files, rows, policy version).
Account events are kept in raw as the evidence of consent and rights requests (a deleted user's events
are purged by `aimate_rights`). Logic: `transforms/rights/retention.py`.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import CronTriggerTimetable, dag, task

from transforms.alerts.notifiers import on_failure


@dag(
    dag_id="aimate_retention",
    schedule=CronTriggerTimetable("30 3 * * *", timezone="UTC"),
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"owner": "privacy-office", "retries": 1, "retry_delay": pendulum.duration(minutes=5),
                  "on_failure_callback": on_failure()},
    tags=["aimate", "retention", "privacy", "restricted-zone"],
    doc_md=__doc__,
)
def aimate_retention():
    @task
    def find_expired(logical_date=None) -> dict:
        """Which partitions are past retention on this run's date (nothing deleted yet)."""
        from transforms.rights.pipeline import run_retention
        from transforms.settings import lake_root

        return run_retention(lake_root(), logical_date, dry_run=True)

    @task
    def delete_expired(plan: dict) -> dict:
        """Delete exactly the planned partitions' expiry set as of the same date, auditing each."""
        import datetime as dt

        from transforms.rights.pipeline import run_retention
        from transforms.settings import lake_root

        return run_retention(lake_root(), dt.datetime.fromisoformat(plan["as_of"]))

    delete_expired(find_expired())


aimate_retention()
