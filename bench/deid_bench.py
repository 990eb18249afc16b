"""De-identification throughput: AIMate engine vs vanilla Presidio, same messages, same run.

Vanilla = Presidio defaults: ``AnalyzerEngine().analyze(text, "en")`` per message (same spaCy model,
offline) + ``AnonymizerEngine().anonymize``. Ours = ``Deidentifier.for_purpose(purpose).deidentify``
in batches. Each system runs in fresh worker processes (spawned, so peak RSS is per system), the
model load and a warm-up are excluded from the timing, workers start each pass together, and the
best of ``--repeat`` passes is kept (the machine may be shared; noise only ever slows a pass down).

    python bench/deid_bench.py [--n 2000] [--procs 1 2] [--batch 256] [--purpose research] [--repeat 3]

Prints msg/s per system and process count, the ratio ours/vanilla, peak RSS per worker and the
leak rate on the labeled messages (gold value still present in the output).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _worker(
    shard: int, system: str, texts: list[str], batch: int, purpose: str, repeat: int, barrier, out_q
) -> None:
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # one core per worker, both systems alike: no oversubscription
    if system == "aimate":
        from anonymizers import Deidentifier

        d = Deidentifier.for_purpose(purpose)

        def run(chunk: list[str]) -> list[str | None]:
            return [o.text for o in d.deidentify(chunk)]
    else:
        from anonymizers.evaluation.runner import vanilla_presidio

        analyzer, anonymizer = vanilla_presidio()

        def run(chunk: list[str]) -> list[str | None]:
            return [
                anonymizer.anonymize(text=t, analyzer_results=analyzer.analyze(text=t, language="en")).text
                for t in chunk
            ]

    run(texts[:50])  # warm-up: lazy loads (jieba dictionary, regex compilation)
    best = float("inf")
    outs: list[str | None] = []
    for _ in range(repeat):  # best of `repeat`: the machine is shared, noise only ever slows down
        barrier.wait()
        t0 = time.perf_counter()
        outs = []
        for i in range(0, len(texts), batch):
            outs.extend(run(texts[i : i + batch]))
        best = min(best, time.perf_counter() - t0)
    out_q.put((shard, best, _rss_mb(), outs))


def measure(system: str, texts: list[str], procs: int, batch: int, purpose: str, repeat: int) -> dict:
    """Throughput (msg/s over the slowest worker), peak RSS per worker, outputs in input order."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(procs)
    q = ctx.Queue()
    shards = [texts[i::procs] for i in range(procs)]
    workers = [
        ctx.Process(target=_worker, args=(k, system, s, batch, purpose, repeat, barrier, q))
        for k, s in enumerate(shards)
    ]
    for w in workers:
        w.start()
    results = sorted(q.get() for _ in workers)
    for w in workers:
        w.join()
    outputs: list[str | None] = [None] * len(texts)
    for shard, _t, _rss, outs in results:
        outputs[shard::procs] = outs
    return {
        "system": system,
        "procs": procs,
        "msg_per_s": len(texts) / max(r[1] for r in results),
        "peak_rss_mb": max(r[2] for r in results),
        "outputs": outputs,
    }


def leak_rate(examples, outputs: list[str | None]) -> float:
    """Share of labeled values still present verbatim in the de-identified output."""
    gold = leaked = 0
    for ex, out in zip(examples, outputs, strict=True):
        for s in ex.entities:
            gold += 1
            leaked += out is not None and s.value in out
    return leaked / gold if gold else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=99)
    ap.add_argument("--procs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--purpose", default="research")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per worker; the best is kept")
    ap.add_argument(
        "--distinct",
        action="store_true",
        help="drop repeated messages first (our engine analyses a repeat within a batch once)",
    )
    args = ap.parse_args()

    if args.purpose == "model_tuning" and "AIMATE_KEYSTORE" not in os.environ:
        import tempfile

        # a throw-away key store: benchmarking must not create or rotate keys in the real one
        os.environ["AIMATE_KEYSTORE"] = str(Path(tempfile.mkdtemp(prefix="deid-bench-")) / "keystore.json")

    from anonymizers.evaluation import generate

    examples = generate(args.n, seed=args.seed)
    if args.distinct:
        seen: set[str] = set()
        examples = [e for e in examples if not (e.text in seen or seen.add(e.text))]
    texts = [e.text for e in examples]
    langs = {k: sum(e.lang == k for e in examples) for k in ("zh", "en", "mixed")}
    print(f"{len(texts)} messages {langs}, batch {args.batch}, purpose {args.purpose}, best of {args.repeat}")
    print(f"{'system':<10}{'procs':>6}{'msg/s':>10}{'peak RSS MB':>13}{'leak':>8}")
    rows: dict[tuple[str, int], dict] = {}
    for procs in args.procs:
        for system in ("vanilla", "aimate"):
            r = measure(system, texts, procs, args.batch, args.purpose, args.repeat)
            r["leak"] = leak_rate(examples, r["outputs"])
            rows[(system, procs)] = r
            print(
                f"{system:<10}{procs:>6}{r['msg_per_s']:>10.1f}{r['peak_rss_mb']:>13.0f}{r['leak']:>8.2%}",
                flush=True,
            )
        ratio = rows[("aimate", procs)]["msg_per_s"] / rows[("vanilla", procs)]["msg_per_s"]
        print(f"ratio aimate/vanilla, {procs} process(es): {ratio:.1f}x", flush=True)


if __name__ == "__main__":
    main()
