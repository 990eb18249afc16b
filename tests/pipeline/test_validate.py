"""Validation rules: table-driven valid and invalid landing records per source."""

from __future__ import annotations

import pytest

from transforms.ingest.validate import InvalidRecord, account_event, chat_message, telemetry_event

CHAT = {
    "message_id": "m1", "conversation_id": "c1", "user_id": "u1", "character_id": "ch1", "role": "user",
    "content_type": "text", "text": "你好", "created_at": "2026-11-20T10:00:00Z", "app_version": "3.2.1",
}
EVENT = {
    "event_id": "e1", "event_type": "crash", "user_id": None, "ts": "2026-11-20T10:00:00+00:00",
    "app_version": "3.2.1", "install_source": "huawei", "ip": "36.1.2.3",
    "device": {"imei": "490154203237518", "os": "Android", "os_version": "14"},
    "payload": {"crash_signature": "NPE@Main", "startup_ms": 800},
}
ACCOUNT = {"user_id": "u1", "event": "registered", "birth_year": 1999, "ts": "2026-11-20T10:00:00Z"}


def test_valid_records_are_typed_and_flattened() -> None:
    row = chat_message(CHAT)
    assert row["created_at"].tzinfo is not None and row["text"] == "你好"
    ev = telemetry_event(EVENT)
    assert ev["device_imei"] == "490154203237518" and ev["payload_startup_ms"] == 800 and ev["device_mac"] is None
    assert account_event(ACCOUNT)["birth_year"] == 1999


@pytest.mark.parametrize(
    ("validator", "record", "reason"),
    [
        (chat_message, [1, 2], "expected an object"),
        (chat_message, {**CHAT, "user_id": None}, "missing required field 'user_id'"),
        (chat_message, {**CHAT, "role": "system"}, "unknown value"),
        (chat_message, {**CHAT, "created_at": "yesterday"}, "not an ISO-8601 timestamp"),
        (chat_message, {**CHAT, "created_at": "2026-11-20T10:00:00"}, "no time zone"),
        (chat_message, {**CHAT, "text": "啊" * 20_001}, "oversize"),
        (chat_message, {**CHAT, "text": 42}, "must be a string"),
        (telemetry_event, {**EVENT, "payload": {"startup_ms": "fast"}}, "must be an integer"),
        (telemetry_event, {**EVENT, "payload": {"startup_ms": -5}}, "out of range"),
        (telemetry_event, {**EVENT, "device": "pixel"}, "must be objects"),
        (telemetry_event, {**EVENT, "event_type": "purchase"}, "unknown value"),
        (account_event, {**ACCOUNT, "birth_year": None}, "needs 'birth_year'"),
        (account_event, {**ACCOUNT, "event": "consent_granted", "birth_year": None}, "'purpose'"),
        (account_event, {"user_id": "u1", "event": "deletion_requested", "ts": "2026-11-20T10:00:00Z"},
         "'request_id'"),
    ],
)
def test_invalid_records_name_their_reason(validator, record, reason: str) -> None:
    with pytest.raises(InvalidRecord, match=reason):
        validator(record)
