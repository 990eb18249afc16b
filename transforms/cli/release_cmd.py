"""`aimate-share verify / scan / releases`: check a drop, hunt residual PII, list release attempts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command("verify")
    def verify(
        release_dir: Annotated[Path, typer.Argument(help="A release folder (contains _manifest.json).")],
        keystore: Annotated[Path | None, typer.Option(
            "--keystore", help="Key store holding the recipient key (default: AIMATE_KEYSTORE or "
            "~/.aimate/keystore.json).")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON object: ok, release, rows, files, problems.")] = False,
        dictionary: Annotated[bool, typer.Option(
            "--dictionary", help="Also print the release's data dictionary (once it verifies).")] = False,
    ) -> None:
        """Exit 0 only when files, checksums and schema match the manifest (decrypting if encrypted)."""
        from transforms.publish.verify import verify_release

        result = verify_release(release_dir, keystore)
        m = result.manifest
        label = f"{m.get('recipient')}/{m.get('extract')}/{m.get('release_id')}" if m else str(release_dir)
        if as_json:
            typer.echo(json.dumps({"ok": result.ok, "release": label, "dir": str(release_dir),
                                   "rows": (m or {}).get("rows"), "files": [str(c) for c in result.checked],
                                   "problems": list(result.problems)}, ensure_ascii=False, default=str))
            if not result.ok:
                raise typer.Exit(1)
            return
        if result.ok:
            enc = m.get("encryption", {})
            typer.echo(f"OK {label}: {m.get('rows')} rows, {len(result.checked)} file(s), sha256 and schema match"
                       + (f", decrypted with key version {enc.get('key_version')}" if enc.get("enabled") else ""))
            if dictionary:
                from transforms.publish.dictionary import FILE

                if FILE not in result.checked:
                    typer.echo(f"{label} has no {FILE} (released before dictionaries existed)", err=True)
                    raise typer.Exit(1)
                typer.echo("")
                typer.echo((release_dir / FILE).read_text(encoding="utf-8"), nl=False)
            return
        typer.echo(f"FAILED {label}", err=True)
        for p in result.problems:
            typer.echo(f"  - {p}", err=True)
        raise typer.Exit(1)

    @app.command("scan")
    def scan(
        paths: Annotated[list[Path], typer.Argument(help="Parquet / JSONL files or folders.")],
        keystore: Annotated[Path | None, typer.Option("--keystore", help="Key store for encrypted Parquet.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON object per finding.")] = False,
    ) -> None:
        """Residual-PII scan: exit 1 with one finding per leaked value (type, file, row, masked value)."""
        from anonymizers.keyring import KeyRing
        from transforms.publish.scan import scan_paths

        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            typer.echo(f"no such file: {', '.join(missing)}", err=True)
            raise typer.Exit(2)
        leaks = scan_paths(paths, KeyRing.load(keystore))
        for x in leaks:
            if as_json:
                typer.echo(json.dumps(x.as_dict(), ensure_ascii=False))
            else:
                typer.echo(f"{x.entity_type}\t{x.file}\trow {x.row}\t{x.column}\t{x.masked_value}")
        if leaks:
            typer.echo(f"{len(leaks)} finding(s)", err=True)
            raise typer.Exit(1)
        typer.echo("no PII found")

    @app.command("releases")
    def releases(
        lake: Annotated[str | None, typer.Option("--lake", help="Lake root (default: AIMATE_LAKE or ./lake).")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
    ) -> None:
        """Every release attempt and late-data report: recipient, extract, interval, rows, ε, gates, status."""
        from transforms.lake import NotALake, open_lake
        from transforms.publish.listing import list_releases
        from transforms.settings import lake_root

        try:
            open_lake(lake or lake_root())
        except NotALake as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from None
        rows = list_releases(lake or lake_root())
        if as_json:
            for r in rows:
                typer.echo(json.dumps(r, default=str, ensure_ascii=False))
            return
        if not rows:
            typer.echo("no release attempts recorded")
            return
        from rich.console import Console
        from rich.table import Table

        t = Table(show_lines=False)
        for col in ("status", "recipient", "extract", "interval", "kind", "rows", "late rows", "ε spent",
                    "cross-border", "gates"):
            t.add_column(col)
        for r in rows:
            gates = " ".join(r["gates"] or [])
            if r["status"] != "published" and r.get("reason"):
                gates += f"\n{r['reason']}"
            t.add_row(r["status"], r["recipient"], r["extract"], r["interval"] or "", r.get("kind") or "",
                      str(r["rows"]), str(r["late_rows"]) if r.get("late_rows") is not None else "",
                      f"{r['epsilon_spent']:.3g}", "yes" if r["cross_border"] else "", gates)
        Console(width=200).print(t)
