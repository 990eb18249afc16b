"""Pull-based sources (the app's PostgreSQL OLTP database) read incrementally into Arrow batches."""

from transforms.sources.postgres import (
    DEFAULT_DATABASE,
    DEFAULT_LOOKBACK,
    DEFAULT_SCHEMA,
    airflow_connection_uri,
    load_synthetic,
    read_account_events,
    read_chat_messages,
)

__all__ = [
    "DEFAULT_DATABASE",
    "DEFAULT_LOOKBACK",
    "DEFAULT_SCHEMA",
    "airflow_connection_uri",
    "load_synthetic",
    "read_account_events",
    "read_chat_messages",
]
