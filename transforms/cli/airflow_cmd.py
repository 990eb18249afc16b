"""`aimate-share airflow`: the Airflow UI on a lake (what `make airflow` runs); `--stop` stops it."""

from __future__ import annotations

import signal
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command("airflow")
    def airflow_ui(
        lake: Annotated[str, typer.Option("--lake", help="Lake root (a local folder).")] = "lake",
        host: Annotated[str, typer.Option("--host", help="Address to bind (0.0.0.0 exposes it).")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", help="Port of the UI and API server.")] = 8080,
        source_db: Annotated[str | None, typer.Option(
            "--source-db", envvar="AIMATE_SOURCE_DB", metavar="URI",
            help="App database (postgresql://user@host:5432/aimate_src), stored as Connection aimate_src.")] = None,
        stop_it: Annotated[bool, typer.Option("--stop", help="Stop the UI started for this lake.")] = False,
        detach: Annotated[bool, typer.Option("--detach", help="Start it and return (stop with --stop).")] = False,
    ) -> None:
        """Start the Airflow UI (scheduler, DAG processor, API server, triggerer) on the lake; Ctrl-C stops
        every process it started."""
        from pathlib import Path

        from transforms.lake import Lake
        from transforms.orchestration import ui

        lk = Lake(lake)
        if stop_it:
            try:
                pids, state = ui.stop(lk)
            except ui.UIError as exc:
                raise SystemExit(f"error: {exc}") from None
            if state is None:
                typer.echo(f"no Airflow UI is running for {lake}")
            else:
                typer.echo(f"stopped the Airflow UI at {state['url']}: {len(pids)} processes ended, "
                           f"port {state['port']} is free")
            return
        if lk.is_local and not Path(lake).is_dir():
            raise SystemExit(f"error: {lake} is not a lake folder; create one with `aimate-share demo --lake {lake}`")
        try:
            handle = ui.start(lk, host=host, port=port, source_uri=source_db)
        except ui.UIError as exc:
            raise SystemExit(f"error: {exc}") from None
        typer.echo(f"starting Airflow for lake {lk.base} (log: {handle.log_file}) ...")

        def _stop(*_args) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, _stop)
        try:
            seconds = ui.wait_ready(handle)
            typer.echo(
                f"Airflow UI: {handle.url}  (ready in {seconds:.0f} s)\n"
                f"  login: admin, password in {handle.password_file}\n"
                f"  lake: Variable aimate_lake = {lk.base}; source database: "
                f"{'Connection aimate_src' if source_db else 'none (pass --source-db URI to add Connection aimate_src)'}\n"
                f"  stop: Ctrl-C here, or `make airflow-stop` / `aimate-share airflow --stop --lake {lake}`"
            )
            if detach:
                return
            signal.pause()
        except KeyboardInterrupt:
            pass
        except ui.UIError as exc:
            typer.echo(f"error: {exc}", err=True)
            ui.stop(lk)
            raise SystemExit(1) from None
        pids, _ = ui.stop(lk)
        typer.echo(f"stopped: {len(pids)} processes ended, port {port} is free")
