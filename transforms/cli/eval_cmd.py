"""`aimate-share eval-deid`: leak rates per identifier type, on independent sets or the generated one.

``--set NAME`` scores an independently written set (``anonymizers/evaluation/sets/``); ``--part`` picks
its tune part (default), its holdout part, or both. Without ``--set`` the seeded generator set is scored
(a regression check only: the recognizers were written against the same templates).
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

PURPOSES = ("research", "model_tuning")


def register(app: typer.Typer) -> None:
    """Add the ``eval-deid`` command."""

    @app.command("eval-deid")
    def eval_deid(
        set_names: Annotated[list[str] | None, typer.Option("--set", help="independent set(s) to score; 'all' for every set")] = None,
        part: Annotated[str, typer.Option(help="tune | holdout | all")] = "tune",
        purpose: Annotated[str, typer.Option(help="research | model_tuning | both")] = "research",
        n: Annotated[int, typer.Option(min=10, help="messages in the generated set (without --set)")] = 2000,
        seed: Annotated[int, typer.Option(help="seed of the generated set (without --set)")] = 20261129,
        vanilla: Annotated[bool, typer.Option(help="also score vanilla Presidio (slow: per-message spaCy)")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="machine-readable output")] = False,
    ) -> None:
        """Score the de-identification engine (and optionally vanilla Presidio) per entity type."""
        if set_names:
            _independent(set_names, part, purpose, vanilla, as_json)
        else:
            _generated(n, seed, vanilla, as_json)


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _independent(set_names: list[str], part: str, purpose: str, vanilla: bool, as_json: bool) -> None:
    from anonymizers.evaluation.independent import PARTS, available_sets, parts_of, run_set

    names = available_sets() if "all" in set_names else set_names
    unknown = [s for s in names if s not in available_sets()]
    if unknown:
        _fail(f"unknown set {unknown[0]!r}; available: {', '.join(available_sets()) or 'none'}")
    if part not in (*PARTS, "all"):
        _fail(f"unknown part {part!r}; use tune, holdout or all")
    if part != "all":
        if "all" in set_names:  # every set that has the part (holdout-only sets have no tune part)
            names = [s for s in names if part in parts_of(s)]
        lacking = [s for s in names if part not in parts_of(s)]
        if lacking:
            _fail(f"set {lacking[0]!r} has no {part} part (it has: {', '.join(parts_of(lacking[0]))})")
    purposes = PURPOSES if purpose == "both" else (purpose,)
    if any(p not in PURPOSES for p in purposes):
        _fail(f"unknown purpose {purpose!r}; use research, model_tuning or both")
    reports = []
    for name in names:
        for i, p in enumerate(purposes):
            reports += run_set(name, part, p, with_vanilla=vanilla and i == 0)
    if as_json:
        typer.echo(json.dumps([r.as_dict() for r in reports], indent=1, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for r in reports:
        t = Table(title=f"{r.system} · {r.set_name} ({r.part}, {r.messages} messages) · purpose {r.purpose}")
        for col in ("type", "gold", "leaked", "leak rate"):
            t.add_column(col, justify="left" if col == "type" else "right")
        for k, c in sorted(r.per_key.items(), key=lambda kv: (-kv[1].leak_rate, kv[0])):
            t.add_row(k, str(c.gold), str(c.leaked), f"{c.leak_rate:.1%}")
        console.print(t)
        groups = ", ".join(f"{g} {r.group(g).leak_rate:.1%} of {r.group(g).gold}" for g in r.groups)
        console.print(
            f"leak by group: {groups}; overall {r.group('ALL').leak_rate:.1%}\n"
            f"hard negatives kept {r.keep_kept}/{r.keep_total} ({r.keep_rate:.1%}); context kept "
            f"{r.context_kept}/{r.context_total} ({r.context_rate:.1%}); rows failed closed {r.failed_rows}"
        )


def _generated(n: int, seed: int, vanilla: bool, as_json: bool) -> None:
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
        t = Table(title=f"{r.name}: {r.examples} generated messages (seed {seed}; regression set, not independent)")
        for col in ("entity", "gold", "precision", "recall", "leak rate"):
            t.add_column(col, justify="left" if col == "entity" else "right")
        for k, g, p, rc, lk in r.rows():
            t.add_row(k, str(g), f"{p:.2%}", f"{rc:.2%}", f"{lk:.2%}")
        console.print(t)
        console.print(
            f"hard negatives preserved {r.preserved}/{r.negatives} ({r.preserved_rate:.2%}); "
            f"overall leak rate {r.overall_leak_rate:.2%}; failed rows {r.errors}"
        )
