"""The same DAG files on Airflow's CeleryExecutor: PostgreSQL metadata DB, Redis broker, two workers.

One cluster (scheduler, dag-processor, api-server, 2 Celery workers) runs the chain on a temporary lake
holding a synthetic sample: one ingest run per delivery day is triggered explicitly; everything after
that (rights, de-identification, publishing) is started by Asset events through the real scheduler.
Checked: every run succeeded, both workers ran tasks, every raw partition has a reconciled, current
clean partition, releases verify, and the cluster left no process or database behind.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pytest

from transforms import schemas
from transforms.lake import Lake
from transforms.settings import dags_dir

pytestmark = [pytest.mark.celery, pytest.mark.slow, pytest.mark.timeout(900)]

CHAIN = ("aimate_ingest", "aimate_rights", "aimate_deidentify", "aimate_publish")
DAYS = 3


@pytest.fixture(scope="module")
def cluster_run(celery_servers, tmp_path_factory: pytest.TempPathFactory):
    import psutil

    from transforms.orchestration.cluster import CeleryCluster
    from transforms.synthetic import generate

    root = tmp_path_factory.mktemp("celery-lake")
    # Deliveries up to today: the scheduler's own daily run on unpausing covers yesterday's interval,
    # which is then already triggered (same logical date), and today's interval is not due yet, so
    # the run for the last delivery is ours to start when we want.
    today = datetime.now(UTC).date()
    days = [today - timedelta(days=DAYS - 1 - i) for i in range(DAYS)]
    generate(root, seed=7, days=DAYS, users=120, messages=600, events=900, start=days[0])
    lake = Lake(str(root))
    # AIMATE_CELERY_DAGS_FOLDER: run the same test against another DAG folder (e.g. a wiring change).
    folder = Path(os.environ.get("AIMATE_CELERY_DAGS_FOLDER") or dags_dir())
    chain = [d for d in CHAIN if (folder / f"{d}.py").exists()]

    t0 = time.monotonic()
    with CeleryCluster(lake, workers=2, concurrency=1, parallelism=4,
                       extra_env={"AIRFLOW__CORE__DAGS_FOLDER": str(folder)}) as cluster:
        started = time.monotonic() - t0
        cluster.wait_for_dags(chain)
        # 1. Earlier deliveries, downstream DAGs paused (a paused DAG ignores asset events).
        ingest_runs = [cluster.trigger_day("aimate_ingest", d) for d in days[:-1]]  # before unpausing
        cluster.unpause(["aimate_ingest"])
        for run_id in ingest_runs:
            cluster.wait_run("aimate_ingest", run_id, timeout=300)
        # 2. Runs the rights DAG's own timetable has due start and end (they would overlap phase 3).
        if "aimate_rights" in chain:
            cluster.unpause(["aimate_rights"])
            cluster.wait_idle(timeout=300)
        # 3. The last delivery: its raw Asset events start the rest of the chain via the scheduler.
        cluster.unpause([d for d in chain if d not in ("aimate_ingest", "aimate_rights")])
        ingest_runs.append(cluster.trigger_day("aimate_ingest", days[-1]))
        cluster.wait_run("aimate_ingest", ingest_runs[-1], timeout=300)
        runs = cluster.wait_idle(timeout=480)
        tis = cluster.task_instances()
        pids = [c.proc.pid for c in cluster.components if c.proc is not None]
        pids += [p.pid for pid in pids for p in psutil.Process(pid).children(recursive=True)]
        database = cluster.database
    elapsed = time.monotonic() - t0
    print(f"\ncelery chain: cluster up in {started:.0f}s, whole test {elapsed:.0f}s, {len(runs)} runs, "
          f"{len(tis)} task instances")
    for r in sorted(runs, key=lambda r: r["start_date"] or ""):
        print(f"  {r['dag_id']:<18} {r['run_type']:<16} {r['state']:<8} {r['start_date']} → {r['end_date']}")
    return {"lake": lake, "chain": chain, "days": days, "runs": runs, "tis": tis, "pids": pids,
            "database": database, "ingest_runs": ingest_runs}


def test_every_run_succeeded_and_assets_drove_the_chain(cluster_run) -> None:
    runs = cluster_run["runs"]
    assert runs and all(r["state"] == "success" for r in runs), [(r["dag_id"], r["state"]) for r in runs]
    ingest = [r for r in runs if r["dag_id"] == "aimate_ingest"]
    assert sorted(r["dag_run_id"] for r in ingest) == sorted(cluster_run["ingest_runs"]), (
        "the scheduler must not add an ingest run for an interval already triggered")
    for dag_id in cluster_run["chain"]:
        if dag_id == "aimate_ingest":
            continue
        by_assets = [r for r in runs if r["dag_id"] == dag_id and r["run_type"] == "asset_triggered"]
        assert by_assets, f"{dag_id} was not started by an asset event: {[r['run_type'] for r in runs]}"


def test_both_workers_ran_tasks(cluster_run) -> None:
    hosts = {t["hostname"] for t in cluster_run["tis"] if t["state"] == "success"}
    assert {"aimate-worker-1", "aimate-worker-2"} <= hosts, hosts
    shards = [t for t in cluster_run["tis"] if t["task_id"] == "deidentify_shard"]
    assert len(shards) >= len(schemas.SOURCES) * len(cluster_run["days"]), len(shards)


def _purged_after(lake: Lake, zone: str, table: str, dt: str, since: str) -> int:
    """Rows the rights DAG removed from one partition after `since` (it keeps the sidecars as written)."""
    from transforms.rights.purge import read_purge_logs

    return sum(r["rows"] for r in read_purge_logs(lake)
               if (r["zone"], r["table"], str(r["dt"])) == (zone, table, dt) and r["purged_at"] > since)


def test_clean_partition_for_every_raw_partition_reconciled(cluster_run) -> None:
    from transforms.clean.partitions import plan_deidentification

    lake: Lake = cluster_run["lake"]
    for source in schemas.SOURCES:
        raw_dates = lake.list_dates("raw", source)
        assert raw_dates == cluster_run["days"], (source, raw_dates)
        for dt in raw_dates:
            sidecar = lake.read_json(f"{lake.partition('raw', source, dt)}/_ingest.json")
            raw = lake.read_partition("raw", source, dt).num_rows
            quarantined = lake.read_partition("quarantine", source, dt, schemas.QUARANTINE).num_rows
            assert sidecar["lines"] == raw + quarantined, (source, dt, sidecar)  # purges keep it true
            meta = lake.read_json(f"{lake.partition('clean', source, dt)}/_clean.json")
            excluded = meta.get("excluded_by_rights", 0)  # users the ledger blocked before de-identification
            assert meta["raw_rows"] == raw == meta["clean_rows"] + meta["rejected"] + excluded, (source, dt, meta)
            clean = lake.read_partition("clean", source, dt).num_rows
            purged = _purged_after(lake, "clean", source, str(dt), meta["cleaned_at"])
            assert clean + purged == meta["clean_rows"], (source, dt, clean, purged, meta)
    # Nothing stale: every clean partition was made from the raw partition as it is now (a purge of
    # raw racing a de-identification run would show here).
    assert plan_deidentification(lake) == []


def test_no_deleted_user_left_in_clean(cluster_run) -> None:
    """Rights purges and de-identification run concurrently on Celery: no purged user may come back."""
    import pyarrow.compute as pc

    from anonymizers.pseudonym import Pseudonymizer
    from transforms.rights.purge import read_purge_logs

    lake: Lake = cluster_run["lake"]
    deleted = {r["user_id"] for r in read_purge_logs(lake) if r["reason"] != "unconsented_minor"}
    if not deleted:
        pytest.skip("the sample holds no completed deletion or cancellation")
    pids = Pseudonymizer("internal").many("user", sorted(deleted))
    for source in schemas.SOURCES:
        for dt in lake.list_dates("clean", source):
            table = lake.read_partition("clean", source, dt)
            back = pc.sum(pc.is_in(table.column("user_pid"), value_set=pa.array(pids))).as_py() or 0
            assert back == 0, f"clean/{source}/dt={dt} holds {back} rows of purged users"


def test_releases_verify(cluster_run) -> None:
    if "aimate_publish" not in cluster_run["chain"]:
        pytest.skip("dags/aimate_publish.py does not exist yet")
    lake: Lake = cluster_run["lake"]
    manifests = [Path(p) for p in lake.walk_files(lake.path("published")) if p.endswith("_manifest.json")]
    assert manifests, "the publish DAG ran but produced no release"
    from transforms.publish import verify_release

    for m in manifests:
        v = verify_release(m.parent)  # what `aimate-share verify` runs, in-process
        assert v.ok, (str(m.parent), v.problems)


def test_cluster_left_nothing_behind(cluster_run) -> None:
    import psutil
    import psycopg

    from transforms.orchestration.cluster import pg_server_url

    alive = [p for p in cluster_run["pids"] if psutil.pid_exists(p)
             and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]
    assert not alive, f"processes still running after the cluster stopped: {alive}"
    with psycopg.connect(pg_server_url() + "/postgres", connect_timeout=3) as conn:
        left = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (cluster_run["database"],)).fetchall()
    assert not left, f"database {cluster_run['database']} was not dropped"
