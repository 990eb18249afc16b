"""Deliberately malformed landing lines, so ingestion's validation and quarantine have something to catch.

Each kind is derived from a real record of the stream (a copy with a fresh id and no PII), placed
just before that record in the same partition. Counts and positions go to the truth files.
"""

from __future__ import annotations

import copy
import json
import random
from typing import Any

from transforms.synthetic.population import hex_id
from transforms.synthetic.streams import ACCOUNT, CHAT, TELEMETRY

BROKEN_JSON = "broken_json"
MISSING_FIELD = "missing_field"
WRONG_TYPE = "wrong_type"
OVERSIZE_TEXT = "oversize_text"
OVERSIZE_LIMIT = 20_000  # characters; landing text longer than this is malformed

KINDS: dict[str, tuple[str, ...]] = {
    CHAT: (BROKEN_JSON, MISSING_FIELD, WRONG_TYPE, OVERSIZE_TEXT),
    TELEMETRY: (BROKEN_JSON, MISSING_FIELD, WRONG_TYPE, OVERSIZE_TEXT),
    ACCOUNT: (BROKEN_JSON, MISSING_FIELD, WRONG_TYPE),
}
# What each kind does, per source (also written to the truth summary).
DESCRIPTION: dict[str, dict[str, str]] = {
    CHAT: {
        BROKEN_JSON: "line truncated mid-object",
        MISSING_FIELD: "user_id key absent",
        WRONG_TYPE: 'created_at is "yesterday"',
        OVERSIZE_TEXT: f"text longer than {OVERSIZE_LIMIT} characters",
    },
    TELEMETRY: {
        BROKEN_JSON: "line truncated mid-object",
        MISSING_FIELD: "event_type key absent",
        WRONG_TYPE: 'payload.startup_ms is "fast" (event_type session_start)',
        OVERSIZE_TEXT: f"payload.search_query longer than {OVERSIZE_LIMIT} characters",
    },
    ACCOUNT: {
        BROKEN_JSON: "line truncated mid-object",
        MISSING_FIELD: "user_id key absent",
        WRONG_TYPE: 'birth_year is the string "2008年" (event age_declared)',
    },
}

_FILLER = "今天和你聊了很多，心情好多了。I feel much better after talking to you. "


def dumps(record: dict[str, Any]) -> str:
    """The landing serialisation: UTF-8, no ASCII escaping, compact, key order as built."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def make(source: str, kind: str, base: dict[str, Any], rng: random.Random) -> tuple[str, str]:
    """(line, record_id) of a malformed variant of `base` (which is not modified)."""
    rec = copy.deepcopy(base)
    if source == CHAT:
        rec["message_id"] = rid = hex_id(rng, "m_", 10)
        rec["text"] = "今天好累，想早点睡"
        rec["content_type"] = "text"
    elif source == TELEMETRY:
        rec["event_id"] = rid = hex_id(rng, "e_", 10)
        rec["payload"]["search_query"] = None
    else:
        rid = f"{rec['user_id']}:malformed:{kind}"
    if kind == BROKEN_JSON:
        line = dumps(rec)
        return line[: max(10, int(len(line) * rng.uniform(0.4, 0.8)))], rid
    if kind == MISSING_FIELD:
        del rec["event_type" if source == TELEMETRY else "user_id"]
    elif kind == WRONG_TYPE:
        if source == CHAT:
            rec["created_at"] = "yesterday"
        elif source == TELEMETRY:
            rec["event_type"] = "session_start"
            rec["payload"].update(page=None, latency_ms=None, crash_signature=None, startup_ms="fast")
        else:
            rec.update(event="age_declared", purpose=None, birth_year="2008年", request_id=None)
    elif kind == OVERSIZE_TEXT:
        size = OVERSIZE_LIMIT + rng.randint(1, 4_000)
        text = (_FILLER * (size // len(_FILLER) + 1))[:size]
        if source == CHAT:
            rec["text"] = text
        else:
            rec["event_type"] = "search"
            rec["payload"].update(page="search", search_query=text, startup_ms=None, crash_signature=None)
    return dumps(rec), rid
