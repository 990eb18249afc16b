"""What the population and small-cell gates compute: the DuckDB connection over one interval,
the cells (exact + k-suppression, or bounded + DP), text screening before selection, the table."""

from __future__ import annotations

from datetime import date
from typing import Any

import pyarrow as pa

from transforms.publish.aggregate import KEY, LEVEL, UNITS, bounded_cells, exact_cells, grouping_sets
from transforms.publish.catalog import VIEWS
from transforms.publish.config import Extract
from transforms.publish.gates import Attempt, GateFailed, as_of_iso, bounding_salt
from transforms.publish.public_partitions import resolve as public_domains
from transforms.publish.suppression import suppress
from transforms.schemas import CLEAN

PART = "part-0.parquet"
ARROW_TYPES = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "date": pa.date32()}
POPULATION_COLUMNS = ("user_pid", "birth_year", "age_band")


def text_columns(extract: Extract) -> list[str]:
    """Group keys that are free text (utterances, replies)."""
    spec = VIEWS[extract.view]
    return [c for c in extract.group_by if spec.kind(c) == "utterance"]


def connect(a: Attempt) -> Any:
    """A DuckDB connection with the interval's clean partitions, the population and the taxonomy.

    On a local lake the clean partitions are `read_parquet([...])` views: DuckDB streams them (memory
    bounded by DuckDB, not by the interval) and normalises chat text per vector (`aimate_nfkc`).
    Other lakes load the partitions as Arrow tables through the lake's filesystem.
    """
    import duckdb

    from transforms.publish import release
    from transforms.publish.views import (
        create_view,
        nfkc_text,
        register_nfkc,
        register_parquet_source,
        register_taxonomy,
    )

    ext, lake = a.extract, a.lake
    try:
        pop = release.eligible_population(lake, ext.purpose, a.as_of)
    except Exception as exc:  # noqa: BLE001 - no allow-list, no release
        raise GateFailed("population", f"eligible users unavailable: {type(exc).__name__}: {exc}") from exc
    missing = [c for c in POPULATION_COLUMNS if c not in pop.column_names]
    if missing:
        raise GateFailed("population", f"eligible-users table lacks columns {missing}")
    pop = pop.select(list(POPULATION_COLUMNS))
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.register("pop_raw", pop)
    dup, nulls = con.execute(
        "SELECT count(*) - count(DISTINCT user_pid), count(*) FILTER (WHERE user_pid IS NULL) FROM pop_raw").fetchall()[0]
    if dup or nulls:
        raise GateFailed("population", f"eligible-users table is not a set of users ({dup} duplicate, {nulls} null)")
    if pop.num_rows == 0:
        raise GateFailed("population", f"no user is eligible for purpose {ext.purpose!r}")
    con.execute("CREATE TEMP TABLE pop AS SELECT * FROM pop_raw")
    con.unregister("pop_raw")
    n_pop = pop.num_rows
    del pop
    register_taxonomy(con, a.cfg.topics)
    register_nfkc(con)
    rows_in = {}
    for table in VIEWS[ext.view].sources:
        parts = [p for p in a.partitions if p.startswith(f"clean/{table}/")]
        files = [f for p in parts for f in lake.list_files(lake.path(p), ".parquet")]
        if files and lake.is_local:
            register_parquet_source(con, table, files)
            rows_in[table] = con.execute(f"SELECT count(*) FROM src_{table}").fetchall()[0][0]
            continue
        dates = [date.fromisoformat(p.rsplit("dt=", 1)[1]) for p in parts]
        tables = [lake.read_partition("clean", table, d, CLEAN[table]) for d in dates]
        arrow = pa.concat_tables(tables, promote_options="permissive") if tables else CLEAN[table].empty_table()
        if table == "chat_messages":
            arrow = nfkc_text(arrow)
        rows_in[table] = arrow.num_rows
        con.register(f"src_{table}", arrow)
    for table, schema in CLEAN.items():  # tables a view does not read are present but empty
        if table not in rows_in:
            con.register(f"src_{table}", schema.empty_table())
    create_view(con, ext.view, a.cfg.topics, a.interval.start)
    primary = VIEWS[ext.view].sources[0]
    users_in, users_kept, kept_rows = con.execute(
        f"SELECT count(DISTINCT s.user_pid), count(DISTINCT s.user_pid) FILTER (WHERE p.user_pid IS NOT NULL), "
        f"count(*) FILTER (WHERE p.user_pid IS NOT NULL) "
        f"FROM (SELECT user_pid FROM src_{primary}) s LEFT JOIN pop p ON p.user_pid = s.user_pid").fetchall()[0]
    a.facts["population"] = {"purpose": ext.purpose, "as_of": as_of_iso(a.as_of), "eligible_users": n_pop,
                             "source_rows": rows_in, "users_in_source": users_in,
                             "users_eligible_in_source": users_kept, "rows_kept": kept_rows}
    return con


def compute(a: Attempt) -> str:
    """Aggregate, suppress small cells (or screen text, DP-select and noise); sets a.rows/a.table."""
    from transforms.publish import dp as dpmod

    ext = a.extract
    if ext.dp is None:
        rows = exact_cells(a.con, ext).to_pylist()
        result = suppress(rows, levels=grouping_sets(ext), k=ext.min_group.k, level_col=LEVEL, units_col=UNITS)
        a.facts["suppression"] = {"k": ext.min_group.k, "unit": ext.min_group.unit, "cells": len(rows),
                                  "primary_suppressed": result.primary,
                                  "complementary_suppressed": result.complementary,
                                  "published_cells": len(result.kept)}
        kept = sorted(result.kept, key=lambda r: (r[LEVEL], *[r[c] for c in ext.group_by]))
        dpmod.exact_ratios(kept, ext.measures)
        detail = (f"{result.primary} cell(s) under k={ext.min_group.k} {ext.min_group.unit}s suppressed, "
                  f"{result.complementary} complementary")
    else:
        salt, salt_version = bounding_salt(a)
        a.facts["bounding_salt_key_version"] = salt_version
        cells = screen_text(a, bounded_cells(a.con, ext, salt=salt))
        kept, a.report = dpmod.privatize(cells, ext, public_domains(ext, a.cfg))
        sel = a.report.selection
        dropped = sel["outside_domain_cells"] if sel.get("public") else cells.num_rows - len(kept)
        a.facts["suppression"] = {"k": ext.min_group.k, "unit": ext.min_group.unit, "cells": cells.num_rows,
                                  "primary_suppressed": dropped, "published_cells": len(kept),
                                  "dp_threshold": sel["threshold"], "public_partitions": bool(sel.get("public"))}
        a.facts["dp"] = {**a.report.as_dict(), "privacy_unit": ext.dp.privacy_unit}
        if sel.get("public"):
            detail = (f"public partitions: all {len(kept)} cells of the declared key lists noised, no selection; "
                      f"{dropped} data cell(s) outside the lists")
        else:
            detail = (f"{len(kept)} of {cells.num_rows} cells passed k={ext.min_group.k} and the DP threshold "
                      f"{sel['threshold']}")
    a.rows = kept
    a.table = to_table(kept, a)
    return detail


def screen_text(a: Attempt, cells: pa.Table) -> pa.Table:
    """Before selection, drop candidate cells whose text fails the engine under both purposes or the
    independent identifier check. The decision looks at the cell's text only, never at its counts
    (so selection stays DP); only cells that could pass k are screened (the others never publish)."""
    cols = text_columns(a.extract)
    if not cols or cells.num_rows == 0:
        return cells
    from transforms.publish.identifier_check import findings
    from transforms.publish.scan import engine_rejects

    rows = cells.to_pylist()
    texts = sorted({r[c] for r in rows if r[UNITS] >= a.extract.min_group.k for c in cols if r[c]})
    engine_bad = {t for t, bad in zip(texts, engine_rejects(texts), strict=True) if bad}
    ident_bad = {t for t in texts if findings(t, free_text=True)}
    bad = engine_bad | ident_bad
    keep = [r for r in rows if not any(r[c] in bad for c in cols)]
    a.facts["text_screen"] = {"screened": len(texts), "engine_rejected": len(engine_bad),
                              "identifier_rejected": len(ident_bad), "cells_dropped": len(rows) - len(keep)}
    return pa.Table.from_pylist(keep, schema=cells.schema) if len(keep) != len(rows) else cells


def to_table(rows: list[dict[str, Any]], a: Attempt) -> pa.Table:
    """Columns in production order with types from what produced them (not copied from the
    declaration, so the schema gate compares two independent things)."""
    ext = a.extract
    n = len(rows)
    cols: dict[str, pa.Array] = {
        "interval_start": pa.array([a.interval.start] * n, pa.date32()),
        "interval_end": pa.array([a.interval.end] * n, pa.date32()),
    }
    for g in ext.group_by:
        cols[g] = pa.array([r[g] for r in rows], pa.string())
    for m in ext.measures:
        typ = pa.int64() if m.agg in ("count", "count_distinct") else pa.float64()
        cols[m.name] = pa.array([r.get(m.name) for r in rows], typ)
    meta = {"aimate.release_id": a.release_id, "aimate.extract": ext.id, "aimate.recipient": a.recipient.id,
            "aimate.interval": a.interval.label, "aimate.policy_version": a.cfg.policy.version,
            "aimate.config_version": a.config_version}
    return pa.table(cols).replace_schema_metadata(meta)


__all__ = ["KEY", "PART", "compute", "connect", "screen_text", "text_columns", "to_table"]
