"""
### AIMate ingestion: landing → raw (restricted)

Each daily run first checks what was delivered for its data interval: the files in
`landing/<source>/dt=<day>/` and, when the app database's Connection is configured, the chat messages
and account events that reached the database in that interval. A day with no landing file in any
source and no database row is **not delivered yet**: the run is skipped, no partition is written and
no Asset is updated (an empty partition would make the interval look complete and be published as an
empty release). Each source that delivered is then validated (mapped per source: files, then database
rows with a lookback for late commits): valid records become typed Parquet in `raw/<source>/dt=<day>/`,
invalid ones go with their reason to `quarantine/<source>/dt=<day>/`. A rerun of the same interval replaces the
partition (never duplicates). Landing records = raw rows + quarantined rows is checked before the
partition becomes visible; a mismatch fails the task. Produces the raw Assets that schedule the
de-identification DAG.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import CronDataIntervalTimetable, dag, task

from transforms.alerts.notifiers import QuarantineRateNotifier, on_failure
from transforms.orchestration.assets import RAW


@dag(
    dag_id="aimate_ingest",
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"owner": "data-engineering", "retries": 1, "retry_delay": pendulum.duration(minutes=5),
                  "on_failure_callback": on_failure()},
    tags=["aimate", "ingest", "restricted-zone"],
    doc_md=__doc__,
)
def aimate_ingest():
    @task
    def check_delivery(data_interval_start=None, data_interval_end=None) -> list[dict]:
        """What arrived for this interval (landing files per source, database rows); nothing at all:
        not delivered yet, the run is skipped and writes nothing."""
        import logging

        from airflow.sdk.exceptions import AirflowSkipException

        from transforms.ingest.delivery import delivery_for_interval
        from transforms.lake import Lake
        from transforms.settings import lake_root

        delivery = delivery_for_interval(Lake(lake_root()), data_interval_start, data_interval_end)
        logging.getLogger("aimate.ingest").info("%s", delivery.describe())
        if not delivery.delivered:
            raise AirflowSkipException(delivery.describe())
        return delivery.work()

    @task(map_index_template="{{ task.op_kwargs['item']['source'] }}")
    def validate_into_raw(item: dict, data_interval_start=None, data_interval_end=None) -> list[dict]:
        """Validate one source's delivery (files, then database rows) into raw + quarantine, reconciled."""
        from transforms.ingest.delivery import ingest_source
        from transforms.lake import Lake
        from transforms.settings import lake_root

        return ingest_source(Lake(lake_root()), item, data_interval_start, data_interval_end)

    @task(outlets=list(RAW.values()), on_success_callback=[QuarantineRateNotifier()])
    def record_run(summaries: list[list[dict]]) -> dict:
        """One line per source in the task log; the raw Assets update once, after every write."""
        from transforms.ingest.report import summarise_ingest

        return summarise_ingest([s for per_source in summaries for s in per_source])

    record_run(validate_into_raw.expand(item=check_delivery()))


aimate_ingest()
