"""Synthetic sources: reproducible, shaped like DESIGN.md's input records, and honest ground truth."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.synthetic.conftest import SMALL, Generated
from transforms.synthetic import generate, pii
from transforms.synthetic.malformed import OVERSIZE_LIMIT

TS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
CHAT_KEYS = [
    "message_id",
    "conversation_id",
    "user_id",
    "character_id",
    "role",
    "content_type",
    "text",
    "created_at",
    "app_version",
]
TELEMETRY_KEYS = [
    "event_id",
    "event_type",
    "user_id",
    "ts",
    "app_version",
    "install_source",
    "ip",
    "device",
    "payload",
]
DEVICE_KEYS = [
    "imei",
    "android_id",
    "oaid",
    "idfa",
    "idfv",
    "mac",
    "model",
    "os",
    "os_version",
    "screen",
    "language",
    "timezone",
    "network",
]
PAYLOAD_KEYS = ["page", "search_query", "crash_signature", "startup_ms", "latency_ms", "memory_mb"]
ACCOUNT_KEYS = ["user_id", "event", "purpose", "birth_year", "ts", "request_id"]
EVENTS = {
    "registered",
    "consent_granted",
    "consent_withdrawn",
    "account_cancelled",
    "deletion_requested",
    "age_declared",
    "parental_consent_verified",
}
PURPOSES = {"model_improvement", "research_sharing", "personalisation"}


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _problem(source: str, line: str) -> str | None:
    """An independent validator: why a landing line is not a valid record (None when it is)."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError:
        return "broken_json"
    keys = {"chat_messages": CHAT_KEYS, "telemetry_events": TELEMETRY_KEYS, "account_events": ACCOUNT_KEYS}[
        source
    ]
    if list(rec) != keys:
        return "missing_field"
    ts = rec.get("created_at") or rec.get("ts")
    if not TS.match(ts):
        return "wrong_type"
    if source == "telemetry_events":
        if list(rec["device"]) != DEVICE_KEYS or list(rec["payload"]) != PAYLOAD_KEYS:
            return "missing_field"
        for k in ("startup_ms", "latency_ms", "memory_mb"):
            if rec["payload"][k] is not None and not isinstance(rec["payload"][k], int):
                return "wrong_type"
        if len(rec["payload"]["search_query"] or "") > OVERSIZE_LIMIT:
            return "oversize_text"
    if (
        source == "account_events"
        and rec["birth_year"] is not None
        and not isinstance(rec["birth_year"], int)
    ):
        return "wrong_type"
    if source == "chat_messages" and len(rec["text"]) > OVERSIZE_LIMIT:
        return "oversize_text"
    return None


def test_same_seed_gives_byte_identical_files_and_truth(tmp_path: Path) -> None:
    args = {**SMALL, "messages": 300, "events": 400, "users": 40}
    a = generate(tmp_path / "a" / "lake", truth_dir=tmp_path / "a" / "truth", **args)
    b = generate(tmp_path / "b" / "lake", truth_dir=tmp_path / "b" / "truth", **args)
    assert a.to_dict() == b.to_dict()
    files_a, files_b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert files_a and files_a == files_b
    c = generate(tmp_path / "c" / "lake", **{**args, "seed": args["seed"] + 1})
    assert c.partitions["chat_messages"] != a.partitions["chat_messages"]


def test_landing_layout_and_dt_is_the_utc_date_of_the_record(small: Generated) -> None:
    start = date.fromisoformat(small.summary.start)
    expected = {f"{date.fromordinal(start.toordinal() + i)}" for i in range(SMALL["days"])}
    for source in ("chat_messages", "telemetry_events", "account_events"):
        parts = small.landing_lines(source)
        assert set(parts) == expected, source
        for dt, lines in parts.items():
            for line in lines:
                if _problem(source, line) is None:
                    rec = json.loads(line)
                    assert (rec.get("created_at") or rec["ts"])[:10] == dt


def test_valid_records_have_the_design_shape(small: Generated) -> None:
    chars_by_id: dict[str, int] = defaultdict(int)
    for lines in small.landing_lines("chat_messages").values():
        for line in lines:
            if _problem("chat_messages", line):
                continue
            r = json.loads(line)
            assert r["role"] in {"user", "assistant"} and r["content_type"] in {"text", "voice_transcript"}
            assert all(isinstance(r[k], str) and r[k] for k in CHAT_KEYS)
            chars_by_id[r["character_id"]] += 1
    assert len(chars_by_id) >= 5
    types: set[str] = set()
    for lines in small.landing_lines("telemetry_events").values():
        for line in lines:
            if _problem("telemetry_events", line):
                continue
            r = json.loads(line)
            types.add(r["event_type"])
            dev = r["device"]
            assert r["ip"] and dev["os"] in {"Android", "HarmonyOS", "iOS"}
            if dev["os"] == "iOS":
                assert dev["idfa"] and dev["idfv"] and dev["imei"] is None
            else:
                assert dev["android_id"] and dev["oaid"] and dev["mac"]
                assert dev["imei"] is None or pii.luhn_valid(dev["imei"])
            p = r["payload"]
            if r["event_type"] == "session_start":
                assert isinstance(p["startup_ms"], int)
            if r["event_type"] == "crash":
                assert p["crash_signature"]
            if r["event_type"] == "search":
                assert p["search_query"]
    assert types == {"session_start", "page_view", "search", "crash", "perf", "notification"}
    seen_events: set[str] = set()
    for lines in small.landing_lines("account_events").values():
        for line in lines:
            if _problem("account_events", line):
                continue
            r = json.loads(line)
            seen_events.add(r["event"])
            assert (r["purpose"] in PURPOSES) == r["event"].startswith("consent_")
            assert (r["birth_year"] is not None) == (r["event"] in {"registered", "age_declared"})
            assert (r["request_id"] is not None) == (
                r["event"] in {"account_cancelled", "deletion_requested"}
            )
    assert seen_events == EVENTS


def test_pre_login_telemetry_has_null_user_id(small: Generated) -> None:
    nulls = sum(
        json.loads(line)["user_id"] is None
        for lines in small.landing_lines("telemetry_events").values()
        for line in lines
        if not _problem("telemetry_events", line)
    )
    assert 0 < nulls < small.summary.telemetry_events


def test_malformed_lines_match_truth_and_summary(small: Generated) -> None:
    truth = {(r["source"], r["dt"], r["line_no"]): r["kind"] for r in small.truth_rows("malformed")}
    found = {}
    for source in ("chat_messages", "telemetry_events", "account_events"):
        for dt, lines in small.landing_lines(source).items():
            for i, line in enumerate(lines, start=1):
                if (kind := _problem(source, line)) is not None:
                    found[(source, dt, i)] = kind
            part = small.summary.partitions[source][dt]
            assert part["lines"] == len(lines) == part["valid"] + sum(part["malformed"].values())
        per_kind = defaultdict(int)
        for (src, _, _), kind in truth.items():
            if src == source:
                per_kind[kind] += 1
        assert dict(per_kind) == small.summary.malformed[source]
        assert set(per_kind.values()) == {SMALL["malformed_per_kind"]}
    assert found == truth


def test_planted_pii_is_valid_and_located(small: Generated) -> None:
    texts: dict[str, str] = {}
    for source, field in (("chat_messages", "text"), ("telemetry_events", "search_query")):
        for lines in small.landing_lines(source).values():
            for line in lines:
                if _problem(source, line) is None:
                    r = json.loads(line)
                    rid = r.get("message_id") or r["event_id"]
                    texts[rid] = r[field] if field == "text" else r["payload"][field]
    rows = small.truth_rows("pii")
    assert {r["entity_type"] for r in rows} >= {
        pii.CN_MOBILE,
        pii.CN_RESIDENT_ID,
        pii.WECHAT_ID,
        pii.QQ_NUMBER,
        pii.PERSON,
        pii.CN_ADDRESS,
        pii.EMAIL_ADDRESS,
        pii.CN_BANK_CARD,
    }
    for r in rows:
        assert texts[r["record_id"]][r["start"] : r["end"]] == r["value"]
        v = r["normalized"]
        match r["entity_type"]:
            case pii.CN_MOBILE:
                assert re.fullmatch(r"1[3-9]\d{9}", v)
                if r["format"] != "spoken_zh":
                    assert pii.digits_only(r["value"]).endswith(v)
            case pii.CN_RESIDENT_ID:
                assert pii.resident_id_valid(v) and pii.digits_only(r["value"])[:17] == v[:17]
                assert v[:6] in {code for code, _ in pii.REGION_CODES}
            case pii.CN_BANK_CARD:
                assert pii.luhn_valid(v) and len(v) in (16, 19) and pii.digits_only(r["value"]) == v
            case pii.EMAIL_ADDRESS:
                assert re.fullmatch(r"[\w.+-]+@[\w-]+\.[a-z]+", v)
            case pii.QQ_NUMBER:
                assert re.fullmatch(r"[1-9]\d{6,10}", v)
            case pii.WECHAT_ID:
                assert re.fullmatch(r"wxid_[a-z0-9]{14}|[A-Za-z][\w-]{5,19}", v)
    s = small.summary
    assert 0.15 <= s.pii_share <= 0.25
    assert s.user_messages_with_pii == len({r["record_id"] for r in rows if r["source"] == "chat_messages"})
    assert s.search_events_with_pii > 0


def test_hard_negatives_do_not_validate_as_identifiers(small: Generated) -> None:
    rows = small.truth_rows("hard_negatives")
    assert {r["kind"] for r in rows} >= {"price", "order_no", "version", "time"}
    for r in rows:
        digits = pii.digits_only(r["value"])
        assert not (len(digits) in (16, 19) and pii.luhn_valid(digits)), r
        assert not (len(digits) == 18 and pii.resident_id_valid(digits)), r
        assert not re.fullmatch(r"1[3-9]\d{9}", digits), r


def test_minors_and_rights_cases_are_present(small: Generated) -> None:
    users = [u for u in small.truth_rows("users") if u["kind"] == "user"]
    year = date.fromisoformat(small.summary.start).year
    minors = [u for u in users if u["minor_under_14"]]
    assert minors and all(year - u["birth_year"] < 14 for u in minors)
    assert any(u["parental_consent_verified"] for u in minors)
    assert any(not u["parental_consent_verified"] for u in minors)
    assert all(year - u["birth_year"] >= 14 for u in users if not u["minor_under_14"])
    events = defaultdict(list)
    for lines in small.landing_lines("account_events").values():
        for line in lines:
            if not _problem("account_events", line):
                r = json.loads(line)
                events[r["user_id"]].append(r)
    for u in minors:
        got = {e["event"] for e in events[u["user_id"]]}
        assert ("parental_consent_verified" in got) == u["parental_consent_verified"]
        reg = next(e for e in events[u["user_id"]] if e["event"] == "registered")
        assert reg["birth_year"] == u["birth_year"]
    assert sum(u["deletion"] is not None for u in users) >= 2
    assert sum(u["cancelled"] is not None for u in users) >= 2
    assert sum(bool(u["withdrawals"]) for u in users) >= 2


def test_activity_respects_registration_and_cancellation(small: Generated) -> None:
    users = {u["user_id"]: u for u in small.truth_rows("users") if u["kind"] == "user"}
    for lines in small.landing_lines("chat_messages").values():
        for line in lines:
            if _problem("chat_messages", line):
                continue
            r = json.loads(line)
            u = users[r["user_id"]]
            assert r["created_at"] >= u["registered_at"]
            for stop in (u["cancelled"], u["deletion"]):
                if stop:
                    assert r["created_at"] < stop["ts"]


def test_telemetry_identifiers_are_in_the_truth(small: Generated) -> None:
    rows = small.truth_rows("users")
    known_ids = {v for r in rows for k, v in r["device"].items() if k in DEVICE_KEYS[:6] and v}
    known_ips = {ip for r in rows for ip in r["ips"]}
    for lines in small.landing_lines("telemetry_events").values():
        for line in lines:
            if _problem("telemetry_events", line):
                continue
            r = json.loads(line)
            assert r["ip"] in known_ips
            assert {v for k, v in r["device"].items() if k in DEVICE_KEYS[:6] and v} <= known_ids


def test_popular_utterances_repeat_across_users(small: Generated) -> None:
    users_by_text: dict[str, set[str]] = defaultdict(set)
    for lines in small.landing_lines("chat_messages").values():
        for line in lines:
            if not _problem("chat_messages", line):
                r: dict[Any, Any] = json.loads(line)
                if r["role"] == "user":
                    users_by_text[r["text"]].add(r["user_id"])
    assert max(len(v) for v in users_by_text.values()) >= 5


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("11010519491231002X", True),
        ("11010519491231002x", True),
        ("110105194912310021", False),
        ("110105194902300021", False),
    ],
)
def test_resident_id_validator(value: str, ok: bool) -> None:
    assert pii.resident_id_valid(value) is ok


def test_luhn_validator() -> None:
    assert pii.luhn_valid("79927398713") and not pii.luhn_valid("79927398710")
    assert pii.luhn_check_digit("7992739871") == "3"


def test_lake_root_may_be_a_uri(tmp_path: Path) -> None:
    args = {**SMALL, "messages": 100, "events": 100, "users": 30}
    by_path = generate(tmp_path / "p", **args)
    by_uri = generate(f"file://{tmp_path / 'u'}", **args)
    assert by_uri.partitions == by_path.partitions
    assert _files(tmp_path / "u") == _files(tmp_path / "p")
    assert not list(tmp_path.rglob("*.tmp"))
