"""`aimate-share keys`: list key versions and rotate a key (material is never printed)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from anonymizers.keyring import KeyRing


def register(app: typer.Typer) -> None:
    keys = typer.Typer(help="Key store: versions and rotation (key material is never shown).")

    @keys.command("list")
    def list_keys(
        as_json: Annotated[bool, typer.Option("--json", help="{name: current version} as JSON.")] = False,
    ) -> None:
        """Show each key's current version."""
        versions = dict(sorted(KeyRing.load().versions().items()))
        if as_json:
            typer.echo(json.dumps(versions))
            return
        for name, version in versions.items():
            typer.echo(f"{name}\t{version}")

    @keys.command("rotate")
    def rotate(
        name: Annotated[str | None, typer.Argument(help="Key name (see `aimate-share keys list`).")] = None,
    ) -> None:
        """Add a new version of NAME and make it current (changes every pseudonym made with it).

        Without NAME, lists the key names that can be rotated. A name not in the key store is refused
        (a typo must not mint a new key)."""
        ring = KeyRing.load()
        names = sorted(ring.versions())
        if name is None or name not in names:
            known = ", ".join(names) or "none yet (keys are created on first use by `aimate-share run`)"
            if name is None:
                typer.echo(f"key names: {known}\nusage: aimate-share keys rotate NAME")
            else:
                typer.echo(f"error: no key named {name!r} in {ring.path}; key names: {known}", err=True)
            raise typer.Exit(2)
        typer.echo(f"{name}\t{ring.rotate(name)}")

    app.add_typer(keys, name="keys")
