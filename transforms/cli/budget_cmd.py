"""`aimate-share budget`: privacy loss spent and remaining, per recipient and per user overall."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer


def budget_report(lake_root: str) -> dict[str, Any]:
    """Per recipient: each data period with spends (budget, spent, remaining); per user: the odometer."""
    from transforms.lake import Lake
    from transforms.publish import budget as ledger
    from transforms.publish import odometer
    from transforms.publish.config import load_config

    lake, cfg = Lake(lake_root), load_config()
    recipients = {}
    for rec in cfg.recipients.values():
        root = Path(lake.path("_system", "budget", rec.id))
        periods = sorted(p.name for p in root.iterdir() if p.is_dir()) if lake.is_local and root.exists() else []
        rows = {}
        for p in periods:
            eps, delta, entries = ledger.spent(lake, rec.id, p)
            rows[p] = {"releases": len(entries), "epsilon_spent": eps, "epsilon_budget": rec.budget.epsilon,
                       "epsilon_remaining": rec.budget.epsilon - eps, "delta_spent": delta,
                       "delta_budget": rec.budget.delta, "delta_remaining": rec.budget.delta - delta}
        recipients[rec.id] = {"period": rec.budget.period, "periods": rows}
    return {"recipients": recipients, "per_user": odometer.status(lake, cfg.odometer)}


def register(app: typer.Typer) -> None:
    @app.command("budget")
    def budget(
        lake: Annotated[str | None, typer.Option("--lake", help="Lake root (default: AIMATE_LAKE or ./lake).")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON document.")] = False,
    ) -> None:
        """Privacy loss spent and remaining per recipient (per data period) and per user over all releases."""
        from transforms.lake import NotALake, open_lake
        from transforms.settings import lake_root

        root = lake or lake_root()
        try:
            open_lake(root)  # one rule for what a lake is, shared by every command
        except NotALake as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from None
        report = budget_report(root)
        if as_json:
            typer.echo(json.dumps(report, indent=1))
            return
        for rid, r in report["recipients"].items():
            typer.echo(f"{rid} (budget per {r['period']}):")
            if not r["periods"]:
                typer.echo("  nothing spent")
            for p, row in r["periods"].items():
                typer.echo(f"  {p}: ε {row['epsilon_spent']:.3g} of {row['epsilon_budget']:.3g} spent, "
                           f"{row['epsilon_remaining']:.3g} left; δ {row['delta_spent']:.2g} of "
                           f"{row['delta_budget']:.2g} ({row['releases']} releases)")
        u = report["per_user"]
        typer.echo(f"per user, all recipients and extracts ({u['releases']} releases, cap ε {u['epsilon_cap']:g}, "
                   f"δ {u['delta_cap']:g} per {u['window_days']}-day window):")
        if u["worst_window"]:
            typer.echo(f"  worst window {u['worst_window'][0]}..{u['worst_window'][1]}: "
                       f"ε {u['worst_epsilon']:.3g}, δ {u['worst_delta']:.2g}")
            typer.echo(f"  latest window {u['latest_window'][0]}..{u['latest_window'][1]}: "
                       f"ε {u['latest_epsilon']:.3g}, δ {u['latest_delta']:.2g}; ε {u['epsilon_remaining']:.3g} left")
        else:
            typer.echo("  nothing spent")
