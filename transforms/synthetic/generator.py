"""`generate()`: write the synthetic sources to the landing zone and, when asked, their ground truth.

Files are streamed record by record (bounded memory), written aside and renamed into place, and are
byte-identical for the same seed and arguments. The truth lives outside the lake (`truth_dir`) because
it holds the very PII the pipeline must remove.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

import pyarrow.fs as pafs

from transforms.synthetic import malformed
from transforms.synthetic.population import DEFAULT_IP_REGIONS, Population, iso_ms
from transforms.synthetic.streams import (
    ACCOUNT,
    CHAT,
    SOURCES,
    TELEMETRY,
    Item,
    account_events,
    chat_messages,
    telemetry_events,
)

DEFAULT_START = date(2026, 11, 23)  # fixed, so the default output never depends on the clock
GENERATOR_VERSION = "1"
PART_NAME = "part-000.jsonl"


@dataclass
class GenerationSummary:
    """Counts of what was generated (the same numbers go to `<truth_dir>/summary.json`)."""

    seed: int
    start: str
    days: int
    users: int
    minors: int = 0
    minors_with_parental_consent: int = 0
    anonymous_devices: int = 0
    chat_messages: int = 0
    user_messages: int = 0
    user_messages_with_pii: int = 0
    telemetry_events: int = 0
    search_events: int = 0
    search_events_with_pii: int = 0
    account_events: int = 0
    account_events_by_type: dict[str, int] = field(default_factory=dict)
    pii_entities: dict[str, int] = field(default_factory=dict)
    hard_negatives: int = 0
    malformed: dict[str, dict[str, int]] = field(default_factory=dict)
    partitions: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    elapsed_seconds: float = 0.0

    @property
    def pii_share(self) -> float:
        """Share of user chat messages that carry at least one planted PII value."""
        return self.user_messages_with_pii / self.user_messages if self.user_messages else 0.0

    def __str__(self) -> str:
        bad = sum(n for kinds in self.malformed.values() for n in kinds.values())
        return (
            f"{self.chat_messages} chat messages ({self.pii_share:.0%} of user messages with PII), "
            f"{self.telemetry_events} telemetry events, {self.account_events} account events, "
            f"{self.users} users ({self.minors} under 14), {bad} malformed lines"
        )

    def landing_files(self) -> list[str]:
        return [p["path"] for parts in self.partitions.values() for p in parts.values()]

    def to_dict(self) -> dict[str, Any]:
        """Deterministic view (no wall-clock time) for summary.json."""
        d = asdict(self)
        d.pop("elapsed_seconds")
        d["pii_share"] = round(self.pii_share, 4)
        d["generator_version"] = GENERATOR_VERSION
        d["malformed_description"] = malformed.DESCRIPTION
        return d


def lake_filesystem(lake_root: str | Path) -> tuple[pafs.FileSystem, str]:
    """(filesystem, base path) of a lake root: a local folder or a URI pyarrow understands (s3://...)."""
    root = str(lake_root)
    if "://" in root:
        fs, base = pafs.FileSystem.from_uri(root)
    else:
        fs, base = pafs.LocalFileSystem(), str(Path(root).expanduser().resolve())
    return fs, base.rstrip("/")


class _PartitionWriter:
    """One open file per delivery date of a source; written as a hidden `.tmp` and moved on close,
    so ingestion never lists a half-written landing file."""

    def __init__(self, fs: pafs.FileSystem, base: str, source: str) -> None:
        self.fs = fs
        self.base = base
        self.source = source
        self.files: dict[str, tuple[Any, Any]] = {}
        self.lines: Counter[str] = Counter()
        self.valid: Counter[str] = Counter()
        self.bad: dict[str, Counter[str]] = {}

    def _rel(self, dt: str) -> str:
        return f"landing/{self.source}/dt={dt}/{PART_NAME}"

    def _tmp(self, dt: str) -> str:
        return f"{self.base}/landing/{self.source}/dt={dt}/.{PART_NAME}.tmp"

    def write(self, dt: str, line: str, malformed_kind: str | None = None) -> int:
        entry = self.files.get(dt)
        if entry is None:
            self.fs.create_dir(f"{self.base}/landing/{self.source}/dt={dt}", recursive=True)
            entry = (self.fs.open_output_stream(self._tmp(dt), buffer_size=1 << 20), hashlib.sha256())
            self.files[dt] = entry
            self.bad[dt] = Counter()
        data = (line + "\n").encode("utf-8")
        entry[0].write(data)
        entry[1].update(data)
        self.lines[dt] += 1
        if malformed_kind is None:
            self.valid[dt] += 1
        else:
            self.bad[dt][malformed_kind] += 1
        return self.lines[dt]

    def close(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for dt in sorted(self.files):
            fh, digest = self.files[dt]
            fh.close()
            self.fs.move(self._tmp(dt), f"{self.base}/{self._rel(dt)}")
            out[dt] = {
                "path": self._rel(dt),
                "lines": self.lines[dt],
                "valid": self.valid[dt],
                "malformed": dict(sorted(self.bad[dt].items())),
                "sha256": digest.hexdigest(),
            }
        return out


class _Truth:
    """JSONL truth files, or nothing when no truth_dir was asked for."""

    NAMES = ("pii", "hard_negatives", "malformed", "users")

    def __init__(self, truth_dir: Path | None) -> None:
        self.dir = truth_dir
        self.fh: dict[str, IO[str]] = {}
        if truth_dir is not None:
            truth_dir.mkdir(parents=True, exist_ok=True)
            for name in self.NAMES:
                self.fh[name] = (truth_dir / f"{name}.jsonl").open("w", encoding="utf-8", newline="\n")

    def write(self, name: str, row: dict[str, Any]) -> None:
        if self.fh:
            self.fh[name].write(malformed.dumps(row) + "\n")

    def close(self, summary: GenerationSummary) -> None:
        for fh in self.fh.values():
            fh.close()
        if self.dir is not None:
            text = json.dumps(summary.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            (self.dir / "summary.json").write_text(text, encoding="utf-8")


def _malformed_plan(
    n: int, kinds: tuple[str, ...], per_kind: int, rng: random.Random
) -> dict[int, list[str]]:
    """Record index -> malformed kinds to emit just before that record."""
    wanted = [k for k in kinds for _ in range(per_kind)]
    if n == 0 or not wanted:
        return {}
    positions = rng.sample(range(n), len(wanted)) if n >= len(wanted) else [rng.randrange(n) for _ in wanted]
    plan: dict[int, list[str]] = {}
    for pos, kind in zip(positions, wanted, strict=True):
        plan.setdefault(pos, []).append(kind)
    return plan


def _write_source(
    lake: tuple[pafs.FileSystem, str],
    source: str,
    items: Iterable[Item],
    n: int,
    per_kind: int,
    seed: int,
    truth: _Truth,
    summary: GenerationSummary,
) -> None:
    rng = random.Random(f"{seed}:malformed:{source}")
    plan = _malformed_plan(n, malformed.KINDS[source], per_kind, rng)
    writer = _PartitionWriter(*lake, source)
    dumps = malformed.dumps
    entity_counts: Counter[str] = Counter(summary.pii_entities)
    try:
        for i, item in enumerate(items):
            dt = item.dt
            for kind in plan.get(i, ()):
                line, rid = malformed.make(source, kind, item.record, rng)
                line_no = writer.write(dt, line, kind)
                truth.write(
                    "malformed",
                    {"source": source, "dt": dt, "line_no": line_no, "kind": kind, "record_id": rid},
                )
            line_no = writer.write(dt, dumps(item.record))
            for span in item.pii:
                entity_counts[span.kind] += 1
                truth.write(
                    "pii",
                    {
                        "source": source,
                        "dt": dt,
                        "line_no": line_no,
                        "record_id": item.record_id,
                        "field": item.field_name,
                        "entity_type": span.kind,
                        "value": span.value,
                        "normalized": span.normalized,
                        "format": span.fmt,
                        "start": span.start,
                        "end": span.end,
                    },
                )
            for span in item.negatives:
                summary.hard_negatives += 1
                truth.write(
                    "hard_negatives",
                    {
                        "source": source,
                        "dt": dt,
                        "record_id": item.record_id,
                        "field": item.field_name,
                        "kind": span.kind,
                        "value": span.value,
                        "start": span.start,
                        "end": span.end,
                    },
                )
            rec = item.record
            if source == CHAT:
                summary.chat_messages += 1
                if rec["role"] == "user":
                    summary.user_messages += 1
                    summary.user_messages_with_pii += bool(item.pii)
            elif source == TELEMETRY:
                summary.telemetry_events += 1
                if rec["event_type"] == "search":
                    summary.search_events += 1
                    summary.search_events_with_pii += bool(item.pii)
            else:
                summary.account_events += 1
                summary.account_events_by_type[rec["event"]] = (
                    summary.account_events_by_type.get(rec["event"], 0) + 1
                )
    finally:
        parts = writer.close()
    summary.partitions[source] = parts
    totals: Counter[str] = Counter()
    for p in parts.values():
        totals.update(p["malformed"])
    summary.malformed[source] = {k: totals.get(k, 0) for k in malformed.KINDS[source]}
    summary.pii_entities = dict(sorted(entity_counts.items()))


def _user_truth(pop: Population) -> Iterable[dict[str, Any]]:
    for u in pop.users:
        yield {
            "kind": "user",
            "user_id": u.user_id,
            "birth_year": u.birth_year,
            "registered_birth_year": u.registered_birth_year,
            "minor_under_14": u.minor,
            "parental_consent_verified": u.parental_consent,
            "excluded_child": u.minor and not u.parental_consent,
            "country": u.country,
            "language": u.language,
            "app_version": u.app_version,
            "install_source": u.install_source,
            "device": u.device,
            "ips": u.ips,
            "registered_at": iso_ms(u.reg_ms),
            "consents": {p: iso_ms(ms) for p, ms in sorted(u.consents.items())},
            "withdrawals": {p: iso_ms(ms) for p, ms in sorted(u.withdrawals.items())},
            "cancelled": {"ts": iso_ms(u.cancelled[0]), "request_id": u.cancelled[1]}
            if u.cancelled
            else None,
            "deletion": {"ts": iso_ms(u.deletion[0]), "request_id": u.deletion[1]} if u.deletion else None,
        }
    for a in pop.anon_devices:
        yield {
            "kind": "anonymous_device",
            "user_id": None,
            "device": a.device,
            "ips": a.ips,
            "app_version": a.app_version,
            "install_source": a.install_source,
        }


def generate(
    lake_root: str | Path,
    *,
    seed: int = 7,
    days: int = 3,
    users: int = 300,
    messages: int = 2000,
    events: int = 2000,
    start: date = DEFAULT_START,
    truth_dir: Path | None = None,
    malformed_per_kind: int = 1,
    ip_regions: Path = DEFAULT_IP_REGIONS,
) -> GenerationSummary:
    """Write chat, telemetry and account JSONL to `<lake_root>/landing/<source>/dt=<date>/part-000.jsonl`.

    Same seed and arguments give byte-identical files (and truth). `malformed_per_kind` malformed lines
    of every kind are added per source on top of the valid `messages` / `events` records.
    """
    t0 = time.perf_counter()
    lake = lake_filesystem(lake_root)
    pop = Population(seed=seed, users=users, start=start, days=days, ip_regions_path=ip_regions)
    summary = GenerationSummary(seed=seed, start=start.isoformat(), days=days, users=users)
    summary.minors = sum(u.minor for u in pop.users)
    summary.minors_with_parental_consent = sum(u.minor and u.parental_consent for u in pop.users)
    summary.anonymous_devices = len(pop.anon_devices)
    truth = _Truth(Path(truth_dir) if truth_dir is not None else None)
    try:
        n_account = sum(1 for _ in account_events(pop))
        _write_source(lake, ACCOUNT, account_events(pop), n_account, malformed_per_kind, seed, truth, summary)
        _write_source(
            lake,
            CHAT,
            chat_messages(pop, messages, seed=seed),
            messages,
            malformed_per_kind,
            seed,
            truth,
            summary,
        )
        _write_source(
            lake,
            TELEMETRY,
            telemetry_events(pop, events, seed=seed),
            events,
            malformed_per_kind,
            seed,
            truth,
            summary,
        )
        for row in _user_truth(pop):
            truth.write("users", row)
    finally:
        summary.account_events_by_type = dict(sorted(summary.account_events_by_type.items()))
        summary.partitions = {s: summary.partitions[s] for s in SOURCES if s in summary.partitions}
        summary.malformed = {s: summary.malformed[s] for s in SOURCES if s in summary.malformed}
        truth.close(summary)
    summary.elapsed_seconds = round(time.perf_counter() - t0, 3)
    return summary
