"""Split a blind set's ``holdout.jsonl`` into a tune part and a holdout part, before anyone tunes on it.

Run: `.venv/bin/python bench/eval_split.py SET [SET ...]`. The split is per register and by phrasing
(values masked, digits folded, so two messages that differ only in their values share a phrasing):
the first half of each register's phrasings go to ``tune.jsonl``, the rest stay in ``holdout.jsonl``;
a register with a single phrasing alternates between the parts. Rows are moved, never changed or dropped
(the script checks that the parts add up to the input).
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import OrderedDict

from anonymizers.evaluation.independent import SETS_DIR


def phrasing(row: dict) -> str:
    """The message with its labelled values masked and digits folded."""
    text = row["text"]
    for p in sorted(row.get("pii", ()), key=lambda d: -len(d["value"])):
        text = text.replace(p["value"], "<V>")
    return re.sub(r"\d", "0", text)


def split(name: str) -> tuple[int, int]:
    folder = SETS_DIR / name
    if (folder / "tune.jsonl").exists():
        raise SystemExit(f"{name}: already split (tune.jsonl exists); refusing to re-split")
    lines = [ln for ln in (folder / "holdout.jsonl").read_text(encoding="utf-8").splitlines() if ln.strip()]
    rows = [json.loads(ln) for ln in lines]
    by_register: OrderedDict[str, OrderedDict[str, list[int]]] = OrderedDict()
    for i, row in enumerate(rows):
        by_register.setdefault(row.get("register", ""), OrderedDict()).setdefault(phrasing(row), []).append(i)
    tune_idx: set[int] = set()
    toggle = True
    for phrasings in by_register.values():
        groups = list(phrasings.values())
        if len(groups) == 1:
            if toggle:
                tune_idx.update(groups[0])
            toggle = not toggle
            continue
        for g in groups[: math.ceil(len(groups) / 2)]:
            tune_idx.update(g)
    tune = [lines[i] for i in range(len(rows)) if i in tune_idx]
    hold = [lines[i] for i in range(len(rows)) if i not in tune_idx]
    if len(tune) + len(hold) != len(rows):
        raise SystemExit(f"{name}: parts do not add up ({len(tune)} + {len(hold)} != {len(rows)})")
    (folder / "tune.jsonl").write_text("\n".join(tune) + "\n", encoding="utf-8")
    (folder / "holdout.jsonl").write_text("\n".join(hold) + "\n", encoding="utf-8")
    return len(tune), len(hold)


if __name__ == "__main__":
    for set_name in sys.argv[1:]:
        t, h = split(set_name)
        print(f"{set_name}: tune {t}, holdout {h}")
