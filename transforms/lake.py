"""The lake: zone layout, partition listing, atomic writes and audit records.

The root is a local folder or a URI that pyarrow's filesystem layer understands (``s3://...`` in
production), so every read and write here goes through ``pyarrow.fs``. See docs/ARCHITECTURE.md for
the layout.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import signal
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq
from filelock import FileLock, Timeout

log = logging.getLogger(__name__)

ZONES = ("landing", "raw", "quarantine", "clean", "published", "rights", "_system")
_DT = re.compile(r"^dt=(\d{4}-\d{2}-\d{2})$")
# Least privilege on disk: the lake holds personal data, readable by its owner only.
UMASK = 0o077
DIR_MODE = 0o700
FILE_MODE = 0o600
# What the atomic primitives leave behind only when a process dies mid-write: `.<name>.tmp-<8 hex>`
# (a staged file or directory) and `.<name>.old-<8 hex>` (the previous directory, moved aside).
LEFTOVER = re.compile(r"^\.(?P<name>.+)\.(?P<kind>tmp|old)-[0-9a-f]{8}$")
CRASH_ENV = "AIMATE_CRASH_AT"
LINE_CHUNK = 1 << 20
_crash_hits: dict[str, int] = {}
_reported_names: set[str] = set()


def hidden_name(name: str, kind: str) -> str:
    """The hidden sibling name a staged (`tmp`) or moved-aside (`old`) copy of `name` takes."""
    return f".{name}.{kind}-{uuid.uuid4().hex[:8]}"


def crash_point(name: str) -> None:
    """Fault injection for the crash tests: with AIMATE_CRASH_AT=<name>[:<n>] the process kills
    itself (SIGKILL, nothing flushed or cleaned up) the n-th time it reaches this point."""
    wanted = os.environ.get(CRASH_ENV)
    if not wanted:
        return
    point, _, nth = wanted.partition(":")
    if point != name:
        return
    _crash_hits[name] = _crash_hits.get(name, 0) + 1
    if _crash_hits[name] >= int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)


def restrict_umask() -> None:
    """Files and folders this process creates are private to its user (0600 / 0700)."""
    os.umask(UMASK)


def utcnow() -> datetime:
    return datetime.now(UTC)


MARKER = ("_system", "lake.json")


class NotALake(ValueError):
    """A command was pointed at a folder that is not an AIMate lake."""


def open_lake(root: str) -> Lake:
    """The lake at `root`, or NotALake with one clear line (a typo must not become a new empty lake)."""
    lake = Lake(root)
    if not lake.is_lake():
        raise NotALake(
            f"{root} is not an AIMate lake (no {'/, '.join(ZONES[:4])}/ folders and no "
            f"{'/'.join(MARKER)}); check --lake, or create one with `aimate-share demo --lake {root}`")
    return lake


def parse_partition_name(base_name: str) -> date | None:
    """The date of a `dt=YYYY-MM-DD` folder name, or None (`dt=2026-13-45`, `dt=latest`)."""
    m = _DT.match(base_name)
    if not m:
        return None
    try:
        return date.fromisoformat(m.group(1))
    except ValueError:
        return None


@dataclass
class Lake:
    """A lake rooted at a local path or URI."""

    root: str
    fs: pafs.FileSystem = field(init=False, repr=False)
    base: str = field(init=False)

    def __post_init__(self) -> None:
        root = str(self.root)
        if "://" in root:
            self.fs, self.base = pafs.FileSystem.from_uri(root)
        else:
            self.fs, self.base = pafs.LocalFileSystem(), str(Path(root).expanduser().resolve())
            restrict_umask()  # every task and command goes through a Lake before it writes
        self.base = self.base.rstrip("/")

    @property
    def is_local(self) -> bool:
        return isinstance(self.fs, pafs.LocalFileSystem)

    # -- identity ----------------------------------------------------------------------------
    def is_lake(self) -> bool:
        """A lake has the marker file or at least one zone folder (a delivery creates landing/)."""
        return self.exists(self.path(*MARKER)) or any(
            self.fs.get_file_info(self.path(z)).type == pafs.FileType.Directory for z in ZONES)

    def created_by(self) -> str | None:
        """Which command created this lake (`demo`, `run`), from its marker file."""
        path = self.path(*MARKER)
        try:
            return self.read_json(path).get("created_by") if self.exists(path) else None
        except (OSError, ValueError):
            return None

    def mark(self, created_by: str) -> None:
        """Write the marker once (a lake keeps the name of the command that created it)."""
        if not self.exists(self.path(*MARKER)):
            self.write_json(self.path(*MARKER), {"created_by": created_by, "created_at": utcnow().isoformat()})

    # -- paths -----------------------------------------------------------------------------
    def path(self, *parts: str) -> str:
        return "/".join([self.base, *[p.strip("/") for p in parts if p]])

    def partition(self, zone: str, table: str, dt: date | str) -> str:
        return self.path(zone, table, f"dt={dt}")

    def exists(self, path: str) -> bool:
        return self.fs.get_file_info(path).type != pafs.FileType.NotFound

    def list_dates(self, zone: str, table: str) -> list[date]:
        """Partition dates present for a table, oldest first."""
        root = self.path(zone, table)
        if not self.exists(root):
            return []
        out = []
        for info in self.fs.get_file_info(pafs.FileSelector(root)):
            if info.type != pafs.FileType.Directory or not info.base_name.startswith("dt="):
                continue
            day = parse_partition_name(info.base_name)
            if day is None:
                self.report_bad_name(info.path)
            else:
                out.append(day)
        return sorted(out)

    def unparseable_partitions(self, zone: str, table: str) -> list[str]:
        """`dt=` folders whose name is not a real date (reported and skipped by every reader)."""
        root = self.path(zone, table)
        if not self.exists(root):
            return []
        return sorted(
            i.path for i in self.fs.get_file_info(pafs.FileSelector(root))
            if i.type == pafs.FileType.Directory and i.base_name.startswith("dt=")
            and parse_partition_name(i.base_name) is None
        )

    @staticmethod
    def report_bad_name(path: str) -> None:
        if path not in _reported_names:
            _reported_names.add(path)
            log.warning("skipping %s: not a dt=YYYY-MM-DD partition with a real date", path)

    def list_files(self, directory: str, suffix: str = "") -> list[str]:
        """Files directly under a directory (sorted), skipping hidden and underscore files."""
        if not self.exists(directory):
            return []
        infos = self.fs.get_file_info(pafs.FileSelector(directory))
        return sorted(
            i.path
            for i in infos
            if i.type == pafs.FileType.File
            and i.path.endswith(suffix)
            and not i.base_name.startswith((".", "_"))
        )

    def walk_files(self, directory: str) -> Iterator[str]:
        if not self.exists(directory):
            return
        for info in self.fs.get_file_info(pafs.FileSelector(directory, recursive=True)):
            if info.type == pafs.FileType.File:
                yield info.path

    # -- bytes and json --------------------------------------------------------------------
    def read_bytes(self, path: str) -> bytes:
        with self.fs.open_input_stream(path) as fh:
            return fh.read()

    def write_bytes(self, path: str, data: bytes) -> None:
        """Write a file atomically (see `staged_file`): readers see the old bytes or the new ones."""
        with self.staged_file(path) as tmp:
            self._write_raw(tmp, data)

    def _write_raw(self, path: str, data: bytes) -> None:
        if self.is_local:  # durable before the rename makes it visible
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        else:
            with self.fs.open_output_stream(path) as fh:
                fh.write(data)

    def read_json(self, path: str) -> Any:
        return json.loads(self.read_bytes(path))

    def write_json(self, path: str, obj: Any) -> None:
        self.write_bytes(path, json.dumps(obj, indent=2, sort_keys=True, default=str).encode())

    def fingerprint(self, target: str | list[str]) -> str:
        """sha256 of bytes on disk: of one file, of a directory's visible files (names and contents,
        `_` metadata files included), or of a list of files. Sizes and mtimes are not identities: a
        flipped byte or a same-size rewrite changes this fingerprint."""
        if isinstance(target, str):
            info = self.fs.get_file_info(target)
            if info.type == pafs.FileType.File:
                return self._file_sha256(target)
            if info.type == pafs.FileType.NotFound:
                return hashlib.sha256(b"absent").hexdigest()
            files = sorted(
                i.path for i in self.fs.get_file_info(pafs.FileSelector(target))
                if i.type == pafs.FileType.File and not i.base_name.startswith(".")
            )
        else:
            files = sorted(target)
        return self.combine_digests([(f, self._file_sha256(f)) for f in files])

    @staticmethod
    def combine_digests(digests: list[tuple[str, str]]) -> str:
        """The fingerprint of a set of files from (path, sha256) pairs, as `fingerprint` computes it
        (lets a reader that hashes while streaming skip a second pass over the bytes)."""
        h = hashlib.sha256()
        for path, digest in sorted(digests):
            h.update(f"{path.rsplit('/', 1)[-1]}\x1f{digest}\n".encode())
        return h.hexdigest()

    def iter_lines(self, path: str) -> Iterator[bytes]:
        """A file's lines as bytes with their line endings, read in `LINE_CHUNK` chunks (memory
        bounded by the longest line, not the file); bytes are never decoded here."""
        with self.fs.open_input_stream(path) as fh:
            rest = b""
            while data := fh.read(LINE_CHUNK):
                parts = (rest + data).split(b"\n")
                rest = parts.pop()
                for part in parts:
                    yield part + b"\n"
            if rest:
                yield rest

    def _file_sha256(self, path: str) -> str:
        h = hashlib.sha256()
        with self.fs.open_input_stream(path) as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
        return h.hexdigest()

    # -- parquet ---------------------------------------------------------------------------
    def read_parquet(self, path: str, columns: list[str] | None = None) -> pa.Table:
        """One Parquet file. ParquetFile.read, not pq.read_table: the dataset reader leaves background
        work that can abort the interpreter at exit (apache/arrow#33975, #34314), seen here with the
        CLI exiting 134 after reading a release."""
        return pq.ParquetFile(path, filesystem=self.fs).read(columns=columns)

    def read_partition(self, zone: str, table: str, dt: date | str, schema: pa.Schema | None = None) -> pa.Table:
        """All part files of one partition; an absent partition reads as an empty table."""
        files = self.list_files(self.partition(zone, table, dt), ".parquet")
        if not files:
            if schema is None:
                raise FileNotFoundError(self.partition(zone, table, dt))
            return schema.empty_table()
        tables = [self.read_parquet(f) for f in files]
        return pa.concat_tables(tables)

    # -- atomic writes: the one place that stages and swaps ------------------------------------
    @contextmanager
    def staged_file(self, final_path: str) -> Iterator[str]:
        """Yield a hidden temporary path next to `final_path`; on success it replaces the file in one
        rename. On error it is removed; after a crash the recovery sweep removes it."""
        parent, name = final_path.rsplit("/", 1)
        self.make_dirs(parent)
        tmp = f"{parent}/{hidden_name(name, 'tmp')}"
        try:
            yield tmp
        except BaseException:
            if self.exists(tmp):
                self.fs.delete_file(tmp)
            raise
        crash_point("staged_file.written")
        self._rename(tmp, final_path)  # a failure here leaves tmp for the sweep: never half a rename
        crash_point("staged_file.renamed")

    @contextmanager
    def staged_dir(self, final_dir: str, *, swap_lock: str | None = None) -> Iterator[str]:
        """Yield a hidden staging directory; on success it replaces `final_dir` in one rename.

        Readers never see a half-written directory under its final name. An existing directory is
        moved aside (`.<name>.old-*`) and deleted after the swap; a crash between those steps is
        repaired by the recovery sweep (`transforms.recovery`). `swap_lock` names a lake lock held
        during the swap only (writers that do not hold it for their whole write).
        """
        parent, name = final_dir.rsplit("/", 1)
        staging = f"{parent}/{hidden_name(name, 'tmp')}"
        self.make_dirs(staging)
        try:
            yield staging
        except BaseException:
            self.delete_dir(staging)
            raise
        crash_point("staged_dir.staged")
        with self.lock(swap_lock) if swap_lock else nullcontext():
            old = None
            if self.exists(final_dir):
                old = f"{parent}/{hidden_name(name, 'old')}"
                self.fs.move(final_dir, old)
                crash_point("staged_dir.moved_aside")
            self.fs.move(staging, final_dir)
            crash_point("staged_dir.swapped")
            if old:
                self.delete_dir(old)

    def replace_dir(self, final_dir: str, files: dict[str, pa.Table | bytes | dict]) -> None:
        """Write small files aside and swap them into place (see `staged_dir`).

        Values: Arrow tables become Parquet (zstd), dicts become JSON, bytes are written as is.
        """
        with self.staged_dir(final_dir) as staging:
            for fname, content in files.items():
                target = f"{staging}/{fname}"
                if isinstance(content, pa.Table):
                    pq.write_table(content, target, filesystem=self.fs, compression="zstd")
                elif isinstance(content, dict):
                    self.write_json(target, content)
                else:
                    self.write_bytes(target, content)

    def _rename(self, src: str, dst: str) -> None:
        self.fs.move(src, dst)

    def make_dirs(self, directory: str) -> None:
        if self.is_local:
            Path(directory).mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        else:
            self.fs.create_dir(directory, recursive=True)

    def delete_dir(self, directory: str) -> None:
        try:
            self.fs.delete_dir(directory)
        except FileNotFoundError:
            pass

    # -- locks -----------------------------------------------------------------------------
    @contextmanager
    def lock(self, name: str, timeout_s: float = 600.0) -> Iterator[None]:
        """Exclusive lock across processes and workers sharing this lake (filelock on a local lake).

        Re-entrant within a thread (one lock object per file), so a step holding a lock may call a
        primitive that takes it for its swap. On object storage there is no file lock: run those
        tasks in one Airflow pool of size 1 instead.
        """
        if not self.is_local:
            yield
            return
        path = Path(self.path("_system", "locks", f"{name}.lock"))
        path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        held = FileLock(str(path), mode=FILE_MODE, is_singleton=True)
        try:
            held.acquire(timeout=timeout_s)
        except Timeout:
            raise TimeoutError(f"lake lock {name!r} held for more than {timeout_s:.0f} s") from None
        try:
            yield
        finally:
            held.release()

    # -- audit -----------------------------------------------------------------------------
    def audit(self, kind: str, name: str, record: dict[str, Any]) -> str:
        """Persist one audit document (run, release attempt, purge, ...); returns its path."""
        now = utcnow()
        safe = re.sub(r"[^A-Za-z0-9_.=-]+", "_", name)
        path = self.path("_system", "audit", kind, f"{now:%Y%m%dT%H%M%S%fZ}-{safe}.json")
        self.write_json(path, {"kind": kind, "recorded_at": now.isoformat(), **record})
        return path

    def audit_records(self, kind: str) -> list[dict[str, Any]]:
        """Every readable audit document of a kind (an unreadable one is reported and skipped)."""
        out = []
        for p in self.list_files(self.path("_system", "audit", kind), ".json"):
            try:
                out.append(self.read_json(p))
            except (OSError, ValueError) as exc:
                log.warning("skipping unreadable audit record %s: %s", p, exc)
        return out

    def local_dir(self, *parts: str) -> Path:
        """Local path for tools that need one (DuckDB on a local lake)."""
        if not self.is_local:
            raise ValueError("this operation needs a local lake")
        return Path(self.path(*parts))
