"""De-identification throughput: AIMate engine vs vanilla Presidio, same messages, same run.

Vanilla = Presidio defaults: ``AnalyzerEngine().analyze(text, "en")`` per message (same spaCy model,
offline) + ``AnonymizerEngine().anonymize``. Ours = ``Deidentifier.for_purpose(purpose).deidentify``
in batches. Each system runs in fresh worker processes (spawned, so peak RSS is per system), the
model load and a warm-up are excluded from the timing, and workers start timing together.

    python bench/deid_bench.py [--n 2000] [--procs 1 2] [--batch 256] [--purpose research]

Prints msg/s per system and process count, the ratio ours/vanilla, peak RSS per worker and the
leak rate on the labeled messages (gold value still present in the output).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _worker(system: str, texts: list[str], batch: int, purpose: str, barrier, out_q) -> None:
    if system == "aimate":
        from anonymizers import Deidentifier

        d = Deidentifier.for_purpose(purpose)

        def run(chunk: list[str]) -> list[str | None]:
            return [o.text for o in d.deidentify(chunk)]
    else:
        from anonymizers.evaluation.runner import vanilla_presidio

        analyzer, anonymizer = vanilla_presidio()

        def run(chunk: list[str]) -> list[str | None]:
            return [anonymizer.anonymize(text=t, analyzer_results=analyzer.analyze(text=t, language="en")).text for t in chunk]

    run(texts[:50])  # warm-up: lazy loads (jieba dictionary, regex compilation)
    barrier.wait()
    t0 = time.perf_counter()
    outs: list[str | None] = []
    for i in range(0, len(texts), batch):
        outs.extend(run(texts[i : i + batch]))
    elapsed = time.perf_counter() - t0
    out_q.put((elapsed, _rss_mb(), outs))


def measure(system: str, texts: list[str], procs: int, batch: int, purpose: str) -> dict:
    """Throughput (msg/s over wall time), peak RSS per worker, outputs in input order."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(procs)
    q = ctx.Queue()
    shards = [texts[i::procs] for i in range(procs)]
    workers = [ctx.Process(target=_worker, args=(system, s, batch, purpose, barrier, q)) for s in shards]
    for w in workers:
        w.start()
    results = [q.get() for _ in workers]
    for w in workers:
        w.join()
    wall = max(r[0] for r in results)
    return {
        "system": system,
        "procs": procs,
        "msg_per_s": len(texts) / wall,
        "peak_rss_mb": max(r[1] for r in results),
        "outputs": [o for r in results for o in r[2]],
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
    args = ap.parse_args()

    from anonymizers.evaluation import generate

    examples = generate(args.n, seed=args.seed)
    texts = [e.text for e in examples]
    langs = {k: sum(e.lang == k for e in examples) for k in ("zh", "en", "mixed")}
    print(f"{len(texts)} messages {langs}, batch {args.batch}, purpose {args.purpose}")
    print(f"{'system':<10}{'procs':>6}{'msg/s':>10}{'peak RSS MB':>13}{'leak':>8}")
    rows: dict[tuple[str, int], dict] = {}
    for procs in args.procs:
        for system in ("vanilla", "aimate"):
            r = measure(system, texts, procs, args.batch, args.purpose)
            # shards are interleaved: restore input order before scoring leaks
            ordered: list[str | None] = [None] * len(texts)
            idx = [j for i in range(procs) for j in range(i, len(texts), procs)]
            for j, o in zip(idx, r["outputs"], strict=True):
                ordered[j] = o
            r["leak"] = leak_rate(examples, ordered)
            rows[(system, procs)] = r
            print(f"{system:<10}{procs:>6}{r['msg_per_s']:>10.1f}{r['peak_rss_mb']:>13.0f}{r['leak']:>8.2%}", flush=True)
        ratio = rows[("aimate", procs)]["msg_per_s"] / rows[("vanilla", procs)]["msg_per_s"]
        print(f"ratio aimate/vanilla, {procs} process(es): {ratio:.1f}x", flush=True)


if __name__ == "__main__":
    main()
