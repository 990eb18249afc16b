"""
### AIMate ingestion: landing → raw (restricted)

Each daily run takes the files delivered for its data interval (`landing/<source>/dt=<day>/`) and, when
the app database's Connection is configured, the chat messages and account events that reached the
database in that interval (with a lookback for late commits); it validates every record, writes the valid ones as typed Parquet to `raw/<source>/dt=<day>/` and the invalid ones,
with their reason, to `quarantine/<source>/dt=<day>/`. A rerun of the same interval replaces the
partition (never duplicates). Landing records = raw rows + quarantined rows is checked before the
partition becomes visible; a mismatch fails the task. Produces the raw Assets that schedule the
de-identification DAG.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import CronDataIntervalTimetable, dag, task

from transforms.orchestration.assets import DATABASE_SOURCES, RAW, RAW_SOURCES


@dag(
    dag_id="aimate_ingest",
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"owner": "data-engineering", "retries": 1, "retry_delay": pendulum.duration(minutes=5)},
    tags=["aimate", "ingest", "restricted-zone"],
    doc_md=__doc__,
)
def aimate_ingest():
    @task
    def delivery_date(data_interval_start=None) -> str:
        """The landing partition this run owns: the first day of its data interval."""
        return data_interval_start.date().isoformat()

    @task(map_index_template="{{ task.op_kwargs['source'] }}")
    def validate_into_raw(source: str, dt: str) -> dict:
        """Validate one source's delivery into raw + quarantine, reconciled."""
        from transforms.ingest import ingest_partition
        from transforms.lake import Lake
        from transforms.settings import lake_root

        return ingest_partition(Lake(lake_root()), source, dt).to_dict()

    @task(map_index_template="{{ task.op_kwargs['source'] }}")
    def pull_from_database(source: str, data_interval_start=None, data_interval_end=None) -> dict:
        """Same interval from the app's PostgreSQL database, when its Connection is configured."""
        from transforms.ingest.database_to_raw import pull_interval
        from transforms.lake import Lake
        from transforms.settings import lake_root

        return pull_interval(Lake(lake_root()), source, data_interval_start, data_interval_end)

    @task(outlets=list(RAW.values()))
    def record_run(summaries: list[dict], pulls: list[dict]) -> dict:
        """One line per source in the task log; the raw Assets update once, after every write."""
        from transforms.ingest.report import summarise_ingest

        return summarise_ingest([*summaries, *pulls])

    dt = delivery_date()
    delivered = validate_into_raw.partial(dt=dt).expand(source=list(RAW_SOURCES))
    pulled = pull_from_database.expand(source=list(DATABASE_SOURCES))
    delivered >> pulled  # one writer per partition at a time
    record_run(delivered, pulled)


aimate_ingest()
