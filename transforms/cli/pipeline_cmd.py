"""`aimate-share demo` and `aimate-share run`: the main job through Airflow."""

from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from transforms.lake import MARKER, Lake, NotALake, open_lake
from transforms.orchestration.airflow_env import airflow_home
from transforms.orchestration.chain import ChainFailed, run_chain
from transforms.orchestration.summary import summarise_lake
from transforms.settings import DEFAULT_LAKE

console = Console(width=150)
LakeOption = typer.Option(DEFAULT_LAKE, "--lake", help="Lake root (folder or URI).")


def _print_summary(lake: Lake, seconds: float, runs: list[dict]) -> None:
    s = summarise_lake(lake)
    console.print(f"[bold]Chain finished through Airflow in {seconds:.0f} s[/] "
                  f"({len(runs)} DAG runs: {', '.join(sorted({r['dag_id'] for r in runs})) or 'none'})")
    zones = Table("table", "raw rows", "quarantined", "clean rows", title="Zones")
    for table in s.raw_rows:
        zones.add_row(table, str(s.raw_rows[table]),
                      f"{s.quarantined[table]} + {s.quarantined[table + ' (de-identification)']} at de-id",
                      str(s.clean_rows[table]))
    console.print(zones)
    rel = Table("recipient", "extract", "interval", "rows", "suppressed cells", "ε spent", "cross-border",
                title=f"Releases under {lake.path('published')}")
    for r in s.releases:
        rel.add_row(str(r["recipient"]), str(r["extract"]), str(r["interval"]), str(r.get("rows")),
                    str(r.get("suppressed_cells")), f"{r.get('epsilon_spent') or 0:.4g}",
                    "yes" if r.get("cross_border") else "")
    console.print(rel)
    home = airflow_home(lake)
    console.print(
        "Next: [cyan]aimate-share verify <release dir>[/] checks a drop; [cyan]aimate-share releases[/] lists "
        "the audit; [cyan]aimate-share rights[/] lists rights requests.\n"
        f"Open the same DAGs in the UI: [cyan]AIRFLOW_HOME={home} AIRFLOW__CORE__DAGS_FOLDER="
        f"{Path(__file__).resolve().parents[2] / 'dags'} AIRFLOW__CORE__LOAD_EXAMPLES=False "
        f"AIRFLOW_VAR_AIMATE_LAKE={lake.base} airflow standalone[/]"
    )


def _fail(message: str, code: int = 1) -> None:
    """A user error: one line on stderr, no traceback."""
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _prepare(lake_root: str) -> Lake:
    """The lake, checked and repaired before any DAG touches it: it must be a lake, its key store
    must hold the keys its data was made with, and what a crash left behind is swept (audited)."""
    from transforms.keys_in_use import KeyStoreMismatch
    from transforms.recovery import recover

    try:
        lake = open_lake(lake_root)
    except NotALake as exc:
        _fail(str(exc), 2)
    lake.mark("run")
    try:
        swept = recover(lake)
    except KeyStoreMismatch as exc:
        _fail(f"refusing to run: {exc}")
    if swept["actions"]:
        console.print(f"recovered from an earlier crash: {len(swept['actions'])} action(s), audited under "
                      f"{lake.path('_system', 'audit', 'recovery')}")
    return lake


def _run(lake_root: str) -> None:
    lake = _prepare(lake_root)
    try:
        result = run_chain(lake)
    except ChainFailed as exc:
        console.print(f"[red]pipeline failed:[/] {exc}")
        raise typer.Exit(1) from None
    _print_summary(lake, result.seconds, result.runs)


def register(app: typer.Typer) -> None:
    @app.command()
    def run(lake: str = LakeOption) -> None:
        """Run ingest → rights → de-identify → publish through Airflow on what the lake holds now."""
        _run(lake)

    @app.command()
    def demo(
        lake: str = LakeOption,
        seed: int = typer.Option(7, help="Seed of the synthetic sample."),
        users: int = typer.Option(5000, help="Synthetic users (the DP extracts need a population)."),
        days: int = typer.Option(7, help="Days of data (one ISO week: the weekly extracts close)."),
        messages: int = typer.Option(40_000, help="Chat messages."),
        events: int = typer.Option(40_000, help="Telemetry events."),
        fresh: bool = typer.Option(True, help="Start from an empty lake (keeps nothing from earlier demos)."),
        force: bool = typer.Option(False, "--force", help="Use (and with --fresh, empty) a non-empty folder "
                                   "that is not a demo lake."),
    ) -> None:
        """Generate the synthetic sample into the lake's landing zone, then do what `run` does."""
        from transforms.synthetic import generate

        root = Path(lake)
        if root.exists() and not root.is_dir():
            _fail(f"{root} is a file, not a folder", 2)
        if root.exists() and any(root.iterdir()):
            made_by = Lake(str(root)).created_by()
            if made_by != "demo" and not force:
                _fail(f"refusing to use {root}: it is not empty and not a lake `demo` created (no "
                      f"{'/'.join(MARKER)} from demo); pick an empty folder, or pass --force to "
                      f"{'delete its contents' if fresh else 'add the demo data to it'}", 2)
            if fresh:
                import shutil

                shutil.rmtree(root)
        root.mkdir(parents=True, exist_ok=True)
        Lake(str(root)).mark("demo")
        started = time.monotonic()
        summary = generate(root, seed=seed, users=users, days=days, messages=messages, events=events)
        console.print(f"Generated synthetic sources into {root / 'landing'} in {time.monotonic() - started:.0f} s: "
                      f"{summary}")
        _run(lake)
