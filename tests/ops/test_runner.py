"""The embedded runner: errors reach the operator, one run per lake, the Airflow home follows the lake,
task logs where Airflow looks, and a day nothing was delivered for writes nothing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from transforms.lake import Lake
from transforms.orchestration import chain
from transforms.orchestration.airflow_env import airflow_env
from transforms.orchestration.dag_runner import failure_reason

ROOT = Path(__file__).resolve().parents[2]


def test_the_airflow_database_follows_the_lake_when_it_is_copied(tmp_path) -> None:
    original = tmp_path / "lake"
    (original / "_system" / "airflow").mkdir(parents=True)
    (original / "_system" / "airflow" / "airflow.cfg").write_text(
        f"[database]\nsql_alchemy_conn = sqlite:///{original}/_system/airflow/airflow.db\n")
    copy = tmp_path / "copy"
    shutil.copytree(original, copy)
    env = airflow_env(Lake(str(copy)))
    assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] == f"sqlite:///{copy.resolve()}/_system/airflow/airflow.db"
    assert env["AIRFLOW_HOME"].startswith(str(copy))
    assert int(env["AIRFLOW__CORE__PARALLELISM"]) <= max(2, os.cpu_count() or 2)


def test_a_second_run_on_the_same_lake_says_so_and_exits_non_zero(tmp_path) -> None:
    lake = Lake(str(tmp_path))
    lock = chain.run_lock(lake)
    lock.acquire()
    Path(lock.lock_file + ".pid").write_text(f"{os.getpid()}\n")
    try:
        with pytest.raises(chain.LakeBusy, match=f"pid {os.getpid()}"):
            chain.run_chain(lake)
        result = subprocess.run([sys.executable, "-m", "transforms.cli", "run", "--lake", str(tmp_path)],
                                cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 1
        assert "another `aimate-share run` is using this lake" in result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr
    finally:
        lock.release()


def test_the_failure_reason_is_read_from_the_task_log(tmp_path) -> None:
    log = tmp_path / "attempt=1.log"
    log.write_text("\n".join([
        json.dumps({"event": "Task started"}),
        "not json",
        json.dumps({"event": "Task failed with exception", "exception": [
            {"exc_type": "ConfigError", "exc_value": "config/pipeline.yaml: clean_text_purpose: bad"}]}),
    ]))
    assert failure_reason(log) == "ConfigError: config/pipeline.yaml: clean_text_purpose: bad"
    assert failure_reason(tmp_path / "missing.log") is None


def _ingest_step(day: date) -> list[dict]:
    return [{"dag_id": "aimate_ingest", "logical_date": chain.ingest_logical_date(day), "interval_start": str(day)}]


@pytest.fixture(scope="module")
def empty_lake(tmp_path_factory) -> Lake:
    root = tmp_path_factory.mktemp("lake")
    (root / "landing").mkdir()
    return Lake(str(root))


@pytest.mark.slow
@pytest.mark.airflow
def test_a_day_nothing_was_delivered_for_writes_nothing_and_logs_why(empty_lake, monkeypatch) -> None:
    monkeypatch.delenv("AIRFLOW_CONN_AIMATE_SRC", raising=False)
    progress: list[dict] = []
    result = chain.run_chain(empty_lake, progress=progress.append, steps=_ingest_step(date(2026, 11, 30)))
    [run] = result.runs
    assert run["state"] == "success" and set(run["tasks"]) == {"skipped"}, run
    assert [p["event"] for p in progress] == ["start", "end"]
    assert not Path(empty_lake.path("raw")).exists() and not Path(empty_lake.path("quarantine")).exists()
    assert f"pid{os.getpid()}" in Path(result.log_file).name
    # The task log is where the UI reads it, and says why nothing was written.
    logs = Path(airflow_env(empty_lake)["AIRFLOW__LOGGING__BASE_LOG_FOLDER"])
    [check_log] = list(logs.glob(f"dag_id=aimate_ingest/run_id={run['run_id']}/task_id=check_delivery/attempt=1.log"))
    assert "not delivered yet" in check_log.read_text()


@pytest.mark.slow
@pytest.mark.airflow
def test_a_deterministic_failure_is_reported_with_its_reason_at_once(empty_lake, tmp_path, monkeypatch) -> None:
    config = tmp_path / "config"
    shutil.copytree(ROOT / "config", config)
    (config / "pipeline.yaml").write_text("clean_text_purpose: leak_everything\n")
    monkeypatch.setenv("AIMATE_CONFIG_DIR", str(config))
    # Any delivered file: checking the delivery reads the (broken) pipeline config.
    landing = Path(empty_lake.path("landing", "chat_messages", "dt=2026-11-29"))
    landing.mkdir(parents=True)
    (landing / "part-0.jsonl").write_text("{}\n")
    with pytest.raises(chain.ChainFailed) as failed:
        chain.run_chain(empty_lake, steps=_ingest_step(date(2026, 11, 29)))
    message = str(failed.value)
    assert "aimate_ingest" in message and "check_delivery" in message
    assert "pipeline.yaml" in message and "clean_text_purpose" in message
    logs = Path(airflow_env(empty_lake)["AIRFLOW__LOGGING__BASE_LOG_FOLDER"])
    attempts = {p.name for p in logs.glob("dag_id=aimate_ingest/run_id=*/task_id=check_delivery/attempt=*.log")}
    assert attempts == {"attempt=1.log"}, "an embedded run does not retry a deterministic failure"
    alerts = Lake(empty_lake.root).audit_records("alerts")
    assert any(a["kind"] == "task_failed" and a.get("task_id") == "check_delivery" for a in alerts)
