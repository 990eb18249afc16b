"""Validation rules for landing records: one function per source turns a parsed JSON object into a
typed, flattened raw row or raises `InvalidRecord` with a reason a data engineer can act on."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from transforms import schemas

RULES_VERSION = "validate-2026.12.1"
BOM = b"\xef\xbb\xbf"
MAX_DEPTH = 8  # the deepest legitimate record is 2 levels (telemetry device/payload)
MAX_INT_DIGITS = 18  # every integer field fits in int64
# Event times outside this window (after conversion to UTC) are delivery errors, not events, and
# would overflow date arithmetic downstream (9999-12-31T23:59:59-05:00 is year 10000 in UTC).
MIN_YEAR, MAX_YEAR = 2000, 2100


class InvalidRecord(ValueError):
    """A record that cannot enter the raw zone; its message is the quarantine reason."""


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InvalidRecord(f"duplicate JSON key: {key[:40]!r}")
        out[key] = value
    return out


def _bounded_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise InvalidRecord(f"oversize integer: {digits} digits (more than {MAX_INT_DIGITS})")
    return int(text)


def _no_constant(name: str) -> Any:
    raise InvalidRecord(f"invalid JSON: non-standard constant {name}")


def _depth_exceeds(obj: Any, limit: int) -> bool:
    stack = [(obj, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > limit:
                return True
            children = node.values() if isinstance(node, dict) else node
            stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return False


def parse_line(line: bytes, *, first: bool = False) -> Any:
    """One landing line as JSON, strictly: UTF-8 without replacement, no duplicate keys, bounded depth
    and integer size. A UTF-8 byte-order mark is accepted at the start of a file. Raises InvalidRecord."""
    if first and line.startswith(BOM):
        line = line[len(BOM):]
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidRecord(f"invalid UTF-8: byte 0x{line[exc.start]:02x} at offset {exc.start}") from None
    try:
        obj = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_int=_bounded_int,
                         parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InvalidRecord(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise InvalidRecord(f"invalid JSON: nested deeper than {MAX_DEPTH} levels") from None
    if _depth_exceeds(obj, MAX_DEPTH):
        raise InvalidRecord(f"invalid JSON: nested deeper than {MAX_DEPTH} levels")
    return obj


def _obj(record: Any) -> dict[str, Any]:
    if not isinstance(record, dict):
        raise InvalidRecord(f"record is a JSON {type(record).__name__}, expected an object")
    return record


def _str(rec: dict[str, Any], name: str, *, required: bool = True, choices: tuple[str, ...] = ()) -> str | None:
    value = rec.get(name)
    if value is None or value == "":
        if required:
            raise InvalidRecord(f"missing required field '{name}'")
        return None
    if not isinstance(value, str):
        raise InvalidRecord(f"field '{name}' must be a string, got {type(value).__name__}")
    if choices and value not in choices:
        raise InvalidRecord(f"field '{name}' has unknown value {value[:40]!r}")
    return value


def _ts(rec: dict[str, Any], name: str) -> datetime:
    value = _str(rec, name)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidRecord(f"field '{name}' is not an ISO-8601 timestamp: {value[:40]!r}") from None
    if parsed.tzinfo is None:
        raise InvalidRecord(f"field '{name}' has no time zone (UTC expected): {value[:40]!r}")
    try:
        utc = parsed.astimezone(UTC)
    except (OverflowError, ValueError):
        utc = None
    if utc is None or not MIN_YEAR <= utc.year <= MAX_YEAR:
        raise InvalidRecord(f"field '{name}' out of range: {value[:40]!r} is not in years "
                            f"{MIN_YEAR}-{MAX_YEAR} (UTC)")
    return utc


def _int(rec: dict[str, Any], name: str, *, low: int = 0, high: int = 10**9) -> int | None:
    value = rec.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidRecord(f"field '{name}' must be an integer, got {type(value).__name__}")
    if not low <= value <= high:
        raise InvalidRecord(f"field '{name}' out of range [{low}, {high}]: {value}")
    return value


def _text(rec: dict[str, Any], name: str, *, required: bool) -> str | None:
    value = _str(rec, name, required=required)
    if value is not None and len(value) > schemas.MAX_TEXT_CHARS:
        raise InvalidRecord(f"field '{name}' is oversize: {len(value)} chars > {schemas.MAX_TEXT_CHARS}")
    return value


def chat_message(record: Any) -> dict[str, Any]:
    rec = _obj(record)
    return {
        "message_id": _str(rec, "message_id"),
        "conversation_id": _str(rec, "conversation_id"),
        "user_id": _str(rec, "user_id"),
        "character_id": _str(rec, "character_id"),
        "role": _str(rec, "role", choices=schemas.ROLES),
        "content_type": _str(rec, "content_type", choices=schemas.CONTENT_TYPES),
        "text": _text(rec, "text", required=True),
        "created_at": _ts(rec, "created_at"),
        "app_version": _str(rec, "app_version"),
    }


def telemetry_event(record: Any) -> dict[str, Any]:
    rec = _obj(record)
    device = rec.get("device") or {}
    payload = rec.get("payload") or {}
    if not isinstance(device, dict) or not isinstance(payload, dict):
        raise InvalidRecord("fields 'device' and 'payload' must be objects")
    row: dict[str, Any] = {
        "event_id": _str(rec, "event_id"),
        "event_type": _str(rec, "event_type", choices=schemas.EVENT_TYPES),
        "user_id": _str(rec, "user_id", required=False),
        "ts": _ts(rec, "ts"),
        "app_version": _str(rec, "app_version"),
        "install_source": _str(rec, "install_source", required=False),
        "ip": _str(rec, "ip", required=False),
    }
    for name in schemas.DEVICE_FIELDS:
        row[f"device_{name}"] = _str(device, name, required=False)
    for name in schemas.PAYLOAD_STR_FIELDS:
        row[f"payload_{name}"] = _text(payload, name, required=False)
    for name in schemas.PAYLOAD_INT_FIELDS:
        row[f"payload_{name}"] = _int(payload, name, high=10**7)
    return row


def account_event(record: Any) -> dict[str, Any]:
    rec = _obj(record)
    event = _str(rec, "event", choices=schemas.ACCOUNT_EVENTS)
    purpose = _str(rec, "purpose", required=event in ("consent_granted", "consent_withdrawn"),
                   choices=schemas.PURPOSES)
    birth_year = _int(rec, "birth_year", low=1900, high=2100)
    if event in ("registered", "age_declared") and birth_year is None:
        raise InvalidRecord(f"event '{event}' needs 'birth_year'")
    return {
        "user_id": _str(rec, "user_id"),
        "event": event,
        "purpose": purpose,
        "birth_year": birth_year,
        "ts": _ts(rec, "ts"),
        "request_id": _str(rec, "request_id", required=event == "deletion_requested"),
    }


VALIDATORS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "chat_messages": chat_message,
    "telemetry_events": telemetry_event,
    "account_events": account_event,
}

# The column that must be unique within a partition (None: events may legitimately repeat).
UNIQUE_KEY: dict[str, str | None] = {
    "chat_messages": "message_id",
    "telemetry_events": "event_id",
    "account_events": None,
}
