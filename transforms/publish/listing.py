"""`aimate-share releases`: every release attempt and late-data report from the internal audit.

Audit documents are plain JSON under `_system/audit/releases/`, so an ad hoc query works too:
    duckdb -c "SELECT status, recipient, extract, interval, rows, epsilon_spent
               FROM read_json_auto('<lake>/_system/audit/releases/*.json')"
"""

from __future__ import annotations

from typing import Any

from transforms.lake import Lake
from transforms.publish.manifest import parse

COLUMNS = ("recorded_at", "status", "recipient", "extract", "interval", "release_id", "kind", "rows",
           "epsilon_spent", "delta_spent", "cross_border", "gates", "late_rows", "reason")


def audit_glob(lake: Lake) -> str:
    return lake.path("_system", "audit", "releases", "*.json")


def list_releases(lake: Lake | str) -> list[dict[str, Any]]:
    """One row per attempt or late-data report: status, recipient, extract, interval, rows, ε, gates.

    A published attempt's rows, spend and kind are read through `manifest.Manifest` (the same model
    the recipient's copy was written with); refusals and late-data reports come from the audit.
    """
    lake = lake if isinstance(lake, Lake) else Lake(str(lake))
    rows = [_row(r) for r in lake.audit_records("releases")]
    return sorted(rows, key=lambda r: (str(r["recipient"]), str(r["extract"]), str(r["interval"]),
                                       str(r["recorded_at"])))


def _label(interval: Any) -> str | None:
    """Interval label; audit records before labels were flat held {"label": ...}."""
    return interval.get("label") if isinstance(interval, dict) else (str(interval) if interval else None)


def _row(r: dict[str, Any]) -> dict[str, Any]:
    out = {
        "recorded_at": r.get("recorded_at"), "status": r.get("status"), "recipient": r.get("recipient"),
        "extract": r.get("extract"), "interval": _label(r.get("interval")),
        "release_id": r.get("release_id"), "kind": r.get("release_kind"), "rows": r.get("rows") or 0,
        "epsilon_spent": r.get("epsilon_spent") or 0.0, "delta_spent": r.get("delta_spent") or 0.0,
        "cross_border": r.get("cross_border"),
        "gates": [f"{g['gate']}:{'ok' if g['passed'] else 'FAIL'}" for g in r.get("gates") or []],
        "late_rows": r.get("late_rows"), "reason": r.get("reason"),
    }
    if r.get("status") == "published" and isinstance(r.get("manifest"), dict):
        m = parse(r["manifest"])
        out.update(rows=m.rows, epsilon_spent=m.spend.epsilon, delta_spent=m.spend.delta, kind=m.kind)
    return out
