"""The views an extract can be declared over, and what each column is.

This is pure data (no DuckDB import) so config validation can check every grouping, filter and
measure against it. The SQL that builds each view lives in `views.py`; a column's *kind* decides
what a declaration may do with it:

- ``id``: a pseudonymous identifier. Never grouped on, never output; only counted (count_distinct)
  or used as the privacy unit.
- ``text``: free text as de-identified. Never grouped on or output.
- ``utterance``: normalised de-identified short text. Groupable only under DP partition selection.
- ``dim``: a coarse categorical attribute; groupable.
- ``num``: a numeric measure column; clamped to declared bounds before any sum/quantile.
- ``flag``: a boolean usable in filters.
"""

from __future__ import annotations

from dataclasses import dataclass

COLUMN_KINDS = ("id", "text", "utterance", "dim", "num", "flag", "ts")


@dataclass(frozen=True)
class ViewSpec:
    """A view: the clean tables it reads (first one decides interval completeness) and its columns."""

    name: str
    sources: tuple[str, ...]
    columns: dict[str, str]  # column -> kind
    doc: str = ""

    def kind(self, column: str) -> str | None:
        return self.columns.get(column)


_PERSON = {"age_band": "dim", "is_adult": "flag", "province": "dim"}

VIEWS: dict[str, ViewSpec] = {
    "telemetry_events": ViewSpec(
        "telemetry_events",
        ("telemetry_events",),
        {
            "event_pid": "id", "user_pid": "id", "device_pid": "id", "ts": "ts",
            "event_type": "dim", "app_version": "dim", "install_source": "dim", "country": "dim",
            "device_model": "dim", "os_family": "dim", "os_major": "dim", "language": "dim",
            "network": "dim", "page": "dim", "search_query": "text", "crash_signature": "dim",
            "startup_ms": "num", "latency_ms": "num", "memory_mb": "num", "hour_band": "dim",
            **_PERSON,
        },
        "Clean telemetry of eligible users, with their age band and a local (UTC+8) hour band.",
    ),
    "chat_messages": ViewSpec(
        "chat_messages",
        ("chat_messages", "telemetry_events"),
        {
            "message_pid": "id", "conversation_pid": "id", "user_pid": "id", "created_at": "ts",
            "character_id": "dim", "character_category": "dim", "role": "dim", "content_type": "dim",
            "text": "text", "topic": "dim", "hour_band": "dim", "app_version": "dim", "chars": "num",
            **_PERSON,
        },
        "Messages of eligible users with topic (keyword taxonomy), character category, hour band and "
        "the user's most frequent province in the interval's telemetry.",
    ),
    "conversations": ViewSpec(
        "conversations",
        ("chat_messages", "telemetry_events"),
        {
            "conversation_pid": "id", "user_pid": "id", "character_id": "dim",
            "character_category": "dim", "topic": "dim", "hour_band": "dim", "length_band": "dim",
            "messages": "num", "user_turns": "num", "assistant_turns": "num", "duration_min": "num",
            "turn_ratio": "num", "turn_pattern": "dim",
            **_PERSON,
        },
        "One row per conversation (within the interval): its dominant topic, start hour band, length.",
    ),
    "utterance_pairs": ViewSpec(
        "utterance_pairs",
        ("chat_messages",),
        {
            "message_pid": "id", "conversation_pid": "id", "user_pid": "id",
            "utterance": "utterance", "reply": "utterance", "utterance_chars": "num",
            "character_category": "dim", "age_band": "dim", "is_adult": "flag",
        },
        "Each normalised user turn with the normalised assistant reply that followed it.",
    ),
}
