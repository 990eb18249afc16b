"""The PostgreSQL source: incremental pulls by data interval land in the same raw zone as the files,
late rows are picked up, the lookback overlap and the file source never create duplicates."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import psycopg
import pytest
from psycopg import sql

from transforms.ingest import ingest_partition
from transforms.ingest.database_to_raw import ingest_database_interval
from transforms.lake import Lake

pytestmark = pytest.mark.postgres

START = date(2026, 11, 23)
DAYS = 3


@pytest.fixture(scope="module")
def source_db():
    from tests.sources.conftest import require_server
    from transforms.sources.postgres import database_conninfo, load_synthetic

    server = require_server()
    name = f"aimate_it_{uuid.uuid4().hex[:10]}"
    load_synthetic(server, database=name, seed=5, days=DAYS, users=80, messages=600, start=START,
                   late_share=0.05)
    yield database_conninfo(server, name)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _day(d: date) -> tuple[datetime, datetime]:
    start = datetime.combine(d, datetime.min.time(), UTC)
    return start, start + timedelta(days=1)


def _message_ids(lake: Lake) -> list[str]:
    return [r[0] for r in duckdb.sql(
        f"select message_id from read_parquet('{lake.base}/raw/chat_messages/*/*.parquet')").fetchall()]


def test_incremental_pulls_cover_every_row_once(tmp_path: Path, source_db: str) -> None:
    lake = Lake(str(tmp_path))
    with psycopg.connect(source_db) as conn:
        total, last = conn.execute("select count(*), max(ingested_at) from aimate_app.messages").fetchone()
    day = START
    summaries = []
    while day <= last.date():
        summaries.append(ingest_database_interval(lake, "chat_messages", *_day(day), source_db,
                                                  lookback=timedelta(hours=2), batch_rows=100))
        day += timedelta(days=1)
    ids = _message_ids(lake)
    quarantined = sum(s.quarantined for s in summaries)
    assert len(ids) == len(set(ids)), "the lookback overlap must not duplicate rows"
    assert len(ids) + quarantined == total
    assert sum(s.lines for s in summaries) > total, "the lookback re-read something (and skipped it)"
    # rerunning an interval replaces its partition
    again = ingest_database_interval(lake, "chat_messages", *_day(START), source_db)
    assert again.raw_rows == summaries[0].raw_rows and len(_message_ids(lake)) == len(ids)


def test_file_and_database_sources_together_have_no_duplicates(tmp_path: Path, source_db: str) -> None:
    from transforms.synthetic import generate

    lake = Lake(str(tmp_path))
    generate(tmp_path, seed=5, days=DAYS, users=80, messages=600, start=START)
    for dt in lake.list_dates("landing", "chat_messages"):
        ingest_partition(lake, "chat_messages", dt)
        ingest_database_interval(lake, "chat_messages", *_day(dt), source_db)
    ids = _message_ids(lake)
    assert len(ids) == len(set(ids))
    reasons = duckdb.sql(f"select reason from read_parquet('{lake.base}/quarantine/chat_messages/*/*.parquet')"
                         ).fetchall()
    assert any("already delivered by the file source" in r[0] for r in reasons)


@pytest.mark.airflow
@pytest.mark.slow
def test_ingest_dag_pulls_through_an_airflow_connection(tmp_path: Path, source_db: str) -> None:
    from transforms.orchestration.airflow_env import airflow_env, ensure_metadata_db
    from transforms.orchestration.chain import ingest_logical_date
    from transforms.sources.postgres import conninfo_to_uri

    lake = Lake(str(tmp_path / "lake"))
    env = airflow_env(lake)
    env["AIRFLOW_CONN_AIMATE_SRC"] = conninfo_to_uri(source_db)
    ensure_metadata_db(lake, env)
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps([{"dag_id": "aimate_ingest", "logical_date": ingest_logical_date(START)}]))
    result = subprocess.run([sys.executable, "-m", "transforms.orchestration.dag_runner", str(plan)],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    sidecar = lake.read_json(f"{lake.partition('raw', 'chat_messages', START)}/_ingest-postgres.json")
    assert sidecar["origin"] == "postgres" and sidecar["raw_rows"] > 0
    assert sidecar["lines"] == sidecar["raw_rows"] + sidecar["quarantined"] + sidecar["overlap_skipped"]
