"""`aimate-share deid`: de-identify a JSONL file of {"id", "text"} rows, streaming, fail closed."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer


def _batches(fh, size: int) -> Iterator[list[tuple[int, bytes, int]]]:
    """(line number, raw bytes, size) in batches; memory is bounded by ``size`` rows."""
    batch: list[tuple[int, bytes, int]] = []
    for line_no, raw in enumerate(fh, start=1):
        if not raw.strip():
            continue
        batch.append((line_no, raw, len(raw)))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class RowError(ValueError):
    """A row that is not {id, text}; keeps the id when the row had one (for the error line)."""

    def __init__(self, message: str, row_id: object = None) -> None:
        super().__init__(message)
        self.row_id = row_id


def _parse_row(raw: bytes, *, first: bool) -> dict:
    """One input row: a JSON object with an `id` and a `text` (string or null); ValueError says why not.
    A missing `text` is an error, not an empty row: passing it on as null would lose it silently."""
    if first and raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark opens the file
        raw = raw[3:]
    text = raw.decode("utf-8")
    try:
        rec = json.loads(text)
    except json.JSONDecodeError as exc:  # its own "line 1" is the row, not the file: say the column
        raise ValueError(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise ValueError("invalid JSON: nested too deeply") from None
    if not isinstance(rec, dict):
        raise ValueError(f"row is a JSON {type(rec).__name__}, not an object with 'id' and 'text'")
    missing = [k for k in ("id", "text") if k not in rec]
    if missing:
        raise RowError(f"row has no {' and no '.join(repr(k) for k in missing)} field", rec.get("id"))
    if rec["text"] is not None and not isinstance(rec["text"], str):
        raise RowError(f"'text' is {type(rec['text']).__name__}, not a string", rec["id"])
    return rec


def deid_file(src: Path, dst: Path, purpose: str, batch_size: int, progress: bool = True) -> tuple[int, list[str]]:
    """De-identify ``src`` into ``dst`` (written aside, then renamed). Returns (rows, error messages).

    A row that cannot be parsed or de-identified is written as ``{"id", "text": null, "error"}``:
    one output row per input row, same order, and never the original text.
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    from anonymizers import Deidentifier

    deid = Deidentifier.for_purpose(purpose)  # ValueError on an unknown purpose (checked by the command)
    errors: list[str] = []
    rows = 0
    tmp = dst.with_name(dst.name + ".partial")
    console = Console(stderr=True)
    with (
        src.open("rb") as fin,  # bytes: a line that is not UTF-8 fails alone, not the whole file
        tmp.open("w", encoding="utf-8") as fout,
        Progress(
            TextColumn("deid"), BarColumn(), TaskProgressColumn(), TextColumn("{task.fields[rows]} rows"),
            TimeRemainingColumn(), console=console, disable=not progress, transient=False,
        ) as bar,
    ):
        task = bar.add_task("deid", total=os.path.getsize(src), rows=0)
        for batch in _batches(fin, batch_size):
            ids: list[object] = []
            texts: list[str | None] = []
            bad: dict[int, str] = {}
            lines: list[int] = []
            for k, (line_no, raw, _n) in enumerate(batch):
                lines.append(line_no)
                rid: object = None
                try:
                    rec = _parse_row(raw, first=line_no == 1)
                    rid = rec["id"]
                    text = rec["text"]
                    ids.append(rid)
                    texts.append(text)
                except ValueError as exc:  # includes UnicodeDecodeError and JSONDecodeError
                    rid = getattr(exc, "row_id", None)
                    ids.append(rid)
                    texts.append(None)
                    bad[k] = str(exc).splitlines()[0]
            outs = deid.deidentify(texts)
            for k, (rid, out) in enumerate(zip(ids, outs, strict=True)):
                reason = bad.get(k) or out.error
                row = {"id": rid, "text": None if reason else out.text}
                if reason:
                    row["error"] = reason
                    where = f"line {lines[k]}, id {rid!r}"
                    errors.append(f"{where}: {reason}")
                    console.print(f"[red]deid failed[/red] {where}: {reason}", highlight=False)
                fout.write(json.dumps(row, ensure_ascii=False) + "\n")
            rows += len(batch)
            bar.update(task, advance=sum(n for *_x, n in batch), rows=rows)
    os.replace(tmp, dst)
    return rows, errors


def register(app: typer.Typer) -> None:
    """Add the ``deid`` command."""

    @app.command("deid")
    def deid(
        in_path: Annotated[Path, typer.Option("--in", exists=True, dir_okay=False, help="JSONL rows {id, text}")],
        out_path: Annotated[Path, typer.Option("--out", dir_okay=False, help="JSONL output, same ids and order")],
        purpose: Annotated[str, typer.Option(help="operator policy: research | model_tuning")] = "research",
        batch_size: Annotated[int, typer.Option(min=1, help="rows per batch (bounds memory)")] = 512,
        progress: Annotated[bool, typer.Option(help="progress bar on stderr")] = True,
    ) -> None:
        """De-identify free text; a row that fails is reported and never passed through (exit 1)."""
        from anonymizers.deidentifier import PURPOSES

        if purpose not in PURPOSES:
            typer.echo(f"unknown purpose {purpose!r}; expected one of {', '.join(PURPOSES)}", err=True)
            raise typer.Exit(2)
        if not out_path.parent.is_dir():
            typer.echo(f"output folder {out_path.parent} does not exist", err=True)
            raise typer.Exit(2)
        try:
            rows, errors = deid_file(in_path, out_path, purpose, batch_size, progress)
        except OSError as exc:
            typer.echo(f"cannot de-identify {in_path} into {out_path}: {exc.strerror or exc}", err=True)
            raise typer.Exit(2) from None
        typer.echo(f"{rows} rows de-identified ({purpose}) → {out_path}; {len(errors)} failed", err=True)
        if errors:
            raise typer.Exit(code=1)
