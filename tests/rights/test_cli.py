"""`aimate-share forget / withdraw / rights` against a temp lake; the rights DAG's shape."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from transforms.cli import app
from transforms.rights.ledger import read_ledger
from transforms.rights.pipeline import run_rights
from transforms.settings import dags_dir

from .lakes import build_lake

runner = CliRunner()


def test_forget_withdraw_and_listing(lake, pz):
    build_lake(lake, ["alice-01", "bob-02"], pz)
    root = lake.root
    r = runner.invoke(app, ["forget", "alice-01", "--request-id", "T-100", "--reason", "email", "--lake", root])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["forget", "alice-01", "--request-id", "T-100", "--lake", root])
    assert r.exit_code == 0 and "already recorded" in r.output
    r = runner.invoke(app, ["withdraw", "bob-02", "--purpose", "research_sharing", "--lake", root])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["withdraw", "bob-02", "--purpose", "ads", "--lake", root])
    assert r.exit_code != 0
    r = runner.invoke(app, ["forget", "alice-01", "--lake", root])  # the ticket id is required
    assert r.exit_code != 0

    listing = runner.invoke(app, ["rights", "--lake", root])
    assert listing.exit_code == 0
    assert "2 open" in listing.output and "T-100" in listing.output
    assert "alice-01" not in listing.output  # masked unless --show-ids

    run_rights(root)
    assert read_ledger(lake).open_requests() == []
    listing = runner.invoke(app, ["rights", "--lake", root, "--show-ids"])
    assert "0 open, 2 completed" in listing.output and "alice-01" in listing.output
    assert "purged rows: " in listing.output and "partner_a/usage/rel-001" in listing.output
    data = json.loads(runner.invoke(app, ["rights", "--lake", root, "--json"]).output)
    by_id = {d["request_id"]: d for d in data}
    assert by_id["T-100"]["status"] == "completed"
    assert by_id["T-100"]["completion"]["purged_totals"]["raw"] > 0
    assert by_id["T-100"]["user_id"] != "alice-01"
    assert runner.invoke(app, ["rights", "--lake", root, "--open"]).output.count("\n- ") == 0


@pytest.fixture(scope="module")
def dagbag():
    os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(dags_dir()))


def test_rights_dag_reads_like_the_policy(dagbag):
    assert not {k: v for k, v in dagbag.import_errors.items() if "aimate_r" in k}
    dag = dagbag.dags["aimate_rights"]
    order = ["record_requests", "purge_requested_users", "purge_unconsented_minors",
             "write_completion_records", "report_overdue"]
    for a, b in zip(order, order[1:], strict=False):
        assert b in dag.get_task(a).downstream_task_ids
    assert {o.name for o in dag.get_task("write_completion_records").outlets} == {"aimate_rights_ledger"}
    assert "aimate_raw_account_events" in str(dag.timetable.asset_condition)
    assert all(not t.outlets or t.task_id == "write_completion_records" for t in dag.tasks)
    retention = dagbag.dags["aimate_retention"]
    assert [t.task_id for t in retention.tasks] == ["find_expired", "delete_expired"]
