"""Utility of the extracts: how much of the truth a release shows, and how far off its numbers are.

For every extract and complete interval, on the lake's clean zone (internal: this reads the data):

- *user mass published*: of the user-cell incidences of the true table (Σ over true cells of
  distinct users), the share that sits in published cells;
- *median relative error*: over published cells with a true value > 0, |published − true| / true of
  every count measure (counts of rows and distinct units), against the exact, unbounded truth.

DP extracts with public keys are measured both ways on the same data: with private partition
selection (as before public partitions) and with public partitions. Each figure is one draw of the
noise. Nothing here is published; `aimate-share utility` and `make bench` print it.
"""

from __future__ import annotations

import statistics
from datetime import datetime
from typing import Any

from transforms.lake import Lake, utcnow
from transforms.publish.aggregate import LEVEL, UNITS, bounded_cells, exact_cells, grouping_sets
from transforms.publish.catalog import VIEWS
from transforms.publish.config import Extract, PublishConfig, load_config
from transforms.publish.intervals import Interval, complete_intervals, source_partitions
from transforms.publish.public_partitions import SEP, resolve

PRIVATE, PUBLIC, EXACT = "private selection", "public partitions", "k-suppression"


def _connect(lake: Lake, cfg: PublishConfig, ext: Extract, iv: Interval, pop: Any) -> Any:
    import duckdb

    from transforms.publish.views import (
        create_view,
        register_nfkc,
        register_parquet_source,
        register_taxonomy,
    )
    from transforms.schemas import CLEAN

    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.register("pop_arrow", pop)
    con.execute("CREATE TEMP TABLE pop AS SELECT * FROM pop_arrow")
    register_taxonomy(con, cfg.topics)
    register_nfkc(con)
    parts = source_partitions(lake, ext, iv)
    for table, schema in CLEAN.items():
        files = [f for p in parts if p.startswith(f"clean/{table}/") for f in lake.list_files(lake.path(p), ".parquet")]
        if files and table in VIEWS[ext.view].sources:
            register_parquet_source(con, table, files)
        else:
            con.register(f"src_{table}", schema.empty_table())
    create_view(con, ext.view, cfg.topics, iv.start)
    return con


def _key(row: dict[str, Any], ext: Extract) -> str:
    return SEP.join(str(row[g]) for g in ext.group_by)


def _count_measures(ext: Extract) -> list[str]:
    return [m.name for m in ext.measures if m.agg in ("count", "count_distinct")]


def score(published: list[dict[str, Any]], truth: dict[str, dict[str, Any]], ext: Extract) -> dict[str, Any]:
    """Mass share and median relative error of `published` rows against the exact `truth` cells."""
    total = sum(int(r[UNITS]) for r in truth.values())
    keys = [_key(r, ext) for r in published]
    mass = sum(int(truth[k][UNITS]) for k in set(keys) if k in truth)
    errors = []
    for row, key in zip(published, keys, strict=True):
        true = truth.get(key)
        for name in _count_measures(ext):
            if true is not None and true.get(name):
                errors.append(abs(float(row[name] or 0) - float(true[name])) / float(true[name]))
    return {"published_cells": len(published), "true_cells": len(truth),
            "published_zero_truth_cells": sum(1 for k in keys if k not in truth),
            "user_mass_share": mass / total if total else None,
            "median_rel_error": statistics.median(errors) if errors else None}


def measure_extract(lake: Lake, cfg: PublishConfig, ext: Extract, iv: Interval, pop: Any) -> list[dict[str, Any]]:
    from transforms.publish import dp as dpmod
    from transforms.publish.suppression import suppress

    con = _connect(lake, cfg, ext, iv, pop)
    try:
        exact = [r for r in exact_cells(con, ext).to_pylist() if r[LEVEL] == 0]
        truth = {_key(r, ext): r for r in exact}
        base = {"extract": ext.id, "interval": iv.label}
        if ext.dp is None:
            rows = exact_cells(con, ext).to_pylist()
            kept = suppress(rows, levels=grouping_sets(ext), k=ext.min_group.k, level_col=LEVEL, units_col=UNITS).kept
            return [{**base, "mode": EXACT, **score([r for r in kept if r[LEVEL] == 0], truth, ext)}]
        cells = bounded_cells(con, ext, salt=f"utility-{iv.label}")
        private = ext.model_copy(update={"public_keys": ()})
        out = [{**base, "mode": PRIVATE, **score(dpmod.privatize(cells, private)[0], truth, ext)}]
        domains = resolve(ext, cfg)
        if domains:
            out.append({**base, "mode": PUBLIC, **score(dpmod.privatize(cells, ext, domains)[0], truth, ext)})
        return out
    finally:
        con.close()


def measure_lake(lake: Lake | str, *, config: PublishConfig | None = None, as_of: datetime | None = None,
                 extracts: list[str] | None = None) -> list[dict[str, Any]]:
    """Utility rows for every extract × complete interval of the lake (see the module doc)."""
    from transforms.publish.release import POPULATION_COLUMNS, eligible_population

    lake = lake if isinstance(lake, Lake) else Lake(str(lake))
    cfg = config or load_config()
    as_of = as_of or utcnow()
    pops: dict[str, Any] = {}
    rows: list[dict[str, Any]] = []
    for ext in cfg.extracts.values():
        if extracts and ext.id not in extracts:
            continue
        for iv, _why in complete_intervals(lake, ext, as_of, cfg.policy.close_idle_days):
            if ext.purpose not in pops:
                pops[ext.purpose] = eligible_population(lake, ext.purpose, as_of).select(list(POPULATION_COLUMNS))
            rows += measure_extract(lake, cfg, ext, iv, pops[ext.purpose])
    return rows


def summarise(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per (extract, mode): medians over intervals."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r["extract"], r["mode"]), []).append(r)

    def med(values: list[Any]) -> float | None:
        vals = [v for v in values if v is not None]
        return statistics.median(vals) if vals else None

    return [{"extract": e, "mode": mode, "intervals": len(rs),
             "published_cells": sum(r["published_cells"] for r in rs), "true_cells": sum(r["true_cells"] for r in rs),
             "user_mass_share": med([r["user_mass_share"] for r in rs]),
             "median_rel_error": med([r["median_rel_error"] for r in rs])}
            for (e, mode), rs in groups.items()]


def markdown_table(summary: list[dict[str, Any]]) -> str:
    lines = ["| extract | mode | intervals | published cells | true cells | user mass published | median rel. error |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for r in summary:
        mass = "n/a" if r["user_mass_share"] is None else f"{100 * r['user_mass_share']:.1f} %"
        err = "n/a" if r["median_rel_error"] is None else f"{100 * r['median_rel_error']:.1f} %"
        lines.append(f"| {r['extract']} | {r['mode']} | {r['intervals']} | {r['published_cells']:,} | "
                     f"{r['true_cells']:,} | {mass} | {err} |")
    return "\n".join(lines)
