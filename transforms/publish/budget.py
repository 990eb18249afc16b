"""Per-recipient privacy-budget ledger, persisted in the lake.

One JSON document per spend: `_system/budget/<recipient>/<period>/<release_id>.json`, so a spend is
written once (a rerun of the same release finds it and spends nothing) and the ledger survives runs.
The period is the *data* period of the release interval (a weekly interval spanning two months is
charged to both), because the guarantee protects the people in that period's data. Check-and-spend
happens under a lock file so parallel mapped tasks cannot overspend together.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from transforms.lake import Lake, utcnow
from transforms.publish.config import Budget, Recipient


def periods(budget: Budget, start: date, end: date) -> list[str]:
    """Budget periods overlapped by the half-open interval [start, end)."""
    out: list[str] = []
    day = start
    while day < end:
        if budget.period == "month":
            label = f"{day:%Y-%m}"
        elif budget.period == "quarter":
            label = f"{day.year}-Q{(day.month - 1) // 3 + 1}"
        else:
            label = f"{day.year}"
        if label not in out:
            out.append(label)
        day += timedelta(days=1)
    return out


def _dir(lake: Lake, recipient: str, period: str) -> str:
    return lake.path("_system", "budget", recipient, period)


def spent(lake: Lake, recipient: str, period: str) -> tuple[float, float, list[dict[str, Any]]]:
    """(ε, δ) already spent in a period, and the entries."""
    entries = [lake.read_json(p) for p in lake.list_files(_dir(lake, recipient, period), ".json")]
    return sum(e["epsilon"] for e in entries), sum(e["delta"] for e in entries), entries


def status(lake: Lake, recipient: Recipient, start: date, end: date) -> dict[str, dict[str, float]]:
    """Per overlapped period: budget, spent and remaining."""
    out = {}
    for p in periods(recipient.budget, start, end):
        e, d, _ = spent(lake, recipient.id, p)
        out[p] = {"epsilon_budget": recipient.budget.epsilon, "delta_budget": recipient.budget.delta,
                  "epsilon_spent": e, "delta_spent": d,
                  "epsilon_remaining": recipient.budget.epsilon - e,
                  "delta_remaining": recipient.budget.delta - d}
    return out


def already_charged(lake: Lake, recipient: str, period: str, release_id: str) -> bool:
    return lake.exists(f"{_dir(lake, recipient, period)}/{release_id}.json")


def check(lake: Lake, recipient: Recipient, start: date, end: date, epsilon: float, delta: float,
          release_id: str) -> str | None:
    """Why (ε, δ) cannot be spent now, or None when every overlapped period has room."""
    for p, st in status(lake, recipient, start, end).items():
        if already_charged(lake, recipient.id, p, release_id):
            continue
        if st["epsilon_spent"] + epsilon > recipient.budget.epsilon + 1e-12:
            return (f"privacy budget of {recipient.id} for {p} exhausted: spent ε={st['epsilon_spent']:.4g} "
                    f"+ this release ε={epsilon:.4g} > budget ε={recipient.budget.epsilon:.4g}")
        if st["delta_spent"] + delta > recipient.budget.delta * (1 + 1e-9):
            return (f"privacy budget of {recipient.id} for {p} exhausted: spent δ={st['delta_spent']:.3g} "
                    f"+ this release δ={delta:.3g} > budget δ={recipient.budget.delta:.3g}")
    return None


def charge(lake: Lake, recipient: Recipient, start: date, end: date, epsilon: float, delta: float,
           release_id: str, extract: str) -> None:
    """Record the spend in every overlapped period (idempotent per release id)."""
    for p in periods(recipient.budget, start, end):
        if already_charged(lake, recipient.id, p, release_id):
            continue
        lake.write_json(f"{_dir(lake, recipient.id, p)}/{release_id}.json", {
            "recipient": recipient.id, "period": p, "release_id": release_id, "extract": extract,
            "interval": [str(start), str(end)], "epsilon": epsilon, "delta": delta,
            "recorded_at": utcnow().isoformat()})


def refund(lake: Lake, recipient: Recipient, start: date, end: date, release_id: str) -> None:
    """Undo a charge whose release never became visible (nothing was disclosed)."""
    for p in periods(recipient.budget, start, end):
        path = f"{_dir(lake, recipient.id, p)}/{release_id}.json"
        if lake.exists(path):
            lake.fs.delete_file(path)


@contextmanager
def locked(lake: Lake, recipient: str, timeout_s: float = 120.0) -> Iterator[None]:
    """Exclusive lock per recipient while its budget is checked and charged (see `Lake.lock`)."""
    with lake.lock(f"budget-{recipient}", timeout_s=timeout_s):
        yield
