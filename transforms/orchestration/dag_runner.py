"""Runs a sequence of DAG runs with `dag.test()` inside one process (the embedded Airflow).

Invoked as `python -m transforms.orchestration.dag_runner PLAN.json` by `aimate-share run`, with the
environment from `airflow_env` already set, so Airflow reads the right home and dags folder on import.
Each step is {"dag_id": ..., "logical_date": ISO or null}. Exits non-zero at the first run that does
not succeed; writes a JSON result per step to stdout's last line.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import datetime


def run_plan(steps: list[dict]) -> list[dict]:
    from airflow.dag_processing.dagbag import DagBag

    from transforms.settings import dags_dir

    bag = DagBag(dag_folder=str(dags_dir()))
    if bag.import_errors:
        raise RuntimeError(f"DAG import errors: {bag.import_errors}")
    results = []
    for step in steps:
        dag = bag.get_dag(step["dag_id"])
        if dag is None:
            raise RuntimeError(f"no DAG {step['dag_id']!r} in {dags_dir()}")
        logical = datetime.fromisoformat(step["logical_date"]) if step.get("logical_date") else None
        run = dag.test(logical_date=logical)
        state = str(getattr(run, "state", "unknown"))
        failed = [ti.task_id for ti in run.get_task_instances() if str(ti.state) in ("failed", "upstream_failed")]
        results.append({**step, "run_id": run.run_id, "state": state, "failed_tasks": failed})
        if state != "success":
            break
    return results


def main() -> int:
    logging.getLogger("airflow").setLevel(logging.WARNING)
    with open(sys.argv[1], encoding="utf-8") as fh:
        steps = json.load(fh)
    results = run_plan(steps)
    print("AIMATE_RESULTS " + json.dumps(results))
    return 0 if results and all(r["state"] == "success" for r in results) and len(results) == len(steps) else 1


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip interpreter teardown: every run is finished and recorded, and native thread pools
    # (pyarrow, spaCy) left to static destruction can abort an otherwise successful process.
    os._exit(code)
