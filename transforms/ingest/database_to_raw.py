"""Ingest one data interval from the app's PostgreSQL database into the same raw zone.

Rows are pulled by `ingested_at` in [start - lookback, end) as Arrow batches (bounded memory), go
through the same validation rules as landing records, and are written to the partition of the
interval's first day as the `postgres` origin's file. Nothing is silently dropped:
rows read = raw rows + quarantined rows + rows skipped because an earlier pull (the lookback overlap)
or the file source already delivered them — checked before the partition becomes visible.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta

import pyarrow as pa

from transforms import schemas
from transforms.ingest.landing_to_raw import (
    ORIGIN_FILES,
    IngestSummary,
    ReconciliationError,
    _BatchWriter,
    carry_over,
    keys_of_other_origins,
)
from transforms.ingest.validate import UNIQUE_KEY, VALIDATORS, InvalidRecord
from transforms.lake import Lake, utcnow

log = logging.getLogger(__name__)

DATABASE_SOURCES = ("chat_messages", "account_events")
RAW_FILE, SIDECAR = ORIGIN_FILES["postgres"]

Reader = Callable[..., Iterator[pa.RecordBatch]]


def _reader(source: str) -> Reader:
    from transforms.sources import postgres

    return {"chat_messages": postgres.read_chat_messages, "account_events": postgres.read_account_events}[source]


def _row_key(source: str, row: dict) -> str:
    """Identity used to skip rows delivered before: the unique id, else a hash of the whole row."""
    key = UNIQUE_KEY[source]
    if key:
        return str(row[key])
    return hashlib.sha256(json.dumps(row, sort_keys=True, default=str).encode()).hexdigest()


def _as_record(row: dict) -> dict:
    """A database row in landing-record form, so the one set of validation rules applies."""
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in row.items()}


def _previous_keys(lake: Lake, source: str, dt: date) -> set[str]:
    """Keys the previous interval's pull already wrote (what the lookback re-reads)."""
    path = f"{lake.partition('raw', source, dt - timedelta(days=1))}/{RAW_FILE}"
    if not lake.exists(path):
        return set()
    table = lake.read_parquet(path)
    key = UNIQUE_KEY[source]
    if key:
        return set(table.column(key).to_pylist())
    return {_row_key(source, r) for r in table.to_pylist()}


def ingest_database_interval(lake: Lake, source: str, start: datetime, end: datetime, conn_uri: str, *,
                             lookback: timedelta = timedelta(hours=2), batch_rows: int = 50_000,
                             reader: Reader | None = None) -> IngestSummary:
    if source not in DATABASE_SOURCES:
        raise ValueError(f"{source!r} has no database origin; expected one of {DATABASE_SOURCES}")
    dt = start.date()
    validate = VALIDATORS[source]
    summary = IngestSummary(source=source, dt=str(dt))
    summary.landing_files = [{"origin": "postgres", "interval": [start.isoformat(), end.isoformat()],
                              "lookback_s": lookback.total_seconds()}]
    delivered = _previous_keys(lake, source, dt)
    in_partition = keys_of_other_origins(lake, source, dt, RAW_FILE)
    seen: set[str] = set()
    skipped = 0
    raw_dir, q_dir = lake.partition("raw", source, dt), lake.partition("quarantine", source, dt)
    read = reader or _reader(source)
    with lake.staged_dir(raw_dir) as raw_stage, lake.staged_dir(q_dir) as q_stage:
        carry_over(lake, raw_dir, raw_stage, (RAW_FILE, SIDECAR))
        carry_over(lake, q_dir, q_stage, (RAW_FILE, SIDECAR))
        raw = _BatchWriter(lake, f"{raw_stage}/{RAW_FILE}", schemas.RAW[source])
        bad = _BatchWriter(lake, f"{q_stage}/{RAW_FILE}", schemas.QUARANTINE)
        for batch in read(conn_uri, start, end, lookback=lookback, batch_rows=batch_rows):
            for row in batch.to_pylist():
                summary.lines += 1
                key = _row_key(source, row)
                if key in delivered or key in seen:
                    skipped += 1  # the lookback overlap: already in raw from an earlier pull
                    continue
                seen.add(key)
                try:
                    if key in in_partition:
                        raise InvalidRecord(f"duplicate {UNIQUE_KEY[source]}: already delivered by the file source")
                    raw.add(validate(_as_record(row)))
                except InvalidRecord as exc:
                    bad.add({"source_file": f"postgres:{source}", "line_no": summary.lines,
                             "record": json.dumps(_as_record(row), ensure_ascii=False)[:4096], "reason": str(exc)})
                    kind = str(exc).split(":")[0]
                    summary.reasons[kind] = summary.reasons.get(kind, 0) + 1
        raw.close()
        bad.close()
        summary.raw_rows, summary.quarantined, summary.row_groups = raw.count, bad.count, raw.groups
        if summary.lines != summary.raw_rows + summary.quarantined + skipped:
            raise ReconciliationError(f"{source} {start}..{end}: {summary.lines} read != {summary.raw_rows} raw + "
                                      f"{summary.quarantined} quarantined + {skipped} already delivered")
        record = {**summary.to_dict(), "origin": "postgres", "overlap_skipped": skipped,
                  "ingested_at": utcnow().isoformat()}
        lake.write_json(f"{raw_stage}/{SIDECAR}", record)
    lake.audit("runs", f"ingest-postgres-{source}-{dt}", {"stage": "ingest", **record})
    log.info("pulled %s %s..%s: %d rows → %d raw + %d quarantined + %d already delivered", source, start, end,
             summary.lines, summary.raw_rows, summary.quarantined, skipped)
    return summary


TABLES = {"chat_messages": "messages", "account_events": "account_events"}


def database_source_uri() -> str | None:
    """URI of the app database when the source is on (or "auto" and its Connection exists), else None.

    The Connection lookup comes first and fails fast; the PostgreSQL client modules are only loaded
    when there is a database to read."""
    from transforms.pipeline_config import load_pipeline_config

    cfg = load_pipeline_config().database_source
    if cfg.enabled == "off":
        return None
    try:
        from airflow.sdk import BaseHook

        BaseHook.get_connection(cfg.conn_id)
    except Exception as exc:  # noqa: BLE001 - Airflow raises its own not-found error type
        if cfg.enabled == "on":
            raise RuntimeError(f"database source is on but connection {cfg.conn_id!r} is unusable: {exc}") from exc
        return None
    from transforms.sources.postgres import airflow_connection_uri

    return airflow_connection_uri(cfg.conn_id)


def count_interval_rows(conn_uri: str, source: str, start: datetime, end: datetime) -> int:
    """Rows of `source` that reached the database in [start, end) (no lookback: what this interval owns)."""
    import psycopg
    from psycopg import sql

    from transforms.sources.postgres import DEFAULT_SCHEMA, _utc

    query = sql.SQL("SELECT count(*) FROM {}.{} WHERE ingested_at >= %s AND ingested_at < %s").format(
        sql.Identifier(DEFAULT_SCHEMA), sql.Identifier(TABLES[source]))
    with psycopg.connect(conn_uri, connect_timeout=10) as conn:
        row = conn.execute(query, (_utc(start), _utc(end))).fetchone()
    return int(row[0]) if row else 0


def pull_interval(lake: Lake, source: str, start: datetime, end: datetime) -> dict:
    """The ingest DAG's database step: pull the interval when the database source is configured."""
    from transforms.pipeline_config import load_pipeline_config

    cfg = load_pipeline_config().database_source
    if cfg.enabled == "off":
        return {"source": source, "origin": "postgres", "skipped": "database source is off in pipeline.yaml"}
    try:
        from transforms.sources.postgres import airflow_connection_uri

        uri = airflow_connection_uri(cfg.conn_id)
    except Exception as exc:  # noqa: BLE001 - Airflow raises its own not-found error type
        if cfg.enabled == "on":
            raise RuntimeError(f"database source is on but connection {cfg.conn_id!r} is unusable: {exc}") from exc
        return {"source": source, "origin": "postgres", "skipped": f"no Airflow connection {cfg.conn_id!r}"}
    summary = ingest_database_interval(lake, source, start, end, uri,
                                       lookback=timedelta(minutes=cfg.lookback_minutes), batch_rows=cfg.batch_rows)
    return {**summary.to_dict(), "origin": "postgres"}
