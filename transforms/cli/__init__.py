"""`aimate-share`: the operator's command line. Each command group lives in its own module."""

from __future__ import annotations

import importlib
import logging
import os
import sys

import typer

app = typer.Typer(help="AIMate analytics-sharing pipeline.", no_args_is_help=True, add_completion=False)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"aimate-share {version('aimate-share')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """AIMate analytics-sharing pipeline."""

COMMAND_MODULES = (
    "pipeline_cmd",   # demo, run
    "generate_cmd",   # generate, load-postgres
    "deid_cmd",       # deid
    "eval_cmd",       # eval-deid
    "release_cmd",    # verify, scan, releases
    "budget_cmd",     # budget
    "rights_cmd",     # forget, withdraw, rights
    "keys_cmd",       # keys
    "airflow_cmd",    # airflow (the UI)
    "recipients_cmd", # partner-kit, report, utility
)

for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(f"transforms.cli.{_name}")
    except ModuleNotFoundError as exc:  # a module still being written must not break the others
        if exc.name != f"transforms.cli.{_name}":
            raise
        continue
    _module.register(app)


def main() -> None:
    os.umask(0o077)  # least privilege: everything the CLI writes (lake, key store, logs) is private
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
        code = 0
    except SystemExit as exc:
        if isinstance(exc.code, int) or exc.code is None:
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    # The command is complete and its files are closed; skip interpreter teardown, where native
    # thread pools (pyarrow, spaCy/thinc) released in the wrong order intermittently abort (exit 134).
    os._exit(code)
