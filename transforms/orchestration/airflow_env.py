"""The environment of the embedded Airflow: one AIRFLOW_HOME per lake, this repo's dags folder, the
lake root as the `aimate_lake` Variable. Set before `airflow` is imported (it reads config on import)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from transforms.lake import Lake
from transforms.settings import dags_dir


def airflow_home(lake: Lake) -> Path:
    return Path(os.environ.get("AIMATE_AIRFLOW_HOME") or lake.local_dir("_system", "airflow"))


def machine_cores() -> int:
    """CPUs this process may use (the affinity mask, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def airflow_env(lake: Lake) -> dict[str, str]:
    """Environment for Airflow commands and the in-process DAG runner.

    Every path is derived from the lake's current location, the metadata database included, so a
    copied or moved lake uses its own Airflow database (never the one its `airflow.cfg` was first
    written with)."""
    home = airflow_home(lake)
    env = dict(os.environ)
    env.update(
        {
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home.resolve() / 'airflow.db'}",
            "AIRFLOW__CORE__DAGS_FOLDER": str(dags_dir()),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            # LocalExecutor starts one worker process per slot: size it to the machine.
            "AIRFLOW__CORE__PARALLELISM": env.get("AIRFLOW__CORE__PARALLELISM", str(max(2, machine_cores()))),
            "AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT": "120",
            "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(home / "logs"),
            "AIRFLOW_VAR_AIMATE_LAKE": str(lake.base if lake.is_local else lake.root),
            "AIMATE_LAKE": str(lake.base if lake.is_local else lake.root),
            "PYTHONWARNINGS": "ignore",
            "TLDEXTRACT_CACHE": str(home / "tldextract"),
        }
    )
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in env.get("PATH", "").split(os.pathsep):
        env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    return env


def airflow_cli(env: dict[str, str]) -> str:
    found = shutil.which("airflow", path=env["PATH"])
    if not found:
        raise RuntimeError("the `airflow` command is not on PATH: install the project (make install)")
    return found


def ensure_metadata_db(lake: Lake, env: dict[str, str]) -> None:
    """`airflow db migrate` once per Airflow home (idempotent, ~5 s on SQLite)."""
    home = Path(env["AIRFLOW_HOME"])
    marker = home / ".aimate-migrated"
    home.mkdir(parents=True, exist_ok=True)
    if marker.exists():
        return
    result = subprocess.run([airflow_cli(env), "db", "migrate"], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"airflow db migrate failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    marker.write_text("ok\n")
