"""The app's OLTP database as a source: schema, synthetic fill, and incremental Arrow readers.

Why this shape: production chat logs and account/rights events live in PostgreSQL. Ingestion pulls
them by the DAG run's data interval on `ingested_at` (set by the server when the row arrives), not on
`created_at`, so a row that arrives late (phone offline, replica lag) is still picked up by the next
interval. A `lookback` re-reads the end of the previous interval to cover rows committed after it ran;
the duplicates that overlap produces are removed by ingestion (dedupe on `message_id`).
Readers stream through ADBC (binary COPY → Arrow) so memory is bounded by the batch size.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import psycopg
import pyarrow as pa
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from transforms import schemas
from transforms.synthetic import vocab
from transforms.synthetic.generator import DEFAULT_START
from transforms.synthetic.population import Population
from transforms.synthetic.streams import account_events, chat_messages

DEFAULT_DATABASE = "aimate_src"
DEFAULT_SCHEMA = "aimate_app"
DEFAULT_LOOKBACK = timedelta(hours=2)
_IDENT = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

CHAT_COLUMNS = tuple(schemas.RAW_CHAT_MESSAGES.names)
ACCOUNT_COLUMNS = tuple(schemas.RAW_ACCOUNT_EVENTS.names)

_DDL = """
CREATE SCHEMA IF NOT EXISTS {s};
CREATE TABLE IF NOT EXISTS {s}.characters (
    character_id text PRIMARY KEY,
    name         text NOT NULL,
    category     text NOT NULL,
    language     text NOT NULL
);
CREATE TABLE IF NOT EXISTS {s}.users (
    user_id        text PRIMARY KEY,
    birth_year     integer NOT NULL,
    country        text NOT NULL,
    language       text,
    timezone       text,
    app_version    text,
    install_source text,
    registered_at  timestamptz NOT NULL,
    ingested_at    timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS {s}.conversations (
    conversation_id text PRIMARY KEY,
    user_id         text NOT NULL REFERENCES {s}.users (user_id),
    character_id    text NOT NULL REFERENCES {s}.characters (character_id),
    started_at      timestamptz NOT NULL,
    ingested_at     timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS {s}.messages (
    message_id      text PRIMARY KEY,
    conversation_id text NOT NULL REFERENCES {s}.conversations (conversation_id),
    user_id         text NOT NULL,
    character_id    text NOT NULL,
    role            text NOT NULL CHECK (role IN ('user', 'assistant')),
    content_type    text NOT NULL CHECK (content_type IN ('text', 'voice_transcript')),
    text            text NOT NULL,
    created_at      timestamptz NOT NULL,
    app_version     text NOT NULL,
    ingested_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS messages_ingested_at_idx ON {s}.messages (ingested_at, message_id);
CREATE TABLE IF NOT EXISTS {s}.account_events (
    event_id    text PRIMARY KEY,
    user_id     text NOT NULL,
    event       text NOT NULL CHECK (event IN ('registered', 'consent_granted', 'consent_withdrawn',
                    'account_cancelled', 'deletion_requested', 'age_declared', 'parental_consent_verified')),
    purpose     text CHECK (purpose IN ('model_improvement', 'research_sharing', 'personalisation')),
    birth_year  integer,
    ts          timestamptz NOT NULL,
    request_id  text,
    ingested_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS account_events_ingested_at_idx ON {s}.account_events (ingested_at, event_id);
"""

# table -> (primary key, columns loaded from the generator, in COPY order)
_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "characters": ("character_id", ("character_id", "name", "category", "language")),
    "users": ("user_id", ("user_id", "birth_year", "country", "language", "timezone", "app_version",
                          "install_source", "registered_at", "ingested_at")),
    "conversations": ("conversation_id", ("conversation_id", "user_id", "character_id", "started_at",
                                          "ingested_at")),
    "messages": ("message_id", (*CHAT_COLUMNS, "ingested_at")),
    "account_events": ("event_id", ("event_id", *ACCOUNT_COLUMNS, "ingested_at")),
}  # fmt: skip


def _ident(name: str) -> str:
    if not _IDENT.match(name):
        raise ValueError(f"not a plain lower-case SQL identifier: {name!r}")
    return name


def database_conninfo(dsn: str, database: str) -> str:
    """The same server and credentials as `dsn`, pointed at `database`."""
    return make_conninfo(dsn, dbname=database)


def conninfo_to_uri(conninfo: str) -> str:
    """A `postgresql://` URI for ADBC from any libpq conninfo (key=value or URI)."""
    if conninfo.startswith(("postgresql://", "postgres://")):
        return "postgresql://" + conninfo.split("://", 1)[1]
    from urllib.parse import quote

    d = conninfo_to_dict(conninfo)
    auth = quote(str(d.pop("user", "")), safe="")
    if "password" in d:
        auth += ":" + quote(str(d.pop("password")), safe="")
    host = str(d.pop("host", "127.0.0.1"))
    port = d.pop("port", None)
    db = quote(str(d.pop("dbname", "")), safe="")
    query = "&".join(f"{k}={quote(str(v), safe='')}" for k, v in sorted(d.items()))
    return f"postgresql://{auth + '@' if auth else ''}{host}{':' + str(port) if port else ''}/{db}" + (
        f"?{query}" if query else ""
    )


def airflow_connection_uri(conn_id: str) -> str:
    """URI of an Airflow Connection (e.g. env `AIRFLOW_CONN_AIMATE_SRC`) usable by the readers.

    Airflow renders postgres connections as `postgres://...` with Airflow-only query keys; libpq and ADBC
    want a clean `postgresql://` URI.
    """
    from airflow.sdk import BaseHook

    c = BaseHook.get_connection(conn_id)
    kwargs: dict[str, Any] = {"host": c.host or "127.0.0.1", "port": c.port or 5432, "dbname": c.schema or ""}
    if c.login:
        kwargs["user"] = c.login
    if c.password:
        kwargs["password"] = c.password
    return conninfo_to_uri(make_conninfo("", **kwargs))


def ensure_database(dsn: str, database: str = DEFAULT_DATABASE) -> str:
    """Create `database` on the server of `dsn` if it does not exist; returns its conninfo."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone()
        if not exists:
            try:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
            except psycopg.errors.DuplicateDatabase:  # created concurrently
                pass
    return database_conninfo(dsn, database)


def create_schema(conn: psycopg.Connection, schema: str = DEFAULT_SCHEMA) -> None:
    """Create the OLTP tables (idempotent)."""
    conn.execute(sql.SQL(_DDL).format(s=sql.Identifier(_ident(schema))))


def _upsert(
    conn: psycopg.Connection, schema: str, table: str, rows: list[tuple[Any, ...]]
) -> tuple[int, int]:
    """Insert rows, update changed ones (a changed row is re-delivered: ingested_at = now()).

    Returns (inserted, updated); identical rows are left alone, which is what makes reloading idempotent.
    """
    if not rows:
        return 0, 0
    key, cols = _TABLES[table]
    stage = sql.Identifier(f"stage_{table}")
    target = sql.Identifier(schema, table)
    conn.execute(
        sql.SQL("CREATE TEMP TABLE IF NOT EXISTS {} (LIKE {} INCLUDING DEFAULTS)").format(stage, target)
    )
    conn.execute(sql.SQL("TRUNCATE {}").format(stage))
    col_ids = sql.SQL(", ").join(map(sql.Identifier, cols))
    with conn.cursor() as cur:
        with cur.copy(sql.SQL("COPY {} ({}) FROM STDIN").format(stage, col_ids)) as copy:
            for row in rows:
                copy.write_row(row)
        data_cols = [c for c in cols if c not in (key, "ingested_at")]
        sets = sql.SQL(", ").join(sql.SQL("{0} = EXCLUDED.{0}").format(sql.Identifier(c)) for c in data_cols)
        if "ingested_at" in cols:
            sets = sql.SQL("{}, ingested_at = now()").format(sets)
        old = sql.SQL(", ").join(sql.SQL("t.{}").format(sql.Identifier(c)) for c in data_cols)
        new = sql.SQL(", ").join(sql.SQL("EXCLUDED.{}").format(sql.Identifier(c)) for c in data_cols)
        cur.execute(
            sql.SQL(
                "INSERT INTO {target} AS t ({cols}) SELECT {cols} FROM {stage} "
                "ON CONFLICT ({key}) DO UPDATE SET {sets} WHERE ({old}) IS DISTINCT FROM ({new}) "
                "RETURNING (xmax = 0)"
            ).format(
                target=target, cols=col_ids, stage=stage, key=sql.Identifier(key), sets=sets, old=old, new=new
            )
        )
        flags = [r[0] for r in cur.fetchall()]
    return sum(flags), len(flags) - sum(flags)


def _parse_ts(s: str) -> datetime:
    return datetime.fromisoformat(s)


def account_event_id(record: dict[str, Any]) -> str:
    """Deterministic primary key of an account event (the JSONL record has none)."""
    key = "|".join(str(record[c]) for c in ACCOUNT_COLUMNS)
    return "ae_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def _arrival_delay(rng: random.Random, late_share: float) -> timedelta:
    """How long after creation a row reaches the database: usually instant, sometimes hours late."""
    x = rng.random()
    if x < late_share:
        return timedelta(seconds=rng.randint(3 * 3600, 30 * 3600))  # offline phone syncing next day
    if x < late_share + 0.04:
        return timedelta(seconds=rng.randint(60, 1800))
    return timedelta(milliseconds=rng.randint(20, 2000))


def load_synthetic(
    dsn: str,
    *,
    database: str = DEFAULT_DATABASE,
    schema: str = DEFAULT_SCHEMA,
    seed: int = 7,
    days: int = 3,
    users: int = 300,
    messages: int = 2000,
    start: date = DEFAULT_START,
    late_share: float = 0.01,
    batch_rows: int = 10_000,
) -> dict[str, int]:
    """Create `database`.`schema` and upsert the generator's records (same seed/sizes as `generate`).

    `ingested_at` is set to the record time plus a seeded arrival delay (a `late_share` of rows arrive
    3-30 hours late), so incremental pulls over the synthetic dates behave like production.
    Returns counts: rows per table, how many were inserted/updated by this run, and late rows.
    """
    target = ensure_database(dsn, database)
    pop = Population(seed=seed, users=users, start=start, days=days)
    rng = random.Random(f"{seed}:postgres-arrival")
    counts: dict[str, int] = {}

    def add(table: str, result: tuple[int, int]) -> None:
        counts[f"{table}_inserted"] = counts.get(f"{table}_inserted", 0) + result[0]
        counts[f"{table}_updated"] = counts.get(f"{table}_updated", 0) + result[1]

    with psycopg.connect(target) as conn:
        create_schema(conn, schema)
        add("characters", _upsert(conn, schema, "characters", list(vocab.CHARACTERS)))
        user_rows = [
            (
                u.user_id,
                u.birth_year,
                u.country,
                u.language,
                u.timezone,
                u.app_version,
                u.install_source,
                _ms(u.reg_ms),
                _ms(u.reg_ms) + _arrival_delay(rng, 0.0),
            )
            for u in pop.users
        ]
        add("users", _upsert(conn, schema, "users", user_rows))
        conn.commit()
        late = 0
        for conv_rows, msg_rows, n_late in _message_batches(pop, messages, seed, rng, late_share, batch_rows):
            add("conversations", _upsert(conn, schema, "conversations", conv_rows))
            add("messages", _upsert(conn, schema, "messages", msg_rows))
            conn.commit()
            late += n_late
        acc_rows = []
        for item in account_events(pop):
            r = item.record
            created = _parse_ts(r["ts"])
            acc_rows.append(
                (
                    account_event_id(r),
                    *(r[c] if c != "ts" else created for c in ACCOUNT_COLUMNS),
                    created + _arrival_delay(rng, 0.0),
                )
            )
            if len(acc_rows) >= batch_rows:
                add("account_events", _upsert(conn, schema, "account_events", acc_rows))
                acc_rows = []
        add("account_events", _upsert(conn, schema, "account_events", acc_rows))
        conn.commit()
        for table in _TABLES:
            row = conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(schema, table))
            ).fetchone()
            counts[table] = int(row[0]) if row else 0
        counts["late_messages"] = late
    return counts


def _ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def _message_batches(
    pop: Population, n: int, seed: int, rng: random.Random, late_share: float, batch_rows: int
) -> Iterator[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], int]]:
    """Batches of (new conversations, messages, late count); a conversation precedes its messages."""
    convs: list[tuple[Any, ...]] = []
    msgs: list[tuple[Any, ...]] = []
    late = 0
    last_conv = None
    for item in chat_messages(pop, n, seed=seed):
        r = item.record
        created = _parse_ts(r["created_at"])
        delay = _arrival_delay(rng, late_share)
        late += delay >= timedelta(hours=3)
        if r["conversation_id"] != last_conv:
            last_conv = r["conversation_id"]
            convs.append((last_conv, r["user_id"], r["character_id"], created, created + delay))
        msgs.append((*(r[c] if c != "created_at" else created for c in CHAT_COLUMNS), created + delay))
        if len(msgs) >= batch_rows:
            yield convs, msgs, late
            convs, msgs, late = [], [], 0
    if msgs or convs:
        yield convs, msgs, late


# -- incremental readers --------------------------------------------------------------------------


def _utc(ts: datetime) -> datetime:
    """Aware UTC datetime (naive input is taken as UTC, as Airflow data intervals are)."""
    return ts.replace(tzinfo=UTC) if ts.tzinfo is None else ts.astimezone(UTC)


def _read(
    conn_uri: str,
    table: str,
    key: str,
    target: pa.Schema,
    start: datetime,
    end: datetime,
    lookback: timedelta,
    batch_rows: int,
    schema: str,
    include_ingested_at: bool,
) -> Iterator[pa.RecordBatch]:
    import adbc_driver_postgresql.dbapi as adbc

    if batch_rows < 1:
        raise ValueError("batch_rows must be >= 1")
    lo, hi = _utc(start) - lookback, _utc(end)
    if include_ingested_at:
        target = target.append(pa.field("ingested_at", schemas.TS, nullable=False))
    cols = ", ".join(f'"{c}"' for c in target.names)
    # Literals, not bind parameters: ADBC streams parameter-free queries with binary COPY.
    query = (
        f'SELECT {cols} FROM "{_ident(schema)}"."{table}" '
        f"WHERE ingested_at >= '{lo.isoformat()}'::timestamptz AND ingested_at < '{hi.isoformat()}'::timestamptz "
        f'ORDER BY ingested_at, "{key}"'
    )
    with adbc.connect(conninfo_to_uri(conn_uri)) as conn, conn.cursor() as cur:
        hint = max(1 << 20, min(64 << 20, batch_rows * 512))
        cur.adbc_statement.set_options(**{"adbc.postgresql.batch_size_hint_bytes": str(hint)})
        cur.execute(query)
        reader = cur.fetch_record_batch()
        for batch in reader:
            arrays = [batch.column(i).cast(f.type) for i, f in enumerate(target)]
            out = pa.RecordBatch.from_arrays(arrays, schema=target)
            for offset in range(0, out.num_rows, batch_rows):
                yield out.slice(offset, batch_rows)


def read_chat_messages(
    conn_uri: str,
    start: datetime,
    end: datetime,
    *,
    lookback: timedelta = DEFAULT_LOOKBACK,
    batch_rows: int = 50_000,
    schema: str = DEFAULT_SCHEMA,
    include_ingested_at: bool = False,
) -> Iterator[pa.RecordBatch]:
    """Messages whose `ingested_at` is in [start - lookback, end), as batches of `schemas.RAW_CHAT_MESSAGES`.

    Ordered by (ingested_at, message_id); at most `batch_rows` rows per batch. Rows of the lookback
    overlap are returned again on purpose (dedupe on message_id downstream).
    """
    yield from _read(
        conn_uri,
        "messages",
        "message_id",
        schemas.RAW_CHAT_MESSAGES,
        start,
        end,
        lookback,
        batch_rows,
        schema,
        include_ingested_at,
    )


def read_account_events(
    conn_uri: str,
    start: datetime,
    end: datetime,
    *,
    lookback: timedelta = DEFAULT_LOOKBACK,
    batch_rows: int = 50_000,
    schema: str = DEFAULT_SCHEMA,
    include_ingested_at: bool = False,
) -> Iterator[pa.RecordBatch]:
    """Account/rights events whose `ingested_at` is in [start - lookback, end), as `schemas.RAW_ACCOUNT_EVENTS`.

    Events have no id in the record: the full row is the natural key for deduping the lookback overlap.
    """
    yield from _read(
        conn_uri,
        "account_events",
        "event_id",
        schemas.RAW_ACCOUNT_EVENTS,
        start,
        end,
        lookback,
        batch_rows,
        schema,
        include_ingested_at,
    )


def iter_rows(batches: Iterable[pa.RecordBatch]) -> Iterator[dict[str, Any]]:
    """Rows of Arrow batches as dicts (tests and small tools; not for bulk paths)."""
    for b in batches:
        yield from b.to_pylist()
