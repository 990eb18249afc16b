"""Validation rules for landing records: one function per source turns a parsed JSON object into a
typed, flattened raw row or raises `InvalidRecord` with a reason a data engineer can act on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from transforms import schemas

RULES_VERSION = "validate-2026.11.1"


class InvalidRecord(ValueError):
    """A record that cannot enter the raw zone; its message is the quarantine reason."""


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
    return parsed


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
