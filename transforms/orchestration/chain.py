"""`aimate-share run`: the whole chain through Airflow on what the lake holds now.

Order: ingest (one DAG run per landing date that is new or changed) → rights → de-identify → publish.
The asset-scheduled DAGs are run explicitly in that order (there is no scheduler in the embedded
mode); each plans its own work from the lake, so a rerun with nothing new changes nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from transforms import schemas
from transforms.ingest import pending_ingest_dates
from transforms.lake import Lake
from transforms.orchestration.airflow_env import airflow_env, airflow_home, ensure_metadata_db
from transforms.settings import dags_dir

DOWNSTREAM_DAGS = ("aimate_rights", "aimate_deidentify", "aimate_publish")


class ChainFailed(RuntimeError):
    """A DAG run did not succeed; the message names the DAG, run and failed tasks, and the log file."""


@dataclass
class ChainResult:
    runs: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    log_file: str = ""


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


def run_chain(lake: Lake) -> ChainResult:
    started = time.monotonic()
    env = airflow_env(lake)
    ensure_metadata_db(lake, env)
    steps = plan_chain(lake)
    log_dir = airflow_home(lake) / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / f"aimate-run-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.log"
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(steps, fh)
        plan_path = fh.name
    with open(log_file, "w", encoding="utf-8") as log:
        proc = subprocess.run([sys.executable, "-m", "transforms.orchestration.dag_runner", plan_path],
                              env=env, stdout=subprocess.PIPE, stderr=log, text=True)
    Path(plan_path).unlink(missing_ok=True)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("AIMATE_RESULTS ")]
    runs = json.loads(lines[-1].split(" ", 1)[1]) if lines else []
    result = ChainResult(runs=runs, seconds=time.monotonic() - started, log_file=str(log_file))
    if proc.returncode != 0:
        bad = next((r for r in runs if r["state"] != "success"), None)
        what = (f"{bad['dag_id']} run {bad['run_id']} ended {bad['state']} (failed tasks: {bad['failed_tasks']})"
                if bad else "the DAG runner stopped before finishing")
        raise ChainFailed(f"{what}; see {log_file}")
    return result
