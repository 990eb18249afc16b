"""Volume benchmark: the chain's stages at N chat messages / M telemetry events, then at twice that.

Why this shape: the claim to check is that cost grows with input while memory stays bounded by the
batch size. So every stage (ingest → rights → de-identify → publish, the same library functions the
DAG tasks call, in the chain's order) runs in its own fresh Python process, which gives a clean peak
RSS per stage (`ru_maxrss` of that process) next to its baseline after imports and engine warm-up.
The whole run is repeated at twice the input (same days, so partitions are twice as large) and the
peak-RSS ratio printed. Each published aggregate is timed against the bare DuckDB query over the
same clean files. Optionally (`--airflow`) one full pass through the embedded Airflow runner.

    python bench/volume_bench.py                 # 100k messages, 1M events, then 2x
    python bench/volume_bench.py --quick         # 10k / 100k smoke run
    python bench/volume_bench.py --messages 50000 --events 500000 --no-double

Results: a table on stdout and JSON under bench/results/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere: import this checkout
    sys.path.insert(0, str(ROOT))

STAGES = ("ingest", "rights", "deidentify", "publish")
RESULTS_DIR = ROOT / "bench" / "results"


# -- child side: one stage in a fresh process -------------------------------------------------
def _rss_mb() -> float:
    """Peak RSS of this process so far (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _stage_ingest(lake: Any) -> dict[str, Any]:
    from transforms import schemas
    from transforms.ingest import ingest_partition

    baseline = _rss_mb()
    t0 = time.perf_counter()
    lines = raw = quarantined = 0
    for source in schemas.SOURCES:
        for dt in lake.list_dates("landing", source):
            s = ingest_partition(lake, source, dt)
            lines, raw, quarantined = lines + s.lines, raw + s.raw_rows, quarantined + s.quarantined
    return {
        "seconds": time.perf_counter() - t0,
        "rows": lines,
        "baseline_rss_mb": baseline,
        "detail": {"raw_rows": raw, "quarantined": quarantined},
    }


def _stage_rights(lake: Any) -> dict[str, Any]:
    from transforms.orchestration.summary import summarise_lake
    from transforms.rights.pipeline import run_rights

    rows = sum(summarise_lake(lake).raw_rows.values())
    baseline = _rss_mb()
    t0 = time.perf_counter()
    summary = run_rights(lake.base)
    seconds = time.perf_counter() - t0
    return {
        "seconds": seconds,
        "rows": rows,
        "baseline_rss_mb": baseline,
        "detail": {k: v for k, v in summary.items() if isinstance(v, int | float | str)},
    }


def _stage_deidentify(lake: Any) -> dict[str, Any]:
    from anonymizers import Deidentifier
    from transforms.clean.partitions import commit_all, deidentify_shard, plan_deidentification
    from transforms.pipeline_config import load_pipeline_config

    # Warm the engine first: its model is a fixed cost per worker process, not per row.
    Deidentifier.for_purpose(load_pipeline_config().clean_text_purpose).deidentify(["warm-up 13800138000"])
    baseline = _rss_mb()
    t0 = time.perf_counter()
    plan = plan_deidentification(lake)
    results = [deidentify_shard(lake, **item) for item in plan]
    committed = commit_all(lake, results)
    seconds = time.perf_counter() - t0
    rows = sum(r["raw_rows"] for r in results)
    return {
        "seconds": seconds,
        "rows": rows,
        "baseline_rss_mb": baseline,
        "detail": {
            "shards": len(plan),
            "partitions": len(committed),
            "clean_rows": sum(r["clean_rows"] for r in results),
            "rejected": sum(r["rejected"] for r in results),
        },
    }


def _stage_publish(lake: Any) -> dict[str, Any]:
    import pyarrow as pa

    from transforms.publish import plan_releases, publish, record_run
    from transforms.publish.scan import scan_table

    # Warm imports, config and the residual-PII scanner's engine (a fixed cost per worker process);
    # planning is repeated below inside the timer.
    plan_releases(lake)
    scan_table(pa.table({"warm_up": ["13800138000"]}), "warm-up")
    baseline = _rss_mb()
    t0 = time.perf_counter()
    planned = plan_releases(lake)
    releases, results = [], []
    for item in planned:
        t = time.perf_counter()
        rec = publish(lake, **item)
        releases.append(
            {
                "extract": item["extract"],
                "interval_start": item["interval_start"],
                "status": rec.get("status"),
                "seconds": time.perf_counter() - t,
                "rows_in": sum((rec.get("population") or {}).get("source_rows", {}).values()),
                "reason": rec.get("reason"),
            }
        )
        results.append(rec)
    record_run(lake, results)
    seconds = time.perf_counter() - t0
    return {
        "seconds": seconds,
        "rows": sum(r["rows_in"] for r in releases),
        "baseline_rss_mb": baseline,
        "detail": {
            "planned": len(planned),
            "published": sum(r["status"] == "published" for r in releases),
            "refused": sum(r["status"] == "refused" for r in releases),
        },
        "releases": releases,
    }


def _bare_query_seconds(lake: Any, cfg: Any, ext: Any, interval_start: str, pop: Any) -> tuple[float, int]:
    """The extract's own aggregate SQL, run by DuckDB straight over the interval's clean Parquet
    files: no population gate, Arrow loading, suppression, DP, schema/PII gates or writing."""
    import duckdb

    from transforms.publish.aggregate import bounded_cells, exact_cells
    from transforms.publish.catalog import VIEWS
    from transforms.publish.intervals import interval_of, source_partitions
    from transforms.publish.views import create_view, register_taxonomy
    from transforms.schemas import CLEAN

    iv = interval_of(date.fromisoformat(interval_start), ext.interval)
    parts = source_partitions(lake, ext, iv)
    t0 = time.perf_counter()
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.register("pop_arrow", pop)
    con.execute("CREATE TEMP TABLE pop AS SELECT * FROM pop_arrow")
    register_taxonomy(con, cfg.topics)
    for table, schema in CLEAN.items():
        files = [
            f
            for p in parts
            if p.startswith(f"clean/{table}/")
            for f in lake.list_files(lake.path(p), ".parquet")
        ]
        if files and table in VIEWS[ext.view].sources:
            listing = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
            con.execute(f"CREATE TEMP VIEW src_{table} AS SELECT * FROM read_parquet([{listing}])")
        else:
            con.register(f"src_{table}", schema.empty_table())
    create_view(con, ext.view, cfg.topics, iv.start)
    cells = bounded_cells(con, ext, salt="bench") if ext.dp else exact_cells(con, ext)
    seconds = time.perf_counter() - t0
    con.close()
    return seconds, cells.num_rows


def _stage_extracts(lake: Any, releases: list[dict]) -> dict[str, Any]:
    from transforms.publish.config import load_config
    from transforms.publish.release import POPULATION_COLUMNS, eligible_population

    cfg = load_config()
    baseline = _rss_mb()
    t0 = time.perf_counter()
    pops: dict[str, Any] = {}
    timed = []
    for r in releases:
        if r["status"] != "published":
            continue
        ext = cfg.extracts[r["extract"]]
        if ext.purpose not in pops:
            pops[ext.purpose] = eligible_population(lake, ext.purpose, datetime.now(UTC)).select(
                list(POPULATION_COLUMNS)
            )
        seconds, cells = _bare_query_seconds(lake, cfg, ext, r["interval_start"], pops[ext.purpose])
        timed.append({**r, "bare_seconds": seconds, "bare_cells": cells})
    return {"seconds": time.perf_counter() - t0, "rows": 0, "baseline_rss_mb": baseline, "releases": timed}


def _stage_utility(lake: Any) -> dict[str, Any]:
    """Utility per extract on this volume: private selection vs public partitions (one noise draw)."""
    from transforms.publish.utility import measure_lake, summarise

    t0 = time.perf_counter()
    rows = measure_lake(lake)
    return {
        "seconds": time.perf_counter() - t0,
        "rows": 0,
        "baseline_rss_mb": _rss_mb(),
        "utility": summarise(rows),
    }


def child_main(stage: str, lake_root: str, out: str, releases_file: str | None) -> int:
    import logging

    from transforms.lake import Lake

    logging.basicConfig(level=logging.WARNING)
    lake = Lake(lake_root)
    if stage == "extracts":
        releases = json.loads(Path(releases_file).read_text()) if releases_file else []
        result = _stage_extracts(lake, releases)
    elif stage == "utility":
        result = _stage_utility(lake)
    else:
        result = {
            "ingest": _stage_ingest,
            "rights": _stage_rights,
            "deidentify": _stage_deidentify,
            "publish": _stage_publish,
        }[stage](lake)
    result["peak_rss_mb"] = _rss_mb()
    Path(out).write_text(json.dumps(result, default=str))
    return 0


# -- parent side -----------------------------------------------------------------------------
def _run_child(
    stage: str, lake_root: Path, work: Path, env: dict[str, str], releases: list[dict] | None = None
) -> dict[str, Any]:
    out = work / f"{stage}.json"
    argv = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        stage,
        "--lake",
        str(lake_root),
        "--child-out",
        str(out),
    ]
    if releases is not None:
        rel_file = work / f"{stage}-input.json"
        rel_file.write_text(json.dumps(releases))
        argv += ["--child-releases", str(rel_file)]
    t0 = time.perf_counter()
    proc = subprocess.run(argv, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"stage {stage} failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
    result = json.loads(out.read_text())
    result["process_seconds"] = wall  # including interpreter start, imports, engine load
    return result


def _generate(
    lake_root: Path, args: argparse.Namespace, messages: int, events: int, env: dict[str, str]
) -> float:
    code = (
        "import sys, json; from transforms.synthetic import generate; "
        "a = json.loads(sys.argv[1]); generate(a['root'], seed=a['seed'], days=a['days'], users=a['users'], "
        "messages=a['messages'], events=a['events'])"
    )
    users = args.users or max(300, messages // 40)
    payload = json.dumps(
        {
            "root": str(lake_root),
            "seed": args.seed,
            "days": args.days,
            "users": users,
            "messages": messages,
            "events": events,
        }
    )
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, payload], env=env, capture_output=True, text=True, cwd=str(ROOT)
    )
    if proc.returncode != 0:
        raise RuntimeError(f"generation failed:\n{proc.stderr[-3000:]}")
    return time.perf_counter() - t0


def _airflow_pass(lake_root: Path, env: dict[str, str]) -> dict[str, Any]:
    """The whole chain through the embedded Airflow runner (dag.test per DAG) on a fresh copy."""
    code = (
        "import json, sys; from transforms.lake import Lake; "
        "from transforms.orchestration.chain import run_chain; r = run_chain(Lake(sys.argv[1])); "
        "print(json.dumps({'seconds': r.seconds, 'runs': [(x['dag_id'], x['state']) for x in r.runs]}))"
    )
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, str(lake_root)], env=env, capture_output=True, text=True, cwd=str(ROOT)
    )
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        return {"error": proc.stderr[-3000:], "seconds": wall}
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    return {
        **out,
        "process_seconds": wall,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def run_volume(
    label: str, messages: int, events: int, args: argparse.Namespace, work: Path, env: dict[str, str]
) -> dict[str, Any]:
    lake_root = work / label / "lake"
    lake_root.mkdir(parents=True)
    print(
        f"\n== {label}: {messages:,} chat messages, {events:,} telemetry events over {args.days} days",
        flush=True,
    )
    gen_seconds = _generate(lake_root, args, messages, events, env)
    print(f"   generated in {gen_seconds:.0f}s", flush=True)
    airflow_copy = None
    if args.airflow:
        airflow_copy = work / label / "lake-airflow"
        shutil.copytree(lake_root / "landing", airflow_copy / "landing")
    stages: dict[str, Any] = {}
    for stage in STAGES:
        r = _run_child(stage, lake_root, work / label, env)
        stages[stage] = r
        print(
            f"   {stage:<11} {r['seconds']:8.1f}s  {r['rows'] / max(r['seconds'], 1e-9):10,.0f} rows/s  "
            f"peak RSS {r['peak_rss_mb']:7.0f} MB (baseline {r['baseline_rss_mb']:.0f} MB)",
            flush=True,
        )
    releases = stages["publish"].get("releases", [])
    extracts = _run_child("extracts", lake_root, work / label, env, releases=releases) if releases else None
    utility = _run_child("utility", lake_root, work / label, env)
    result = {
        "label": label,
        "messages": messages,
        "events": events,
        "days": args.days,
        "generate_seconds": gen_seconds,
        "stages": stages,
        "extracts": extracts,
        "utility": utility.get("utility", []),
    }
    if airflow_copy is not None:
        print("   embedded Airflow pass ...", flush=True)
        result["airflow"] = _airflow_pass(airflow_copy, env)
        print(
            f"   embedded Airflow (whole chain) {result['airflow'].get('process_seconds', 0):.0f}s "
            f"{'ERROR' if 'error' in result['airflow'] else ''}",
            flush=True,
        )
    if not args.keep:
        shutil.rmtree(work / label, ignore_errors=True)
    return result


def _extract_ratios(extracts: dict | None) -> dict[str, dict[str, float]]:
    """Per extract: total pipeline seconds / total bare DuckDB seconds over its releases."""
    out: dict[str, dict[str, float]] = {}
    for r in (extracts or {}).get("releases", []):
        e = out.setdefault(r["extract"], {"releases": 0, "pipeline_s": 0.0, "bare_s": 0.0})
        e["releases"] += 1
        e["pipeline_s"] += r["seconds"]
        e["bare_s"] += r["bare_seconds"]
    for e in out.values():
        e["ratio"] = e["pipeline_s"] / e["bare_s"] if e["bare_s"] else float("nan")
    return out


def print_report(runs: list[dict]) -> None:
    print("\n## Per stage (each stage in a fresh process; rows/s = stage input rows / stage wall time)\n")
    print("| volume | stage | wall s | rows in | rows/s | peak RSS MB | baseline MB | peak − baseline MB |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for run in runs:
        vol = f"{run['messages'] // 1000}k msg / {run['events'] // 1000}k ev"
        for stage, r in run["stages"].items():
            print(
                f"| {vol} | {stage} | {r['seconds']:.1f} | {r['rows']:,} | "
                f"{r['rows'] / max(r['seconds'], 1e-9):,.0f} | {r['peak_rss_mb']:.0f} | "
                f"{r['baseline_rss_mb']:.0f} | {r['peak_rss_mb'] - r['baseline_rss_mb']:.0f} |"
            )
    if len(runs) == 2:
        a, b = runs
        print("\n## Twice the input (same days: partitions twice as large)\n")
        print("| stage | wall ratio (2x / 1x) | peak RSS ratio | working-set ratio (peak − baseline) |")
        print("|---|---:|---:|---:|")
        for stage in a["stages"]:
            ra, rb = a["stages"][stage], b["stages"][stage]
            wa, wb = ra["peak_rss_mb"] - ra["baseline_rss_mb"], rb["peak_rss_mb"] - rb["baseline_rss_mb"]
            print(
                f"| {stage} | {rb['seconds'] / max(ra['seconds'], 1e-9):.2f} | "
                f"{rb['peak_rss_mb'] / ra['peak_rss_mb']:.2f} | {wb / wa if wa > 0 else float('nan'):.2f} |"
            )
    print("\n## Aggregate extracts: full publish (gates, DP, scan, write) vs the bare DuckDB query\n")
    print("| volume | extract | releases | publish s | bare DuckDB s | ratio (goal ≤ 2) |")
    print("|---|---|---:|---:|---:|---:|")
    for run in runs:
        vol = f"{run['messages'] // 1000}k msg / {run['events'] // 1000}k ev"
        ratios = _extract_ratios(run.get("extracts"))
        if not ratios:
            print(f"| {vol} | publish not available or nothing published | | | | |")
        for name, e in sorted(ratios.items()):
            print(
                f"| {vol} | {name} | {e['releases']} | {e['pipeline_s']:.2f} | {e['bare_s']:.2f} | "
                f"{e['ratio']:.1f} |"
            )
        if ratios:
            print(
                f"| {vol} | median over extracts | | | | "
                f"{statistics.median(e['ratio'] for e in ratios.values()):.1f} |"
            )
    from transforms.publish.utility import markdown_table

    print("\n## Utility: share of the true user mass published, median relative error of published cells\n")
    print(
        "Extracts with public keys are measured both ways on the same data (before: private partition "
        "selection; after: public partitions); one noise draw each.\n"
    )
    for run in runs:
        print(f"{run['messages'] // 1000}k msg / {run['events'] // 1000}k ev\n")
        print(markdown_table(run.get("utility", [])) + "\n")
    for run in runs:
        if "airflow" in run:
            af = run["airflow"]
            stage_sum = sum(r["seconds"] for r in run["stages"].values())
            print(
                f"\nEmbedded Airflow, whole chain at {run['messages']:,}/{run['events']:,}: "
                f"{af.get('process_seconds', 0):.0f}s (sum of bare stages {stage_sum:.0f}s)"
                + (f" — FAILED: {af['error'][-400:]}" if "error" in af else "")
            )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--messages", type=int, default=100_000)
    p.add_argument("--events", type=int, default=1_000_000)
    p.add_argument("--quick", action="store_true", help="10k messages / 100k events (smoke run)")
    p.add_argument("--days", type=int, default=7)
    p.add_argument("--users", type=int, default=0, help="default: messages / 40 (at least 300)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--no-double", action="store_true", help="skip the run at twice the input")
    p.add_argument("--airflow", action="store_true", help="also one pass through the embedded Airflow runner")
    p.add_argument("--workdir", default=None, help="where the temporary lakes go (default: system temp)")
    p.add_argument("--keep", action="store_true", help="keep the temporary lakes")
    p.add_argument("--child", choices=[*STAGES, "extracts", "utility"], help=argparse.SUPPRESS)
    p.add_argument("--lake", help=argparse.SUPPRESS)
    p.add_argument("--child-out", help=argparse.SUPPRESS)
    p.add_argument("--child-releases", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        return child_main(args.child, args.lake, args.child_out, args.child_releases)
    if args.quick:
        args.messages, args.events = 10_000, 100_000

    work = Path(tempfile.mkdtemp(prefix="aimate-bench-", dir=args.workdir))
    env = dict(os.environ)
    env["AIMATE_KEYSTORE"] = str(work / "keystore.json")  # never the operator's keys
    env["PYTHONPATH"] = os.pathsep.join(x for x in (str(ROOT), env.get("PYTHONPATH", "")) if x)
    env.pop("AIMATE_AIRFLOW_HOME", None)
    started = datetime.now(UTC)
    runs = []
    try:
        runs.append(run_volume("1x", args.messages, args.events, args, work, env))
        if not args.no_double:
            args.airflow = False  # one Airflow pass is enough
            runs.append(run_volume("2x", 2 * args.messages, 2 * args.events, args, work, env))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print_report(runs)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"volume-{started:%Y%m%dT%H%M%SZ}.json"
    out.write_text(
        json.dumps(
            {
                "started": started.isoformat(),
                "host": {
                    "python": platform.python_version(),
                    "cpus": os.cpu_count(),
                    "machine": platform.machine(),
                },
                "args": {k: v for k, v in vars(args).items() if not k.startswith("child")},
                "runs": runs,
            },
            indent=1,
            default=str,
        )
    )
    print(f"\nresults: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
