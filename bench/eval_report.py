"""Leak figures on every independent set, tune and holdout apart, both purposes, vanilla Presidio beside.

Run: `make eval-report` (or `.venv/bin/python bench/eval_report.py [--json OUT]`). The holdout parts are
read here and nowhere in the tuning loop; report both columns, never only the better one.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from anonymizers.evaluation.independent import available_sets, parts_of, run_set

COLUMNS = ("STRUCTURED", "PERSON_ZH", "ADDRESS_ZH", "DATE_OF_BIRTH", "PERSON_EN", "ADDRESS_EN", "ALL")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--json", help="also write every report as JSON to this file")
    ap.add_argument("--no-vanilla", action="store_true", help="skip vanilla Presidio (it is slow)")
    args = ap.parse_args()
    rows, dumps = [], []
    started = time.perf_counter()
    for name in available_sets():
        for part in parts_of(name):
            for i, purpose in enumerate(("research", "model_tuning")):
                for r in run_set(name, part, purpose, with_vanilla=not args.no_vanilla and i == 0):
                    rows.append(r)
                    dumps.append(r.as_dict())
    head = [
        "set",
        "part",
        "system",
        "purpose",
        "msgs",
        *[f"{c} leak" for c in COLUMNS],
        "negatives kept",
        "context kept",
        "failed",
    ]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        cells = []
        for c in COLUMNS:
            g = r.group(c)
            cells.append(f"{g.leak_rate:.1%} ({g.gold})" if g.gold else "–")
        print(
            f"| {r.set_name} | {r.part} | {r.system} | {r.purpose} | {r.messages} | "
            + " | ".join(cells)
            + f" | {r.keep_rate:.1%} | {r.context_rate:.1%} | {r.failed_rows} |"
        )
    print(f"\n({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(dumps, f, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
