"""`aimate-share demo` and `aimate-share run`: the main job through Airflow."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from transforms.lake import MARKER, Lake, NotALake, open_lake
from transforms.orchestration.chain import ChainFailed, ChainResult, LakeBusy, run_chain
from transforms.orchestration.summary import LakeSummary, release_dirs, summarise_lake
from transforms.settings import DEFAULT_LAKE

console = Console(width=150)
LakeOption = typer.Option(DEFAULT_LAKE, "--lake", help="Lake root (folder or URI).")
JsonOption = typer.Option(False, "--json", help="One JSON document on stdout (runs, zones, releases).")


def _progress(event: dict) -> None:
    label = event["dag_id"] + (f" {event['interval_start']}" if event.get("interval_start") else "")
    step = f"[{event['n']}/{event['of']}]"
    if event.get("event") == "start":
        console.print(f"{step} {label} …", highlight=False)
        return
    tasks = ", ".join(f"{n} {s}" for s, n in (event.get("tasks") or {}).items())
    colour = "green" if event["state"] == "success" else "red"
    console.print(f"{step} {label}: [{colour}]{event['state']}[/] in {event.get('seconds', 0):.0f} s ({tasks})",
                  highlight=False)


def _zones_table(s: LakeSummary) -> Table:
    zones = Table("table", "received", "purged (rights)", "quarantined", "raw", "excluded by rights",
                  "rejected at de-id", "clean", "reconciled",
                  title="Rows: received = purged + quarantined + raw; raw = clean + rejected + excluded by rights")
    for c in s.tables.values():
        waiting = f" ({c.raw_not_deidentified} not yet de-identified)" if c.raw_not_deidentified else ""
        ok = "yes" if c.ingest_ok and c.deid_ok else "[red]NO[/]"
        zones.add_row(c.table, str(c.delivered + c.purged), str(c.purged), str(c.quarantined), str(c.raw),
                      str(c.excluded_by_rights), str(c.rejected_at_deid), f"{c.clean}{waiting}", ok)
    return zones


def _print_summary(lake: Lake, result: ChainResult, new: list[str]) -> None:
    s = summarise_lake(lake)
    console.print(f"[bold]Chain finished through Airflow in {result.seconds:.0f} s[/] ({len(result.runs)} DAG runs; "
                  f"log: {result.log_file})")
    console.print(_zones_table(s))
    published = lake.path("published")
    rel = Table("new", "extract", "interval", "rows", "suppressed", "ε spent", "cross-border",
                "folder (under published/)", title=f"Releases under {published} ({len(new)} new in this run)")
    rel.columns[-1].overflow = "fold"
    for r in s.releases:
        rel.add_row("new" if r["dir"] in new else "", str(r["extract"]), str(r["interval"]),
                    str(r.get("rows")), str(r.get("suppressed_cells")), f"{r.get('epsilon_spent') or 0:.4g}",
                    "yes" if r.get("cross_border") else "",
                    r["dir"][len(published) + 1:] + (f" [red]({r['problem']})[/]" if r.get("problem") else ""))
    console.print(rel)
    first = new[0] if new else (s.releases[-1]["dir"] if s.releases else None)
    verify = f"[cyan]aimate-share verify {first}[/] checks that drop; " if first else ""
    console.print(
        f"Next: {verify}[cyan]aimate-share releases --lake {lake.root}[/] lists every attempt; "
        f"[cyan]aimate-share rights --lake {lake.root}[/] lists rights requests.\n"
        f"The same DAGs, runs and task logs in the Airflow UI: [cyan]make airflow LAKE={lake.root}[/] "
        f"(or [cyan]aimate-share airflow --lake {lake.root}[/])", soft_wrap=True)


def _fail(message: str, code: int = 1) -> None:
    """A user error: one line on stderr, no traceback."""
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _open(lake_root: str) -> Lake:
    """The lake the command names; anything else is one line and exit 2."""
    try:
        lake = open_lake(lake_root)
    except NotALake as exc:
        _fail(str(exc), 2)
    lake.mark("run")
    return lake


def _recover(lake: Lake) -> None:
    """Run start, under the run lock: the key store must hold the keys the lake's data was made with,
    and what a crash left behind is swept (audited)."""
    from transforms.recovery import recover

    swept = recover(lake)
    if swept["actions"]:
        console.print(f"recovered from an earlier crash: {len(swept['actions'])} action(s), audited under "
                      f"{lake.path('_system', 'audit', 'recovery')}")


def _run(lake_root: str, as_json: bool = False) -> None:
    from transforms.keys_in_use import KeyStoreMismatch

    lake = _open(lake_root)
    before = set(release_dirs(lake))
    try:
        result = run_chain(lake, progress=None if as_json else _progress, prepare=_recover)
    except KeyStoreMismatch as exc:
        _fail(f"refusing to run: {exc}")
    except LakeBusy as exc:
        if as_json:
            typer.echo(json.dumps({"status": "busy", "error": str(exc)}))
        else:
            console.print(f"[red]error:[/] {exc}", soft_wrap=True)
        raise typer.Exit(1) from None
    except ChainFailed as exc:
        if as_json:
            typer.echo(json.dumps({"status": "failed", "error": str(exc)}))
        else:
            console.print(f"[red]pipeline failed:[/] {exc}", soft_wrap=True, highlight=False)
        raise typer.Exit(1) from None
    new = sorted(set(release_dirs(lake)) - before)
    if as_json:
        typer.echo(json.dumps({"status": "success", "seconds": round(result.seconds, 1), "log_file": result.log_file,
                               "runs": result.runs, "new_releases": new, **summarise_lake(lake).as_dict()},
                              default=str, ensure_ascii=False))
        return
    _print_summary(lake, result, new)


def register(app: typer.Typer) -> None:
    @app.command()
    def run(lake: str = LakeOption, as_json: bool = JsonOption) -> None:
        """Run ingest → rights → de-identify → publish through Airflow on what the lake holds now."""
        _run(lake, as_json)

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
