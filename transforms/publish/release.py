"""Plan and publish releases: each one passes every gate or does not exist.

`plan_releases` lists the (extract × complete interval) pairs never released (and, for late data,
marked DP corrections); `publish` computes one of them through the declared gate sequence
(`gates.GATES`, failing closed; `gates.render()` prints the order) and commits it under the
publish lock.

Publication is append-only in time: a released interval is never recomputed, whatever changed in
config or data since; late data is reported and goes to a DP correction release. Every attempt,
published or refused, leaves an internal audit record (`_system/audit/releases/`) with the exact
internals; the recipient's `_manifest.json` holds only what `manifest.Manifest` allows.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date, datetime
from typing import Any

from anonymizers.keyring import KeyRing
from transforms.lake import Lake, utcnow
from transforms.publish import budget as ledger
from transforms.publish import crypto, gates, odometer, registry
from transforms.publish.catalog import VIEWS
from transforms.publish.compute import POPULATION_COLUMNS
from transforms.publish.config import Extract, PublishConfig, load_config
from transforms.publish.dictionary import release_documents
from transforms.publish.gates import AlreadyPublished, Attempt, GateFailed
from transforms.publish.intervals import (
    Interval,
    complete_intervals,
    completeness,
    inputs_fingerprint,
    interval_of,
    source_partitions,
)
from transforms.publish.intervals import release_id as make_release_id
from transforms.publish.manifest import MANIFEST, Manifest

log = logging.getLogger(__name__)

PART = "part-0.parquet"
COMMIT_LOCK = "publish-commit"  # one lock for every recipient: the per-user odometer spans them all
__all__ = ["GateFailed", "MANIFEST", "PART", "POPULATION_COLUMNS", "plan_releases", "publish", "record_run"]


def eligible_population(lake: Lake, purpose: str, as_of: datetime) -> Any:
    """The rights team's allow-list (consent, age, cancellation/deletion) for a purpose at a time."""
    from transforms.rights.population import eligible_users

    return eligible_users(lake, purpose, as_of)


def _as_lake(lake: Lake | str) -> Lake:
    return lake if isinstance(lake, Lake) else Lake(str(lake))


def _release_dir(lake: Lake, recipient: str, extract: str, rid: str) -> str:
    return lake.path("published", recipient, extract, rid)


def _correction_id(extract: Extract, iv: Interval, fingerprint: str, cfg_version: str, n: int) -> str:
    return f"{iv.label}-c{n}-{make_release_id(extract, iv, fingerprint, cfg_version).rsplit('-', 1)[1]}"


# -- planning ----------------------------------------------------------------------------------
def plan_releases(lake: Lake | str, *, config: PublishConfig | None = None,
                  as_of: datetime | None = None, extracts: list[str] | None = None) -> list[dict[str, Any]]:
    """One JSON-serialisable dict per release to make: intervals never released (under the rules
    effective for them) and DP corrections for late data. Each dict holds keyword arguments of
    `publish` besides the lake. Late data is reported here, once per state."""
    lake = _as_lake(lake)
    cfg = config or load_config()
    as_of = as_of or utcnow()
    refused = {r.get("release_id") for r in lake.audit_records("releases") if r.get("status") == "refused"}
    planned: list[dict[str, Any]] = []
    for ext in cfg.extracts.values():
        if extracts and ext.id not in extracts:
            continue
        cfg_version = cfg.config_version(ext)
        registry.first_seen(lake, ext.id)  # its history starts now if it is new (k-only: `append_only`)
        released = registry.released_intervals(lake, ext.id)
        for iv, _why in complete_intervals(lake, ext, as_of, cfg.policy.close_idle_days):
            parts = source_partitions(lake, ext, iv)
            plan = {"extract": ext.id, "interval_start": str(iv.start), "interval_end": str(iv.end)}
            if str(iv.start) in released:
                correction = _late_data(lake, cfg, ext, iv, parts, cfg_version)
                if correction and correction["release_id"] not in refused:
                    planned.append({**plan, **correction})
                continue
            if iv.start < cfg.effective_from(ext):
                continue  # rules in force start later; an earlier interval is never published under them
            rid = make_release_id(ext, iv, inputs_fingerprint(lake, parts), cfg_version)
            if rid in refused or lake.exists(_release_dir(lake, ext.recipient, ext.id, rid)):
                continue
            planned.append({**plan, "release_id": rid})
    return planned


def _late_data(lake: Lake, cfg: PublishConfig, ext: Extract, iv: Interval, parts: list[str],
               cfg_version: str) -> dict[str, str] | None:
    """Report rows that arrived after the interval's last release; plan a DP correction if allowed."""
    done = registry.entries(lake, ext.id, str(iv.start))
    late = registry.late_rows(done[-1]["snapshot"], registry.partition_snapshot(lake, parts))
    if not late:
        return None
    n = sum(1 for d in done if d.get("kind") == "correction")
    if ext.dp is None:
        action = "reported only: the extract has no DP, so it is never re-released (k-only)"
    elif cfg.policy.late_data != "correct":
        action = "reported only (policy late_data: report)"
    elif n >= cfg.policy.max_corrections:
        action = f"reported only: {n} correction(s) made, the policy maximum"
    else:
        action = f"DP correction release {n + 1} planned"
    registry.report_late(lake, extract=ext.id, recipient=ext.recipient, interval_start=str(iv.start),
                         interval_label=iv.label, against=done[-1]["release_id"], late=late, action=action)
    if not action.startswith("DP correction"):
        return None
    rid = _correction_id(ext, iv, inputs_fingerprint(lake, parts), cfg_version, n + 1)
    return {"release_id": rid, "correction_of": done[0]["release_id"]}


# -- one release -------------------------------------------------------------------------------
def publish(lake: Lake | str, *, extract: str, interval_start: str, interval_end: str | None = None,
            release_id: str | None = None, correction_of: str | None = None,
            config: PublishConfig | None = None, as_of: datetime | None = None,
            keyring: KeyRing | None = None) -> dict[str, Any]:
    """Compute one planned release, gate it, commit it atomically. Returns the internal audit record.

    `release_id` from the plan is advisory: it is recomputed from the inputs now present. Publishing
    an interval that is already released returns status `exists` and charges nothing.
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
    done = registry.entries(lake, ext.id, str(iv.start))
    if correction_of:
        n = 1 + sum(1 for d in done if d.get("kind") == "correction")
        rid = _correction_id(ext, iv, fp, cfg_version, n)
    else:
        rid = make_release_id(ext, iv, fp, cfg_version)
    a = Attempt(lake, cfg, ext, rec, iv, rid, cfg_version, parts, fp, as_of, keyring,
                kind="correction" if correction_of else "original", correction_of=correction_of)
    a.facts.update(complete_by=complete_by, source_versions=_source_versions(lake, parts),
                   days_present=len([d for d in dates if iv.start <= d < iv.end]),
                   snapshot=registry.partition_snapshot(lake, parts))
    if release_id and release_id != rid:
        a.facts["planned_release_id"] = release_id
    final_dir = _release_dir(lake, rec.id, ext.id, rid)
    if lake.exists(final_dir) or (not correction_of and done):
        log.info("%s %s is already released: nothing to do", ext.id, iv.label)
        return {**_record(a, "exists"), "path": final_dir}
    try:
        gates.run(a)
        return _commit(a, final_dir)
    except AlreadyPublished:
        log.info("%s %s was released meanwhile: nothing to do, nothing charged", ext.id, iv.label)
        return {**_record(a, "exists"), "path": final_dir}
    except GateFailed as exc:
        a.gates.append({"gate": exc.gate, "passed": False, "detail": exc.reason})
        record = _record(a, "refused", f"{exc.gate}: {exc.reason}")
        log.warning("release %s/%s/%s refused by gate %s: %s", rec.id, ext.id, rid, exc.gate, exc.reason)
        lake.audit("releases", f"{ext.id}-{rid}", record)
        return record
    except Exception as exc:  # an error is not a refusal: audit it, then let the task fail and retry
        a.gates.append({"gate": "error", "passed": False, "detail": f"{type(exc).__name__}: {exc}"})
        lake.audit("releases", f"{ext.id}-{rid}", _record(a, "failed", f"error: {type(exc).__name__}: {exc}"))
        raise


def _record(a: Attempt, status: str, reason: str | None = None) -> dict[str, Any]:
    """The internal audit record: the rules, every gate with its detail, the exact internals."""
    published = status == "published"
    eps, delta = a.report.approx if a.report is not None and published else (0.0, 0.0)
    return {
        "status": status, "reason": reason, "release_id": a.release_id, "release_kind": a.kind,
        "correction_of": a.correction_of, "recipient": a.recipient.id, "recipient_kind": a.recipient.kind,
        "region": a.recipient.region, "cross_border": a.cross_border, "extract": a.extract.id,
        "purpose": a.extract.purpose, "interval": a.interval.label, "interval_start": str(a.interval.start),
        "interval_end": str(a.interval.end), "granularity": a.interval.granularity,
        "config_version": a.config_version, "policy_version": a.cfg.policy.version,
        "k": a.extract.min_group.k, "source_partitions": a.partitions, "inputs_fingerprint": a.fingerprint,
        "rows": len(a.rows) if a.rows is not None and published else 0,
        "epsilon_spent": eps, "delta_spent": delta, "gates": a.gates, **a.facts,
    }


def _source_versions(lake: Lake, partitions: list[str]) -> dict[str, dict[str, Any]]:
    """De-identification policy and key versions of each input partition (from its _clean.json)."""
    out: dict[str, dict[str, Any]] = {}
    for rel in partitions:
        marker = lake.path(rel, "_clean.json")
        if lake.exists(marker):
            doc = lake.read_json(marker)
            out[rel] = {k: v for k, v in doc.items() if k.endswith("_version")}
    return out


def _deid_versions(source_versions: dict[str, dict[str, Any]]) -> dict[str, tuple[str, ...]]:
    """Distinct de-identification policy/key versions over the input partitions (rules, not counts)."""
    out: dict[str, set[str]] = {}
    for versions in source_versions.values():
        for k, v in versions.items():
            out.setdefault(k, set()).add(str(v))
    return {k: tuple(sorted(v)) for k, v in sorted(out.items())}


def _encrypt(a: Attempt) -> tuple[bytes, dict[str, Any]]:
    rec = a.recipient
    if not rec.encryption:
        return crypto.parquet_bytes(a.table), {"enabled": False}
    kr = a.key_ring()
    key_version, _ = kr.current(rec.key_name)
    data = crypto.parquet_bytes(a.table, recipient=rec.id, keyring=kr, key_version=key_version)
    return data, {"enabled": True, "scheme": "parquet-modular-encryption AES_GCM_V1", "key_name": rec.key_name,
                  "key_version": key_version}


def _manifest(a: Attempt, data: bytes, encryption: dict[str, Any], docs: dict[str, bytes] | None = None) -> Manifest:
    """What the recipient receives beside the data: the rows' description and the rules only."""
    ext, iv, dp = a.extract, a.interval, a.extract.dp
    eps, delta = a.report.approx if a.report is not None else (0.0, 0.0)
    return Manifest(
        kind=a.kind, correction_of=a.correction_of, release_id=a.release_id, recipient=a.recipient.id,
        extract=ext.id, purpose=ext.purpose, cross_border=a.cross_border, interval=iv.as_dict(),
        interval_start=iv.start, interval_end=iv.end, created_at=utcnow().isoformat(),
        policy_version=a.cfg.policy.version, policy_effective_from=a.cfg.effective_from(ext),
        config_version=a.config_version, k=ext.min_group.k, k_unit=ext.min_group.unit,
        dp=None if dp is None else {
            "mechanism": dp.mechanism, "privacy_unit": dp.privacy_unit, "epsilon_declared": dp.epsilon,
            "delta_declared": dp.delta, "max_groups_per_unit": dp.max_groups_per_unit,
            "max_rows_per_unit_group": dp.max_rows_per_unit_group},
        spend={"epsilon": eps, "delta": delta, "rho": a.report.loss.rho if a.report is not None else 0.0},
        measures=[{"name": m.name, "agg": m.agg, "column": m.column, "bounds": m.bounds, "q": m.q}
                  for m in ext.measures],
        rows=a.table.num_rows,
        files=[{"name": PART, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data),
                "rows": a.table.num_rows}],
        documents=[{"name": n, "sha256": hashlib.sha256(b).hexdigest(), "bytes": len(b)} for n, b in (docs or {}).items()],
        schema=[{"name": c.name, "type": c.type} for c in ext.output_schema],
        encryption=encryption, source_partitions=a.partitions,
        key_versions={k: v for k, v in ((encryption.get("key_name"), encryption.get("key_version")),
                                        (gates.SALT_KEY, a.facts.get("bounding_salt_key_version"))) if k and v},
        deid_versions=_deid_versions(a.facts.get("source_versions") or {}),
        gates=[g["gate"] for g in a.gates if g["passed"]],
    )


def _commit(a: Attempt, final_dir: str) -> dict[str, Any]:
    """Under the lock: no-op if released meanwhile; re-check and charge the actual spend; write."""
    lake, ext, rec, iv = a.lake, a.extract, a.recipient, a.interval
    data, encryption = _encrypt(a)
    with lake.lock(COMMIT_LOCK):
        done = registry.entries(lake, ext.id, str(iv.start))
        if lake.exists(final_dir) or (a.kind == "original" and done) or any(
                d["release_id"] == a.release_id for d in done):
            raise AlreadyPublished(a.release_id)
        corrections = sum(1 for d in done if d.get("kind") == "correction")
        if a.kind == "correction" and corrections >= a.cfg.policy.max_corrections:
            raise GateFailed("commit", f"{iv.label} was corrected meanwhile ({corrections} correction(s), policy "
                             f"max_corrections {a.cfg.policy.max_corrections})")
        if a.report is not None:
            eps, delta = a.report.approx
            why = ledger.check(lake, rec, iv.start, iv.end, eps, delta, a.release_id)
            why = why or odometer.check(lake, a.cfg.odometer, iv.start, iv.end, a.report.loss, a.release_id)
            if why:
                raise GateFailed("commit", why)
            ledger.charge(lake, rec, iv.start, iv.end, eps, delta, a.release_id, ext.id)
            odometer.charge(lake, release_id=a.release_id, recipient=rec.id, extract=ext.id, start=iv.start,
                            end=iv.end, loss=a.report.loss)
        a.facts["budget"] = ledger.status(lake, rec, iv.start, iv.end)
        a.facts["odometer"] = odometer.status(lake, a.cfg.odometer)
        a.gates.append({"gate": gates.COMMIT.name, "passed": True, "detail": "charged under the publish lock"})
        docs = release_documents(a)  # DATA_DICTIONARY.md, covered by the manifest's checksums
        manifest = _manifest(a, data, encryption, docs)
        registry.record(lake, extract=ext.id, interval_start=str(iv.start), release_id=a.release_id,
                        kind=a.kind, correction_of=a.correction_of, snapshot=a.facts["snapshot"], path=final_dir,
                        interval_end=str(iv.end), sources=VIEWS[ext.view].sources,
                        protection="k_only" if ext.dp is None else "dp")
        try:
            lake.replace_dir(final_dir, {PART: data, **docs, MANIFEST: manifest.to_json()})
        except Exception:
            ledger.refund(lake, rec, iv.start, iv.end, a.release_id)
            odometer.refund(lake, a.release_id)
            registry.forget(lake, ext.id, str(iv.start), a.release_id)
            raise
    record = {**_record(a, "published"), "manifest": manifest.to_json(), "path": final_dir}
    lake.audit("releases", f"{ext.id}-{a.release_id}", record)
    log.info("published %s (%d rows, ε=%.4g)", final_dir, manifest.rows, manifest.spend.epsilon)
    return record


def record_run(lake: Lake | str, results: list[dict[str, Any]]) -> dict[str, Any]:
    """Summarise one publishing run (published / refused / already there) and audit it."""
    lake = _as_lake(lake)
    results = [r for r in results if r]
    summary = {
        "attempts": len(results),
        "published": [{k: r.get(k) for k in ("recipient", "extract", "release_id", "release_kind", "rows",
                                              "epsilon_spent", "cross_border", "path")}
                      for r in results if r.get("status") == "published"],
        "refused": [{"extract": r.get("extract"), "release_id": r.get("release_id"), "reason": r.get("reason")}
                    for r in results if r.get("status") == "refused"],
        "existing": [r.get("release_id") for r in results if r.get("status") == "exists"],
    }
    for r in summary["refused"]:
        log.warning("refused %s %s: %s", r["extract"], r["release_id"], r["reason"])
    lake.audit("publish_runs", "run", summary)
    return summary
