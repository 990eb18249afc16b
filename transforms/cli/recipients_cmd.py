"""`aimate-share partner-kit / report / utility`: what recipients and the privacy officer are handed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

LakeOpt = Annotated[str | None, typer.Option("--lake", help="Lake root (default: AIMATE_LAKE or ./lake).")]


def _lake(lake: str | None):  # noqa: ANN202 - a Lake, imported lazily to keep the CLI light
    from transforms.lake import Lake
    from transforms.settings import lake_root

    root = lake or lake_root()
    if "://" not in str(root) and not (Path(root) / "published").is_dir() and not (Path(root) / "_system").is_dir():
        typer.echo(f"{root} is not a lake (no published/ or _system/ folder)", err=True)
        raise typer.Exit(2)
    return Lake(str(root))


def register(app: typer.Typer) -> None:
    @app.command("partner-kit")
    def partner_kit(
        recipient: Annotated[str, typer.Argument(help="Recipient id from config/recipients.yaml.")],
        out: Annotated[Path, typer.Option("--out", help="New or empty folder outside the lake.")],
        lake: LakeOpt = None,
        keystore: Annotated[Path | None, typer.Option("--keystore", help="Key store (default: AIMATE_KEYSTORE).")] = None,
    ) -> None:
        """Write RECIPIENT's key material for the releases it received, README.md and read_drop.py."""
        from anonymizers.keyring import KeyError_, KeyRing
        from transforms.publish.partner_kit import KitError, build_kit

        try:
            kit = build_kit(_lake(lake), recipient, out, keyring=KeyRing.load(keystore))
        except (KitError, KeyError_) as exc:
            typer.echo(str(exc).strip("'\""), err=True)
            raise typer.Exit(1) from None
        typer.echo(f"partner kit for {recipient} in {out}: {len(kit.releases)} release(s), "
                   f"key(s) {', '.join(kit.key_ids) or 'none'} — keys.json is secret: hand it over separately")

    @app.command("report")
    def report(
        release_dir: Annotated[Path | None, typer.Argument(help="One release folder (default: the whole lake).")] = None,
        lake: LakeOpt = None,
        out: Annotated[Path | None, typer.Option("--out", help="HTML file (default: <lake>/_system/reports/...).")] = None,
    ) -> None:
        """The privacy officer's report (internal): detections, suppression, noise, ε over time, gates."""
        from transforms.report.build import ReportError, write_report

        lk = _lake(lake)
        try:
            path = write_report(lk, out=out, release_dir=release_dir)
        except ReportError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(1) from None
        typer.echo(f"report written to {path}")

    @app.command("utility")
    def utility(lake: LakeOpt = None) -> None:
        """Share of the true user mass published and median relative error, per extract (reads clean data)."""
        from transforms.publish.utility import markdown_table, measure_lake, summarise

        typer.echo(markdown_table(summarise(measure_lake(_lake(lake)))))
