"""What the report shows, gathered from the lake's internal records (audit, budget ledger, clean zone).

Everything here is internal: population sizes, suppressed cells and detections are exactly what a
drop must not hold, which is why the report lives under `_system/` and never in `published/`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyarrow.fs as pafs

from transforms.lake import Lake


@dataclass
class ReportData:
    scope: str
    releases: list[dict[str, Any]] = field(default_factory=list)     # audit records of release attempts
    budget: list[dict[str, Any]] = field(default_factory=list)       # ledger entries
    budgets: dict[str, dict[str, Any]] = field(default_factory=dict)  # recipient -> {period, epsilon, delta}
    detections: dict[str, int] = field(default_factory=dict)         # entity type -> replaced spans (messages)
    detection_partitions: list[str] = field(default_factory=list)
    runs: list[dict[str, Any]] = field(default_factory=list)         # ingest / de-identification run records
    noise: list[dict[str, Any]] = field(default_factory=list)        # per DP release: published values + half-widths
    publish_runs: list[dict[str, Any]] = field(default_factory=list)  # one summary per publishing run


def latest_attempts(lake: Lake) -> list[dict[str, Any]]:
    """The last audit record of each release id (a retried failure is superseded by its success)."""
    by_id: dict[str, dict[str, Any]] = {}
    for r in sorted(lake.audit_records("releases"), key=lambda r: r.get("recorded_at", "")):
        by_id[f"{r.get('extract')}/{r.get('release_id')}"] = r
    return sorted(by_id.values(), key=lambda r: (r.get("interval_start", ""), r.get("extract", "")))


def ledger_entries(lake: Lake) -> list[dict[str, Any]]:
    root = lake.path("_system", "budget")
    if not lake.exists(root):
        return []
    out = []
    for info in lake.fs.get_file_info(pafs.FileSelector(root, recursive=True)):
        if info.type == pafs.FileType.File and info.base_name.endswith(".json"):
            out.append(lake.read_json(info.path))
    return sorted(out, key=lambda e: (e.get("interval", [""])[0], e.get("recorded_at", "")))


def detections(lake: Lake, partitions: list[str]) -> dict[str, int]:
    """Entity types replaced in the clean chat partitions (`pii_types` of each de-identified message)."""
    import duckdb

    files = [f for p in partitions if p.startswith("clean/chat_messages/")
             for f in lake.list_files(lake.path(p), ".parquet")]
    if not files or not lake.is_local:
        return {}
    listing = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
    con = duckdb.connect()
    try:
        rows = con.execute(f"SELECT t, count(*) FROM (SELECT unnest(pii_types) AS t FROM read_parquet([{listing}])) "
                           "GROUP BY t ORDER BY 2 DESC").fetchall()
    finally:
        con.close()
    return {str(t): int(n) for t, n in rows}


def clean_chat_partitions(lake: Lake) -> list[str]:
    return [f"clean/chat_messages/dt={d}" for d in lake.list_dates("clean", "chat_messages")]


def noise_series(lake: Lake, record: dict[str, Any], keyring: Any) -> dict[str, Any] | None:
    """Published values of a DP release's noisy count measures with their 95 % half-widths."""
    from transforms.publish.config import load_config
    from transforms.publish.crypto import read_parquet_bytes
    from transforms.publish.dictionary import half_width

    path, dp = record.get("path"), record.get("dp") or {}
    if not path or not dp.get("mechanism") or not lake.exists(f"{path}/part-0.parquet"):
        return None
    ext = load_config().extracts.get(record["extract"])
    if ext is None:
        return None
    try:
        table = read_parquet_bytes(lake.read_bytes(f"{path}/part-0.parquet"), keyring)
    except Exception:  # noqa: BLE001 - a release the key store cannot open is shown without values
        return None
    scales = {q["query"]: q.get("scale") for q in dp.get("queries", [])}
    sel_scale = (dp.get("selection") or {}).get("scale")
    series = {}
    for m in ext.measures:
        if m.agg not in ("count", "count_distinct") or m.name not in table.column_names:
            continue
        scale = scales.get(m.name)
        hw = half_width(dp["mechanism"], scale, True) if scale else half_width("laplace", sel_scale, True)
        series[m.name] = {"values": table[m.name].to_pylist(), "half_width": hw}
    return {"extract": record["extract"], "release_id": record["release_id"], "series": series}


def gather(lake: Lake, release_dir: str | None = None, keyring: Any = None) -> ReportData:
    from transforms.publish.config import load_config

    attempts = latest_attempts(lake)
    if release_dir is not None:
        rid = release_dir.rstrip("/").rsplit("/", 1)[-1]
        attempts = [r for r in attempts if r.get("release_id") == rid]
        scope = f"release {rid}"
        partitions = sorted({p for r in attempts for p in r.get("source_partitions", [])})
    else:
        scope = "all releases of the lake"
        partitions = clean_chat_partitions(lake)
    cfg = load_config()
    data = ReportData(scope, attempts, ledger_entries(lake))
    data.budgets = {r.id: r.budget.model_dump() for r in cfg.recipients.values()}
    data.detection_partitions = [p for p in partitions if p.startswith("clean/chat_messages/")]
    data.detections = detections(lake, partitions)
    dates = {p.rsplit("dt=", 1)[-1] for p in partitions}
    data.runs = sorted((r for r in lake.audit_records("runs") if r.get("stage") in ("ingest", "deidentify")
                        and (release_dir is None or r.get("dt") in dates)),
                       key=lambda r: (r.get("stage", ""), r.get("source") or r.get("table", ""), r.get("dt", "")))
    ids = {r.get("release_id") for r in attempts}
    data.publish_runs = sorted((r for r in lake.audit_records("publish_runs")
                                if release_dir is None or ids & ({p.get("release_id") for p in r.get("published", [])}
                                                                 | {p.get("release_id") for p in r.get("refused", [])})),
                               key=lambda r: r.get("recorded_at", ""))
    for r in attempts:
        if r.get("status") == "published" and (r.get("dp") or {}).get("mechanism") and r.get("rows"):
            s = noise_series(lake, r, keyring)
            if s:
                data.noise.append(s)
    return data
