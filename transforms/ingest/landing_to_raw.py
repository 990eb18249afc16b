"""Ingest one landing partition (delivery date) of one source into the raw zone.

Streaming: lines are read one by one and written in row groups of `ROW_GROUP_ROWS`, so memory is
bounded by the batch, not the delivery. The raw and quarantine partitions are swapped in atomically,
which makes a rerun of the same interval replace, never duplicate. Every line ends up either in raw
or in quarantine with its reason, and that is checked before anything becomes visible. A file in the
partition that is not a `.jsonl` delivery is quarantined as a whole (one row naming it), so nothing
delivered goes uncounted. A partition is re-ingested when its landing bytes change or when its raw
file no longer has the bytes ingestion wrote (a corrupt or lost raw file with intact landing).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import asdict, dataclass, field
from datetime import date

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from transforms import schemas
from transforms.ingest.validate import RULES_VERSION, UNIQUE_KEY, VALIDATORS, InvalidRecord, parse_line
from transforms.lake import Lake, utcnow
from transforms.rights.purge import PARTITION_REWRITE_LOCK

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
    lines: int = 0  # input records: non-blank landing lines + files that are not JSONL deliveries
    raw_rows: int = 0
    quarantined: int = 0
    files_quarantined: int = 0
    raw_sha256: str = ""
    reasons: dict[str, int] = field(default_factory=dict)
    rules_version: str = RULES_VERSION
    row_groups: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


DELIVERY_SUFFIX = ".jsonl"


def landing_files(lake: Lake, source: str, dt: date | str) -> list[str]:
    """Every visible file of a landing partition (JSONL deliveries and anything else delivered)."""
    return lake.list_files(lake.partition("landing", source, dt))


def landing_fingerprint(lake: Lake, source: str, dt: date | str) -> tuple[str, list[pafs.FileInfo]]:
    """Identity of a landing partition: sha256 of its files' bytes (see `Lake.fingerprint`)."""
    files = landing_files(lake, source, dt)
    infos = lake.fs.get_file_info(files) if files else []
    return lake.fingerprint(files), infos


def _raw_intact(lake: Lake, source: str, dt: date | str, record: dict) -> bool:
    """The landing-origin raw file still holds the bytes ingestion (or a purge) recorded."""
    expected = record.get("raw_sha256")
    if not expected:
        return True  # written before raw hashes were recorded
    path = f"{lake.partition('raw', source, dt)}/{RAW_FILE}"
    return lake.exists(path) and lake.fingerprint(path) == expected


def pending_ingest_dates(lake: Lake, source: str) -> list[date]:
    """Landing dates never ingested, whose landing bytes changed, or whose raw file is damaged."""
    pending = []
    for dt in lake.list_dates("landing", source):
        sidecar = f"{lake.partition('raw', source, dt)}/{SIDECAR}"
        try:
            record = lake.read_json(sidecar) if lake.exists(sidecar) else None
        except (OSError, ValueError):
            record = None  # an unreadable sidecar: ingest again from landing
        fingerprint, _ = landing_fingerprint(lake, source, dt)
        if record is None or record.get("landing_fingerprint") != fingerprint or not _raw_intact(
                lake, source, dt, record):
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


def keys_already_ingested(lake: Lake, source: str, dt: date | str, own_file: str) -> set[str]:
    """Unique keys already in raw for this source: every delivery date and every origin, except this
    partition's own file (which the ingest replaces). A message re-delivered on a later date, or by
    the database a day late, is a duplicate. Only the key column is read."""
    key = UNIQUE_KEY[source]
    if key is None:
        return set()
    own = f"{lake.partition('raw', source, dt)}/{own_file}"
    found: set[str] = set()
    for day in lake.list_dates("raw", source):
        for f in lake.list_files(lake.partition("raw", source, day), ".parquet"):
            if f == own:
                continue
            try:
                found.update(lake.read_parquet(f, columns=[key]).column(key).to_pylist())
            except (OSError, ValueError, KeyError) as exc:  # a damaged file is re-ingested on its own
                log.warning("duplicate check cannot read %s: %s", f, exc)
    return found


# kept for callers of the old name (the database origin)
def keys_of_other_origins(lake: Lake, source: str, dt: date | str, own_file: str) -> set[str]:
    return keys_already_ingested(lake, source, dt, own_file)


def _not_a_delivery(rel: str, size: int | None) -> str:
    suffix = rel.rsplit("/", 1)[-1].rpartition(".")[2] if "." in rel.rsplit("/", 1)[-1] else ""
    return (f"not a JSONL delivery: file {rel.rsplit('/', 1)[-1]!r} ({size or 0} bytes, "
            f"{'.' + suffix if suffix else 'no extension'}; deliveries are *{DELIVERY_SUFFIX})")


def ingest_partition(lake: Lake, source: str, dt: date | str) -> IngestSummary:
    """Validate `landing/<source>/dt=<dt>` into raw + quarantine; returns the reconciled counts."""
    if source not in VALIDATORS:
        raise ValueError(f"unknown source {source!r}; expected one of {sorted(VALIDATORS)}")
    dt = str(dt)
    validate = VALIDATORS[source]
    unique_key = UNIQUE_KEY[source]
    summary = IngestSummary(source=source, dt=dt)
    files = landing_files(lake, source, dt)
    infos = lake.fs.get_file_info(files) if files else []
    seen = keys_already_ingested(lake, source, dt, RAW_FILE)
    digests: list[tuple[str, str]] = []

    raw_dir = lake.partition("raw", source, dt)
    quarantine_dir = lake.partition("quarantine", source, dt)
    purged = _purged_so_far(lake, f"{raw_dir}/{SIDECAR}")
    # the swaps hold the rewrite lock: a purge resolving moved-aside copies never races one
    with (lake.staged_dir(raw_dir, swap_lock=PARTITION_REWRITE_LOCK) as raw_stage,
          lake.staged_dir(quarantine_dir, swap_lock=PARTITION_REWRITE_LOCK) as q_stage):
        carry_over(lake, raw_dir, raw_stage, (RAW_FILE, SIDECAR))
        carry_over(lake, quarantine_dir, q_stage, (RAW_FILE, SIDECAR))
        raw = _BatchWriter(lake, f"{raw_stage}/{RAW_FILE}", schemas.RAW[source])
        bad = _BatchWriter(lake, f"{q_stage}/{RAW_FILE}", schemas.QUARANTINE)

        def quarantine(rel: str, line_no: int, record: str | None, reason: str) -> None:
            bad.add({"source_file": rel, "line_no": line_no, "record": record, "reason": reason})
            kind = reason.split(":")[0]
            summary.reasons[kind] = summary.reasons.get(kind, 0) + 1

        for info in infos:
            digest = hashlib.sha256()
            rel = info.path[len(lake.base) + 1:]
            if not info.base_name.endswith(DELIVERY_SUFFIX):
                summary.lines += 1
                summary.files_quarantined += 1
                quarantine(rel, 0, None, _not_a_delivery(rel, info.size))
                digests.append((info.path, lake.fingerprint(info.path)))
                summary.landing_files.append({"path": rel, "bytes": info.size, "sha256": digests[-1][1],
                                              "quarantined_as_file": True})
                continue
            for line_no, line in enumerate(lake.iter_lines(info.path), 1):
                digest.update(line)
                if not line.strip():
                    continue  # blank lines are not records
                summary.lines += 1
                try:
                    row = validate(parse_line(line.rstrip(b"\r\n"), first=line_no == 1))
                    if unique_key:
                        key = row[unique_key]
                        if key in seen:
                            raise InvalidRecord(f"duplicate {unique_key}: already ingested")
                        seen.add(key)
                except InvalidRecord as exc:
                    text = line.rstrip(b"\r\n").decode("utf-8", errors="backslashreplace")
                    quarantine(rel, line_no, text[:4096], str(exc))
                else:
                    raw.add(row)
            digests.append((info.path, digest.hexdigest()))
            summary.landing_files.append({"path": rel, "bytes": info.size, "sha256": digest.hexdigest()})
        raw.close()
        bad.close()
        summary.landing_fingerprint = Lake.combine_digests(digests)
        summary.raw_rows, summary.quarantined, summary.row_groups = raw.count, bad.count, raw.groups
        if summary.lines != summary.raw_rows + summary.quarantined:
            raise ReconciliationError(
                f"{source} dt={dt}: {summary.lines} landing records != {summary.raw_rows} raw + "
                f"{summary.quarantined} quarantined"
            )
        summary.raw_sha256 = lake.fingerprint(f"{raw_stage}/{RAW_FILE}")
        record = {**summary.to_dict(), "ingested_at": utcnow().isoformat(), **_carried(summary, purged)}
        lake.write_json(f"{raw_stage}/{SIDECAR}", record)
        lake.write_json(f"{q_stage}/{SIDECAR}", record)
    lake.audit("runs", f"ingest-{source}-{dt}", {"stage": "ingest", **record})
    log.info("ingested %s dt=%s: %d lines → %d raw + %d quarantined", source, dt, summary.lines,
             summary.raw_rows, summary.quarantined)
    return summary


def _purged_so_far(lake: Lake, sidecar: str) -> dict[str, int]:
    """Rows earlier purges removed from this partition (a re-delivery must not forget them)."""
    if not lake.exists(sidecar):
        return {"raw_rows": 0, "quarantined": 0}
    doc = lake.read_json(sidecar)
    return {"raw_rows": int(doc.get("purged_raw_rows") or 0), "quarantined": int(doc.get("purged_quarantined") or 0)}


def _carried(summary: IngestSummary, purged: dict[str, int]) -> dict[str, int]:
    """Purge counts carried across a re-delivery: the landing no longer holds the purged records, so
    what was ever delivered is what is here now plus what purges removed (`delivered_rows`)."""
    if not any(purged.values()):
        return {}
    return {"purged_raw_rows": purged["raw_rows"], "purged_quarantined": purged["quarantined"],
            "ingested_raw_rows": summary.raw_rows + purged["raw_rows"],
            "ingested_quarantined": summary.quarantined + purged["quarantined"],
            "ingested_lines": summary.lines + purged["raw_rows"] + purged["quarantined"]}


def delivered_rows(lake: Lake, source: str, dt: date | str) -> int:
    """Valid rows ever delivered for a day, from every ingest sidecar: raw rows now plus rows purges
    removed. A purge never lowers it, so a release snapshot taken on it sees rows that arrive later
    even when a purge removed as many (`publish.registry.late_rows`)."""
    total = 0
    part = lake.partition("raw", source, str(dt))
    for _raw, name in ORIGIN_FILES.values():
        if lake.exists(f"{part}/{name}"):
            doc = lake.read_json(f"{part}/{name}")
            total += int(doc.get("raw_rows") or 0) + int(doc.get("purged_raw_rows") or 0)
    return total


def _rows(lake: Lake, path: str) -> int:
    return pq.ParquetFile(path, filesystem=lake.fs).metadata.num_rows if lake.exists(path) else 0


def refresh_after_purge(lake: Lake, source: str, dt: date | str) -> None:
    """Bring the raw sidecar in line with what a rights purge left on disk (idempotent).

    The purge removed the same records from landing, raw and quarantine, so landing records = raw +
    quarantined stays true; counts are recomputed from the files (so a repeat after a crash counts
    nothing twice) and the fingerprints refreshed, so the purge neither looks like a new delivery
    nor like a damaged raw file.
    """
    path = f"{lake.partition('raw', source, dt)}/{SIDECAR}"
    if not lake.exists(path):
        return
    record = lake.read_json(path)
    raw_rows = _rows(lake, f"{lake.partition('raw', source, dt)}/{RAW_FILE}")
    quarantined = _rows(lake, f"{lake.partition('quarantine', source, dt)}/{RAW_FILE}")
    for key in ("lines", "raw_rows", "quarantined"):
        record.setdefault(f"ingested_{key}", record.get(key, 0))
    record.update(
        raw_rows=raw_rows, quarantined=quarantined, lines=raw_rows + quarantined,
        purged_raw_rows=record["ingested_raw_rows"] - raw_rows,
        purged_quarantined=record["ingested_quarantined"] - quarantined,
        landing_fingerprint=landing_fingerprint(lake, source, dt)[0],
    )
    raw_file = f"{lake.partition('raw', source, dt)}/{RAW_FILE}"
    if lake.exists(raw_file):
        record["raw_sha256"] = lake.fingerprint(raw_file)
    lake.write_json(path, record)
