"""Runs a sequence of DAG runs with `dag.test()` inside one process (the embedded Airflow).

Invoked as `python -m transforms.orchestration.dag_runner PLAN.json` by `aimate-share run`, with the
environment from `airflow_env` already set, so Airflow reads the right home and dags folder on import.
Each step is {"dag_id": ..., "logical_date": ISO or null}. Exits non-zero at the first run that does
not succeed. Stdout carries one `AIMATE_PROGRESS {...}` line per finished run and `AIMATE_RESULTS [...]`
last; everything else (Airflow's own output) goes to stderr, which the caller keeps as the run log.

What `dag.test()` does not do by itself, and the UI needs:
- every task instance writes its log where Airflow's log reader looks for it
  (`[logging] base_log_folder` / `log_filename_template`, JSON lines like a real worker's);
- the run's start date is the wall-clock start (dag.test stamps the logical date, so ingest runs of
  past delivery dates showed durations of days);
- no retries: an embedded run is one attempt; a deterministic failure is reported at once.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

PROGRESS = "AIMATE_PROGRESS "
RESULTS = "AIMATE_RESULTS "


class _LogSwitch:
    """The one binary stream Airflow's logging writes to: the run log (stderr) always, and the log
    file of the task instance running now. Logging is configured once with this stream (loggers
    keep the stream they were created with), so only its target changes between tasks."""

    def __init__(self) -> None:
        self.task_file: BinaryIO | None = None

    def write(self, data: bytes) -> int:
        if self.task_file is not None:
            self.task_file.write(data)
            self.task_file.flush()
        sys.stderr.buffer.write(data)
        sys.stderr.buffer.flush()
        return len(data)

    def flush(self) -> None:
        sys.stderr.buffer.flush()


_SWITCH = _LogSwitch()


def _configure_logging() -> None:
    from airflow.sdk.log import configure_logging

    configure_logging(json_output=True, output=_SWITCH, cache_logger_on_first_use=False)


def task_log_path(ti: Any) -> Path:
    """Where Airflow's log reader looks for this try of the task instance."""
    from airflow.configuration import conf
    from airflow.utils.helpers import log_filename_template_renderer

    return Path(conf.get("logging", "base_log_folder")) / log_filename_template_renderer()(ti=ti)


@contextlib.contextmanager
def task_log(ti: Any) -> Iterator[Path]:
    """Route every log line emitted while `ti` runs to its log file (and the run log)."""
    path = task_log_path(ti)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "ab") as fh:
        _SWITCH.task_file = fh
        try:
            yield path
        finally:
            _SWITCH.task_file = None


def _install_task_logs() -> None:
    """Wrap dag.test()'s per-task runner so each task instance logs into its own file."""
    import airflow.sdk.definitions.dag as dag_module

    original = dag_module._run_task
    if getattr(original, "_aimate_logs", False):
        return

    def run_task_logged(*, ti, task, **kwargs):
        with task_log(ti):
            return original(ti=ti, task=task, **kwargs)

    run_task_logged._aimate_logs = True  # type: ignore[attr-defined]
    dag_module._run_task = run_task_logged


def failure_reason(log_file: Path) -> str | None:
    """The exception a failed task ended with, from its JSON log ("Task failed with exception")."""
    if not log_file.exists():
        return None
    reason = None
    for line in log_file.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue
        if event.get("event") == "Task failed with exception":
            details = event.get("exception") or event.get("error_detail") or []
            if isinstance(details, list) and details and isinstance(details[-1], dict):
                last = details[-1]
                reason = f"{last.get('exc_type', 'Error')}: {last.get('exc_value', '')}".strip()
            else:
                reason = str(event.get("exception", "failed"))[-500:]
    return reason


def _real_start(run: Any, started: datetime) -> None:
    """Stamp the run with when it really started (dag.test uses the logical date)."""
    from airflow.models.dagrun import DagRun
    from airflow.utils.session import create_session

    with create_session() as session:
        session.query(DagRun).filter(DagRun.dag_id == run.dag_id, DagRun.run_id == run.run_id).update(
            {DagRun.start_date: started, DagRun.queued_at: started}, synchronize_session=False)


def _no_retries(dag: Any) -> None:
    """An embedded run is one attempt: a failure is reported now, not after 2-5 minute retry waits."""
    for task in dag.tasks:
        task.retries = 0


def _emit(prefix: str, payload: Any) -> None:
    sys.stdout.write(prefix + json.dumps(payload, default=str) + "\n")
    sys.stdout.flush()


def run_plan(steps: list[dict]) -> list[dict]:
    from airflow.dag_processing.dagbag import DagBag

    from transforms.settings import dags_dir

    _configure_logging()
    _install_task_logs()
    bag = DagBag(dag_folder=str(dags_dir()))
    if bag.import_errors:
        raise RuntimeError(f"DAG import errors: {bag.import_errors}")
    results = []
    for n, step in enumerate(steps, start=1):
        dag = bag.get_dag(step["dag_id"])
        if dag is None:
            raise RuntimeError(f"no DAG {step['dag_id']!r} in {dags_dir()}")
        _no_retries(dag)
        logical = datetime.fromisoformat(step["logical_date"]) if step.get("logical_date") else None
        _emit(PROGRESS, {**step, "event": "start", "n": n, "of": len(steps)})
        started, clock = datetime.now(UTC), time.monotonic()
        run = dag.test(logical_date=logical)
        _real_start(run, started)
        state = str(getattr(run, "state", "unknown"))
        tis = run.get_task_instances()
        failed = [ti for ti in tis if str(ti.state) == "failed"]
        reasons = {}
        for ti in failed:
            label = ti.task_id if ti.map_index < 0 else f"{ti.task_id}[{ti.map_index}]"
            reasons[label] = failure_reason(task_log_path(ti)) or "failed (no reason in its log)"
        result = {**step, "run_id": run.run_id, "state": state, "failed_tasks": sorted({t.task_id for t in failed}),
                  "upstream_failed": sorted({t.task_id for t in tis if str(t.state) == "upstream_failed"}),
                  "reasons": reasons, "seconds": round(time.monotonic() - clock, 1),
                  "tasks": {s: sum(1 for ti in tis if str(ti.state) == s) for s in sorted({str(t.state) for t in tis})}}
        results.append(result)
        _emit(PROGRESS, {**result, "event": "end", "n": n, "of": len(steps)})
        if state != "success":
            break
    return results


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as fh:
        steps = json.load(fh)
    results = run_plan(steps)
    _emit(RESULTS, results)
    return 0 if results and all(r["state"] == "success" for r in results) and len(results) == len(steps) else 1


if __name__ == "__main__":
    try:
        code = main()
    except Exception as exc:  # noqa: BLE001 - reported to the caller on stdout, traceback in the run log
        import traceback

        traceback.print_exc()
        _emit(RESULTS, [{"dag_id": "-", "state": "error", "run_id": "-", "failed_tasks": [],
                         "reasons": {"runner": f"{type(exc).__name__}: {exc}"}}])
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip interpreter teardown: every run is finished and recorded, and native thread pools
    # (pyarrow, spaCy) left to static destruction can abort an otherwise successful process.
    os._exit(code)
