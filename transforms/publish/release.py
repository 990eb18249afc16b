"""Plan and publish releases: each one passes every gate or does not exist.

`plan_releases` lists the (extract × complete interval) pairs not yet released; `publish` computes
one of them and runs the gates in order, failing closed:

  region → budget (pre-check) → population → small cells (k, complementary / DP selection)
  → schema → residual PII → budget (spend, under lock) → atomic write

Every attempt, published or refused, leaves an audit record (`_system/audit/releases/`); a refusal
logs its reason and no release folder appears.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pyarrow as pa

from anonymizers.keyring import KeyRing
from transforms.lake import Lake, utcnow
from transforms.publish import budget as ledger
from transforms.publish.aggregate import LEVEL, UNITS, bounded_cells, exact_cells, grouping_sets
from transforms.publish.catalog import VIEWS
from transforms.publish.config import Extract, PublishConfig, Recipient, load_config
from transforms.publish.crypto import parquet_bytes
from transforms.publish.dictionary import release_documents
from transforms.publish.intervals import (
    Interval,
    complete_intervals,
    completeness,
    inputs_fingerprint,
    interval_of,
    source_partitions,
)
from transforms.publish.intervals import release_id as make_release_id
from transforms.publish.public_partitions import resolve as public_domains
from transforms.publish.scan import scan_table
from transforms.publish.suppression import suppress
from transforms.schemas import CLEAN

log = logging.getLogger(__name__)

MANIFEST = "_manifest.json"
PART = "part-0.parquet"
ARROW_TYPES = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "date": pa.date32()}
POPULATION_COLUMNS = ("user_pid", "birth_year", "age_band")


class GateFailed(Exception):
    """A gate refused the release; the message is the reason recorded."""

    def __init__(self, gate: str, reason: str) -> None:
        super().__init__(f"{gate}: {reason}")
        self.gate, self.reason = gate, reason


def eligible_population(lake: Lake, purpose: str, as_of: datetime) -> pa.Table:
    """The rights team's allow-list (consent, age, cancellation/deletion) for a purpose at a time."""
    from transforms.rights.population import eligible_users

    return eligible_users(lake, purpose, as_of)


def _as_lake(lake: Lake | str) -> Lake:
    return lake if isinstance(lake, Lake) else Lake(str(lake))


def _release_dir(lake: Lake, recipient: str, extract: str, rid: str) -> str:
    return lake.path("published", recipient, extract, rid)


# -- planning ----------------------------------------------------------------------------------
def _released_before(lake: Lake, extract: Extract, interval: Interval, cfg_version: str,
                     partitions: list[str]) -> bool:
    """A release of this interval under the same rules from the same partitions already exists.

    Content changes inside a partition (a purge rewriting it) do not re-release past intervals:
    that would spend budget again for every deletion; new partitions or new rules do.
    """
    root = lake.path("published", extract.recipient, extract.id)
    if not lake.exists(root):
        return False
    import pyarrow.fs as pafs

    for info in lake.fs.get_file_info(pafs.FileSelector(root)):
        manifest = f"{info.path}/{MANIFEST}"
        if info.type != pafs.FileType.Directory or info.base_name.startswith(".") or not lake.exists(manifest):
            continue
        m = lake.read_json(manifest)
        if m.get("interval_start") == str(interval.start) and m.get("config_version") == cfg_version \
                and m.get("source_partitions") == partitions:
            return True
    return False


def plan_releases(lake: Lake | str, *, config: PublishConfig | None = None,
                  as_of: datetime | None = None, extracts: list[str] | None = None) -> list[dict[str, str]]:
    """One JSON-serialisable dict per (extract × complete interval) not yet released or refused.

    Each dict holds exactly the keyword arguments of `publish` besides the lake.
    """
    lake = _as_lake(lake)
    cfg = config or load_config()
    as_of = as_of or utcnow()
    refused = {r.get("release_id") for r in lake.audit_records("releases") if r.get("status") == "refused"}
    planned = []
    for ext in cfg.extracts.values():
        if extracts and ext.id not in extracts:
            continue
        cfg_version = cfg.config_version(ext)
        for iv, _why in complete_intervals(lake, ext, as_of, cfg.policy.close_idle_days):
            parts = source_partitions(lake, ext, iv)
            rid = make_release_id(ext, iv, inputs_fingerprint(lake, parts), cfg_version)
            if rid in refused or lake.exists(_release_dir(lake, ext.recipient, ext.id, rid)):
                continue
            if _released_before(lake, ext, iv, cfg_version, parts):
                continue
            planned.append({"extract": ext.id, "interval_start": str(iv.start),
                            "interval_end": str(iv.end), "release_id": rid})
    return planned


# -- one release -------------------------------------------------------------------------------
@dataclass
class Attempt:
    """What is known about a release attempt so far; becomes the audit record and the manifest."""

    extract: Extract
    recipient: Recipient
    interval: Interval
    release_id: str
    config_version: str
    policy_version: str
    partitions: list[str]
    fingerprint: str
    gates: list[dict[str, Any]] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)

    def passed(self, gate: str, detail: str, **extra: Any) -> None:
        self.gates.append({"gate": gate, "passed": True, "detail": detail, **extra})

    @property
    def cross_border(self) -> bool:
        return self.recipient.region == "overseas"

    def record(self, status: str, reason: str | None = None) -> dict[str, Any]:
        return {
            "status": status, "reason": reason, "release_id": self.release_id,
            "recipient": self.recipient.id, "recipient_kind": self.recipient.kind,
            "region": self.recipient.region, "cross_border": self.cross_border,
            "extract": self.extract.id, "purpose": self.extract.purpose,
            "interval": self.interval.label, "interval_start": str(self.interval.start),
            "interval_end": str(self.interval.end), "granularity": self.interval.granularity,
            "config_version": self.config_version,
            "policy_version": self.policy_version, "k": self.extract.min_group.k,
            "source_partitions": self.partitions, "inputs_fingerprint": self.fingerprint,
            "gates": self.gates, **self.facts,
        }


def publish(lake: Lake | str, *, extract: str, interval_start: str, interval_end: str | None = None,
            release_id: str | None = None, config: PublishConfig | None = None,
            as_of: datetime | None = None, keyring: KeyRing | None = None) -> dict[str, Any]:
    """Compute one planned release, gate it, write it atomically. Returns the audit record.

    `release_id` from the plan is advisory: it is recomputed from the inputs now present (if they
    changed since planning, the new id is used and noted).
    """
    lake = _as_lake(lake)
    cfg = config or load_config()
    ext = cfg.extracts[extract]
    rec = cfg.recipient_of(ext)
    iv = interval_of(date.fromisoformat(interval_start), ext.interval)
    if str(iv.start) != interval_start or (interval_end and str(iv.end) != interval_end):
        raise ValueError(f"[{interval_start}, {interval_end}) is not a {ext.interval} interval of {ext.id}")
    as_of = as_of or utcnow()
    dates = lake.list_dates("clean", VIEWS[ext.view].sources[0])
    complete_by = completeness(dates, iv, as_of, cfg.policy.close_idle_days)
    if complete_by is None:
        raise ValueError(f"{ext.id} interval {iv.label} is not complete yet")
    parts = source_partitions(lake, ext, iv)
    fp = inputs_fingerprint(lake, parts)
    cfg_version = cfg.config_version(ext)
    rid = make_release_id(ext, iv, fp, cfg_version)
    attempt = Attempt(ext, rec, iv, rid, cfg_version, cfg.policy.version, parts, fp)
    attempt.facts["complete_by"] = complete_by
    attempt.facts["source_versions"] = _source_versions(lake, parts)
    attempt.facts["days_present"] = len([d for d in dates if iv.start <= d < iv.end])
    if release_id and release_id != rid:
        attempt.facts["planned_release_id"] = release_id
    final_dir = _release_dir(lake, rec.id, ext.id, rid)
    if lake.exists(final_dir):
        log.info("release %s/%s/%s exists: nothing to do", rec.id, ext.id, rid)
        return {**attempt.record("exists"), "path": final_dir}
    try:
        return _publish(lake, cfg, attempt, final_dir, as_of, keyring)
    except GateFailed as exc:
        attempt.gates.append({"gate": exc.gate, "passed": False, "detail": exc.reason})
        record = attempt.record("refused", f"{exc.gate}: {exc.reason}")
        log.warning("release %s/%s/%s refused by gate %s: %s", rec.id, ext.id, rid, exc.gate, exc.reason)
        lake.audit("releases", f"{ext.id}-{rid}", record)
        return record
    except Exception as exc:  # an error is not a refusal: audit it, then let the task fail and retry
        attempt.gates.append({"gate": "error", "passed": False, "detail": f"{type(exc).__name__}: {exc}"})
        lake.audit("releases", f"{ext.id}-{rid}", attempt.record("failed", f"error: {type(exc).__name__}: {exc}"))
        raise


def _source_versions(lake: Lake, partitions: list[str]) -> dict[str, dict[str, Any]]:
    """De-identification policy and key versions of each input partition (from its _clean.json)."""
    out: dict[str, dict[str, Any]] = {}
    for rel in partitions:
        marker = lake.path(rel, "_clean.json")
        if lake.exists(marker):
            doc = lake.read_json(marker)
            out[rel] = {k: v for k, v in doc.items() if k.endswith("_version")}
    return out


def _publish(lake: Lake, cfg: PublishConfig, a: Attempt, final_dir: str, as_of: datetime,
             keyring: KeyRing | None) -> dict[str, Any]:
    ext, rec, iv = a.extract, a.recipient, a.interval
    # region: an overseas recipient receives only DP-protected aggregates
    if a.cross_border and ext.dp is None:
        raise GateFailed("region", f"recipient {rec.id} is overseas and extract {ext.id} declares no DP")
    a.passed("region", "cross-border release, DP declared" if a.cross_border else "in-region recipient",
             cross_border=a.cross_border)
    # budget pre-check: refuse before reading any data
    eps, delta = (ext.dp.epsilon, ext.dp.delta) if ext.dp else (0.0, 0.0)
    if ext.dp:
        why = ledger.check(lake, rec, iv.start, iv.end, eps, delta, a.release_id)
        if why:
            raise GateFailed("budget", why)
    if not a.partitions:
        raise GateFailed("inputs", "no clean partition in the interval")
    con = _connect(lake, cfg, a, as_of)
    # small cells + DP
    table, n_rows = _compute(con, a, public_domains(ext, cfg))
    # schema equals the declared one
    declared = pa.schema([pa.field(c.name, ARROW_TYPES[c.type]) for c in ext.output_schema])
    actual = pa.schema([pa.field(f.name, f.type) for f in table.schema])
    if not actual.equals(declared):
        extra = sorted(set(actual.names) - set(declared.names))
        missing = sorted(set(declared.names) - set(actual.names))
        raise GateFailed("schema", f"output {_schema_str(actual)} differs from declared {_schema_str(declared)}"
                         + (f"; unexpected columns {extra}" if extra else "")
                         + (f"; missing columns {missing}" if missing else ""))
    a.passed("schema", f"{len(declared)} columns as declared")
    # residual PII: an independent scan of every string value
    try:
        leaks = scan_table(table, f"{ext.id}/{a.release_id}/{PART}")
    except Exception as exc:  # noqa: BLE001 - a scanner that cannot run does not pass anything
        raise GateFailed("residual_pii", f"scanner unavailable: {type(exc).__name__}: {exc}") from exc
    if leaks:
        shown = ", ".join(f"{x.entity_type} in {x.column} row {x.row} ({x.masked_value})" for x in leaks[:10])
        raise GateFailed("residual_pii", f"{len(leaks)} finding(s): {shown}")
    a.passed("residual_pii", "no finding in any string column")
    # encryption and the files
    key_version = None
    if rec.encryption:
        kr = keyring or KeyRing.load()
        key_version, _ = kr.current(rec.key_name)
        data = parquet_bytes(table, recipient=rec.id, keyring=kr, key_version=key_version)
    else:
        data = parquet_bytes(table)
    files = [{"name": PART, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data), "rows": n_rows}]
    docs = release_documents(a, n_rows)  # DATA_DICTIONARY.md, covered by the manifest's checksums
    a.facts["documents"] = [{"name": n, "sha256": hashlib.sha256(b).hexdigest(), "bytes": len(b)}
                            for n, b in docs.items()]
    a.facts.update(rows=n_rows, files=files,
                   schema=[{"name": c.name, "type": c.type} for c in ext.output_schema],
                   encryption={"enabled": rec.encryption, "scheme": "parquet-modular-encryption AES_GCM_V1"
                               if rec.encryption else None,
                               "key_name": rec.key_name if rec.encryption else None,
                               "key_version": key_version})
    # budget: spend under the recipient's lock, then make the release visible
    with ledger.locked(lake, rec.id):
        if ext.dp:
            why = ledger.check(lake, rec, iv.start, iv.end, eps, delta, a.release_id)
            if why:
                raise GateFailed("budget", why)
            ledger.charge(lake, rec, iv.start, iv.end, a.facts["dp"]["epsilon_spent"],
                          a.facts["dp"]["delta_spent"], a.release_id, ext.id)
        a.facts["budget"] = ledger.status(lake, rec, iv.start, iv.end)
        a.passed("budget", "no DP declared: no budget spent" if not ext.dp else
                 f"spent ε={a.facts['dp']['epsilon_spent']:.4g}, δ={a.facts['dp']['delta_spent']:.3g}")
        a.facts["created_at"] = utcnow().isoformat()
        a.facts["epsilon_spent"] = a.facts.get("dp", {}).get("epsilon_spent", 0.0)
        a.facts["delta_spent"] = a.facts.get("dp", {}).get("delta_spent", 0.0)
        manifest = a.record("published")
        try:
            lake.replace_dir(final_dir, {PART: data, **docs, MANIFEST: manifest})
        except Exception:
            if ext.dp:
                ledger.refund(lake, rec, iv.start, iv.end, a.release_id)
            raise
    record = {**manifest, "path": final_dir}
    lake.audit("releases", f"{ext.id}-{a.release_id}", record)
    log.info("published %s (%d rows, ε=%.4g)", final_dir, n_rows, a.facts["epsilon_spent"])
    return record


def _schema_str(schema: pa.Schema) -> str:
    return "[" + ", ".join(f"{f.name}:{f.type}" for f in schema) + "]"


def _connect(lake: Lake, cfg: PublishConfig, a: Attempt, as_of: datetime) -> Any:
    """A DuckDB connection with the interval's clean partitions, the population and the taxonomy.

    On a local lake the clean partitions are `read_parquet([...])` views: DuckDB streams them (memory
    bounded by DuckDB, not by the interval) and normalises chat text per vector (`aimate_nfkc`).
    Other lakes load the partitions as Arrow tables through the lake's filesystem.
    """
    import duckdb

    from transforms.publish.views import (
        create_view,
        nfkc_text,
        register_nfkc,
        register_parquet_source,
        register_taxonomy,
    )

    ext = a.extract
    try:
        pop = eligible_population(lake, ext.purpose, as_of)
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
    register_taxonomy(con, cfg.topics)
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
    create_view(con, ext.view, cfg.topics, a.interval.start)
    primary = VIEWS[ext.view].sources[0]
    users_in, users_kept, kept_rows = con.execute(
        f"SELECT count(DISTINCT s.user_pid), count(DISTINCT s.user_pid) FILTER (WHERE p.user_pid IS NOT NULL), "
        f"count(*) FILTER (WHERE p.user_pid IS NOT NULL) "
        f"FROM (SELECT user_pid FROM src_{primary}) s LEFT JOIN pop p ON p.user_pid = s.user_pid").fetchall()[0]
    a.facts["population"] = {"purpose": ext.purpose, "as_of": as_of.astimezone(UTC).isoformat(),
                             "eligible_users": n_pop, "source_rows": rows_in,
                             "users_in_source": users_in, "users_eligible_in_source": users_kept,
                             "rows_kept": kept_rows}
    a.passed("population", f"{users_kept} of {users_in} users in the data are eligible for "
             f"{ext.purpose}; {kept_rows} of {rows_in[primary]} {primary} rows kept")
    return con


def _compute(con: Any, a: Attempt, domains: dict[str, tuple[str, ...]] | None = None) -> tuple[pa.Table, int]:
    """Aggregate, suppress small cells (or DP-select them) and noise; the output table."""
    from transforms.publish import dp as dpmod

    ext = a.extract
    if ext.dp is None:
        cells = exact_cells(con, ext)
        rows = cells.to_pylist()
        result = suppress(rows, levels=grouping_sets(ext), k=ext.min_group.k, level_col=LEVEL, units_col=UNITS)
        a.facts["suppression"] = {"k": ext.min_group.k, "unit": ext.min_group.unit, "cells": len(rows),
                                  "primary_suppressed": result.primary,
                                  "complementary_suppressed": result.complementary,
                                  "published_cells": len(result.kept)}
        a.facts["suppressed_cells"] = result.primary + result.complementary
        kept = sorted(result.kept, key=lambda r: (r[LEVEL], *[r[c] for c in ext.group_by]))
        dpmod.exact_ratios(kept, ext.measures)
        a.passed("small_cells", f"{result.primary} cell(s) under k={ext.min_group.k} {ext.min_group.unit}s "
                 f"suppressed, {result.complementary} complementary", **a.facts["suppression"])
        dp_info = None
    else:
        cells = bounded_cells(con, ext, salt=a.release_id)
        kept, report = dpmod.privatize(cells, ext, domains)
        sel = report.selection
        dropped = sel["outside_domain_cells"] if sel.get("public") else cells.num_rows - len(kept)
        a.facts["suppression"] = {"k": ext.min_group.k, "unit": ext.min_group.unit, "cells": cells.num_rows,
                                  "primary_suppressed": dropped,
                                  "complementary_suppressed": 0, "published_cells": len(kept),
                                  "dp_threshold": sel["threshold"], "public_partitions": bool(sel.get("public"))}
        a.facts["suppressed_cells"] = dropped
        if sel.get("public"):
            a.passed("small_cells", f"public partitions: all {len(kept)} cells of the declared key lists noised, "
                     f"no selection; {dropped} data cell(s) outside the lists", **a.facts["suppression"])
        else:
            a.passed("small_cells", f"{len(kept)} of {cells.num_rows} cells passed k={ext.min_group.k} and the "
                     f"DP threshold {sel['threshold']} (noisy distinct {ext.min_group.unit}s)", **a.facts["suppression"])
        dp_info = {**report.as_dict(), "epsilon_declared": ext.dp.epsilon, "delta_declared": ext.dp.delta,
                   "privacy_unit": ext.dp.privacy_unit, "max_groups_per_unit": ext.dp.max_groups_per_unit,
                   "max_rows_per_unit_group": ext.dp.max_rows_per_unit_group}
        if report.epsilon > ext.dp.epsilon + 1e-9 or report.delta > ext.dp.delta * (1 + 1e-9):
            raise GateFailed("dp", f"calibration spent ε={report.epsilon}, δ={report.delta} above the declared "
                             f"ε={ext.dp.epsilon}, δ={ext.dp.delta}")
        a.passed("dp", f"{ext.dp.mechanism}: ε={report.epsilon:.4g} δ={report.delta:.3g} "
                 f"(declared ε={ext.dp.epsilon}, δ={ext.dp.delta})")
    a.facts["dp"] = dp_info or {"epsilon_spent": 0.0, "delta_spent": 0.0, "mechanism": None}
    return _to_table(kept, a), len(kept)


def _to_table(rows: list[dict[str, Any]], a: Attempt) -> pa.Table:
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
            "aimate.interval": a.interval.label, "aimate.policy_version": a.policy_version,
            "aimate.config_version": a.config_version}
    return pa.table(cols).replace_schema_metadata(meta)


def record_run(lake: Lake | str, results: list[dict[str, Any]]) -> dict[str, Any]:
    """Summarise one publishing run (published / refused / already there) and audit it."""
    lake = _as_lake(lake)
    results = [r for r in results if r]
    summary = {
        "attempts": len(results),
        "published": [{k: r.get(k) for k in ("recipient", "extract", "release_id", "rows", "epsilon_spent",
                                              "cross_border", "path")}
                      for r in results if r.get("status") == "published"],
        "refused": [{"extract": r.get("extract"), "release_id": r.get("release_id"), "reason": r.get("reason")}
                    for r in results if r.get("status") == "refused"],
        "existing": [r.get("release_id") for r in results if r.get("status") == "exists"],
    }
    for r in summary["refused"]:
        log.warning("refused %s %s: %s", r["extract"], r["release_id"], r["reason"])
    lake.audit("publish_runs", "run", summary)
    return summary
