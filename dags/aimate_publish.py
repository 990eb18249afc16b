"""
### AIMate publishing: clean zone → aggregate releases that pass every gate

Runs whenever de-identification updates a clean Asset. **plan** lists each declared extract
(`config/extracts.yaml`) × complete interval (day or ISO week) not yet released; **publish** is mapped
over that list, one release per task: it aggregates the clean partitions with DuckDB for the users
eligible for the extract's consent purpose and runs the gates below in order (rendered from
`transforms.publish.gates.GATES`); only then is the release folder written atomically (Parquet +
`_manifest.json`, encrypted for external recipients). A released interval is never recomputed: a
config or policy change applies to intervals after its effective date, late data is reported and
goes to a marked DP correction release. A refusal is a normal outcome: it is logged with its reason
and audited, and no folder appears. **record** audits the run and updates the releases Asset.

Look at the results with `aimate-share releases --lake <lake>`; check a drop with
`aimate-share verify <release folder>`. Rerunning with nothing new publishes nothing and spends no budget.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import TriggerRule, dag, get_current_context, task

from transforms.alerts.notifiers import RefusedReleaseNotifier, on_failure
from transforms.orchestration.assets import CLEAN, RELEASES
from transforms.publish.gates import render as render_gates

DOC = f"{__doc__}\n#### Gates, in order\n{render_gates()}\n"


@dag(
    dag_id="aimate_publish",
    schedule=(CLEAN["chat_messages"] | CLEAN["telemetry_events"]),
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"owner": "privacy-engineering", "retries": 1, "retry_delay": pendulum.duration(minutes=2),
                  "on_failure_callback": on_failure()},
    tags=["aimate", "publishing", "releases", "differential-privacy"],
    doc_md=DOC,
)
def aimate_publish():
    @task
    def plan() -> list[dict]:
        """Releases to make: one per extract × complete interval not yet released."""
        from transforms.publish import plan_releases
        from transforms.settings import lake_root

        return plan_releases(lake_root())

    @task(max_active_tis_per_dag=2,
          map_index_template="{{ task.op_kwargs['planned']['extract'] }} "
                             "{{ task.op_kwargs['planned']['interval_start'] }}")
    def publish(planned: dict) -> dict:
        """Gate and write one release (a refusal returns its audited reason, it does not fail)."""
        from transforms.orchestration.gate_log import log_gate_results
        from transforms.publish import publish as publish_release
        from transforms.settings import lake_root

        return log_gate_results(publish_release(lake_root(), **planned))

    @task(outlets=[RELEASES], trigger_rule=TriggerRule.NONE_FAILED, on_success_callback=[RefusedReleaseNotifier()])
    def record(results: list[dict]) -> dict:
        """Audit the run; the releases Asset carries what was published."""
        from transforms.publish import record_run
        from transforms.settings import lake_root

        summary = record_run(lake_root(), list(results or []))
        get_current_context()["outlet_events"][RELEASES].extra = {
            "published": [p["path"] for p in summary["published"]], "refused": len(summary["refused"])}
        return summary

    record(publish.expand(planned=plan()))


aimate_publish()
