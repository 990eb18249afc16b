"""Row-level transformation raw → clean for each table: pseudonymise ids, drop device identifiers and
IPs, generalise attributes, de-identify free text. Pure functions over Arrow tables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pyarrow as pa

from anonymizers.lone_token import PLACEHOLDER as LONE_PLACEHOLDER
from anonymizers.lone_token import is_lone_identifier
from anonymizers.pseudonym import Pseudonymizer
from transforms import schemas
from transforms.clean.generalize import ip_regions, os_family, os_major

# Order of preference for the one device pseudonym: vendor/app-scoped ids first, hardware ids last.
DEVICE_ID_PRIORITY = ("idfv", "oaid", "android_id", "idfa", "imei", "mac")


class TextDeidentifier:
    """What the row transforms need from the de-identification engine (anonymizers.Deidentifier)."""

    policy_version: str

    def deidentify(self, texts: list[str | None]) -> list:  # list[DeidOutcome]
        ...


@dataclass
class CleanBatch:
    """Clean rows plus the rows that could not be de-identified (fail closed: never passed on)."""

    table: pa.Table
    rejected: list[dict]  # {"row_index": int, "reason": str}


def _text_column(deid: TextDeidentifier, texts: list[str | None]) -> tuple[list, list, dict[int, str]]:
    outs = deid.deidentify(texts)
    if len(outs) != len(texts):
        raise RuntimeError(f"de-identifier returned {len(outs)} results for {len(texts)} texts")
    clean, types, errors = [], [], {}
    for i, (original, out) in enumerate(zip(texts, outs, strict=True)):
        if out.error is not None or (original is not None and out.text is None):
            errors[i] = f"de-identification failed: {out.error or 'no output'}"
        text, entities = out.text, set(out.entities)
        if is_lone_identifier(text):  # a whole free-text value that is one account-shaped token
            text, entities = LONE_PLACEHOLDER, entities | {"GENERIC_ID"}
        clean.append(text)
        types.append(sorted(entities))
    return clean, types, errors


def _finish(table_rows: dict[str, list], schema: pa.Schema, errors: dict[int, str], n: int) -> CleanBatch:
    keep = [i for i in range(n) if i not in errors]
    columns = {name: [values[i] for i in keep] for name, values in table_rows.items()}
    table = pa.Table.from_pydict(columns, schema=schema)
    rejected = [{"row_index": i, "reason": r} for i, r in sorted(errors.items())]
    return CleanBatch(table, rejected)


def clean_chat_messages(raw: pa.Table, deid: TextDeidentifier, pseudo: Pseudonymizer) -> CleanBatch:
    d = raw.to_pydict()
    text, pii_types, errors = _text_column(deid, d["text"])
    rows = {
        "message_pid": pseudo.many("message", d["message_id"]),
        "conversation_pid": pseudo.many("conversation", d["conversation_id"]),
        "user_pid": pseudo.many("user", d["user_id"]),
        "character_id": d["character_id"],
        "role": d["role"],
        "content_type": d["content_type"],
        "text": text,
        "pii_types": pii_types,
        "created_at": d["created_at"],
        "app_version": d["app_version"],
    }
    return _finish(rows, schemas.CLEAN_CHAT_MESSAGES, errors, raw.num_rows)


def _device_key(d: dict[str, list], i: int) -> str | None:
    for name in DEVICE_ID_PRIORITY:
        value = d[f"device_{name}"][i]
        if value:
            return f"{name}:{value}"
    return None


def clean_telemetry_events(raw: pa.Table, deid: TextDeidentifier, pseudo: Pseudonymizer) -> CleanBatch:
    d = raw.to_pydict()
    n = raw.num_rows
    query, _types, errors = _text_column(deid, d["payload_search_query"])
    regions = [ip_regions().lookup(ip) for ip in d["ip"]]
    rows = {
        "event_pid": pseudo.many("event", d["event_id"]),
        "event_type": d["event_type"],
        "user_pid": pseudo.many("user", d["user_id"]),
        "device_pid": [pseudo.one("device", _device_key(d, i)) for i in range(n)],
        "ts": d["ts"],
        "app_version": d["app_version"],
        "install_source": d["install_source"],
        "country": [r.country for r in regions],
        "province": [r.province for r in regions],
        "device_model": d["device_model"],
        "os_family": [os_family(v) for v in d["device_os"]],
        "os_major": [os_major(v) for v in d["device_os_version"]],
        "language": d["device_language"],
        "network": d["device_network"],
        "page": d["payload_page"],
        "search_query": query,
        "crash_signature": d["payload_crash_signature"],
        "startup_ms": d["payload_startup_ms"],
        "latency_ms": d["payload_latency_ms"],
        "memory_mb": d["payload_memory_mb"],
    }
    return _finish(rows, schemas.CLEAN_TELEMETRY_EVENTS, errors, n)


def clean_account_events(raw: pa.Table, deid: TextDeidentifier, pseudo: Pseudonymizer) -> CleanBatch:
    d = raw.to_pydict()
    rows = {
        "user_pid": pseudo.many("user", d["user_id"]),
        "event": d["event"],
        "purpose": d["purpose"],
        "birth_year": d["birth_year"],
        "ts": d["ts"],
    }
    return _finish(rows, schemas.CLEAN_ACCOUNT_EVENTS, {}, raw.num_rows)


CLEANERS: dict[str, Callable[[pa.Table, TextDeidentifier, Pseudonymizer], CleanBatch]] = {
    "chat_messages": clean_chat_messages,
    "telemetry_events": clean_telemetry_events,
    "account_events": clean_account_events,
}
