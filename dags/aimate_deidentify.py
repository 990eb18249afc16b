"""
### AIMate de-identification: raw → clean (de-identified rows, internal only)

Runs after the rights DAG has applied the ledger to newly ingested raw data (scheduled on the
rights ledger Asset, which the rights DAG updates after every run). It plans the raw partitions whose
clean copy is missing or stale (new raw data, a new policy version or a rotated key), de-identifies
them in shards mapped over date × shard (chat text and search queries through the Presidio engine;
user, conversation, message and device ids → keyed HMAC pseudonyms; device identifiers and IPs
dropped; IP → province), and commits each partition atomically once raw rows = clean + rejected +
excluded-by-rights rows. Users the ledger blocks (deleted, cancelled, children without verified
parental consent) never reach clean; a row the engine cannot process is rejected to quarantine with
its reason, never passed through. Produces the clean Assets that schedule publishing.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import dag, task

from transforms.alerts.notifiers import on_failure
from transforms.orchestration.assets import CLEAN, RIGHTS_LEDGER


@dag(
    dag_id="aimate_deidentify",
    schedule=[RIGHTS_LEDGER],
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"owner": "privacy-engineering", "retries": 1, "retry_delay": pendulum.duration(minutes=2),
                  "on_failure_callback": on_failure()},
    tags=["aimate", "de-identification", "restricted-zone"],
    doc_md=__doc__,
)
def aimate_deidentify():
    @task
    def plan_partitions() -> list[dict]:
        """Work items (table × date × shard) whose clean output is missing or stale."""
        from transforms.clean.partitions import plan_deidentification
        from transforms.lake import Lake
        from transforms.settings import lake_root

        return plan_deidentification(Lake(lake_root()))

    @task(max_active_tis_per_dag=8,
          map_index_template="{{ task.op_kwargs['item']['table'] }} {{ task.op_kwargs['item']['dt'] }}"
                             " #{{ task.op_kwargs['item']['shard'] }}")
    def deidentify_shard(item: dict) -> dict:
        """De-identify one shard into staging (fails closed on engine errors)."""
        from transforms.clean.partitions import deidentify_shard as run_shard
        from transforms.lake import Lake
        from transforms.settings import lake_root

        return run_shard(Lake(lake_root()), **item)

    @task(outlets=list(CLEAN.values()))
    def commit_partitions(results: list[dict]) -> list[dict]:
        """Swap every fully processed, reconciled partition into the clean zone."""
        from transforms.clean.partitions import commit_all
        from transforms.lake import Lake
        from transforms.settings import lake_root

        return commit_all(Lake(lake_root()), list(results))

    commit_partitions(deidentify_shard.expand(item=plan_partitions()))


aimate_deidentify()
