"""Where things are: lake root, config folder, Airflow home. One place for the defaults."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LAKE = "lake"
LAKE_VARIABLE = "aimate_lake"


def config_dir() -> Path:
    """Declarative config (recipients, extracts, pipeline defaults, data tables)."""
    return Path(os.environ.get("AIMATE_CONFIG_DIR", PROJECT_ROOT / "config"))


def dags_dir() -> Path:
    return PROJECT_ROOT / "dags"


def lake_root() -> str:
    """Lake root inside a task: Airflow Variable `aimate_lake`, else env AIMATE_LAKE, else ./lake."""
    value = os.environ.get("AIRFLOW_VAR_AIMATE_LAKE") or os.environ.get("AIMATE_LAKE")
    if value:
        return value
    if "AIRFLOW_CTX_DAG_ID" not in os.environ:  # not inside an Airflow task
        return DEFAULT_LAKE
    try:
        from airflow.sdk import Variable

        found = Variable.get(LAKE_VARIABLE, default=None)
        if found:
            return found
    except Exception:  # noqa: BLE001 - outside Airflow there is no Variable backend
        pass
    return DEFAULT_LAKE
