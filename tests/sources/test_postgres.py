"""The PostgreSQL source: idempotent synthetic fill, and incremental readers that catch late rows."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pyarrow as pa
import pytest
import typer
from psycopg.conninfo import conninfo_to_dict
from typer.testing import CliRunner

from tests.sources.conftest import require_server
from transforms import schemas
from transforms.cli import generate_cmd
from transforms.sources.postgres import (
    iter_rows,
    load_synthetic,
    read_account_events,
    read_chat_messages,
)
from transforms.synthetic import generate
from transforms.synthetic.generator import DEFAULT_START
from transforms.synthetic.population import Population
from transforms.synthetic.streams import account_events

SIZES = {"seed": 5, "days": 2, "users": 40, "messages": 600}
START = datetime(DEFAULT_START.year, DEFAULT_START.month, DEFAULT_START.day, tzinfo=UTC)


def _load(dsn: str, **overrides: int) -> dict[str, int]:
    return load_synthetic(dsn, database=conninfo_to_dict(dsn)["dbname"], **{**SIZES, **overrides})


def _intervals(days: int) -> list[tuple[datetime, datetime]]:
    return [(START + timedelta(days=i), START + timedelta(days=i + 1)) for i in range(days)]


@pytest.mark.postgres
def test_load_is_idempotent_and_matches_the_generator(postgres_dsn: str) -> None:
    first = _load(postgres_dsn)
    pop = Population(seed=SIZES["seed"], users=SIZES["users"], start=DEFAULT_START, days=SIZES["days"])
    assert first["messages"] == first["messages_inserted"] == SIZES["messages"]
    assert first["users"] == SIZES["users"]
    assert first["account_events"] == sum(1 for _ in account_events(pop))
    again = _load(postgres_dsn)
    assert {k: v for k, v in again.items() if k.endswith(("_inserted", "_updated"))} == {
        k: 0 for k in again if k.endswith(("_inserted", "_updated"))
    }
    assert {k: again[k] for k in ("users", "conversations", "messages", "account_events")} == {
        k: first[k] for k in ("users", "conversations", "messages", "account_events")
    }
    bigger = _load(postgres_dsn, messages=SIZES["messages"] + 100)  # the first N records are a prefix
    assert bigger["messages_inserted"] == 100 and bigger["messages_updated"] == 0


@pytest.mark.postgres
def test_reader_streams_bounded_batches_with_the_record_schema(postgres_dsn: str) -> None:
    _load(postgres_dsn)
    batches = list(read_chat_messages(postgres_dsn, START, START + timedelta(days=4), batch_rows=97))
    assert batches and all(isinstance(b, pa.RecordBatch) and b.num_rows <= 97 for b in batches)
    assert all(b.schema.equals(schemas.RAW_CHAT_MESSAGES) for b in batches)
    assert sum(b.num_rows for b in batches) == SIZES["messages"]
    rows = list(iter_rows(batches))
    assert len({r["message_id"] for r in rows}) == len(rows)
    assert all(r["created_at"].utcoffset() == timedelta(0) for r in rows)


@pytest.mark.postgres
def test_rows_are_the_generators_records(postgres_dsn: str, tmp_path: Path) -> None:
    _load(postgres_dsn)
    generate(tmp_path / "lake", events=10, **SIZES)
    landed = {}
    for path in (tmp_path / "lake" / "landing" / "chat_messages").glob("dt=*/*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                rec = json.loads(line)
                landed[rec["message_id"]] = rec
            except (json.JSONDecodeError, KeyError):
                continue
    rows = list(
        iter_rows(read_chat_messages(postgres_dsn, START - timedelta(days=1), START + timedelta(days=5)))
    )
    assert len(rows) == SIZES["messages"]
    for r in rows:
        rec = landed[r["message_id"]]
        assert r["created_at"].isoformat(timespec="milliseconds").replace("+00:00", "Z") == rec["created_at"]
        assert {k: v for k, v in r.items() if k != "created_at"} == {
            k: v for k, v in rec.items() if k != "created_at"
        }


@pytest.mark.postgres
def test_daily_pulls_cover_every_row_and_late_rows_land_in_the_next_interval(postgres_dsn: str) -> None:
    counts = _load(postgres_dsn)
    assert counts["late_messages"] > 0
    days = SIZES["days"] + 2  # late rows arrive up to 30 h after the last day
    seen: dict[str, int] = {}
    for lo, hi in _intervals(days):
        rows = list(
            iter_rows(
                read_chat_messages(postgres_dsn, lo, hi, lookback=timedelta(0), include_ingested_at=True)
            )
        )
        for r in rows:
            assert lo <= r["ingested_at"] < hi
            seen[r["message_id"]] = seen.get(r["message_id"], 0) + 1
    assert len(seen) == SIZES["messages"] and set(seen.values()) == {1}

    # with the default lookback, every interval re-reads the tail of the previous one; nothing is lost
    lookback_ids: set[str] = set()
    overlap = 0
    for lo, hi in _intervals(days):
        ids = [r["message_id"] for r in iter_rows(read_chat_messages(postgres_dsn, lo, hi))]
        overlap += len(set(ids) & lookback_ids)
        lookback_ids |= set(ids)
    assert len(lookback_ids) == SIZES["messages"] and overlap > 0

    with psycopg.connect(postgres_dsn) as conn:
        late_row = conn.execute(
            "SELECT message_id, created_at, ingested_at FROM aimate_app.messages "
            "WHERE ingested_at::date > created_at::date ORDER BY message_id LIMIT 1"
        ).fetchone()
    assert late_row is not None
    message_id, created_at, ingested_at = late_row
    created_day = datetime(created_at.year, created_at.month, created_at.day, tzinfo=UTC)
    arrival_day = datetime(ingested_at.year, ingested_at.month, ingested_at.day, tzinfo=UTC)
    in_created = {
        r["message_id"]
        for r in iter_rows(
            read_chat_messages(
                postgres_dsn, created_day, created_day + timedelta(days=1), lookback=timedelta(0)
            )
        )
    }
    in_arrival = {
        r["message_id"]
        for r in iter_rows(
            read_chat_messages(
                postgres_dsn, arrival_day, arrival_day + timedelta(days=1), lookback=timedelta(0)
            )
        )
    }
    assert message_id not in in_created and message_id in in_arrival


@pytest.mark.postgres
def test_row_inserted_now_gets_server_ingested_at(postgres_dsn: str) -> None:
    _load(postgres_dsn)
    with psycopg.connect(postgres_dsn) as conn:
        conv, user, char = conn.execute(
            "SELECT conversation_id, user_id, character_id FROM aimate_app.conversations LIMIT 1"
        ).fetchone()
        conn.execute(
            "INSERT INTO aimate_app.messages (message_id, conversation_id, user_id, character_id, role, "
            "content_type, text, created_at, app_version) VALUES ('m_late_test', %s, %s, %s, 'user', 'text', "
            "'昨天忘了说：晚安', %s, '3.6.0')",
            (conv, user, char, START),
        )
    now = datetime.now(UTC)
    rows = list(
        iter_rows(read_chat_messages(postgres_dsn, now - timedelta(minutes=5), now + timedelta(minutes=5)))
    )
    assert [r["message_id"] for r in rows] == ["m_late_test"] and rows[0]["created_at"] == START


@pytest.mark.postgres
def test_account_event_reader(postgres_dsn: str) -> None:
    counts = _load(postgres_dsn)
    batches = list(read_account_events(postgres_dsn, START, START + timedelta(days=3), batch_rows=50))
    assert all(b.schema.equals(schemas.RAW_ACCOUNT_EVENTS) and b.num_rows <= 50 for b in batches)
    rows = list(iter_rows(batches))
    assert len(rows) == counts["account_events"]
    registered = [r for r in rows if r["event"] == "registered"]
    assert len(registered) == SIZES["users"] and all(isinstance(r["birth_year"], int) for r in registered)
    assert {r["event"] for r in rows} >= {
        "consent_granted",
        "deletion_requested",
        "parental_consent_verified",
    }


@pytest.mark.postgres
def test_load_postgres_command(postgres_dsn: str, postgres_server: str) -> None:
    app = typer.Typer()
    generate_cmd.register(app)
    name = conninfo_to_dict(postgres_dsn)["dbname"]
    args = [
        "load-postgres",
        "--dsn",
        postgres_server,
        "--database",
        name,
        "--users",
        "25",
        "--messages",
        "80",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "messages=80" in result.output


def test_missing_server_skips_or_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="127.0.0.1:1 "):
        require_server("127.0.0.1", 1)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="127.0.0.1:1 "):
        require_server("127.0.0.1", 1)


@pytest.mark.postgres
def test_reader_through_an_airflow_connection(postgres_dsn: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from transforms.sources.postgres import airflow_connection_uri

    _load(postgres_dsn, messages=50)
    d = conninfo_to_dict(postgres_dsn)
    # a password with URI-special characters must survive (trust auth ignores it)
    monkeypatch.setenv(
        "AIRFLOW_CONN_AIMATE_SRC_TEST",
        f"postgres://{d['user']}:p%40ss%2Fw@{d['host']}:{d['port']}/{d['dbname']}",
    )
    uri = airflow_connection_uri("aimate_src_test")
    assert uri.startswith("postgresql://") and "p%40ss%2Fw" in uri
    rows = list(iter_rows(read_chat_messages(uri, START - timedelta(days=1), START + timedelta(days=5))))
    assert len(rows) == 50
