"""`aimate-share eval-deid`: per-entity precision, recall and leak rate on the seeded labeled set."""

from __future__ import annotations

import json
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the ``eval-deid`` command."""

    @app.command("eval-deid")
    def eval_deid(
        n: Annotated[int, typer.Option(min=10, help="messages in the generated set")] = 2000,
        seed: Annotated[int, typer.Option(help="seed of the labeled set")] = 20261129,
        vanilla: Annotated[bool, typer.Option(help="also score vanilla Presidio (slow: per-message spaCy)")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="machine-readable output")] = False,
    ) -> None:
        """Score the de-identification engine (and optionally vanilla Presidio) per entity type."""
        from rich.console import Console
        from rich.table import Table

        from anonymizers.evaluation.runner import run

        _examples, mine, base = run(n, seed, with_vanilla=vanilla)
        reports = [r for r in (mine, base) if r is not None]
        if as_json:
            typer.echo(json.dumps([
                {
                    "system": r.name, "messages": r.examples, "negatives_preserved": r.preserved_rate,
                    "overall_leak_rate": r.overall_leak_rate, "failed_rows": r.errors,
                    "entities": {k: {"gold": g, "precision": p, "recall": rc, "leak_rate": lk} for k, g, p, rc, lk in r.rows()},
                }
                for r in reports
            ], indent=1))
            return
        console = Console()
        for r in reports:
            t = Table(title=f"{r.name}: {r.examples} messages (seed {seed})")
            for col in ("entity", "gold", "precision", "recall", "leak rate"):
                t.add_column(col, justify="left" if col == "entity" else "right")
            for k, g, p, rc, lk in r.rows():
                t.add_row(k, str(g), f"{p:.2%}", f"{rc:.2%}", f"{lk:.2%}")
            console.print(t)
            console.print(
                f"hard negatives preserved {r.preserved}/{r.negatives} ({r.preserved_rate:.2%}); "
                f"overall leak rate {r.overall_leak_rate:.2%}; failed rows {r.errors}"
            )
