"""List what leaks, which hard negatives are lost and which context words vanish, on TUNE parts only.

Run: `.venv/bin/python bench/eval_leaks.py [SET ...|TUNE] [--purpose P] [--only LEAK|KEEP|CTX] [--group G]`.
This is the tuning loop's view: it refuses holdout parts, so a holdout cannot be read by accident.
One tab-separated line per finding: kind, set, id, type, value, de-identified text.
"""

from __future__ import annotations

import argparse
import sys

from anonymizers.evaluation.independent import (
    available_sets,
    group_of,
    load_set,
    metric_key,
    parts_of,
    uncovered_leak,
)
from anonymizers.evaluation.runner import ours


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("sets", nargs="*", default=["TUNE"])
    ap.add_argument("--purpose", default="research")
    ap.add_argument("--only", choices=("LEAK", "KEEP", "CTX"))
    ap.add_argument("--group", help="STRUCTURED, PERSON_ZH, ADDRESS_ZH, DATE_OF_BIRTH, PERSON_EN, ...")
    args = ap.parse_args()
    names = (
        [n for n in available_sets() if "tune" in parts_of(n)] if args.sets in ([], ["TUNE"]) else args.sets
    )
    detect, deid = ours(args.purpose)
    for name in names:
        try:
            msgs = load_set(name, "tune")
        except ValueError as exc:  # a holdout-only set, or a name that is no set: say so, not a traceback
            print(f"eval_leaks: {exc}", file=sys.stderr)
            return 2
        texts = [m.text for m in msgs]
        dets, outs = detect(texts), deid(texts)
        for m, det, out in zip(msgs, dets, outs, strict=True):
            shown = (out or "<FAILED>").replace("\n", "⏎")
            for etype, value in m.pii:
                g = group_of(metric_key(etype, value))
                if args.group and g != args.group:
                    continue
                if (
                    out is not None
                    and (value in out or uncovered_leak(m.text, value, det))
                    and args.only in (None, "LEAK")
                ):
                    print(f"LEAK\t{name}\t{m.id}\t{etype}\t{value}\t{shown}")
            if args.group:
                continue
            for kind, values in (("KEEP", m.keep), ("CTX", m.context)):
                if args.only not in (None, kind):
                    continue
                for v in values:
                    if out is None or v not in out:
                        print(f"{kind}\t{name}\t{m.id}\t-\t{v}\t{shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
