"""Account/rights events as one Arrow table: what the app sent (raw zone) plus what the ledger
remembers after the raw rows are purged or expired."""

from __future__ import annotations

import pyarrow as pa

from transforms.lake import Lake
from transforms.schemas import RAW_ACCOUNT_EVENTS

SOURCE = "account_events"

# event names that are rights requests, and the ledger kind they become
REQUEST_EVENTS = {
    "deletion_requested": "deletion",
    "account_cancelled": "cancellation",
    "consent_withdrawn": "withdrawal",
}
KIND_EVENTS = {kind: event for event, kind in REQUEST_EVENTS.items()}
PURGE_KINDS = ("deletion", "cancellation")


def load_raw_account_events(lake: Lake) -> pa.Table:
    """Every raw account_events partition, cast to the declared schema (empty when none)."""
    tables = []
    for dt in lake.list_dates("raw", SOURCE):
        part = lake.read_partition("raw", SOURCE, dt, RAW_ACCOUNT_EVENTS)
        tables.append(part.select(RAW_ACCOUNT_EVENTS.names).cast(RAW_ACCOUNT_EVENTS))
    if not tables:
        return RAW_ACCOUNT_EVENTS.empty_table()
    return pa.concat_tables(tables)
