"""
### AIMate user rights: consent withdrawal, deletion, cancellation, children

The privacy policy's user-rights promises, in the order this DAG enforces them:

1. **Ledger** — every rights request in the account events (deletion, cancellation, consent
   withdrawal) and every operator request (`aimate-share forget` / `withdraw`) is recorded, append-only,
   in `rights/ledger/` with its request id and received time.
2. **Deletion and cancellation** — the user's rows are purged from landing, raw, quarantine and clean
   (each affected partition rewritten atomically; other users' rows unchanged).
3. **Children** — users under 14 without verified parental consent are purged from clean (publishing
   excludes them through the same population filter).
4. **Completion records** — `rights/completions/<request_id>.json`: what was purged, which earlier
   aggregate releases the user's data contributed to and why those stay, received and completed time.
   Withdrawals complete by exclusion from every later release of that purpose.
5. **Overdue report** — requests not completed within 15 days: `rights/reports/overdue.json`.

Runs whenever ingestion updates a raw Asset (so every delivery passes the rights step before it is
de-identified) and daily, so operator requests are answered even on days without new data. Its outlet,
the ledger Asset, schedules de-identification: ingest → rights → de-identify → publish, one after the
other. Purges and de-identification commits also share a lake lock, so they never rewrite a partition at
the same time. Idempotent: a rerun with nothing new changes nothing. Policy numbers:
`config/rights.yaml`. Logic: `transforms/rights/pipeline.py`.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import AssetOrTimeSchedule, CronTriggerTimetable, dag, task

from transforms.alerts.notifiers import RightsDeadlineNotifier, on_failure
from transforms.orchestration.assets import RAW, RIGHTS_LEDGER


@dag(
    dag_id="aimate_rights",
    schedule=AssetOrTimeSchedule(
        timetable=CronTriggerTimetable("0 3 * * *", timezone="UTC"),
        assets=(RAW["chat_messages"] | RAW["telemetry_events"] | RAW["account_events"]),
    ),
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"owner": "privacy-office", "retries": 1, "retry_delay": pendulum.duration(minutes=5),
                  "on_failure_callback": on_failure()},
    tags=["aimate", "rights", "privacy", "restricted-zone"],
    doc_md=__doc__,
)
def aimate_rights():
    @task
    def record_requests() -> dict:
        """Append every new rights request from raw account events to the ledger."""
        from transforms.rights.pipeline import record_requests as step
        from transforms.settings import lake_root

        return step(lake_root())

    @task
    def purge_requested_users(ledger: dict) -> dict:
        """Deletion and cancellation: remove the users' rows from landing, raw, quarantine, clean."""
        from transforms.rights.pipeline import purge_requested_users as step
        from transforms.settings import lake_root

        return step(lake_root())

    @task
    def purge_unconsented_minors(purged: dict) -> dict:
        """Children under 14 without verified parental consent: removed from clean."""
        from transforms.rights.pipeline import purge_unconsented_minors as step
        from transforms.settings import lake_root

        return step(lake_root())

    @task(outlets=[RIGHTS_LEDGER])
    def write_completion_records(purged: dict, minors: dict) -> dict:
        """One completion record per answered request; the ledger marks it completed."""
        from transforms.rights.pipeline import write_completions as step
        from transforms.settings import lake_root

        return step(lake_root(), purged)

    @task(on_success_callback=[RightsDeadlineNotifier()])
    def report_overdue(completed: dict) -> dict:
        """Requests not completed within the 15-day response deadline."""
        from transforms.rights.pipeline import report_overdue as step
        from transforms.settings import lake_root

        return step(lake_root())

    ledger = record_requests()
    purged = purge_requested_users(ledger)
    minors = purge_unconsented_minors(purged)
    completed = write_completion_records(purged, minors)
    report_overdue(completed)


aimate_rights()
