"""Airflow Assets that connect the AIMate DAGs: ingestion produces raw, de-identification produces clean,
publishing consumes clean, the rights DAG maintains the ledger. Imported by the DAG files."""

from __future__ import annotations

from airflow.sdk import Asset

RAW_SOURCES = ("chat_messages", "telemetry_events", "account_events")
DATABASE_SOURCES = ("chat_messages", "account_events")

RAW = {s: Asset(name=f"aimate_raw_{s}", uri=f"aimate://raw/{s}", group="raw") for s in RAW_SOURCES}
CLEAN = {s: Asset(name=f"aimate_clean_{s}", uri=f"aimate://clean/{s}", group="clean") for s in RAW_SOURCES}
RIGHTS_LEDGER = Asset(name="aimate_rights_ledger", uri="aimate://rights/ledger", group="rights")
RELEASES = Asset(name="aimate_published_releases", uri="aimate://published", group="published")
