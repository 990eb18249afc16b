"""Ingest one landing partition (delivery date) of one source into the raw zone.

Streaming: lines are read one by one and written in row groups of `ROW_GROUP_ROWS`, so memory is
bounded by the batch, not the delivery. The raw and quarantine partitions are swapped in atomically,
which makes a rerun of the same interval replace, never duplicate. Every line ends up either in raw
or in quarantine with its reason, and that is checked before anything becomes visible.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from transforms import schemas
from transforms.ingest.validate import RULES_VERSION, UNIQUE_KEY, VALIDATORS, InvalidRecord
from transforms.lake import Lake, utcnow

log = logging.getLogger(__name__)

ROW_GROUP_ROWS = 10_000
RAW_FILE = "part-0.parquet"
SIDECAR = "_ingest.json"
# Each origin owns one file (and sidecar) in a partition, so the file source and the database source
# can both feed the same raw partition without overwriting each other.
ORIGIN_FILES = {"landing": (RAW_FILE, SIDECAR), "postgres": ("part-postgres.parquet", "_ingest-postgres.json")}


class ReconciliationError(RuntimeError):
    """Input lines do not equal raw rows + quarantined rows: nothing is published."""


@dataclass
class IngestSummary:
    source: str
    dt: str
    landing_files: list[dict] = field(default_factory=list)
    landing_fingerprint: str = ""
    lines: int = 0
    raw_rows: int = 0
    quarantined: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    rules_version: str = RULES_VERSION
    row_groups: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


def landing_fingerprint(lake: Lake, source: str, dt: date | str) -> tuple[str, list[pafs.FileInfo]]:
    """Cheap identity of a landing partition (names, sizes, mtimes): changes when a file is
    added, replaced or rewritten by a purge."""
    files = lake.list_files(lake.partition("landing", source, dt), ".jsonl")
    infos = lake.fs.get_file_info(files) if files else []
    h = hashlib.sha256()
    for info in infos:
        h.update(f"{info.base_name}\x1f{info.size}\x1f{info.mtime_ns}\n".encode())
    return h.hexdigest(), infos


def pending_ingest_dates(lake: Lake, source: str) -> list[date]:
    """Landing dates never ingested or whose landing files changed since the last ingest."""
    pending = []
    for dt in lake.list_dates("landing", source):
        sidecar = f"{lake.partition('raw', source, dt)}/{SIDECAR}"
        fingerprint, _ = landing_fingerprint(lake, source, dt)
        if not lake.exists(sidecar) or lake.read_json(sidecar).get("landing_fingerprint") != fingerprint:
            pending.append(dt)
    return pending


class _BatchWriter:
    """Buffers rows and writes them as row groups of a fixed size."""

    def __init__(self, lake: Lake, path: str, schema: pa.Schema) -> None:
        self.schema = schema
        self.rows: list[dict] = []
        self.count = 0
        self.groups = 0
        self._writer = pq.ParquetWriter(path, schema, filesystem=lake.fs, compression="zstd")

    def add(self, row: dict) -> None:
        self.rows.append(row)
        if len(self.rows) >= ROW_GROUP_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self._writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema),
                                     row_group_size=ROW_GROUP_ROWS)
            self.count += len(self.rows)
            self.groups += 1
            self.rows = []

    def close(self) -> None:
        self.flush()
        self._writer.close()


def carry_over(lake: Lake, final_dir: str, stage: str, own: tuple[str, ...]) -> None:
    """Copy the other origins' files of a partition into its staging directory before the swap."""
    for info in lake.fs.get_file_info(pafs.FileSelector(final_dir, allow_not_found=True)):
        if info.type == pafs.FileType.File and info.base_name not in own and not info.base_name.startswith("."):
            lake.fs.copy_file(info.path, f"{stage}/{info.base_name}")


DEDUPE_WINDOW_DAYS = 2  # late rows reach the database up to a day or two after their event date


def keys_of_other_origins(lake: Lake, source: str, dt: date | str, own_file: str) -> set[str]:
    """Unique keys other origins already delivered to this or a neighbouring partition.

    A late row sits in the file source's partition of its event date but in the database pull of its
    arrival date, so the check spans a window of partitions. Only the key column is read.
    """
    key = UNIQUE_KEY[source]
    if key is None:
        return set()
    day = date.fromisoformat(str(dt))
    found: set[str] = set()
    for offset in range(-DEDUPE_WINDOW_DAYS, DEDUPE_WINDOW_DAYS + 1):
        part = lake.partition("raw", source, day + timedelta(days=offset))
        for f in lake.list_files(part, ".parquet"):
            if not f.endswith("/" + own_file):
                found.update(lake.read_parquet(f, columns=[key]).column(key).to_pylist())
    return found


def ingest_partition(lake: Lake, source: str, dt: date | str) -> IngestSummary:
    """Validate `landing/<source>/dt=<dt>` into raw + quarantine; returns the reconciled counts."""
    if source not in VALIDATORS:
        raise ValueError(f"unknown source {source!r}; expected one of {sorted(VALIDATORS)}")
    dt = str(dt)
    validate = VALIDATORS[source]
    unique_key = UNIQUE_KEY[source]
    summary = IngestSummary(source=source, dt=dt)
    summary.landing_fingerprint, infos = landing_fingerprint(lake, source, dt)
    seen = keys_of_other_origins(lake, source, dt, RAW_FILE)

    raw_dir = lake.partition("raw", source, dt)
    quarantine_dir = lake.partition("quarantine", source, dt)
    with lake.staged_dir(raw_dir) as raw_stage, lake.staged_dir(quarantine_dir) as q_stage:
        carry_over(lake, raw_dir, raw_stage, (RAW_FILE, SIDECAR))
        carry_over(lake, quarantine_dir, q_stage, (RAW_FILE, SIDECAR))
        raw = _BatchWriter(lake, f"{raw_stage}/{RAW_FILE}", schemas.RAW[source])
        bad = _BatchWriter(lake, f"{q_stage}/{RAW_FILE}", schemas.QUARANTINE)
        for info in infos:
            digest = hashlib.sha256()
            rel = info.path[len(lake.base) + 1:]
            with lake.fs.open_input_stream(info.path) as stream:
                for line_no, line in enumerate(io.TextIOWrapper(stream, encoding="utf-8", errors="replace"), 1):
                    digest.update(line.encode())
                    if not line.strip():
                        continue  # blank lines are not records
                    summary.lines += 1
                    reason = None
                    try:
                        row = validate(json.loads(line))
                        if unique_key:
                            key = row[unique_key]
                            if key in seen:
                                raise InvalidRecord(f"duplicate {unique_key}: already ingested")
                            seen.add(key)
                    except json.JSONDecodeError as exc:
                        reason = f"invalid JSON: {exc.msg} at column {exc.colno}"
                    except InvalidRecord as exc:
                        reason = str(exc)
                    if reason is None:
                        raw.add(row)
                    else:
                        bad.add({"source_file": rel, "line_no": line_no, "record": line.rstrip("\n")[:4096],
                                 "reason": reason})
                        kind = reason.split(":")[0]
                        summary.reasons[kind] = summary.reasons.get(kind, 0) + 1
            summary.landing_files.append({"path": rel, "bytes": info.size, "sha256": digest.hexdigest()})
        raw.close()
        bad.close()
        summary.raw_rows, summary.quarantined, summary.row_groups = raw.count, bad.count, raw.groups
        if summary.lines != summary.raw_rows + summary.quarantined:
            raise ReconciliationError(
                f"{source} dt={dt}: {summary.lines} landing records != {summary.raw_rows} raw + "
                f"{summary.quarantined} quarantined"
            )
        record = {**summary.to_dict(), "ingested_at": utcnow().isoformat()}
        lake.write_json(f"{raw_stage}/{SIDECAR}", record)
        lake.write_json(f"{q_stage}/{SIDECAR}", record)
    lake.audit("runs", f"ingest-{source}-{dt}", {"stage": "ingest", **record})
    log.info("ingested %s dt=%s: %d lines → %d raw + %d quarantined", source, dt, summary.lines,
             summary.raw_rows, summary.quarantined)
    return summary


def note_purge(lake: Lake, source: str, dt: date | str, *, raw_rows: int, quarantined: int) -> None:
    """Record in the raw sidecar that a rights purge removed rows from landing/raw/quarantine.

    The purge removed the same records from landing, so landing records = raw + quarantined stays
    true; the landing fingerprint is refreshed so the purge does not look like a new delivery.
    """
    path = f"{lake.partition('raw', source, dt)}/{SIDECAR}"
    if not lake.exists(path):
        return
    record = lake.read_json(path)
    record["purged_raw_rows"] = record.get("purged_raw_rows", 0) + raw_rows
    record["purged_quarantined"] = record.get("purged_quarantined", 0) + quarantined
    record["lines"] -= raw_rows + quarantined
    record["raw_rows"] -= raw_rows
    record["quarantined"] -= quarantined
    record["landing_fingerprint"], _ = landing_fingerprint(lake, source, dt)
    lake.write_json(path, record)
