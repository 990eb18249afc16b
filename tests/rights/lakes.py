"""A small but complete lake: landing, raw, quarantine, clean and one published release."""

from __future__ import annotations

import json

from anonymizers.pseudonym import Pseudonymizer
from transforms.lake import Lake

from .conftest import ts, write_clean, write_landing, write_quarantine, write_raw

DATES = ("2026-11-20", "2026-11-21")


def chat(uid: str, n: int, dt: str) -> dict:
    return {
        "message_id": f"m-{uid}-{dt}-{n}",
        "conversation_id": f"c-{uid}",
        "user_id": uid,
        "character_id": "ch1",
        "role": "user",
        "content_type": "text",
        "text": f"你好 {n}",
        "created_at": ts(int(dt[-2:]), n % 24),
        "app_version": "1.0",
    }


def clean_chat(pz: Pseudonymizer, uid: str, n: int, dt: str) -> dict:
    r = chat(uid, n, dt)
    return {
        "message_pid": pz.one("message", r["message_id"]),
        "conversation_pid": pz.one("conversation", r["conversation_id"]),
        "user_pid": pz.one("user", uid),
        "character_id": "ch1",
        "role": "user",
        "content_type": "text",
        "text": r["text"],
        "pii_types": [],
        "created_at": r["created_at"],
        "app_version": "1.0",
    }


def account(uid: str, event: str, dt: str, purpose=None, birth_year=None, request_id=None) -> dict:
    return {
        "user_id": uid,
        "event": event,
        "purpose": purpose,
        "birth_year": birth_year,
        "ts": ts(int(dt[-2:]), 1),
        "request_id": request_id,
    }


def sidecar(lake: Lake, source: str, dt: str, raw_rows: int, quarantined: int) -> dict:
    """The ingest sidecar as ingestion writes it (the counts a purge must keep reconciled)."""
    from transforms.ingest.landing_to_raw import landing_fingerprint

    return {
        "_ingest.json": {
            "source": source,
            "dt": dt,
            "lines": raw_rows + quarantined,
            "raw_rows": raw_rows,
            "quarantined": quarantined,
            "landing_fingerprint": landing_fingerprint(lake, source, dt)[0],
        }
    }


def build_lake(lake: Lake, users: list[str], pz: Pseudonymizer, events: dict[str, list[dict]] | None = None) -> None:
    """Each user: 2 chat messages per date in landing/raw/clean; a malformed line in quarantine."""
    events = events or {}
    for dt in DATES:
        rows = [chat(u, n, dt) for u in users for n in range(2)]
        acc = [account(u, "consent_granted", dt, "research_sharing", 1990) for u in users] + events.get(dt, [])
        landing_chat = [{**r, "created_at": r["created_at"].isoformat()} for r in rows]
        bad = [f'{{"user_id": "{u}", "text": broken' for u in users]
        write_landing(lake, "chat_messages", dt, "part-a.jsonl", landing_chat + bad)
        write_landing(lake, "account_events", dt, "part-a.jsonl", [{**a, "ts": a["ts"].isoformat()} for a in acc])
        write_raw(lake, "chat_messages", dt, rows, sidecar(lake, "chat_messages", dt, len(rows), len(bad)))
        write_raw(lake, "account_events", dt, acc, sidecar(lake, "account_events", dt, len(acc), 0))
        write_quarantine(
            lake,
            "chat_messages",
            dt,
            [
                {"source_file": "part-a.jsonl", "line_no": 100 + i, "record": b, "reason": "invalid json"}
                for i, b in enumerate(bad)
            ],
        )
        write_clean(lake, "chat_messages", dt, [clean_chat(pz, u, n, dt) for u in users for n in range(2)])
    release = lake.path("published", "partner_a", "usage", "rel-001")
    lake.write_json(
        f"{release}/_manifest.json",
        {
            "release_id": "rel-001",
            "recipient": "partner_a",
            "extract": "usage",
            "interval": ["2026-11-20", "2026-11-21"],
            "source_partitions": ["clean/chat_messages/dt=2026-11-20"],
        },
    )


def landing_text(lake: Lake) -> str:
    return "".join(lake.read_bytes(p).decode() for p in lake.walk_files(lake.path("landing")))


def dump(obj) -> str:
    return json.dumps(obj, default=str)
