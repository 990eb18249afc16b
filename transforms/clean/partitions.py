"""De-identification of raw partitions into the clean zone, split into shards so workers share it.

plan_deidentification → deidentify_shard (mapped: one per table × date × shard) → commit_partition.
A partition is redone only when its raw files, the de-identification policy or a key version changed,
so a rerun with nothing new does nothing. Users the rights ledger blocks (deleted, cancelled, children
without verified parental consent) are dropped before de-identification. Shards write to a staging
area; the commit checks raw rows = clean + rejected + excluded-by-rights and swaps the partition in.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq

from anonymizers.pseudonym import Pseudonymizer
from transforms import schemas
from transforms.clean.rows import CLEANERS
from transforms.ingest.landing_to_raw import ReconciliationError
from transforms.lake import Lake, utcnow
from transforms.pipeline_config import load_pipeline_config
from transforms.rights.population import blocked_user_pids, drop_blocked
from transforms.rights.purge import PARTITION_REWRITE_LOCK

log = logging.getLogger(__name__)

SIDECAR = "_clean.json"
GENERALISATION_VERSION = "generalise-2026.11.1"


def _deidentifier():
    from anonymizers import Deidentifier

    return Deidentifier.for_purpose(load_pipeline_config().clean_text_purpose)


def policy_fingerprint() -> dict[str, str]:
    """Everything besides the raw data that determines the clean output."""
    deid = _deidentifier()
    return {
        "deid_policy_version": deid.policy_version,
        "surrogate_key_version": getattr(deid, "key_version", "none"),
        "pseudonym_key_version": Pseudonymizer("internal").key_version,
        "generalisation_version": GENERALISATION_VERSION,
    }


def raw_fingerprint(lake: Lake, table: str, dt: date | str) -> str:
    """The raw partition's Parquet bytes on disk (a re-ingest or a purge changes them)."""
    return lake.fingerprint(lake.list_files(lake.partition("raw", table, dt), ".parquet"))


def key_fingerprints(policy: dict[str, str]) -> dict[str, tuple[str, str]]:
    """(version, fingerprint) of the keys a clean partition is made with: recorded in `_clean.json`
    and in the lake's key registry, which fails the next run closed if the key store changes."""
    from anonymizers.operators import SURROGATE_KEY_NAME
    from transforms.keys_in_use import key_fingerprints as fingerprints

    return fingerprints({"internal": policy["pseudonym_key_version"],
                         SURROGATE_KEY_NAME: policy["surrogate_key_version"]})


def _blocked_users(lake: Lake) -> set[str]:
    """Users who must never reach the clean zone now: deleted or cancelled accounts and children
    without verified parental consent (the rights ledger's decision, applied before de-identification)."""
    from transforms.rights.population import blocked_user_ids

    return blocked_user_ids(lake, utcnow())


def _run_token(raw_fp: str, policy: dict[str, str]) -> str:
    return hashlib.sha256((raw_fp + repr(sorted(policy.items()))).encode()).hexdigest()[:16]


def plan_deidentification(lake: Lake, tables: tuple[str, ...] = schemas.SOURCES) -> list[dict]:
    """One work item per (table, date, shard) whose clean partition is missing or stale."""
    from transforms.keys_in_use import check_keys

    check_keys(lake)  # before any key is used: a lost key store must not mint new ones
    shard_groups = load_pipeline_config().deid_shard_row_groups
    policy = policy_fingerprint()
    work = []
    for table in tables:
        for dt in lake.list_dates("raw", table):
            raw_fp = raw_fingerprint(lake, table, dt)
            token = _run_token(raw_fp, policy)
            sidecar = f"{lake.partition('clean', table, dt)}/{SIDECAR}"
            if lake.exists(sidecar) and lake.read_json(sidecar).get("run_token") == token:
                continue
            files = lake.list_files(lake.partition("raw", table, dt), ".parquet")
            groups = [(f, g) for f in files for g in range(pq.ParquetFile(f, filesystem=lake.fs).num_row_groups)]
            chunks = [groups[i:i + shard_groups] for i in range(0, len(groups), shard_groups)] or [[]]
            for shard, chunk in enumerate(chunks):
                work.append({"table": table, "dt": str(dt), "shard": shard, "n_shards": len(chunks),
                             "row_groups": [[f[len(lake.base) + 1:], g] for f, g in chunk], "run_token": token})
    return work


def staging_root(lake: Lake) -> str:
    """Where shards wait for their partition's commit (swept by the run-start recovery)."""
    return lake.path("clean", "_staging")


def _staging(lake: Lake, table: str, dt: str, token: str) -> str:
    return f"{staging_root(lake)}/{table}/dt={dt}/{token}"


def deidentify_shard(lake: Lake, *, table: str, dt: str, shard: int, n_shards: int,
                     row_groups: list[list], run_token: str) -> dict:
    """Clean the given raw row groups; write the shard's clean and rejected rows to staging."""
    cleaner = CLEANERS[table]
    deid, pseudo = _deidentifier(), Pseudonymizer("internal")
    blocked = _blocked_users(lake)
    staging = _staging(lake, table, dt, run_token)
    lake.fs.create_dir(staging, recursive=True)
    raw_rows = clean_rows = excluded = 0
    rejected: list[dict] = []
    writer = pq.ParquetWriter(f"{staging}/part-{shard:04d}.parquet", schemas.CLEAN[table],
                              filesystem=lake.fs, compression="zstd")
    try:
        for rel_path, group in row_groups:
            raw = pq.ParquetFile(lake.path(rel_path), filesystem=lake.fs).read_row_group(group)
            allowed, dropped = drop_blocked(raw, blocked)
            batch = cleaner(allowed, deid, pseudo)
            writer.write_table(batch.table)
            for r in batch.rejected:
                rejected.append({"source_file": rel_path, "line_no": raw_rows + r["row_index"],
                                 "record": None, "reason": r["reason"]})
            raw_rows += raw.num_rows
            excluded += dropped
            clean_rows += batch.table.num_rows
    finally:
        writer.close()
    pq.write_table(pa.Table.from_pylist(rejected, schema=schemas.QUARANTINE),
                   f"{staging}/rejected-{shard:04d}.parquet", filesystem=lake.fs)
    if raw_rows != clean_rows + len(rejected) + excluded:
        raise ReconciliationError(f"{table} dt={dt} shard {shard}: {raw_rows} raw != {clean_rows} clean + "
                                  f"{len(rejected)} rejected + {excluded} excluded by rights")
    return {"table": table, "dt": dt, "shard": shard, "n_shards": n_shards, "run_token": run_token,
            "raw_rows": raw_rows, "clean_rows": clean_rows, "rejected": len(rejected),
            "excluded_by_rights": excluded}


def commit_partition(lake: Lake, shard_results: list[dict]) -> dict:
    """Swap a partition's shards into the clean zone once all are present and reconciled."""
    first = shard_results[0]
    table, dt, token = first["table"], first["dt"], first["run_token"]
    sidecar = f"{lake.partition('clean', table, dt)}/{SIDECAR}"
    if lake.exists(sidecar) and lake.read_json(sidecar).get("run_token") == token:
        return lake.read_json(sidecar)  # a retry after this partition was committed
    shards = sorted(r["shard"] for r in shard_results)
    if shards != list(range(first["n_shards"])):
        raise ReconciliationError(f"{table} dt={dt}: shards {shards} of {first['n_shards']} present")
    totals = {k: sum(r[k] for r in shard_results)
              for k in ("raw_rows", "clean_rows", "rejected", "excluded_by_rights")}
    staging = _staging(lake, table, dt, token)
    with lake.lock(PARTITION_REWRITE_LOCK):
        if _run_token(raw_fingerprint(lake, table, dt), policy_fingerprint()) != token:
            # raw was rewritten (a purge, a re-delivery) after planning: this output is stale. The
            # rights run that changed it emits the ledger Asset, whose de-identification run redoes it.
            lake.delete_dir(staging)
            log.warning("clean %s dt=%s: raw changed since planning; not committed", table, dt)
            return {"table": table, "dt": dt, "run_token": token, "skipped": "raw changed since planning"}
        expected = sum(
            pq.ParquetFile(f, filesystem=lake.fs).metadata.num_rows
            for f in lake.list_files(lake.partition("raw", table, dt), ".parquet")
        )
        if totals["raw_rows"] != expected or expected != (
            totals["clean_rows"] + totals["rejected"] + totals["excluded_by_rights"]
        ):
            raise ReconciliationError(f"{table} dt={dt}: raw {expected}, processed {totals}")
        # A rights purge may have run since the shards read raw: apply the ledger as it is now.
        blocked = blocked_user_pids(lake, utcnow())
        late = 0
        for s in shards:
            part = f"{staging}/part-{s:04d}.parquet"
            kept, dropped = drop_blocked(lake.read_parquet(part), blocked, column="user_pid")
            if dropped:
                pq.write_table(kept, part, filesystem=lake.fs, compression="zstd")
                late += dropped
        totals["clean_rows"] -= late
        totals["excluded_by_rights"] += late
        policy = policy_fingerprint()
        keys = key_fingerprints(policy)
        from transforms.ingest.landing_to_raw import delivered_rows

        record = {"table": table, "dt": dt, "run_token": token, **totals, **policy,
                  "delivered_rows": max(delivered_rows(lake, table, dt), totals["raw_rows"]),
                  **{f"{'pseudonym' if n == 'internal' else n}_key_fingerprint": fp for n, (_v, fp) in keys.items()},
                  "shards": len(shards), "cleaned_at": utcnow().isoformat()}
        from transforms.keys_in_use import record_keys

        record_keys(lake, keys)
        with lake.staged_dir(lake.partition("clean", table, dt)) as stage:
            for s in shards:
                lake.fs.move(f"{staging}/part-{s:04d}.parquet", f"{stage}/part-{s:04d}.parquet")
            lake.write_json(f"{stage}/{SIDECAR}", record)
    rejected = pa.concat_tables(
        [lake.read_parquet(f"{staging}/rejected-{s:04d}.parquet") for s in shards]
    )
    if rejected.num_rows:
        lake.replace_dir(lake.partition("quarantine", f"{table}_deid", dt), {"part-0.parquet": rejected})
    else:
        lake.delete_dir(lake.partition("quarantine", f"{table}_deid", dt))
    lake.delete_dir(staging)
    lake.audit("runs", f"deidentify-{table}-{dt}", {"stage": "deidentify", **record})
    log.info("clean %s dt=%s: %d raw → %d clean + %d rejected + %d excluded by rights", table, dt,
             totals["raw_rows"], totals["clean_rows"], totals["rejected"], totals["excluded_by_rights"])
    return record


def commit_all(lake: Lake, shard_results: list[dict]) -> list[dict]:
    """Group shard results by partition and commit each partition."""
    by_partition: dict[tuple[str, str], list[dict]] = {}
    for result in shard_results:
        by_partition.setdefault((result["table"], result["dt"]), []).append(result)
    return [commit_partition(lake, results) for results in by_partition.values()]


def deidentify_all(lake: Lake) -> list[dict]:
    """Sequential convenience (tests, one-machine runs): plan, run every shard, commit."""
    return commit_all(lake, [deidentify_shard(lake, **item) for item in plan_deidentification(lake)])
