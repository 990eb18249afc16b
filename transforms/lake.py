"""The lake: zone layout, partition listing, atomic writes and audit records.

The root is a local folder or a URI that pyarrow's filesystem layer understands (``s3://...`` in
production), so every read and write here goes through ``pyarrow.fs``. See docs/ARCHITECTURE.md for
the layout.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

ZONES = ("landing", "raw", "quarantine", "clean", "published", "rights", "_system")
_DT = re.compile(r"^dt=(\d{4}-\d{2}-\d{2})$")


def utcnow() -> datetime:
    return datetime.now(UTC)


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
        self.base = self.base.rstrip("/")

    @property
    def is_local(self) -> bool:
        return isinstance(self.fs, pafs.LocalFileSystem)

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
            m = _DT.match(info.base_name)
            if info.type == pafs.FileType.Directory and m:
                out.append(date.fromisoformat(m.group(1)))
        return sorted(out)

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
        self.fs.create_dir(path.rsplit("/", 1)[0], recursive=True)
        with self.fs.open_output_stream(path) as fh:
            fh.write(data)

    def read_json(self, path: str) -> Any:
        return json.loads(self.read_bytes(path))

    def write_json(self, path: str, obj: Any) -> None:
        self.write_bytes(path, json.dumps(obj, indent=2, sort_keys=True, default=str).encode())

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

    @contextmanager
    def staged_dir(self, final_dir: str) -> Iterator[str]:
        """Yield a hidden staging directory; on success it replaces `final_dir` in one rename.

        Readers never see a half-written directory under its final name. An existing directory is
        moved aside first and deleted after the swap. On error the staging directory is removed.
        """
        parent, name = final_dir.rsplit("/", 1)
        staging = f"{parent}/.{name}.tmp-{uuid.uuid4().hex[:8]}"
        self.fs.create_dir(staging, recursive=True)
        try:
            yield staging
        except BaseException:
            self.fs.delete_dir(staging)
            raise
        old = None
        if self.exists(final_dir):
            old = f"{parent}/.{name}.old-{uuid.uuid4().hex[:8]}"
            self.fs.move(final_dir, old)
        self.fs.move(staging, final_dir)
        if old:
            self.fs.delete_dir(old)

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

    def delete_dir(self, directory: str) -> None:
        if self.exists(directory):
            self.fs.delete_dir(directory)

    # -- locks -----------------------------------------------------------------------------
    @contextmanager
    def lock(self, name: str, timeout_s: float = 600.0) -> Iterator[None]:
        """Exclusive lock across processes and workers sharing this lake (fcntl on a local lake).

        Used where two DAGs rewrite the same partitions (rights purges, de-identification commits).
        On object storage there is no file lock: run those tasks in one Airflow pool of size 1 instead.
        """
        if not self.is_local:
            yield
            return
        import fcntl
        import time

        path = Path(self.path("_system", "locks", f"{name}.lock"))
        path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + timeout_s
        with open(path, "a+") as fh:
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise TimeoutError(f"lake lock {name!r} held for more than {timeout_s:.0f} s") from None
                    time.sleep(0.2)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    # -- audit -----------------------------------------------------------------------------
    def audit(self, kind: str, name: str, record: dict[str, Any]) -> str:
        """Persist one audit document (run, release attempt, purge, ...); returns its path."""
        now = utcnow()
        safe = re.sub(r"[^A-Za-z0-9_.=-]+", "_", name)
        path = self.path("_system", "audit", kind, f"{now:%Y%m%dT%H%M%S%fZ}-{safe}.json")
        self.write_json(path, {"kind": kind, "recorded_at": now.isoformat(), **record})
        return path

    def audit_records(self, kind: str) -> list[dict[str, Any]]:
        directory = self.path("_system", "audit", kind)
        return [self.read_json(p) for p in self.list_files(directory, ".json")]

    def local_dir(self, *parts: str) -> Path:
        """Local path for tools that need one (DuckDB on a local lake)."""
        if not self.is_local:
            raise ValueError("this operation needs a local lake")
        return Path(self.path(*parts))
