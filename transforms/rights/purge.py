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

Purge evidence is durable and exact after any crash: each rewritten partition (each landing file)
gets a journal entry in `rights/purges/<run>/` written *before* its swap as `NNNNN.pending`, naming
the staged copy, and committed (`NNNNN.json`) after it. A pending entry whose staged copy still
exists was never swapped in (void); one whose staged copy is gone was (committed) — settled at the
start of every purge and by the run-start recovery sweep, before any leftover is removed.

A failure in one partition (an unreadable file, a folder that cannot be written) is recorded and the
purge goes on with every other partition: a deletion is never blocked by an unrelated failure. The
users whose rows may remain there are reported, so their requests are not marked complete.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from anonymizers.pseudonym import Pseudonymizer
from transforms.lake import Lake, parse_partition_name, utcnow
from transforms.recovery import sweep_leftovers
from transforms.rights.purge_journal import (  # noqa: F401 - the journal's API is the purge's evidence
    PURGE_LOG_DIR,
    PurgeJournal,
    read_purge_logs,
    settle_purge_journal,
)

log = logging.getLogger(__name__)

PURGE_ZONES = ("landing", "raw", "quarantine", "clean")
# Held while partitions are rewritten by a purge or swapped in by de-identification (never both at once).
PARTITION_REWRITE_LOCK = "partition-rewrites"
_TOKEN_CHARS = r"A-Za-z0-9_\-"
# A purge may run next to a live ingest (Airflow): it leaves staged copies younger than this alone
# (the run-start recovery sweep, with nothing else running, removes any age).
LIVE_STAGING_S = 3600.0


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
    failures: list[dict[str, Any]] = field(default_factory=list)  # partition, error, users (None: unknown)
    recovered: list[dict[str, Any]] = field(default_factory=list)  # leftovers resolved on the way

    def incomplete_users(self, user_ids: Iterable[str]) -> set[str]:
        """Users whose rows may remain in a partition the purge could not rewrite."""
        out: set[str] = set()
        for f in self.failures:
            out |= set(user_ids) if f.get("users") is None else set(f["users"])
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "reason": self.reason,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "removed": [asdict(r) for r in self.removed],
            "partitions_rewritten": list(self.partitions_rewritten),
            "log": self.log,
            "failures": [{k: v for k, v in f.items() if k != "users"} for f in self.failures],
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
        owners: list[str] = []

        def collect(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            # every `user_id` value, duplicates included: a record naming a user twice is theirs
            owners.extend(str(v) for k, v in pairs if k == "user_id" and v not in (None, ""))
            return dict(pairs)

        try:
            obj = json.loads(text, object_pairs_hook=collect)
        except (ValueError, RecursionError):
            obj = None
        if isinstance(obj, dict) and owners:
            return next((u for u in owners if u in self.user_ids), None)
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


def _partitions(lake: Lake, zone: str, recovered: list[dict[str, Any]]) -> Iterable[tuple[str, str, str]]:
    """(table, dt, directory) of every dt= partition in a zone, after resolving hidden leftovers.

    A crash mid-swap leaves `.dt=….old-*` / `.dt=….tmp-*` copies that hold the same users' rows;
    they are resolved (restored, or deleted) before the scan, so no hidden copy survives a purge.
    Folders named like a partition but without a real date are purged too (their rows are rows).
    """
    for table in _subdirs(lake, lake.path(zone)):
        recovered += sweep_leftovers(lake, table.path, tmp_min_age_s=LIVE_STAGING_S)
        for part in _subdirs(lake, table.path):
            if part.base_name.startswith("dt="):
                if parse_partition_name(part.base_name) is None:
                    lake.report_bad_name(part.path)
                yield table.base_name, part.base_name[3:], part.path


def _owner_of_line(matcher: Matcher, line: bytes) -> str | None:
    return matcher.owner_of_text(line.decode("utf-8", errors="backslashreplace").strip())


def _purge_landing_file(lake: Lake, path: str, matcher: Matcher, journal: PurgeJournal,
                        where: tuple[str, str, str]) -> Counter[str]:
    """Rewrite one landing file without the users' lines; other lines stay byte-identical."""
    hits: Counter[str] = Counter(o for o in (_owner_of_line(matcher, ln) for ln in lake.iter_lines(path)) if o)
    if not hits:
        return hits
    with lake.staged_file(path) as tmp:
        with lake.fs.open_output_stream(tmp) as out:
            for line in lake.iter_lines(path):
                if _owner_of_line(matcher, line) is None:
                    out.write(line)
        entry = journal.pending("landing", *where, hits, tmp, file=_rel(lake, path))
    journal.commit(entry)
    return hits


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


_BATCH_ROWS = 64 * 1024


def _keep_mask(batch: pa.RecordBatch, matcher: Matcher) -> tuple[pa.Array, list[str]]:
    owners = _row_owners(pa.Table.from_batches([batch]), matcher)
    return pa.array([o is None for o in owners], pa.bool_()), [o for o in owners if o is not None]


def _purge_parquet_partition(lake: Lake, directory: str, matcher: Matcher, journal: PurgeJournal,
                             where: tuple[str, str, str, str]) -> Counter[tuple[str, str]]:
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

    zone = where[0]

    def users(name: str | None = None) -> Counter[str]:
        out: Counter[str] = Counter()
        for (uid, fname), n in counts.items():
            if name is None or fname == name:
                out[uid] += n
        return out

    if any(i.type == pafs.FileType.Directory for i in infos):
        # unusual layout (subfolders): rewrite file by file, each atomically, leave the rest alone
        for name in affected:
            with lake.staged_file(f"{directory}/{name}") as tmp:
                rewrite(f"{directory}/{name}", tmp)
                entry = journal.pending(zone, *where[1:], users(name), tmp, file=f"{where[3]}/{name}")
            journal.commit(entry)
        return counts
    with lake.staged_dir(directory) as staging:
        for info in infos:
            if info.base_name in affected:
                rewrite(info.path, f"{staging}/{info.base_name}")
            else:
                lake.fs.copy_file(info.path, f"{staging}/{info.base_name}")
        entry = journal.pending(zone, *where[1:], users(), staging)
    journal.commit(entry)
    return counts


STATE_DIR = ("rights", "_state")


def _fingerprint(lake: Lake, directory: str) -> str:
    """The partition's bytes on disk (`Lake.fingerprint`), plus the names of any subfolders."""
    subdirs = sorted(i.base_name for i in _subdirs(lake, directory))
    return hashlib.sha256(f"{lake.fingerprint(directory)}\x1f{subdirs}".encode()).hexdigest()


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
            self.lake.write_bytes(self.path, body)


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
    """Remove every row of `user_ids` from the given zones; returns what was removed.

    Idempotent: a second run finds nothing and rewrites nothing. Partitions scanned before for the
    same users and unchanged since are skipped (`use_cache=False` forces a full scan). Every rewrite
    is journaled as it happens (`log=False`: no journal, for dry checks in tests).
    """
    zones = tuple(zones)
    for zone in zones:
        if zone not in PURGE_ZONES:
            raise ValueError(f"cannot purge zone {zone!r}")
    if pseudonymizer is None and "clean" in zones:
        from transforms.keys_in_use import check_keys

        check_keys(lake)  # matching clean rows needs the key their pseudonyms were made with
    with lake.lock(PARTITION_REWRITE_LOCK):
        settle_purge_journal(lake)
        result = _purge_users(lake, user_ids, reason=reason, zones=zones, pseudonymizer=pseudonymizer,
                              log=log, use_cache=use_cache)
        settle_purge_journal(lake)
        return result


def _purge_users(lake: Lake, user_ids: Iterable[str], *, reason: str, zones: tuple[str, ...],
                 pseudonymizer: Pseudonymizer | None, log: bool, use_cache: bool) -> PurgeResult:
    result = PurgeResult(reason=reason, started_at=utcnow())
    pz = pseudonymizer or Pseudonymizer("internal")
    matcher = Matcher(user_ids, pz)
    journal = PurgeJournal(lake, reason, result.started_at, enabled=log)
    if matcher:
        cache = _ScanCache(lake, reason, matcher, pz.key_version, use_cache)
        for zone in zones:
            for table, dt, directory in _partitions(lake, zone, result.recovered):
                rel = _rel(lake, directory)
                try:
                    fingerprint = _fingerprint(lake, directory)
                    if cache.unchanged(rel, fingerprint):
                        continue
                    failures = len(result.failures)
                    counts = _purge_partition(lake, zone, table, dt, directory, matcher, journal, result)
                    if len(result.failures) == failures:  # a file left unpurged keeps it on the list
                        cache.free_of_users(rel, fingerprint, _fingerprint(lake, directory))
                except Exception as exc:  # noqa: BLE001 - one partition must not block every deletion
                    _record_failure(result, rel, exc, matcher)
                    continue
                if counts:
                    result.partitions_rewritten.append(rel)
                    for uid, n in sorted(counts.items()):
                        result.removed.append(PurgedRows(uid, zone, table, dt, rel, n))
        for source, dt in journal.finalized:  # raw partitions whose only later change is our sidecar refresh
            rel = f"raw/{source}/dt={dt}"
            entry = cache.after.get(rel)
            if entry and entry.get("free_of", {}).get(reason) == cache.users and lake.exists(lake.path(rel)):
                entry["fp"] = _fingerprint(lake, lake.path(rel))
        cache.save()
    result.finished_at = utcnow()
    if journal.entries:
        result.log = journal.rel_dir
    return result


def _purge_partition(lake: Lake, zone: str, table: str, dt: str, directory: str, matcher: Matcher,
                     journal: PurgeJournal, result: PurgeResult) -> Counter[str]:
    rel = _rel(lake, directory)
    counts: Counter[str] = Counter()
    if zone == "landing":
        for path in lake.list_files(directory):
            try:  # file by file: one file that cannot be rewritten leaves the others purged
                counts += _purge_landing_file(lake, path, matcher, journal, (table, dt, rel))
            except Exception as exc:  # noqa: BLE001
                _record_failure(result, _rel(lake, path), exc, matcher, path=path, lake=lake)
        return counts
    for (uid, _fname), n in _purge_parquet_partition(lake, directory, matcher, journal,
                                                     (zone, table, dt, rel)).items():
        counts[uid] += n
    return counts


def _record_failure(result: PurgeResult, rel: str, exc: Exception, matcher: Matcher, *,
                    path: str | None = None, lake: Lake | None = None) -> None:
    users: list[str] | None = None
    if path is not None and lake is not None:
        try:  # a file that can be read but not rewritten: we know whose rows are still there
            users = sorted({o for o in (_owner_of_line(matcher, ln) for ln in lake.iter_lines(path)) if o})
        except Exception:  # noqa: BLE001 - unreadable: anyone's rows may remain
            users = None
    if users == []:
        return  # nothing of these users in it: not a failure of this purge
    result.failures.append({"partition": rel, "error": f"{type(exc).__name__}: {exc}", "users": users})
    log.error("purge could not rewrite %s (%s: %s); other partitions are purged, the affected requests "
              "stay open", rel, type(exc).__name__, exc)
