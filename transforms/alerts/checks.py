"""When to alert: pure functions from task results and lake state to `Alert`s (no Airflow needed).

Alerts carry counts, ids of requests and releases, and reasons — never record content or user ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any


@dataclass(frozen=True)
class Alert:
    kind: str  # task_failed | release_refused | rights_deadline | quarantine_rate
    subject: str
    detail: dict[str, Any] = field(default_factory=dict)
    severity: str = "warning"  # warning | critical

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        extra = "; ".join(f"{k}: {v}" for k, v in self.detail.items() if k not in ("dag_id", "run_id"))
        return f"[AIMate {self.severity}] {self.subject}" + (f" — {extra}" if extra else "")


def task_failed(dag_id: str, task_id: str, run_id: str, error: BaseException | str | None,
                map_index: int = -1) -> Alert:
    where = task_id if map_index < 0 else f"{task_id}[{map_index}]"
    reason = f"{type(error).__name__}: {error}" if isinstance(error, BaseException) else str(error or "unknown")
    return Alert("task_failed", f"{dag_id}.{where} failed", {"dag_id": dag_id, "run_id": run_id,
                                                               "task": where, "reason": reason[:1000]},
                 severity="critical")


def refused_releases(summary: dict[str, Any] | None) -> list[Alert]:
    """One alert per release a gate refused in a publishing run (`record_run`'s summary)."""
    out = []
    for r in (summary or {}).get("refused") or []:
        out.append(Alert("release_refused", f"release {r.get('extract')} refused",
                         {"extract": r.get("extract"), "release_id": r.get("release_id"),
                          "reason": str(r.get("reason"))[:1000]}))
    return out


def rights_deadlines(requests: Iterable[Any], completed: Iterable[str], now: datetime, deadline_days: int,
                     warn_days: float) -> list[Alert]:
    """Open requests due within `warn_days` (warning) or past their deadline (critical)."""
    done = set(completed)
    out = []
    for r in sorted(requests, key=lambda r: r.received_at):
        if r.request_id in done:
            continue
        due = r.received_at + timedelta(days=deadline_days)
        left = (due - now).total_seconds() / 86400
        if left > warn_days:
            continue
        overdue = left < 0
        subject = (f"rights request {r.request_id} is {-left:.1f} days past its {deadline_days}-day deadline"
                   if overdue else f"rights request {r.request_id} is due in {left:.1f} days")
        out.append(Alert("rights_deadline", subject,
                         {"request_id": r.request_id, "kind": r.kind, "received_at": r.received_at.isoformat(),
                          "due_at": due.isoformat()}, severity="critical" if overdue else "warning"))
    return out


def quarantine_rates(summaries: Iterable[dict[str, Any]], max_share: float) -> list[Alert]:
    """Sources whose delivery quarantined more than `max_share` of its records (ingest summaries)."""
    out = []
    for s in summaries:
        lines = int(s.get("lines") or 0)
        bad = int(s.get("quarantined") or 0)
        if lines and bad / lines > max_share:
            top = sorted((s.get("reasons") or {}).items(), key=lambda kv: -kv[1])[:3]
            out.append(Alert("quarantine_rate",
                             f"{s.get('source')} dt={s.get('dt')}: {bad} of {lines} records quarantined "
                             f"({bad / lines:.1%} > {max_share:.1%})",
                             {"source": s.get("source"), "dt": s.get("dt"), "origin": s.get("origin", "landing"),
                              "records": lines, "quarantined": bad, "top_reasons": dict(top)}))
    return out
