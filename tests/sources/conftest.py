"""PostgreSQL fixtures: a throwaway database per test, skipped (or failed under CI=true) without a server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

PG_HOST = os.environ.get("AIMATE_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("AIMATE_TEST_PG_PORT", "5432"))
PG_USER = os.environ.get("AIMATE_TEST_PG_USER", "postgres")


def server_dsn(host: str = PG_HOST, port: int = PG_PORT, dbname: str = "postgres") -> str:
    return f"postgresql://{PG_USER}@{host}:{port}/{dbname}"


def require_server(host: str = PG_HOST, port: int = PG_PORT) -> str:
    """DSN of the maintenance database, or skip — except under CI=true, where a missing server fails."""
    import psycopg

    dsn = server_dsn(host, port)
    try:
        with psycopg.connect(dsn, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.OperationalError as exc:
        msg = f"PostgreSQL server at {host}:{port} is not reachable ({str(exc).strip().splitlines()[0]})"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(msg + "; CI=true requires it", pytrace=False)
        pytest.skip(msg)
    return dsn


@pytest.fixture(scope="session")
def postgres_server() -> str:
    return require_server()


@pytest.fixture
def postgres_dsn(postgres_server: str) -> Iterator[str]:
    """URI of a fresh throwaway database on the test server, dropped after the test."""
    import psycopg
    from psycopg import sql

    name = f"aimate_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield server_dsn(dbname=name)
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
