"""Purge a set of users' rows from landing, raw, quarantine and clean.

Why it works per partition and rewrites atomically: a partition is the unit readers and the
fingerprints of the other steps see, so a purged partition must appear in one step, with every other
user's rows unchanged (same values, same order, same schema). Landing JSONL files are rewritten
without the user's lines (other lines byte-for-byte identical); Parquet partitions are rewritten
aside and renamed into place with `Lake.replace_dir`, metadata files copied as they were.

A row belongs to a user when:
- Parquet: its `user_id` is the user's id or its `user_pid` is the user's clean-zone pseudonym;
- a landing line or a quarantined `record` string: it parses as JSON with that top-level `user_id`;
  when it does not parse or carries no `user_id`, when the id (or pseudonym) occurs in it as a whole
  token (so a malformed line holding the user's id is removed too, but `u1` never matches `u12`).

Every purge is logged in `rights/purges/` (restricted zone) so completion records can say what was
purged even when the purge and the completion happen in different runs.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from anonymizers.pseudonym import Pseudonymizer
from transforms.lake import Lake, utcnow

log = logging.getLogger(__name__)

PURGE_ZONES = ("landing", "raw", "quarantine", "clean")
# Held while partitions are rewritten by a purge or swapped in by de-identification (never both at once).
PARTITION_REWRITE_LOCK = "partition-rewrites"
PURGE_LOG_DIR = ("rights", "purges")
_TOKEN_CHARS = r"A-Za-z0-9_\-"


@dataclass(frozen=True)
class PurgedRows:
    """Rows of one user removed from one partition."""

    user_id: str
    zone: str
    table: str
    dt: str
    partition: str  # lake-relative, e.g. clean/chat_messages/dt=2026-11-20
    rows: int


@dataclass
class PurgeResult:
    """What one purge run removed."""

    reason: str
    started_at: datetime
    finished_at: datetime | None = None
    removed: list[PurgedRows] = field(default_factory=list)
    partitions_rewritten: list[str] = field(default_factory=list)
    log: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "reason": self.reason,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "removed": [asdict(r) for r in self.removed],
            "partitions_rewritten": list(self.partitions_rewritten),
            "log": self.log,
        }

    def totals(self) -> dict[str, int]:
        out: Counter[str] = Counter()
        for r in self.removed:
            out[r.zone] += r.rows
        return dict(sorted(out.items()))


class Matcher:
    """Decides which user (if any) a row, line or record string belongs to."""

    def __init__(self, user_ids: Iterable[str], pseudonymizer: Pseudonymizer | None = None) -> None:
        self.user_ids = {u for u in user_ids if u}
        pz = pseudonymizer or Pseudonymizer("internal")
        self.pid_to_user = {pz.one("user", u): u for u in self.user_ids}
        tokens = sorted(set(self.user_ids) | set(self.pid_to_user), key=len, reverse=True)
        self._token_re = (
            re.compile(f"(?<![{_TOKEN_CHARS}])(" + "|".join(map(re.escape, tokens)) + f")(?![{_TOKEN_CHARS}])")
            if tokens
            else None
        )

    def __bool__(self) -> bool:
        return bool(self.user_ids)

    def owner_of_text(self, text: str | None) -> str | None:
        """Owner of a landing line / quarantined record: parsed user_id first, whole-token match else."""
        if not text or self._token_re is None:
            return None
        try:
            obj = json.loads(text)
        except (ValueError, RecursionError):
            obj = None
        if isinstance(obj, dict) and obj.get("user_id") not in (None, ""):
            uid = str(obj["user_id"])
            return uid if uid in self.user_ids else None
        m = self._token_re.search(text)
        if not m:
            return None
        tok = m.group(1)
        return self.pid_to_user.get(tok, tok)


def _rel(lake: Lake, path: str) -> str:
    return path[len(lake.base) :].lstrip("/")


def _subdirs(lake: Lake, directory: str) -> list[pafs.FileInfo]:
    if not lake.exists(directory):
        return []
    return sorted(
        (i for i in lake.fs.get_file_info(pafs.FileSelector(directory)) if i.type == pafs.FileType.Directory
         and not i.base_name.startswith(".")),
        key=lambda i: i.path,
    )


def _partitions(lake: Lake, zone: str) -> Iterable[tuple[str, str, str]]:
    """(table, dt, directory) of every dt= partition in a zone."""
    for table in _subdirs(lake, lake.path(zone)):
        for part in _subdirs(lake, table.path):
            if part.base_name.startswith("dt="):
                yield table.base_name, part.base_name[3:], part.path


def _atomic_write(lake: Lake, path: str, data: bytes) -> None:
    directory, name = path.rsplit("/", 1)
    tmp = f"{directory}/.{name}.purge-{uuid.uuid4().hex[:8]}"
    lake.write_bytes(tmp, data)
    lake.fs.move(tmp, path)


_CHUNK = 1 << 20


def _lines(lake: Lake, path: str) -> Iterator[bytes]:
    """A file's lines with their line endings, read in 1 MiB chunks (memory bounded by line size)."""
    with lake.fs.open_input_stream(path) as fh:
        rest = b""
        while chunk := fh.read(_CHUNK):
            parts = (rest + chunk).split(b"\n")
            rest = parts.pop()
            for part in parts:
                yield part + b"\n"
        if rest:
            yield rest


def _owner_of_line(matcher: Matcher, line: bytes) -> str | None:
    return matcher.owner_of_text(line.decode("utf-8", errors="replace").strip())


def _purge_landing_partition(lake: Lake, directory: str, matcher: Matcher) -> Counter[str]:
    """Rewrite each landing file that holds a user's line without it; other lines stay byte-identical."""
    counts: Counter[str] = Counter()
    for path in lake.list_files(directory):
        hits: Counter[str] = Counter(o for o in (_owner_of_line(matcher, ln) for ln in _lines(lake, path)) if o)
        if not hits:
            continue
        counts.update(hits)
        name = path.rsplit("/", 1)[1]
        tmp = f"{directory}/.{name}.purge-{uuid.uuid4().hex[:8]}"
        with lake.fs.open_output_stream(tmp) as out:
            for line in _lines(lake, path):
                if _owner_of_line(matcher, line) is None:
                    out.write(line)
        lake.fs.move(tmp, path)
    return counts


def _row_owners(table: pa.Table, matcher: Matcher) -> list[str | None]:
    """Owner per row (None: not a purged user's row)."""
    owners: list[str | None] = [None] * table.num_rows
    names = set(table.column_names)
    if "user_id" in names:
        col = table.column("user_id").cast(pa.string())
        hit = pc.is_in(col, value_set=pa.array(sorted(matcher.user_ids), pa.string()))
        for i, (h, v) in enumerate(zip(hit.to_pylist(), col.to_pylist(), strict=True)):
            if h:
                owners[i] = v
    if "user_pid" in names:
        col = table.column("user_pid").cast(pa.string())
        hit = pc.is_in(col, value_set=pa.array(sorted(matcher.pid_to_user), pa.string()))
        for i, (h, v) in enumerate(zip(hit.to_pylist(), col.to_pylist(), strict=True)):
            if h and owners[i] is None:
                owners[i] = matcher.pid_to_user[v]
    if "record" in names and pa.types.is_string(table.schema.field("record").type):
        for i, rec in enumerate(table.column("record").to_pylist()):
            if owners[i] is None:
                owners[i] = matcher.owner_of_text(rec)
    return owners


_KEY_COLUMNS = ("user_id", "user_pid", "record")
# the part file ingestion writes from landing (a PostgreSQL pull writes its own part file)
_LANDING_ORIGIN_FILE = "part-0.parquet"


def _note_ingest_sidecars(lake: Lake, touched: dict[tuple[str, str], Counter[str]]) -> None:
    """Tell ingestion's raw sidecar what the purge removed, so landing lines = raw + quarantined
    stays true and the rewritten landing files do not look like a new delivery."""
    if not touched:
        return
    from transforms.ingest.landing_to_raw import note_purge
    from transforms.schemas import SOURCES

    for (source, dt), n in sorted(touched.items()):
        if source not in SOURCES:
            continue
        try:
            note_purge(lake, source, dt, raw_rows=n["raw"], quarantined=n["quarantine"])
        except Exception as exc:  # noqa: BLE001 - the rows are gone; bookkeeping must not undo the answer
            log.warning("could not update the ingest sidecar of %s dt=%s after a purge: %s", source, dt, exc)


_BATCH_ROWS = 64 * 1024


def _keep_mask(batch: pa.RecordBatch, matcher: Matcher) -> tuple[pa.Array, list[str]]:
    owners = _row_owners(pa.Table.from_batches([batch]), matcher)
    return pa.array([o is None for o in owners], pa.bool_()), [o for o in owners if o is not None]


def _purge_parquet_partition(lake: Lake, directory: str, matcher: Matcher) -> Counter[tuple[str, str]]:
    """Rewrite a Parquet partition without the users' rows; counts per (user, file name).

    Streams record batches (memory bounded by batch size): a first pass reads only the key columns to
    find the users' rows, a second rewrites the affected files into a staged copy of the partition,
    which replaces the partition in one rename. Files without such rows are copied unchanged.
    """
    infos = [i for i in lake.fs.get_file_info(pafs.FileSelector(directory)) if not i.base_name.startswith(".")]
    parquet = [i for i in infos if i.type == pafs.FileType.File and i.base_name.endswith(".parquet")]
    counts: Counter[tuple[str, str]] = Counter()
    affected: list[str] = []
    for info in sorted(parquet, key=lambda i: i.path):
        pf = pq.ParquetFile(info.path, filesystem=lake.fs)
        cols = [c for c in _KEY_COLUMNS if c in pf.schema_arrow.names]
        if not cols:
            continue
        found: Counter[str] = Counter()
        for batch in pf.iter_batches(batch_size=_BATCH_ROWS, columns=cols):
            found.update(_keep_mask(batch, matcher)[1])
        if found:
            affected.append(info.base_name)
            for uid, n in found.items():
                counts[(uid, info.base_name)] += n
    if not affected:
        return counts

    def rewrite(src: str, dst: str) -> None:
        pf = pq.ParquetFile(src, filesystem=lake.fs)
        with pq.ParquetWriter(dst, pf.schema_arrow, filesystem=lake.fs, compression="zstd") as writer:
            for batch in pf.iter_batches(batch_size=_BATCH_ROWS):
                writer.write_table(pa.Table.from_batches([batch], schema=pf.schema_arrow).filter(_keep_mask(batch, matcher)[0]))

    if any(i.type == pafs.FileType.Directory for i in infos):
        # unusual layout (subfolders): rewrite file by file, each atomically, leave the rest alone
        for name in affected:
            tmp = f"{directory}/.{name}.purge-{uuid.uuid4().hex[:8]}"
            rewrite(f"{directory}/{name}", tmp)
            lake.fs.move(tmp, f"{directory}/{name}")
        return counts
    with lake.staged_dir(directory) as staging:
        for info in infos:
            if info.base_name in affected:
                rewrite(info.path, f"{staging}/{info.base_name}")
            else:
                lake.fs.copy_file(info.path, f"{staging}/{info.base_name}")
    return counts


STATE_DIR = ("rights", "_state")


def _fingerprint(lake: Lake, directory: str) -> str:
    """Names, sizes and mtimes of a partition's files: changes whenever anything is rewritten."""
    infos = sorted(
        (i for i in lake.fs.get_file_info(pafs.FileSelector(directory)) if not i.base_name.startswith(".")),
        key=lambda i: i.base_name,
    )
    h = hashlib.sha256()
    for i in infos:
        h.update(f"{i.base_name}\x1f{i.type}\x1f{i.size}\x1f{i.mtime_ns}\n".encode())
    return h.hexdigest()


class _ScanCache:
    """Partitions known to hold none of a purge's users since they last changed.

    Why: every deleted user is purged on every run so late rows are caught; without this, each run
    would re-read the whole lake. Per partition it keeps the files' fingerprint and, per purge reason,
    a hash of the user set (and key version) it is free of. A purge only removes rows, so a partition
    free of some users stays free of them after another purge rewrites it. Hashes only; losing the
    file just means one full scan.
    """

    PATH = (*STATE_DIR, "purge-scan.json")

    def __init__(self, lake: Lake, reason: str, matcher: Matcher, key_version: str, enabled: bool) -> None:
        self.lake, self.reason, self.enabled = lake, reason, enabled
        self.path = lake.path(*self.PATH)
        h = hashlib.sha256(f"v1\x1f{key_version}\n".encode())
        for u in sorted(matcher.user_ids):
            h.update(u.encode() + b"\n")
        self.users = h.hexdigest()
        state = lake.read_json(self.path) if enabled and lake.exists(self.path) else {}
        self.before: dict[str, dict] = state.get("partitions", {})
        self.after: dict[str, dict] = {k: dict(v) for k, v in self.before.items()}

    def unchanged(self, rel: str, fingerprint: str) -> bool:
        entry = self.before.get(rel)
        return bool(
            self.enabled and entry and entry.get("fp") == fingerprint
            and entry.get("free_of", {}).get(self.reason) == self.users
        )

    def free_of_users(self, rel: str, fingerprint_before: str, fingerprint_now: str) -> None:
        entry = self.before.get(rel) or {}
        kept = dict(entry.get("free_of", {})) if entry.get("fp") == fingerprint_before else {}
        kept[self.reason] = self.users
        self.after[rel] = {"fp": fingerprint_now, "free_of": kept}

    def save(self) -> None:
        if self.enabled and self.after != self.before:
            body = json.dumps({"partitions": self.after}, indent=1, sort_keys=True).encode()
            _atomic_write(self.lake, self.path, body)


def purge_users(
    lake: Lake,
    user_ids: Iterable[str],
    *,
    reason: str,
    zones: Iterable[str] = PURGE_ZONES,
    pseudonymizer: Pseudonymizer | None = None,
    log: bool = True,
    use_cache: bool = True,
) -> PurgeResult:
    """Remove every row of `user_ids` from the given zones; returns (and logs) what was removed.

    Idempotent: a second run finds nothing and rewrites nothing. Partitions scanned before for the
    same users and unchanged since are skipped (`use_cache=False` forces a full scan).
    """
    with lake.lock(PARTITION_REWRITE_LOCK):
        return _purge_users(lake, user_ids, reason=reason, zones=zones, pseudonymizer=pseudonymizer, log=log,
                            use_cache=use_cache)


def _purge_users(lake: Lake, user_ids: Iterable[str], *, reason: str, zones: Iterable[str],
                 pseudonymizer: Pseudonymizer | None, log: bool, use_cache: bool) -> PurgeResult:
    result = PurgeResult(reason=reason, started_at=utcnow())
    pz = pseudonymizer or Pseudonymizer("internal")
    matcher = Matcher(user_ids, pz)
    touched: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    if matcher:
        cache = _ScanCache(lake, reason, matcher, pz.key_version, use_cache)
        before: dict[str, str] = {}
        for zone in zones:
            if zone not in PURGE_ZONES:
                raise ValueError(f"cannot purge zone {zone!r}")
            for table, dt, directory in _partitions(lake, zone):
                rel = _rel(lake, directory)
                fingerprint = _fingerprint(lake, directory)
                if cache.unchanged(rel, fingerprint):
                    continue
                if zone == "landing":
                    counts = _purge_landing_partition(lake, directory, matcher)
                else:
                    by_file = _purge_parquet_partition(lake, directory, matcher)
                    counts = Counter()
                    for (uid, fname), n in by_file.items():
                        counts[uid] += n
                        if fname == _LANDING_ORIGIN_FILE and zone in ("raw", "quarantine"):
                            touched[(table, dt)][zone] += n
                if not counts:
                    cache.free_of_users(rel, fingerprint, fingerprint)
                    continue
                before[rel] = fingerprint
                if zone == "landing":
                    touched[(table, dt)]["landing"] += sum(counts.values())
                result.partitions_rewritten.append(rel)
                for uid, n in sorted(counts.items()):
                    result.removed.append(PurgedRows(uid, zone, table, dt, rel, n))
        _note_ingest_sidecars(lake, touched)
        for rel in result.partitions_rewritten:  # our own rewrite (and sidecar note) holds no such user
            cache.free_of_users(rel, before[rel], _fingerprint(lake, lake.path(rel)))
        for source, dt in touched:  # a raw partition whose only change is our sidecar note
            rel = f"raw/{source}/dt={dt}"
            entry = cache.after.get(rel)
            if rel not in before and entry and lake.exists(lake.path(rel)):
                entry["fp"] = _fingerprint(lake, lake.path(rel))
        cache.save()
    result.finished_at = utcnow()
    if log and result.removed:
        result.log = write_purge_log(lake, result)
    return result


def write_purge_log(lake: Lake, result: PurgeResult) -> str:
    """Persist a purge's per-user footprint (restricted zone: it holds raw user ids)."""
    name = f"{result.finished_at or utcnow():%Y%m%dT%H%M%S%fZ}-{uuid.uuid4().hex[:8]}.json"
    path = lake.path(*PURGE_LOG_DIR, name)
    body = {k: v for k, v in result.to_dict().items() if k != "log"}
    _atomic_write(lake, path, json.dumps(body, indent=2, sort_keys=True, ensure_ascii=False).encode())
    return _rel(lake, path)


def read_purge_logs(lake: Lake, user_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Removed-row entries from every purge log (optionally for some users), each with `purged_at`."""
    wanted = set(user_ids) if user_ids is not None else None
    out = []
    for path in lake.list_files(lake.path(*PURGE_LOG_DIR), ".json"):
        doc = lake.read_json(path)
        for r in doc.get("removed", []):
            if wanted is None or r["user_id"] in wanted:
                out.append({**r, "reason": doc.get("reason"), "purged_at": doc.get("finished_at"), "log": _rel(lake, path)})
    return out
