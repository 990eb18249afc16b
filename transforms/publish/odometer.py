"""One privacy odometer per user across all recipients and extracts.

Every release's loss is recorded once (`_system/odometer/<release id>.json`, under the publish lock)
with its data interval. A user may be in every release, so the loss of the worst-placed user is the
composition of every release whose data interval meets a window of `window_days` days; before a
release is made, every window its interval meets must stay within the cap of `odometer` in
config/recipients.yaml (a gate). Composition goes through OpenDP (`accounting.py`): ρ of Gaussian
queries adds under zCDP and is converted once at `conversion_delta`. Per-recipient budgets
(`budget.py`) stay as sub-limits on top.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from transforms.lake import Lake, utcnow
from transforms.publish.accounting import Loss, compose, to_approx_dp
from transforms.publish.config import OdometerPolicy

DIR = ("_system", "odometer")


def entries(lake: Lake) -> list[dict[str, Any]]:
    return [lake.read_json(p) for p in lake.list_files(lake.path(*DIR), ".json")]


def _span(e: dict[str, Any]) -> tuple[date, date]:
    return date.fromisoformat(e["interval"][0]), date.fromisoformat(e["interval"][1])


def windows(start: date, end: date, days: int) -> list[tuple[date, date]]:
    """Every window [t - days, t) of whole days that meets the half-open interval [start, end)."""
    return [(t - timedelta(days=days), t)
            for t in (start + timedelta(days=i) for i in range(1, (end - start).days + days))]


def window_loss(items: list[dict[str, Any]], window: tuple[date, date], policy: OdometerPolicy,
                extra: Loss | None = None) -> tuple[float, float]:
    """(ε, δ) of every release meeting the window (plus `extra`), composed through OpenDP."""
    w0, w1 = window
    losses = [Loss.from_dict(e["loss"]) for e in items if _span(e)[0] < w1 and _span(e)[1] > w0]
    if extra is not None:
        losses.append(extra)
    return to_approx_dp(compose(losses), policy.conversion_delta) if losses else (0.0, 0.0)


def check(lake: Lake, policy: OdometerPolicy, start: date, end: date, loss: Loss, release_id: str) -> str | None:
    """Why this release would exceed the per-user cap in some window, or None."""
    items = [e for e in entries(lake) if e["release_id"] != release_id]
    for w in windows(start, end, policy.window_days):
        eps, delta = window_loss(items, w, policy, loss)
        if eps > policy.epsilon + 1e-9 or delta > policy.delta * (1 + 1e-9):
            return (f"per-user privacy odometer: releases meeting the {policy.window_days}-day window "
                    f"[{w[0]}, {w[1]}) would compose to ε={eps:.4g}, δ={delta:.3g} over the cap "
                    f"ε={policy.epsilon:g}, δ={policy.delta:g}")
    return None


def charge(lake: Lake, *, release_id: str, recipient: str, extract: str, start: date, end: date,
           loss: Loss) -> None:
    path = lake.path(*DIR, f"{release_id}.json")
    if not lake.exists(path):
        lake.write_json(path, {"release_id": release_id, "recipient": recipient, "extract": extract,
                               "interval": [str(start), str(end)], "loss": loss.as_dict(),
                               "recorded_at": utcnow().isoformat()})


def refund(lake: Lake, release_id: str) -> None:
    path = lake.path(*DIR, f"{release_id}.json")
    if lake.exists(path):
        lake.fs.delete_file(path)


def status(lake: Lake, policy: OdometerPolicy) -> dict[str, Any]:
    """The worst window so far and the latest one: composed per-user (ε, δ) against the cap."""
    items = entries(lake)
    if not items:
        return {"window_days": policy.window_days, "epsilon_cap": policy.epsilon, "delta_cap": policy.delta,
                "releases": 0, "worst_window": None, "worst_epsilon": 0.0, "worst_delta": 0.0,
                "latest_window": None, "latest_epsilon": 0.0, "latest_delta": 0.0,
                "epsilon_remaining": policy.epsilon}
    first = min(_span(e)[0] for e in items)
    last = max(_span(e)[1] for e in items)
    worst, worst_w = (0.0, 0.0), None
    for w in windows(first, last, policy.window_days):
        loss = window_loss(items, w, policy)
        if loss[0] > worst[0]:
            worst, worst_w = loss, w
    latest_w = (last - timedelta(days=policy.window_days), last)
    latest = window_loss(items, latest_w, policy)
    return {"window_days": policy.window_days, "epsilon_cap": policy.epsilon, "delta_cap": policy.delta,
            "releases": len(items),
            "worst_window": [str(worst_w[0]), str(worst_w[1])] if worst_w else None,
            "worst_epsilon": worst[0], "worst_delta": worst[1],
            "latest_window": [str(latest_w[0]), str(latest_w[1])], "latest_epsilon": latest[0],
            "latest_delta": latest[1], "epsilon_remaining": max(policy.epsilon - latest[0], 0.0)}
