"""The publishing DAG parses, reads plan → publish (mapped) → record, and has no business logic."""

from __future__ import annotations

from pathlib import Path

import pytest

DAG_FILE = Path(__file__).resolve().parents[2] / "dags" / "aimate_publish.py"


@pytest.mark.slow
def test_dag_shape(monkeypatch, tmp_path):
    monkeypatch.setenv("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
    monkeypatch.setenv("AIRFLOW_HOME", str(tmp_path / "airflow"))
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(DAG_FILE))
    assert not bag.import_errors
    dag = bag.dags["aimate_publish"]
    assert dag.owner == "privacy-engineering" and "publishing" in dag.tags and dag.doc_md
    from transforms.publish.gates import render

    assert render() in dag.doc_md  # the gate order shown in the UI is the code's
    tasks = {t.task_id: t for t in dag.tasks}
    assert set(tasks) == {"plan", "publish", "record"}
    assert tasks["publish"].upstream_task_ids == {"plan"}
    assert tasks["record"].upstream_task_ids == {"publish"}
    assert [o.name for o in tasks["record"].outlets] == ["aimate_published_releases"]
    source = DAG_FILE.read_text()
    top = source.split("@dag(")[0]
    assert "duckdb" not in top and "pyarrow" not in top and "opendp" not in top
