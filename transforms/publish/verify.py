"""`aimate-share verify`: a release folder matches its manifest, or it does not verify.

Checks: the manifest parses as `manifest.Manifest` (nothing more, nothing less); every listed file exists with the recorded size and sha256 and no
unlisted file sits beside them; each Parquet file opens (decrypted with the recipient's key from
the key store when the release is encrypted), has exactly the manifest's schema and row count, and
carries the release id in its metadata.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs

from anonymizers.keyring import KeyRing
from transforms.publish.crypto import is_encrypted, read_parquet_bytes
from transforms.publish.manifest import MANIFEST, parse

TYPES = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "date": pa.date32()}


@dataclass
class Verification:
    release_dir: str
    ok: bool = True
    problems: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    manifest: dict[str, Any] = field(default_factory=dict)

    def fail(self, problem: str) -> None:
        self.ok = False
        self.problems.append(problem)


def _fs(release_dir: str) -> tuple[pafs.FileSystem, str]:
    if "://" in release_dir:
        return pafs.FileSystem.from_uri(release_dir)
    return pafs.LocalFileSystem(), str(Path(release_dir).resolve())


def verify_release(release_dir: str | Path, keystore: str | Path | None = None) -> Verification:
    fs, base = _fs(str(release_dir))
    v = Verification(str(release_dir))
    try:
        with fs.open_input_stream(f"{base}/{MANIFEST}") as fh:
            raw = json.loads(fh.read())
    except Exception as exc:  # noqa: BLE001
        v.fail(f"manifest unreadable: {type(exc).__name__}: {exc}")
        return v
    v.manifest = raw if isinstance(raw, dict) else {}
    try:
        model = parse(raw)
    except Exception as exc:  # noqa: BLE001 - pydantic names every offending field
        v.fail(f"manifest is not a valid release manifest: {str(exc)[:400]}")
        return v
    m = model.to_json()
    v.manifest = m
    if base.rstrip("/").rsplit("/", 1)[-1] != m.get("release_id"):
        v.fail(f"folder name differs from manifest release_id {m.get('release_id')!r}")
    listed = {f["name"]: f for f in m.get("files", [])}
    present = {i.base_name for i in fs.get_file_info(pafs.FileSelector(base)) if i.type == pafs.FileType.File}
    documents = {d["name"]: d for d in m.get("documents", [])}  # DATA_DICTIONARY.md: checksummed, not Parquet
    for extra in sorted(present - set(listed) - set(documents) - {MANIFEST}):
        v.fail(f"{extra}: file not listed in the manifest")
    for name, entry in sorted(documents.items()):
        if name not in present:
            v.fail(f"{name}: listed in the manifest but missing")
            continue
        with fs.open_input_stream(f"{base}/{name}") as fh:
            doc = fh.read()
        if len(doc) != entry.get("bytes") or hashlib.sha256(doc).hexdigest() != entry.get("sha256"):
            v.fail(f"{name}: size or sha256 differs from the manifest")
        else:
            v.checked.append(name)
    schema = pa.schema([pa.field(c["name"], TYPES.get(c["type"], pa.null())) for c in m.get("schema", [])])
    encrypted = bool(m.get("encryption", {}).get("enabled"))
    keyring = KeyRing.load(keystore) if encrypted else None
    total = 0
    for name, entry in sorted(listed.items()):
        if name not in present:
            v.fail(f"{name}: listed in the manifest but missing")
            continue
        with fs.open_input_stream(f"{base}/{name}") as fh:
            data = fh.read()
        if len(data) != entry.get("bytes"):
            v.fail(f"{name}: {len(data)} bytes, manifest says {entry.get('bytes')}")
        if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            v.fail(f"{name}: sha256 differs from the manifest")
            continue
        if encrypted != is_encrypted(data):
            v.fail(f"{name}: encryption state differs from the manifest")
        try:
            table = read_parquet_bytes(data, keyring)
        except Exception as exc:  # noqa: BLE001
            v.fail(f"{name}: cannot be read{' with the recipient key' if encrypted else ''}: "
                   f"{type(exc).__name__}: {str(exc)[:200]}")
            continue
        actual = pa.schema([pa.field(f.name, f.type) for f in table.schema])
        if not actual.equals(schema):
            v.fail(f"{name}: schema {actual.names}/{[str(t) for t in actual.types]} differs from the manifest's")
        if table.num_rows != entry.get("rows"):
            v.fail(f"{name}: {table.num_rows} rows, manifest says {entry.get('rows')}")
        meta = table.schema.metadata or {}
        if meta.get(b"aimate.release_id", b"").decode() != m.get("release_id"):
            v.fail(f"{name}: release id in the file metadata differs from the manifest")
        total += table.num_rows
        v.checked.append(name)
    if total != m.get("rows"):
        v.fail(f"total rows {total} differ from the manifest's {m.get('rows')}")
    return v
