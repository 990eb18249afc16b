"""Small lakes in temp dirs, written with the declared schemas; a throwaway key store."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pyarrow as pa
import pytest

from anonymizers.pseudonym import Pseudonymizer
from transforms.lake import Lake
from transforms.schemas import CLEAN, QUARANTINE, RAW, RAW_ACCOUNT_EVENTS


@pytest.fixture(autouse=True)
def _keystore(tmp_path_factory, monkeypatch):
    store = tmp_path_factory.getbasetemp() / "rights-keystore.json"
    monkeypatch.setenv("AIMATE_KEYSTORE", str(store))
    monkeypatch.delenv("AIMATE_KEY_INTERNAL", raising=False)


@pytest.fixture
def lake(tmp_path) -> Lake:
    return Lake(str(tmp_path / "lake"))


@pytest.fixture
def pz() -> Pseudonymizer:
    return Pseudonymizer("internal")


def ts(day: int, hour: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def ev(user_id, event, purpose=None, birth_year=None, when=None, request_id=None) -> dict:
    return {
        "user_id": user_id,
        "event": event,
        "purpose": purpose,
        "birth_year": birth_year,
        "ts": when or ts(1),
        "request_id": request_id,
    }


def write_raw_events(lake: Lake, dt: str, rows: list[dict]) -> None:
    table = pa.Table.from_pylist(rows, schema=RAW_ACCOUNT_EVENTS)
    lake.replace_dir(lake.partition("raw", "account_events", dt), {"part-0.parquet": table})


def write_raw(lake: Lake, source: str, dt: str, rows: list[dict], extra: dict | None = None) -> None:
    table = pa.Table.from_pylist(rows, schema=RAW[source])
    files: dict = {"part-0.parquet": table}
    files.update(extra or {"_ingest.json": {"rows": len(rows)}})
    lake.replace_dir(lake.partition("raw", source, dt), files)


def write_clean(lake: Lake, table_name: str, dt: str, rows: list[dict]) -> None:
    table = pa.Table.from_pylist(rows, schema=CLEAN[table_name])
    lake.replace_dir(
        lake.partition("clean", table_name, dt), {"part-0.parquet": table, "_clean.json": {"rows": len(rows)}}
    )


def write_quarantine(lake: Lake, source: str, dt: str, rows: list[dict]) -> None:
    table = pa.Table.from_pylist(rows, schema=QUARANTINE)
    lake.replace_dir(lake.partition("quarantine", source, dt), {"part-0.parquet": table})


def write_landing(lake: Lake, source: str, dt: str, name: str, lines: list[str | dict]) -> str:
    path = lake.path("landing", source, f"dt={dt}", name)
    body = "".join((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n" for line in lines)
    lake.write_bytes(path, body.encode("utf-8"))
    return path
