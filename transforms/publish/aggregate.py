"""SQL for an extract's aggregates, run by DuckDB (no hand-written group-bys in Python).

Two shapes:
- exact: one GROUP BY GROUPING SETS query giving every detail cell and declared subtotal (margin),
  plus `__units` (distinct k-units per cell) for small-cell suppression;
- bounded (DP): per-unit contribution bounding first (at most `max_groups_per_unit` groups per unit,
  at most `max_rows_per_unit_group` rows per unit and group, ordered by a hash keyed with a secret
  salt per extract and interval from the key store, so which of a user's rows are kept depends on
  that user's data alone), then per-cell statistics that `dp.py` noises.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from transforms.publish.config import MARGIN_VALUE, Extract, Measure
from transforms.publish.views import ident, lit, where_sql

LEVEL = "__level"   # which grouping set a row belongs to (index into grouping_sets())
UNITS = "__units"   # distinct k-units in the cell
KEY = "__key"       # the cell's group key as one string (DP partition key)


def grouping_sets(extract: Extract) -> list[tuple[str, ...]]:
    """Detail first, then the declared margins (subtotals)."""
    return [tuple(extract.group_by), *[tuple(m) for m in extract.margins]]


def _clamped(m: Measure) -> str:
    """The value clamped to its bounds; NULL stays NULL (DuckDB's greatest(NULL, 0) is 0, which put
    every event without a startup time into the quantiles as 0 ms)."""
    lo, hi = m.bounds or (None, None)
    col = ident(m.column or "")
    return f"CASE WHEN {col} IS NULL THEN NULL ELSE least(greatest(CAST({col} AS DOUBLE), {lit(lo)}), {lit(hi)}) END"


def _measure_sql(m: Measure) -> str | None:
    flt = f" FILTER (WHERE {where_sql(m.where)})" if m.where else ""
    if m.agg == "count":
        return f"count(*){flt}"
    if m.agg == "count_distinct":
        return f"count(DISTINCT {ident(m.column or '')}){flt}"
    if m.agg == "sum":
        return f"sum({_clamped(m)}){flt}"
    if m.agg == "mean":
        return f"avg({_clamped(m)}){flt}"
    if m.agg == "quantile":
        return f"quantile_cont({_clamped(m)}, {lit(m.q)}){flt}"
    return None  # ratio: computed from the others


def _key_expr(col: str) -> str:
    return f"coalesce(CAST({ident(col)} AS VARCHAR), 'unknown')"


def exact_cells(con: duckdb.DuckDBPyConnection, extract: Extract) -> pa.Table:
    """Every cell of every grouping set with its measures and `__units`, unsuppressed."""
    sets = grouping_sets(extract)
    gb = list(extract.group_by)
    keys = ", ".join(
        f"CASE WHEN grouping({ident(c)}) = 1 THEN {lit(MARGIN_VALUE)} ELSE {_key_expr(c)} END AS {ident(c)}"
        for c in gb)
    level_cases = " ".join(
        f"WHEN {' AND '.join(f'grouping({ident(c)}) = {0 if c in s else 1}' for c in gb) or 'TRUE'} THEN {i}"
        for i, s in enumerate(sets))
    measures = ", ".join(
        f"{sql} AS {ident(m.name)}" for m in extract.measures if (sql := _measure_sql(m)))
    sets_sql = ", ".join("(" + ", ".join(ident(c) for c in s) + ")" for s in sets)
    group = f"GROUP BY GROUPING SETS ({sets_sql})" if gb else ""
    select_keys = f"{keys}, CASE {level_cases} END AS {LEVEL}," if gb else f"0 AS {LEVEL},"
    sql = f"""WITH base AS (SELECT * FROM {ident(extract.view)} WHERE {where_sql(extract.filters)})
        SELECT {select_keys} {measures},
            count(DISTINCT {ident(extract.min_group.unit)}) AS {UNITS}
        FROM base {group}"""
    return con.sql(sql).to_arrow_table()


def bounded_cells(con: duckdb.DuckDBPyConnection, extract: Extract, salt: str) -> pa.Table:
    """Per-cell statistics after per-unit contribution bounding (input to the DP mechanisms).

    Columns: group keys, `__key`, `__units` (distinct units, each unit counted once per cell),
    and per measure: `<name>` (count / distinct / clamped sum) or `<name>__values` (list of
    clamped values for quantiles), `<name>__n` (row count for means).
    """
    dp = extract.dp
    assert dp is not None
    unit = ident(dp.privacy_unit)
    gb = list(extract.group_by)
    replace = ("REPLACE (" + ", ".join(f"{_key_expr(c)} AS {ident(c)}" for c in gb) + ")") if gb else ""
    key_concat = " || chr(31) || ".join(_key_expr(c) for c in gb) if gb else "''"
    parts = []
    for m in extract.measures:
        flt = f" FILTER (WHERE {where_sql(m.where)})" if m.where else ""
        if m.agg == "count":
            parts.append(f"count(*){flt} AS {ident(m.name)}")
        elif m.agg == "count_distinct":
            parts.append(f"count(DISTINCT {ident(m.column or '')}){flt} AS {ident(m.name)}")
        elif m.agg == "sum":
            parts.append(f"coalesce(sum({_clamped(m)}){flt}, 0) AS {ident(m.name)}")
        elif m.agg == "mean":
            parts.append(f"coalesce(sum({_clamped(m)}){flt}, 0) AS {ident(m.name + '__sum')}")
            cnt_flt = f" FILTER (WHERE {where_sql(m.where)} AND {ident(m.column or '')} IS NOT NULL)"
            parts.append(f"count(*){cnt_flt} AS {ident(m.name + '__n')}")
        elif m.agg == "quantile":
            q_flt = f" FILTER (WHERE {where_sql(m.where)} AND {ident(m.column or '')} IS NOT NULL)"
            parts.append(f"list({_clamped(m)}){q_flt} AS {ident(m.name + '__values')}")
    measures = ", ".join(parts)
    sql = f"""WITH base AS (
            SELECT * {replace}, {key_concat} AS {KEY}_raw
            FROM {ident(extract.view)} WHERE {where_sql(extract.filters)} AND {unit} IS NOT NULL),
        unit_groups AS (
            SELECT {unit} AS u, {KEY}_raw AS k, row_number() OVER (
                PARTITION BY {unit} ORDER BY hash({unit} || chr(31) || {KEY}_raw || {lit(salt)})) AS rg
            FROM (SELECT DISTINCT {unit}, {KEY}_raw FROM base)),
        bounded AS (
            SELECT b.* FROM base b JOIN unit_groups g ON g.u = b.{unit} AND g.k = b.{KEY}_raw
            WHERE g.rg <= {int(dp.max_groups_per_unit)}
            QUALIFY row_number() OVER (
                PARTITION BY b.{unit}, b.{KEY}_raw
                ORDER BY hash(CAST(b AS VARCHAR) || {lit(salt)})) <= {int(dp.max_rows_per_unit_group)})
        SELECT {", ".join(ident(c) for c in gb) + "," if gb else ""} {KEY}_raw AS {KEY},
            count(DISTINCT {unit}) AS {UNITS}{", " + measures if measures else ""}
        FROM bounded GROUP BY {KEY}_raw{", " + ", ".join(ident(c) for c in gb) if gb else ""}"""
    return con.sql(sql).to_arrow_table()
