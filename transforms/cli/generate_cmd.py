"""`aimate-share generate` (synthetic landing files) and `aimate-share load-postgres` (OLTP source)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from transforms.synthetic.generator import DEFAULT_START

_Seed = Annotated[int, typer.Option(help="RNG seed; same seed and sizes give byte-identical output.")]
_Days = Annotated[int, typer.Option(help="Number of UTC days (delivery dates) to generate.")]
_Users = Annotated[int, typer.Option(help="Number of users (>= 20).")]
_Messages = Annotated[int, typer.Option(help="Valid chat messages to generate.")]
_Events = Annotated[int, typer.Option(help="Valid telemetry events to generate.")]
_Start = Annotated[str, typer.Option(help="First UTC date, YYYY-MM-DD.")]
_DEFAULT_START = DEFAULT_START.isoformat()


def register(app: typer.Typer) -> None:
    """Add the `generate` and `load-postgres` commands to the `aimate-share` app."""

    @app.command("generate")
    def generate_cmd(
        lake: Annotated[Path, typer.Option("--lake", help="Lake root; files go to <lake>/landing/.")] = Path(
            "lake"
        ),
        seed: _Seed = 7,
        days: _Days = 3,
        users: _Users = 300,
        messages: _Messages = 2000,
        events: _Events = 2000,
        start: _Start = _DEFAULT_START,
        truth: Annotated[
            Path | None,
            typer.Option(
                "--truth",
                help="Write ground truth (planted PII, identifiers, malformed lines) here, outside the lake.",
            ),
        ] = None,
        malformed_per_kind: Annotated[int, typer.Option(help="Malformed lines of each kind per source.")] = 1,
    ) -> None:
        """Generate synthetic chat, telemetry and account events into the lake's landing zone."""
        from transforms.synthetic import generate

        s = generate(
            lake,
            seed=seed,
            days=days,
            users=users,
            messages=messages,
            events=events,
            start=date.fromisoformat(start),
            truth_dir=truth,
            malformed_per_kind=malformed_per_kind,
        )
        typer.echo(
            f"generated {s.chat_messages} chat messages ({s.user_messages_with_pii}/{s.user_messages} user "
            f"messages with PII, {s.pii_share:.1%}), {s.telemetry_events} telemetry events, "
            f"{s.account_events} account events for {s.users} users ({s.minors} minors) "
            f"in {s.elapsed_seconds:.1f}s"
        )
        bad = {src: sum(k.values()) for src, k in s.malformed.items()}
        typer.echo(f"malformed lines: {bad}")
        typer.echo(f"landing files: {len(s.landing_files())} under {lake / 'landing'}")
        if truth is not None:
            typer.echo(f"truth: {truth}")

    @app.command("load-postgres")
    def load_postgres_cmd(
        dsn: Annotated[
            str, typer.Option("--dsn", help="Server DSN/URI; its database name is replaced by --database.")
        ] = "postgresql://postgres@127.0.0.1:5432/postgres",
        database: Annotated[str, typer.Option(help="Target database (created if missing).")] = "aimate_src",
        seed: _Seed = 7,
        days: _Days = 3,
        users: _Users = 300,
        messages: _Messages = 2000,
        start: _Start = _DEFAULT_START,
    ) -> None:
        """Create schema aimate_app and upsert the generator's users, conversations, messages, account events."""
        from transforms.sources.postgres import load_synthetic

        counts = load_synthetic(
            dsn,
            database=database,
            seed=seed,
            days=days,
            users=users,
            messages=messages,
            start=date.fromisoformat(start),
        )
        typer.echo(
            "loaded into " + database + ".aimate_app: " + ", ".join(f"{k}={v}" for k, v in counts.items())
        )
