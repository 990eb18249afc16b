"""`aimate-share forget | withdraw | rights`: record a user's rights request, list requests and
their completion records. Requests are answered by the rights DAG (`aimate-share run`)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

_Lake = Annotated[
    str | None,
    typer.Option("--lake", metavar="DIR", help="Lake root (folder or URI); default: AIMATE_LAKE or ./lake."),
]


def _lake(lake: str | None):
    """The lake named by --lake (or the default); a path that is not a lake is a one-line error."""
    from transforms.lake import NotALake, open_lake
    from transforms.settings import lake_root

    try:
        return open_lake(lake or lake_root())
    except NotALake as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None


def _mask(user_id: str, show: bool) -> str:
    """User ids are shown masked unless asked: listings end up in tickets and chat."""
    if show or len(user_id) <= 4:
        return user_id if show else "***"
    return f"{user_id[:2]}***{user_id[-2:]}"


def register(app: typer.Typer) -> None:
    @app.command("forget")
    def forget(
        user_id: Annotated[str, typer.Argument(help="The user's account id (as in the app).")],
        request_id: Annotated[str, typer.Option("--request-id", help="Ticket/reference id of the request.")],
        reason: Annotated[str | None, typer.Option("--reason", help="Free text kept with the request.")] = None,
        cancel: Annotated[
            bool, typer.Option("--cancel-account", help="Record it as an account cancellation (same purge).")
        ] = False,
        lake: _Lake = None,
    ) -> None:
        """Record a deletion request: the next pipeline run purges the user everywhere and writes a
        completion record."""
        from transforms.rights.ledger import record_operator_request

        kind = "cancellation" if cancel else "deletion"
        req, new = record_operator_request(_lake(lake), kind, user_id, request_id=request_id, reason=reason)
        state = "recorded" if new else "already recorded"
        typer.echo(f"{state}: {req.request_id} ({req.kind}) received {req.received_at.isoformat()}")
        typer.echo("It is processed by the rights DAG on the next `aimate-share run` (or its daily run).")

    @app.command("withdraw")
    def withdraw(
        user_id: Annotated[str, typer.Argument(help="The user's account id (as in the app).")],
        purpose: Annotated[
            str, typer.Option("--purpose", help="model_improvement | research_sharing | personalisation")
        ],
        request_id: Annotated[str | None, typer.Option("--request-id", help="Ticket id (generated if absent).")] = None,
        reason: Annotated[str | None, typer.Option("--reason")] = None,
        lake: _Lake = None,
    ) -> None:
        """Record a consent withdrawal for one purpose: the user leaves every later release of it."""
        from transforms.rights.ledger import record_operator_request

        try:
            req, new = record_operator_request(
                _lake(lake), "withdrawal", user_id, request_id=request_id, purpose=purpose, reason=reason
            )
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from exc
        state = "recorded" if new else "already recorded"
        typer.echo(f"{state}: {req.request_id} (withdrawal of {req.purpose}) received {req.received_at.isoformat()}")

    @app.command("rights")
    def rights(
        lake: _Lake = None,
        open_only: Annotated[bool, typer.Option("--open", help="Only requests not completed yet.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Full requests and completion records as JSON.")] = False,
        show_ids: Annotated[bool, typer.Option("--show-ids", help="Show user ids unmasked.")] = False,
        summary: Annotated[bool, typer.Option("--summary", help="Counts only: by kind, source and status.")] = False,
        limit: Annotated[int | None, typer.Option(
            "--limit", min=0, help="List at most N requests (open and overdue first, then the newest).")] = None,
    ) -> None:
        """List rights requests (open and completed) with their completion records.

        With many requests the listing starts with a summary and shows the open and overdue ones
        first; `--summary` prints only the counts, `--limit N` caps the listing."""
        from transforms.lake import utcnow
        from transforms.rights.completion import read_completion
        from transforms.rights.config import load_config
        from transforms.rights.ledger import overdue, read_ledger

        lk = _lake(lake)
        ledger = read_ledger(lk)
        cfg = load_config()
        now = utcnow()
        late = {o["request_id"]: o["state"] for o in overdue(ledger, now, cfg.response_deadline_days)}
        reqs = sorted(ledger.requests.values(), key=lambda r: (r.received_at, r.request_id))
        if open_only:
            reqs = [r for r in reqs if r.request_id not in ledger.completions]
        total_listed = len(reqs)
        if limit is not None:
            # What needs attention first (open, then overdue), then the newest.
            reqs.sort(key=lambda r: (r.request_id in ledger.completions, r.request_id not in late,
                                     -r.received_at.timestamp()))
            reqs = sorted(reqs[:limit], key=lambda r: (r.received_at, r.request_id))
        if as_json:
            out = []
            for r in reqs:
                entry = r.to_entry()
                entry.pop("entry")
                if not show_ids:
                    entry["user_id"] = _mask(r.user_id, False)
                record = read_completion(lk, r.request_id)
                if record and not show_ids:
                    record["user_id"] = _mask(r.user_id, False)
                entry["status"] = "completed" if r.request_id in ledger.completions else "open"
                entry["overdue"] = late.get(r.request_id)
                entry["completion"] = record
                out.append(entry)
            typer.echo(json.dumps(out, indent=2, ensure_ascii=False, sort_keys=True))
            return
        n_open = sum(1 for r in ledger.requests.values() if r.request_id not in ledger.completions)
        typer.echo(
            f"rights requests: {len(ledger.requests)} ({n_open} open, {len(ledger.completions)} completed, "
            f"{len(late)} not completed within {cfg.response_deadline_days} days) — {lk.path('rights')}"
        )
        if summary:
            _print_summary(ledger, late)
            return
        for r in reqs:
            done = ledger.completions.get(r.request_id)
            status = f"completed {done.completed_at:%Y-%m-%d %H:%M}Z" if done else "OPEN"
            flag = f"  [{late[r.request_id].upper()}]" if r.request_id in late else ""
            what = r.kind + (f"({r.purpose or 'all purposes'})" if r.kind == "withdrawal" else "")
            typer.echo(
                f"- {r.request_id}  {what}  user {_mask(r.user_id, show_ids)}  via {r.source}  "
                f"received {r.received_at:%Y-%m-%d %H:%M}Z  {status}{flag}"
            )
            record = read_completion(lk, r.request_id) if done else None
            if not record:
                continue
            if record["action"] == "purged":
                totals = ", ".join(f"{z} {n}" for z, n in record["purged_totals"].items()) or "no rows found"
                parts = len({p["partition"] for p in record["purged"]})
                typer.echo(f"    purged rows: {totals} ({parts} partitions)")
                rels = record["releases"]
                if rels:
                    names = ", ".join(f"{x['recipient']}/{x['extract']}/{x['release_id']}" for x in rels)
                    typer.echo(f"    earlier releases built from their partitions (stay: aggregates, k and ε): {names}")
                else:
                    typer.echo("    earlier releases built from their partitions: none")
            else:
                typer.echo(f"    excluded from {record['purpose'] or 'all'} releases built after completion; rows kept")
            typer.echo(f"    record: {done.record}  on time: {'yes' if record['on_time'] else 'NO'}")
        if len(reqs) < total_listed:
            typer.echo(f"... {total_listed - len(reqs)} more not shown (--limit {limit}); `--summary` for counts, "
                       "`--json` for everything")


def _print_summary(ledger, late: dict[str, str]) -> None:
    """Counts by kind × source × status: one screen whatever the number of requests."""
    from collections import Counter

    counts: Counter[tuple[str, str, str]] = Counter()
    for r in ledger.requests.values():
        status = "completed" if r.request_id in ledger.completions else "open"
        if r.request_id in late:
            status = "completed late" if late[r.request_id] == "completed_late" else "OPEN past deadline"
        kind = r.kind + (f"({r.purpose or 'all purposes'})" if r.kind == "withdrawal" else "")
        counts[(kind, r.source, status)] += 1
    width = max((len(k[0]) for k in counts), default=4)
    for (kind, source, status), n in sorted(counts.items()):
        typer.echo(f"  {kind:<{width}}  via {source:<15} {status:<28} {n:>6}")
