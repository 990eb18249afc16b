"""Human-readable run summaries for the task log (counts only, never record content)."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def summarise_ingest(summaries: list[dict]) -> dict:
    total = {"lines": 0, "raw_rows": 0, "quarantined": 0}
    for s in summaries:
        if "skipped" in s:
            log.info("%s from %s: skipped (%s)", s["source"], s.get("origin", "landing"), s["skipped"])
            continue
        log.info("%s dt=%s: %d records → %d raw, %d quarantined %s", s["source"], s["dt"], s["lines"],
                 s["raw_rows"], s["quarantined"], s["reasons"] or "")
        for key in total:
            total[key] += s[key]
    return total
