"""Delivery-aware ingest: a date nothing was delivered for is "not delivered yet" and writes nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from transforms.ingest.delivery import check_delivery, landing_file_count
from transforms.lake import Lake


def _lake(tmp_path) -> Lake:
    return Lake(str(tmp_path))


def _deliver(tmp_path, source: str, dt: str, name: str = "part-0.jsonl", body: str = '{"a": 1}\n') -> None:
    d = tmp_path / "landing" / source / f"dt={dt}"
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_text(body)


def test_nothing_delivered_is_not_delivered_yet(tmp_path) -> None:
    d = check_delivery(_lake(tmp_path), "2026-11-30")
    assert not d.delivered
    assert d.work() == []
    assert "not delivered yet" in d.describe()


def test_an_empty_partition_folder_or_hidden_files_are_not_a_delivery(tmp_path) -> None:
    (tmp_path / "landing" / "chat_messages" / "dt=2026-11-30").mkdir(parents=True)
    _deliver(tmp_path, "telemetry_events", "2026-11-30", name=".part-0.jsonl.tmp")
    _deliver(tmp_path, "telemetry_events", "2026-11-30", name="_SUCCESS")
    assert not check_delivery(_lake(tmp_path), "2026-11-30").delivered


def test_only_the_sources_that_delivered_are_ingested(tmp_path) -> None:
    _deliver(tmp_path, "chat_messages", "2026-11-30")
    _deliver(tmp_path, "chat_messages", "2026-11-30", name="late.csv")  # still a delivery: ingest decides
    d = check_delivery(_lake(tmp_path), "2026-11-30")
    assert d.delivered and d.files["chat_messages"] == 2
    assert d.work() == [{"source": "chat_messages", "dt": "2026-11-30", "files": True, "database": False}]
    assert landing_file_count(_lake(tmp_path), "telemetry_events", "2026-11-30") == 0


def test_database_rows_alone_are_a_delivery_and_are_pulled(tmp_path) -> None:
    counted = []

    def count(source, start, end):
        counted.append((source, start, end))
        return {"chat_messages": 0, "account_events": 7}[source]

    start, end = datetime(2026, 11, 30, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
    d = check_delivery(_lake(tmp_path), "2026-11-30", database_sources=("chat_messages", "account_events"),
                       count_rows=count, interval=(start, end), database="configured")
    assert d.delivered
    assert d.work() == [{"source": "account_events", "dt": "2026-11-30", "files": False, "database": True}]
    assert counted == [("chat_messages", start, end), ("account_events", start, end)]


def test_no_database_connection_is_answered_without_loading_the_database_client(tmp_path, monkeypatch) -> None:
    import subprocess
    import sys

    # A fresh interpreter: the PostgreSQL client modules must not be imported to learn there is no source.
    code = ("import sys; from transforms.ingest.database_to_raw import database_source_uri; "
            "assert database_source_uri() is None; "
            "assert 'transforms.sources.postgres' not in sys.modules and 'psycopg' not in sys.modules, "
            "sorted(m for m in sys.modules if 'psycopg' in m or 'postgres' in m)")
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("AIRFLOW_CONN_")}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
