"""Rewrite the CI floors in tests/anonymizers/test_independent_floors.py from an eval report.

Run: `.venv/bin/python bench/eval_ceilings.py REPORT.json` (REPORT from `bench/eval_report.py --json`).
For each (set, group) the ceiling is the worse of the tune/holdout leak rates over both purposes plus a
margin of max(2 points, 25 %, one value of the smaller part): a model_tuning surrogate can collide with a
value by chance. A ceiling that would reach 100 % gets no margin (+0.001); a group measured at 100 % gets
no ceiling because none could fail. Kept-rate floors: 2 points (negatives) and 1 point (context) under the
smaller part, context capped at 0.99.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

TEST = Path(__file__).resolve().parents[1] / "tests" / "anonymizers" / "test_independent_floors.py"


def floors(report: list[dict]) -> tuple[dict, dict, dict]:
    worst: dict[tuple[str, str], float] = defaultdict(float)
    smallest_gold: dict[tuple[str, str], int] = {}
    keep: dict[str, float] = {}
    ctx: dict[str, float] = {}
    for r in report:
        if r["system"] != "aimate":
            continue
        name = r["set"]
        for g, d in r["groups"].items():
            if not d["gold"]:
                continue
            worst[name, g] = max(worst[name, g], d["leak_rate"])
            smallest_gold[name, g] = min(smallest_gold.get((name, g), 10**9), d["gold"])
        if r["hard_negatives"]:
            keep[name] = min(keep.get(name, 1.0), r["hard_negatives_kept"])
        if r["context_words"]:
            ctx[name] = min(ctx.get(name, 1.0), r["context_kept"])
    ceilings: dict[tuple[str, str], tuple[float, float, bool]] = {}
    for key, rate in sorted(worst.items()):
        if rate >= 1.0:
            continue
        margin = max(0.02, rate * 0.25, 1 / smallest_gold[key])
        ceiling, no_margin = rate + margin, False
        if ceiling >= 1.0:
            ceiling, no_margin = rate + 0.001, True
        ceilings[key] = (round(ceiling + 0.0005, 3), rate, no_margin)
    keep_floor = {n: round(max(0.0, v - 0.02), 3) for n, v in sorted(keep.items())}
    ctx_floor = {n: round(min(0.99, max(0.0, v - 0.01)), 3) for n, v in sorted(ctx.items())}
    return ceilings, keep_floor, ctx_floor


def render(ceilings: dict) -> str:
    lines = ["LEAK_CEILINGS: dict[tuple[str, str], float] = {"]
    for (name, g), (ceiling, rate, no_margin) in ceilings.items():
        note = ": no margin, one more leak fails" if no_margin else ""
        lines.append(f'    ("{name}", "{g}"): {ceiling:.3f},  # measured {rate:.1%}{note}')
    lines.append("}")
    return "\n".join(lines)


def _flat(d: dict[str, float]) -> str:
    return "{" + ", ".join(f'"{k}": {v}' for k, v in d.items()) + "}"


def main(path: str) -> int:
    ceilings, keep_floor, ctx_floor = floors(json.loads(Path(path).read_text(encoding="utf-8")))
    src = TEST.read_text(encoding="utf-8")
    src, n1 = re.subn(
        r"LEAK_CEILINGS: dict\[tuple\[str, str\], float\] = \{\n.*?\n\}",
        lambda _m: render(ceilings),
        src,
        flags=re.S,
    )
    src, n2 = re.subn(
        r"NEGATIVES_KEPT_FLOOR: dict\[str, float\] = \{.*?\}\n",
        lambda _m: f"NEGATIVES_KEPT_FLOOR: dict[str, float] = {_flat(keep_floor)}\n",
        src,
    )
    src, n3 = re.subn(
        r"CONTEXT_KEPT_FLOOR: dict\[str, float\] = \{.*?\}\n",
        lambda _m: f"CONTEXT_KEPT_FLOOR: dict[str, float] = {_flat(ctx_floor)}\n",
        src,
    )
    if (n1, n2, n3) != (1, 1, 1):
        raise SystemExit(f"could not find the tables in {TEST} ({n1}, {n2}, {n3})")
    TEST.write_text(src, encoding="utf-8")
    print(f"{len(ceilings)} ceilings, {len(keep_floor)} negative floors, {len(ctx_floor)} context floors")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
