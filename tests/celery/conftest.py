"""Servers the Celery integration test needs: skipped without them, except under CI=true (a failure)."""

from __future__ import annotations

import os

import pytest

from transforms.orchestration.cluster import pg_server_url, redis_server_url


def _missing(what: str, detail: str) -> None:
    msg = f"{what} is not reachable ({detail})"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(msg + "; CI=true requires it", pytrace=False)
    pytest.skip(msg)


def _check_postgres() -> None:
    import psycopg

    url = pg_server_url() + "/postgres"
    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.OperationalError as exc:
        _missing(f"PostgreSQL server at {url.rsplit('@', 1)[-1]}", str(exc).strip().splitlines()[0])


def _check_redis() -> None:
    import redis

    url = redis_server_url()
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3)
        client.ping()
        client.close()
    except redis.RedisError as exc:
        _missing(f"Redis server at {url.rsplit('@', 1)[-1]}", str(exc).strip())


def _check_celery_install() -> None:
    """The Celery provider must import with the installed celery (a broken pin is a failure, not a skip)."""
    try:
        from celery.backends.database import retry  # noqa: F401 - what the provider imports
    except ImportError:
        import celery

        pytest.fail(f"apache-airflow-providers-celery cannot start workers with celery {celery.__version__} "
                    "(it imports celery.backends.database.retry, removed in celery 5.7): pin celery<5.7",
                    pytrace=False)


@pytest.fixture(scope="session")
def celery_servers() -> None:
    """PostgreSQL (metadata DB) and Redis (broker) reachable, Celery provider importable."""
    _check_postgres()
    _check_redis()
    _check_celery_install()
