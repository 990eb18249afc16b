"""Residual-PII scan: an independent pass over every string value of an output.

Used as a release gate (before anything becomes visible) and by `aimate-share scan` over Parquet and
JSONL files. The detector is `anonymizers.detect_pii` (the same recognisers as de-identification,
run again on the output); on top of it, values shaped like our HMAC pseudonyms are findings too,
because no published column may hold an identifier of any kind, and so is everything the independent
`identifier_check` rejects (it shares no code with the recognisers). A value is reported masked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from anonymizers.pseudonym import PSEUDONYM_HEX_CHARS

PSEUDONYM = re.compile(rf"(?<![0-9a-fA-F])[0-9a-f]{{{PSEUDONYM_HEX_CHARS}}}(?![0-9a-fA-F])")
Detector = Callable[[list[str]], list[list[Any]]]
_detector: Detector | None = None


@dataclass(frozen=True)
class Leak:
    entity_type: str
    file: str
    row: int
    column: str
    masked_value: str
    score: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def set_detector(detector: Detector | None) -> None:
    """Replace the detector (tests use a fast one); None restores anonymizers.detect_pii."""
    global _detector
    _detector = detector


def _detect(values: list[str]) -> list[list[Any]]:
    if _detector is not None:
        return _detector(values)
    from anonymizers import detect_pii  # imported late: loads the Presidio engine

    return detect_pii(values)


def mask(value: str) -> str:
    """Enough to recognise the finding, not enough to reuse it."""
    if len(value) <= 2:
        return "*" * len(value)
    keep = 1 if len(value) < 8 else 2
    return value[:keep] + "*" * (len(value) - 2 * keep) + value[-keep:]


def engine_rejects(texts: Sequence[str]) -> list[bool]:
    """Per text: does the full engine change it under either purpose (or fail on it)?"""
    if _detector is not None:
        return [bool(f) for f in _detector(list(texts))]
    from anonymizers import Deidentifier
    from anonymizers.deidentifier import PURPOSES

    bad = [False] * len(texts)
    for purpose in PURPOSES:
        for i, (t, o) in enumerate(zip(texts, Deidentifier.for_purpose(purpose).deidentify(list(texts)), strict=True)):
            bad[i] = bad[i] or o.error is not None or o.text != t or bool(o.entities)
    return bad


def scan_values(values: Sequence[str], views: Sequence[tuple[str, bool]] | None = None) -> list[list[tuple[str, str, float]]]:
    """Per value: (entity_type, matched text, score) findings.

    `views` gives, per value, what the independent identifier check reads and whether in its
    adjacent-handle mode (`scan_zones.identifier_view`); default: the value itself, strict."""
    from transforms.publish.identifier_check import findings as identifier_findings

    found = _detect(list(values))
    out = []
    for i, (value, findings) in enumerate(zip(values, found, strict=True)):
        view, adjacent = views[i] if views is not None else (value, False)
        hits = [(f.entity_type, value[f.start:f.end], float(f.score)) for f in findings]
        hits += [("PSEUDONYMOUS_ID", m.group(0), 1.0) for m in PSEUDONYM.finditer(value)]
        hits += [(f"IDENTIFIER_{f.kind}", value, 1.0) for f in identifier_findings(view, adjacent_handles=adjacent)]
        out.append(hits)
    return out


def scan_records(records: Iterable[tuple[int, str, str]], file: str, zone: str | None = None) -> list[Leak]:
    """(row, column, value) triples → leaks; each distinct value is analysed once.

    `zone` ("clean", "published") applies that zone's column roles (`scan_zones`); None scans every
    column as free text."""
    from transforms.publish.scan_zones import column_role, identifier_view, keep_finding, pseudonym_violation

    by_value: dict[tuple[str, tuple[str, bool]], list[tuple[int, str, str]]] = {}
    leaks = []
    for row, column, value in records:
        if not value:
            continue
        role = column_role(zone, column)
        if role == "pseudonym":
            if pseudonym_violation(role, value):
                leaks.append(Leak("NOT_A_PSEUDONYM", file, row, column, mask(value), 1.0))
            continue
        by_value.setdefault((value, identifier_view(zone, role, value)), []).append((row, column, role))
    keys = list(by_value)
    found = scan_values([v for v, _ in keys], [view for _, view in keys]) if keys else []
    for key, hits in zip(keys, found, strict=True):
        for entity, text, score in hits:
            for row, column, role in by_value[key]:
                if keep_finding(role, entity, zone):
                    leaks.append(Leak(entity, file, row, column, mask(text), score))
    return sorted(leaks, key=lambda x: (x.file, x.row, x.column, x.entity_type))


def _string_cells(table: pa.Table) -> Iterable[tuple[int, str, str]]:
    for name in table.column_names:
        col = table[name]
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            for i, v in enumerate(col.to_pylist()):
                if v is not None:
                    yield i, name, v
        elif pa.types.is_list(col.type) or pa.types.is_struct(col.type):
            for i, v in enumerate(col.to_pylist()):
                for path, s in _json_strings(v, name):
                    yield i, path, s


def scan_table(table: pa.Table, file: str = "<table>") -> list[Leak]:
    """Every string column (and strings nested in list/struct columns) of an Arrow table."""
    return scan_records(_string_cells(table), file)


def _json_strings(obj: Any, path: str) -> Iterable[tuple[str, str]]:
    if isinstance(obj, str):
        yield path, obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _json_strings(v, f"{path}.{k}" if path else str(k))
    elif isinstance(obj, list):
        for v in obj:
            yield from _json_strings(v, path)


def _files(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.suffix in (".parquet", ".jsonl", ".json")
                          and f.is_file() and not f.name.startswith("_"))
        else:
            out.append(p)
    return out


def scan_paths(paths: Iterable[str | Path], keyring: Any = None) -> list[Leak]:
    """Scan Parquet and JSONL files (directories recursively). Encrypted Parquet needs `keyring`.

    A file's zone (clean, published: from its place in the lake layout) decides its column roles
    (`scan_zones`). Rows are 0-based for Parquet and 1-based line numbers for JSONL. A file that cannot be read is a
    finding of type UNREADABLE, a detector failure one of type SCANNER_ERROR (fail closed: neither
    file was shown to be clean).
    """
    from transforms.publish.crypto import read_parquet_bytes
    from transforms.publish.scan_zones import zone_of

    leaks: list[Leak] = []
    for f in _files(paths):
        try:
            if f.suffix == ".parquet":
                records = list(_string_cells(read_parquet_bytes(f.read_bytes(), keyring)))
            else:
                records = []
                for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), start=1):
                    if line.strip():
                        records += [(n, col, s) for col, s in _json_strings(json.loads(line), "")]
        except Exception as exc:  # noqa: BLE001 - reported as a finding, never skipped silently
            leaks.append(Leak("UNREADABLE", str(f), -1, "", f"{type(exc).__name__}: {str(exc)[:160]}", 1.0))
            continue
        try:
            leaks += scan_records(records, str(f), zone_of(f))
        except Exception as exc:  # noqa: BLE001 - a detector that cannot run has not shown the file clean
            leaks.append(Leak("SCANNER_ERROR", str(f), -1, "", f"{type(exc).__name__}: {str(exc)[:160]}", 1.0))
    return leaks
