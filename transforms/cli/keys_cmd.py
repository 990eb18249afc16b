"""`aimate-share keys`: list key versions and rotate a key (material is never printed)."""

from __future__ import annotations

import typer

from anonymizers.keyring import KeyRing


def register(app: typer.Typer) -> None:
    keys = typer.Typer(help="Key store: versions and rotation (key material is never shown).")

    @keys.command("list")
    def list_keys() -> None:
        """Show each key's current version."""
        for name, version in sorted(KeyRing.load().versions().items()):
            typer.echo(f"{name}\t{version}")

    @keys.command("rotate")
    def rotate(name: str) -> None:
        """Add a new version of NAME and make it current (changes every pseudonym made with it)."""
        typer.echo(f"{name}\t{KeyRing.load().rotate(name)}")

    app.add_typer(keys, name="keys")
