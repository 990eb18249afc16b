"""`aimate-share run`: the whole chain through Airflow on what the lake holds now.

Order: ingest (one DAG run per landing date that is new or changed) → rights → de-identify → publish.
The asset-scheduled DAGs are run explicitly in that order (there is no scheduler in the embedded
mode); each plans its own work from the lake, so a rerun with nothing new changes nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from filelock import FileLock, Timeout

from transforms import schemas
from transforms.ingest import pending_ingest_dates
from transforms.lake import Lake
from transforms.orchestration.airflow_env import airflow_env, airflow_home, ensure_metadata_db
from transforms.orchestration.dag_runner import PROGRESS, RESULTS
from transforms.settings import dags_dir

DOWNSTREAM_DAGS = ("aimate_rights", "aimate_deidentify", "aimate_publish")


class ChainFailed(RuntimeError):
    """A DAG run did not succeed; the message names the DAG, run, failed tasks and their reasons, and
    the log file."""


class LakeBusy(RuntimeError):
    """Another `aimate-share run` holds this lake."""


@dataclass
class ChainResult:
    runs: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    log_file: str = ""


Progress = Callable[[dict], None]


def ingest_logical_date(day: date) -> str:
    """The logical date whose manual data interval is [day, day + 1) under the daily timetable."""
    return datetime.combine(day + timedelta(days=1), datetime.min.time(), UTC).isoformat()


def plan_chain(lake: Lake) -> list[dict]:
    days = sorted({d for s in schemas.SOURCES for d in pending_ingest_dates(lake, s)})
    steps = [{"dag_id": "aimate_ingest", "logical_date": ingest_logical_date(d), "interval_start": str(d)}
             for d in days]
    present = {p.stem for p in dags_dir().glob("aimate_*.py")}
    steps += [{"dag_id": d, "logical_date": None} for d in DOWNSTREAM_DAGS if d in present]
    return steps


def run_lock(lake: Lake) -> FileLock:
    """One `run` per lake at a time (two embedded Airflows on one SQLite database collide)."""
    path = airflow_home(lake) / "aimate-run.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(path), timeout=0)


def run_chain(lake: Lake, progress: Progress | None = None, steps: list[dict] | None = None,
              prepare: Callable[[Lake], None] | None = None) -> ChainResult:
    """Run the plan (default: `plan_chain`) in a DAG-runner process, one `run` per lake at a time; the
    runner's output goes to `<airflow home>/logs/aimate-run-<time>-pid<pid>.log`. ``prepare`` (the
    crash-recovery sweep) runs once the run lock is held, so it never sweeps another run's work."""
    lock = run_lock(lake)
    try:
        lock.acquire()
    except Timeout:
        holder = _lock_holder(lock)
        raise LakeBusy(f"another `aimate-share run` is using this lake{holder}; wait for it to finish") from None
    try:
        Path(lock.lock_file + ".pid").write_text(f"{os.getpid()}\n")
        if prepare is not None:
            prepare(lake)
        return _run_locked(lake, progress, steps)
    finally:
        Path(lock.lock_file + ".pid").unlink(missing_ok=True)
        lock.release()


def _lock_holder(lock: FileLock) -> str:
    try:
        return f" (pid {Path(lock.lock_file + '.pid').read_text().strip()})"
    except OSError:
        return ""


def _run_locked(lake: Lake, progress: Progress | None, steps: list[dict] | None) -> ChainResult:
    started = time.monotonic()
    env = airflow_env(lake)
    ensure_metadata_db(lake, env)
    steps = plan_chain(lake) if steps is None else steps
    log_dir = airflow_home(lake) / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(steps, fh)
        plan_path = fh.name
    runs: list[dict] = []
    log_file = log_dir / f"aimate-run-{datetime.now(UTC):%Y%m%dT%H%M%SZ}-pid{os.getpid()}.log"
    with open(log_file, "w", encoding="utf-8") as log:
        proc = subprocess.Popen([sys.executable, "-m", "transforms.orchestration.dag_runner", plan_path],
                                env=env, stdout=subprocess.PIPE, stderr=log, text=True)
        assert proc.stdout is not None
        for line in proc.stdout:
            log.write(line)
            log.flush()
            if line.startswith(PROGRESS) and progress is not None:
                progress(json.loads(line[len(PROGRESS):]))
            elif line.startswith(RESULTS):
                runs = json.loads(line[len(RESULTS):])
        proc.wait()
    Path(plan_path).unlink(missing_ok=True)
    result = ChainResult(runs=runs, seconds=time.monotonic() - started, log_file=str(log_file))
    if proc.returncode != 0:
        raise ChainFailed(f"{describe_failure(runs)}; see {log_file}")
    return result


def describe_failure(runs: list[dict]) -> str:
    bad = next((r for r in runs if r["state"] != "success"), None)
    if bad is None:
        return "the DAG runner stopped before finishing"
    reasons = "; ".join(f"{task}: {why}" for task, why in (bad.get("reasons") or {}).items())
    what = f"{bad['dag_id']} run {bad['run_id']} ended {bad['state']} (failed tasks: {', '.join(bad['failed_tasks'])})"
    return f"{what}\n  reason: {reasons}" if reasons else what
