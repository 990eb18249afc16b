"""Arrow schemas of every raw and clean table: the one place a column is declared.

Raw tables are the landing records typed and flattened (`device.imei` → `device_imei`). Clean tables
hold no raw identifier: ids become keyed pseudonyms (`*_pid`), device identifiers and IPs are dropped,
attributes are generalised and free text is de-identified.
"""

from __future__ import annotations

import pyarrow as pa

TS = pa.timestamp("us", tz="UTC")

SOURCES = ("chat_messages", "telemetry_events", "account_events")

ROLES = ("user", "assistant")
CONTENT_TYPES = ("text", "voice_transcript")
EVENT_TYPES = ("session_start", "page_view", "search", "crash", "perf", "notification")
ACCOUNT_EVENTS = (
    "registered",
    "consent_granted",
    "consent_withdrawn",
    "account_cancelled",
    "deletion_requested",
    "age_declared",
    "parental_consent_verified",
)
PURPOSES = ("model_improvement", "research_sharing", "personalisation")
MAX_TEXT_CHARS = 20_000

RAW_CHAT_MESSAGES = pa.schema(
    [
        pa.field("message_id", pa.string(), nullable=False),
        pa.field("conversation_id", pa.string(), nullable=False),
        pa.field("user_id", pa.string(), nullable=False),
        pa.field("character_id", pa.string(), nullable=False),
        pa.field("role", pa.string(), nullable=False),
        pa.field("content_type", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("created_at", TS, nullable=False),
        pa.field("app_version", pa.string(), nullable=False),
    ]
)

DEVICE_FIELDS = (
    "imei", "android_id", "oaid", "idfa", "idfv", "mac",
    "model", "os", "os_version", "screen", "language", "timezone", "network",
)
DEVICE_IDENTIFIERS = ("imei", "android_id", "oaid", "idfa", "idfv", "mac")
PAYLOAD_STR_FIELDS = ("page", "search_query", "crash_signature")
PAYLOAD_INT_FIELDS = ("startup_ms", "latency_ms", "memory_mb")

RAW_TELEMETRY_EVENTS = pa.schema(
    [
        pa.field("event_id", pa.string(), nullable=False),
        pa.field("event_type", pa.string(), nullable=False),
        pa.field("user_id", pa.string()),
        pa.field("ts", TS, nullable=False),
        pa.field("app_version", pa.string(), nullable=False),
        pa.field("install_source", pa.string()),
        pa.field("ip", pa.string()),
        *[pa.field(f"device_{name}", pa.string()) for name in DEVICE_FIELDS],
        *[pa.field(f"payload_{name}", pa.string()) for name in PAYLOAD_STR_FIELDS],
        *[pa.field(f"payload_{name}", pa.int64()) for name in PAYLOAD_INT_FIELDS],
    ]
)

RAW_ACCOUNT_EVENTS = pa.schema(
    [
        pa.field("user_id", pa.string(), nullable=False),
        pa.field("event", pa.string(), nullable=False),
        pa.field("purpose", pa.string()),
        pa.field("birth_year", pa.int32()),
        pa.field("ts", TS, nullable=False),
        pa.field("request_id", pa.string()),
    ]
)

RAW = {
    "chat_messages": RAW_CHAT_MESSAGES,
    "telemetry_events": RAW_TELEMETRY_EVENTS,
    "account_events": RAW_ACCOUNT_EVENTS,
}

QUARANTINE = pa.schema(
    [
        pa.field("source_file", pa.string(), nullable=False),
        pa.field("line_no", pa.int64(), nullable=False),
        pa.field("record", pa.string()),
        pa.field("reason", pa.string(), nullable=False),
    ]
)

CLEAN_CHAT_MESSAGES = pa.schema(
    [
        pa.field("message_pid", pa.string(), nullable=False),
        pa.field("conversation_pid", pa.string(), nullable=False),
        pa.field("user_pid", pa.string(), nullable=False),
        pa.field("character_id", pa.string(), nullable=False),
        pa.field("role", pa.string(), nullable=False),
        pa.field("content_type", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("pii_types", pa.list_(pa.string())),
        pa.field("created_at", TS, nullable=False),
        pa.field("app_version", pa.string(), nullable=False),
    ]
)

CLEAN_TELEMETRY_EVENTS = pa.schema(
    [
        pa.field("event_pid", pa.string(), nullable=False),
        pa.field("event_type", pa.string(), nullable=False),
        pa.field("user_pid", pa.string()),
        pa.field("device_pid", pa.string()),
        pa.field("ts", TS, nullable=False),
        pa.field("app_version", pa.string(), nullable=False),
        pa.field("install_source", pa.string()),
        pa.field("country", pa.string()),
        pa.field("province", pa.string()),
        pa.field("device_model", pa.string()),
        pa.field("os_family", pa.string()),
        pa.field("os_major", pa.string()),
        pa.field("language", pa.string()),
        pa.field("network", pa.string()),
        pa.field("page", pa.string()),
        pa.field("search_query", pa.string()),
        pa.field("crash_signature", pa.string()),
        pa.field("startup_ms", pa.int64()),
        pa.field("latency_ms", pa.int64()),
        pa.field("memory_mb", pa.int64()),
    ]
)

CLEAN_ACCOUNT_EVENTS = pa.schema(
    [
        pa.field("user_pid", pa.string(), nullable=False),
        pa.field("event", pa.string(), nullable=False),
        pa.field("purpose", pa.string()),
        pa.field("birth_year", pa.int32()),
        pa.field("ts", TS, nullable=False),
    ]
)

CLEAN = {
    "chat_messages": CLEAN_CHAT_MESSAGES,
    "telemetry_events": CLEAN_TELEMETRY_EVENTS,
    "account_events": CLEAN_ACCOUNT_EVENTS,
}
