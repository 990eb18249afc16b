"""`aimate-share releases`: every release attempt from the audit trail, read with DuckDB.

Audit documents are plain JSON under `_system/audit/releases/`, so the same query works ad hoc:
    duckdb -c "SELECT status, recipient, extract, interval, rows, epsilon_spent
               FROM read_json_auto('<lake>/_system/audit/releases/*.json')"
"""

from __future__ import annotations

import json
from typing import Any

from transforms.lake import Lake

COLUMNS = ("recorded_at", "status", "recipient", "extract", "interval", "release_id", "rows",
           "epsilon_spent", "delta_spent", "cross_border", "gates", "reason")


def audit_glob(lake: Lake) -> str:
    return lake.path("_system", "audit", "releases", "*.json")


def list_releases(lake: Lake | str) -> list[dict[str, Any]]:
    """One row per attempt, oldest first: status, recipient, extract, interval, rows, ε, gates."""
    import duckdb

    lake = lake if isinstance(lake, Lake) else Lake(str(lake))
    if not lake.list_files(lake.path("_system", "audit", "releases"), ".json"):
        return []
    con = duckdb.connect()
    if not lake.is_local:  # object stores: read the same documents through the lake's filesystem
        return [_row(r) for r in lake.audit_records("releases")]
    rel = con.execute("""
        SELECT recorded_at, status, recipient, extract, to_json(interval) AS interval, release_id,
               coalesce(rows, 0) AS rows, coalesce(epsilon_spent, 0.0) AS epsilon_spent,
               coalesce(delta_spent, 0.0) AS delta_spent, cross_border,
               list_transform(gates, lambda g: g.gate || ':' || CASE WHEN g.passed THEN 'ok' ELSE 'FAIL' END)
                   AS gates,
               reason
        FROM read_json_auto(?, union_by_name = true, maximum_object_size = 67108864)
        ORDER BY recipient, extract, interval_start, recorded_at""", [audit_glob(lake)])
    out = []
    for row in rel.fetchall():
        r = dict(zip(COLUMNS, row, strict=True))
        r["interval"] = _label(json.loads(r["interval"]) if r["interval"] else None)
        out.append(r)
    return out


def _label(interval: Any) -> str | None:
    """Interval label; audit records before labels were flat held {"label": ...}."""
    return interval.get("label") if isinstance(interval, dict) else (str(interval) if interval else None)


def _row(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "recorded_at": r.get("recorded_at"), "status": r.get("status"), "recipient": r.get("recipient"),
        "extract": r.get("extract"), "interval": _label(r.get("interval")),
        "release_id": r.get("release_id"), "rows": r.get("rows") or 0,
        "epsilon_spent": r.get("epsilon_spent") or 0.0, "delta_spent": r.get("delta_spent") or 0.0,
        "cross_border": r.get("cross_border"),
        "gates": [f"{g['gate']}:{'ok' if g['passed'] else 'FAIL'}" for g in r.get("gates", [])],
        "reason": r.get("reason"),
    }
