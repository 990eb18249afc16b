"""The publish task's log line per gate: what passed, what refused, and why (the audit has the rest)."""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger("aimate.publish.gates")


def log_gate_results(result: dict[str, Any]) -> dict[str, Any]:
    """One line per gate of a release attempt, then its outcome; returns `result` unchanged."""
    label = f"{result.get('extract')} {result.get('interval')}"
    for gate in result.get("gates") or []:
        mark = "passed" if gate.get("passed") else "REFUSED"
        (log.info if gate.get("passed") else log.warning)("gate %-13s %s: %s", gate.get("gate"), mark,
                                                          gate.get("detail", ""))
    if result.get("status") == "refused":
        log.warning("release %s refused: %s", label, result.get("reason"))
    else:
        log.info("release %s %s: %s", label, result.get("status"), result.get("path") or result.get("release_id"))
    return result
