"""Session-wide isolation: tests never touch the operator's key store or Airflow home."""

from __future__ import annotations

import os
import tempfile

import pytest

# Airflow reads its home on import: never the operator's ~/airflow.
os.environ["AIRFLOW_HOME"] = tempfile.mkdtemp(prefix="aimate-test-airflow-")
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")


@pytest.fixture(autouse=True, scope="session")
def _isolated_keystore(tmp_path_factory: pytest.TempPathFactory) -> None:
    keystore = tmp_path_factory.mktemp("keys") / "keystore.json"
    os.environ["AIMATE_KEYSTORE"] = str(keystore)
    os.environ.pop("AIMATE_AIRFLOW_HOME", None)
