"""`aimate-share partner-kit`: what one recipient needs to check and read its drops, and nothing else.

The kit holds that recipient's master keys for exactly the key versions its published releases
were encrypted with (from their manifests), `read_drop.py` (pyarrow only) and a README. It is
written to a new or empty folder outside the lake, so a kit can never land inside a drop; the key
file is created 0600. No other recipient's key, and no internal figure, is read or written.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pyarrow.fs as pafs

from anonymizers.keyring import KeyRing
from transforms.lake import Lake
from transforms.publish.config import PublishConfig, load_config
from transforms.publish.crypto import master_key_id
from transforms.publish.kit.readme import render as render_readme

MANIFEST = "_manifest.json"
KEY_FILE = "keys.json"
READER = "read_drop.py"
KEY_FORMAT = "aimate-partner-keys/1"


class KitError(ValueError):
    """The kit cannot be written (unknown recipient, unsafe output folder); one clear line."""


@dataclass
class Kit:
    recipient: str
    out_dir: Path
    releases: list[dict[str, Any]] = field(default_factory=list)
    key_ids: list[str] = field(default_factory=list)


def received_releases(lake: Lake, recipient: str) -> list[dict[str, Any]]:
    """Manifests of the recipient's published releases (what it received), oldest interval first."""
    root = lake.path("published", recipient)
    if not lake.exists(root):
        return []
    out = []
    for info in lake.fs.get_file_info(pafs.FileSelector(root, recursive=True)):
        if info.base_name != MANIFEST or "/." in info.path:
            continue
        m = lake.read_json(info.path)
        if m.get("status") == "published" and m.get("recipient") == recipient:
            out.append({**m, "path": info.path.rsplit("/", 1)[0]})
    return sorted(out, key=lambda m: (m.get("interval_start", ""), m.get("extract", ""), m.get("release_id", "")))


def _check_out_dir(out_dir: Path, lake: Lake) -> None:
    out = out_dir.resolve()
    if lake.is_local:
        base = Path(lake.base).resolve()
        if out == base or base in out.parents:
            raise KitError(f"--out {out_dir} is inside the lake {lake.base}: a kit holds keys and must "
                           "never sit next to the data")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise KitError(f"--out {out_dir} exists and is not an empty folder (nothing is overwritten)")


def build_kit(lake: Lake | str, recipient: str, out_dir: str | Path, *, keyring: KeyRing | None = None,
              config: PublishConfig | None = None) -> Kit:
    lake = lake if isinstance(lake, Lake) else Lake(str(lake))
    cfg = config or load_config()
    rec = cfg.recipients.get(recipient)
    if rec is None:
        raise KitError(f"unknown recipient {recipient!r}; known: {', '.join(sorted(cfg.recipients))}")
    out = Path(out_dir)
    _check_out_dir(out, lake)
    releases = received_releases(lake, recipient)
    versions = sorted({m["encryption"]["key_version"] for m in releases
                       if (m.get("encryption") or {}).get("enabled") and m["encryption"].get("key_version")})
    kr = keyring or KeyRing.load()
    keys = {master_key_id(recipient, v): base64.b64encode(kr.get(rec.key_name, v)).decode() for v in versions}
    out.mkdir(parents=True, exist_ok=True)
    key_path = out / KEY_FILE
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"format": KEY_FORMAT, "recipient": recipient, "kms": "parquet-local-wrap",
                   "master_keys": keys}, fh, indent=1, sort_keys=True)
    reader = resources.files("transforms.publish.kit").joinpath(READER).read_text(encoding="utf-8")
    (out / READER).write_text(reader, encoding="utf-8")
    kit = Kit(recipient, out, releases, sorted(keys))
    (out / "README.md").write_text(render_readme(kit, rec.description, rec.encryption), encoding="utf-8")
    return kit


