"""Which published releases were built from partitions that held a user's rows.

A completion record must tell the user which earlier aggregate releases their data contributed to;
the answer comes from each release manifest's `source_partitions` (lake-relative partition paths).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import pyarrow.fs as pafs

from transforms.lake import Lake

log = logging.getLogger(__name__)

# manifest fields that may carry the release time (first present wins)
_TIME_FIELDS = ("created_at", "published_at", "released_at")


def _dirs(lake: Lake, directory: str) -> list[str]:
    if not lake.exists(directory):
        return []
    return sorted(
        i.path
        for i in lake.fs.get_file_info(pafs.FileSelector(directory))
        if i.type == pafs.FileType.Directory and not i.base_name.startswith(".")
    )


def published_manifests(lake: Lake) -> list[dict[str, Any]]:
    """Every visible release manifest (`published/<recipient>/<extract>/<release_id>/_manifest.json`),
    read through the publishing manifest model; one that does not parse is still listed (raw), since
    over-reporting is the safe side of a rights answer."""
    from transforms.publish.manifest import parse

    out = []
    for recipient in _dirs(lake, lake.path("published")):
        for extract in _dirs(lake, recipient):
            for release in _dirs(lake, extract):
                path = f"{release}/_manifest.json"
                if lake.exists(path):
                    doc = _read_manifest(lake, path, parse)
                    if doc is None:
                        continue
                    doc["_manifest_path"] = path[len(lake.base) :].lstrip("/")
                    out.append(doc)
    return out


def _read_manifest(lake: Lake, path: str, parse: Any) -> dict[str, Any] | None:
    """Through the model; valid JSON the model rejects is kept raw (over-reporting is safe); a file
    that is not JSON at all is reported and skipped: one damaged drop must not stop every answer."""
    try:
        return parse(lake.read_bytes(path)).to_json()
    except (OSError, ValueError):
        pass
    try:
        doc = lake.read_json(path)
        if not isinstance(doc, dict):
            raise ValueError("not a JSON object")
        return doc
    except (OSError, ValueError) as exc:
        log.warning("skipping unreadable release manifest %s: %s", path, exc)
        return None


def protection(doc: dict[str, Any]) -> str:
    """What protects one release, in words, from its manifest's rules."""
    dp, k, unit = doc.get("dp"), doc.get("k"), doc.get("k_unit") or "user_pid"
    groups = f"every published group holds at least k={k} distinct {unit.removesuffix('_pid')}s"
    if not dp:
        return f"{groups}; exact counts, no differential-privacy noise"
    spend = doc.get("spend") or {}
    return (f"differential privacy ({dp.get('mechanism')} noise, privacy unit {dp.get('privacy_unit')}, "
            f"ε={float(spend.get('epsilon', dp.get('epsilon_declared', 0))):.3g}, "
            f"δ={float(spend.get('delta', dp.get('delta_declared', 0))):.2g}) and {groups}")


def _norm(lake: Lake, p: str) -> str:
    p = str(p)
    if p.startswith(lake.base):
        p = p[len(lake.base) :]
    return p.strip("/")


def _release_time(doc: dict[str, Any]) -> datetime | None:
    for key in _TIME_FIELDS:
        if doc.get(key):
            try:
                return datetime.fromisoformat(str(doc[key]))
            except ValueError:
                return None
    return None


def releases_fed_by(
    lake: Lake, partitions: dict[str, datetime | None], manifests: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Releases whose source partitions include one of `partitions` (partition → when it was purged).

    A release made after the partition was purged did not see the user's rows and is left out; a
    manifest without a release time is counted (over-reporting is the safe side of this answer).
    """
    out = []
    for doc in manifests if manifests is not None else published_manifests(lake):
        made = _release_time(doc)
        via = []
        for src in doc.get("source_partitions") or []:
            s = _norm(lake, src)
            for part, purged_at in partitions.items():
                if s == part or s.startswith(part + "/"):
                    if made is None or purged_at is None or made < purged_at:
                        via.append(part)
        if via:
            out.append(
                {
                    "release_id": doc.get("release_id"),
                    "recipient": doc.get("recipient"),
                    "extract": doc.get("extract"),
                    "interval": doc.get("interval"),
                    "manifest": doc["_manifest_path"] if "_manifest_path" in doc else None,
                    "via_partitions": sorted(set(via)),
                    "protection": protection(doc),
                }
            )
    return sorted(out, key=lambda r: (str(r["recipient"]), str(r["extract"]), str(r["release_id"])))
