"""The README's evaluation table from an ``eval_report.py --json`` file: one row per set, tune / holdout side
by side (research purpose; the report shows model_tuning's figures are the same), vanilla Presidio's
overall leak beside ours.

Run: `.venv/bin/python bench/eval_table.py REPORT.json [--final SET ...]`; sets named after ``--final`` are
holdout-only sets scored once with the rules frozen and go last, marked so.
"""

from __future__ import annotations

import argparse
import json
import sys

COLUMNS = ("STRUCTURED", "PERSON_ZH", "ADDRESS_ZH", "DATE_OF_BIRTH", "PERSON_EN", "ADDRESS_EN")
HEAD = ("| set (part) | structured | names zh | addresses zh | DOB | names en | addresses en | negatives kept "
        "| context kept | overall: ours / vanilla |\n|---|---|---|---|---|---|---|---|---|---|")


def _cell(rows: list[dict | None], fmt) -> str:
    return " / ".join(fmt(r) if r is not None else "–" for r in rows)


def _group(r: dict, g: str) -> str:
    d = r["groups"].get(g)
    return f"{d['leak_rate']:.1%} ({d['gold']})".replace("%", " %") if d and d["gold"] else "–"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("report")
    ap.add_argument("--final", nargs="*", default=[])
    args = ap.parse_args()
    by: dict[tuple[str, str, str], dict] = {}
    try:
        with open(args.report, encoding="utf-8") as f:
            report = json.load(f)
    except (OSError, ValueError) as exc:
        print(f"eval_table: cannot read {args.report} ({exc}); write one with bench/eval_report.py --json", file=sys.stderr)
        return 2
    for r in report:
        if r["system"] == "aimate" and r["purpose"] != "research":
            continue
        by[r["set"], r["part"], r["system"]] = r
    names = sorted({s for s, _p, _y in by})
    print(HEAD)
    for name in sorted(names, key=lambda n: (n in args.final, n)):
        parts = [p for p in ("tune", "holdout") if (name, p, "aimate") in by]
        ours = [by[name, p, "aimate"] for p in parts]
        vanilla = [by.get((name, p, "vanilla presidio")) for p in parts]
        label = f"{name} ({' / '.join(parts)})" + (" — blind, hand-written, final (scored once)" if name in args.final else "")
        cells = [" / ".join(_group(r, g) for r in ours) for g in COLUMNS]
        cells.append(_cell(ours, lambda r: f"{r['hard_negatives_kept']:.1%}".replace("%", " %")))
        cells.append(_cell(ours, lambda r: f"{r['context_kept']:.1%}".replace("%", " %")))
        overall = _cell(ours, lambda r: f"{r['overall_leak_rate']:.1%}".replace("%", " %")) + " vs " + _cell(
            vanilla, lambda r: f"{r['overall_leak_rate']:.1%}".replace("%", " %"))
        cells.append(overall)
        print(f"| {label} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
