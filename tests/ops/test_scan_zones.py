"""`aimate-share scan` knows the zones: expected pseudonyms and structured fields are not findings, while
identifiers anywhere and PII in free text still are."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from anonymizers.pseudonym import PSEUDONYM_HEX_CHARS
from transforms.publish import scan
from transforms.publish.scan_zones import column_role, zone_of


def _pid(seed: str) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()[:PSEUDONYM_HEX_CHARS]


def _write(path: Path, table: pa.Table) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)
    return path


def test_zone_comes_from_the_lake_layout(tmp_path) -> None:
    assert zone_of(tmp_path / "lake/clean/telemetry_events/dt=2026-11-30/part-0.parquet") == "clean"
    assert zone_of(tmp_path / "lake/published/stats_partner/crash_performance_daily/2026-11-30-ab/part-0.parquet") \
        == "published"
    assert zone_of(tmp_path / "exports/telemetry.parquet") is None
    assert column_role("clean", "user_pid") == "pseudonym"
    assert column_role("clean", "device_model") == "structured"
    assert column_role("clean", "text") == "free_text"
    assert column_role("clean", "some_new_column") == "free_text"  # unknown: fail closed
    assert column_role(None, "device_model") == "free_text"
    assert column_role("published", "user_pid") == "free_text"  # no identifier column may be published


@pytest.fixture(scope="module")
def real_detector():
    scan.set_detector(None)
    yield


def _clean_lake(tmp_path: Path, **overrides) -> Path:
    """One clean telemetry and one clean chat partition as the pipeline writes them."""
    # Hex pseudonyms that contain mobile- and IMEI-shaped digit runs (what fooled the old scan).
    user = "13800138000" + "a" * (PSEUDONYM_HEX_CHARS - 11)
    device = "8635470123456789"[:PSEUDONYM_HEX_CHARS].ljust(PSEUDONYM_HEX_CHARS, "b")
    telemetry = {"user_pid": [user, _pid("u2")], "device_pid": [device, _pid("d2")],
                 "device_model": ["Xiaomi 14 Pro", "HUAWEI Mate 60"],
                 "crash_signature": ["SIGSEGV libark_jsruntime.so+0x1a2b3c", None],
                 "app_version": ["5.2.1", "5.3.0"], "search_query": ["天气", "how to cook rice"]}
    telemetry.update(overrides.pop("telemetry", {}))
    chat = {"message_pid": [_pid("m1"), _pid("m2")], "user_pid": [_pid("u1"), _pid("u2")],
            "text": ["我今天很开心", "hello there"], "role": ["user", "assistant"]}
    chat.update(overrides.pop("chat", {}))
    root = tmp_path / "lake" / "clean"
    _write(root / "telemetry_events" / "dt=2026-11-30" / "part-0.parquet", pa.table(telemetry))
    _write(root / "chat_messages" / "dt=2026-11-30" / "part-0.parquet", pa.table(chat))
    return root


@pytest.mark.slow
def test_a_clean_zone_as_the_pipeline_writes_it_scans_clean(tmp_path, real_detector) -> None:
    root = _clean_lake(tmp_path)
    assert scan.scan_paths([root]) == []
    # The same values outside the lake layout are scanned as free text: the old behaviour, findings.
    loose = _write(tmp_path / "loose.parquet", pq.read_table(root / "telemetry_events/dt=2026-11-30/part-0.parquet"))
    assert scan.scan_paths([loose]), "without a zone every column is free text"


@pytest.mark.slow
def test_real_leaks_in_free_text_and_identifiers_in_any_column_are_still_found(tmp_path, real_detector) -> None:
    root = _clean_lake(tmp_path, chat={"text": ["我的手机号是13912345678，找我", "hello there"]},
                       telemetry={"device_model": ["Xiaomi 14 Pro", "call 13912345678"],
                                  "user_pid": ["13912345678", _pid("u2")]})
    leaks = scan.scan_paths([root])
    found = {(Path(x.file).parts[-3], x.column, x.entity_type) for x in leaks}
    assert ("chat_messages", "text", "CN_MOBILE") in found
    assert ("telemetry_events", "device_model", "CN_MOBILE") in found
    assert ("telemetry_events", "user_pid", "NOT_A_PSEUDONYM") in found
    assert all("13912345678" not in x.masked_value for x in leaks)


def test_structured_columns_drop_language_findings_only() -> None:
    from transforms.publish.scan_zones import keep_finding

    assert not keep_finding("structured", "PERSON") and not keep_finding("structured", "URL")
    assert not keep_finding("structured", "IDENTIFIER_EMAIL_SHAPE")  # `at com.example.Foo` in a stack trace
    assert keep_finding("structured", "CN_MOBILE") and keep_finding("structured", "PSEUDONYMOUS_ID")
    assert keep_finding("structured", "IDENTIFIER_DIGIT_SEQUENCE")
    assert keep_finding("free_text", "PERSON")
    # The public-vocabulary allow-list is a publishing rule: it applies to published text, not clean text.
    assert not keep_finding("free_text", "IDENTIFIER_UNLISTED_TOKEN", "clean")
    assert keep_finding("free_text", "IDENTIFIER_UNLISTED_TOKEN", "published")
    assert keep_finding("free_text", "IDENTIFIER_MESSENGER_ID", "clean")


def test_clean_text_is_checked_without_the_engines_placeholders() -> None:
    from transforms.publish.scan_zones import scanned_text

    assert scanned_text("clean", "free_text", "微信<WECHAT_ID>，手机<CN_MOBILE>") == "微信 ，手机 "
    assert scanned_text("published", "free_text", "微信<WECHAT_ID>") == "微信<WECHAT_ID>"


def test_a_messenger_handle_left_in_clean_text_is_a_finding() -> None:
    scan.set_detector(lambda values: [[] for _ in values])  # only the independent identifier check
    try:
        leaks = scan.scan_records([(0, "text", "我的wx是djacobs"), (1, "text", "扣扣<QQ_NUMBER>，加我"),
                                   (2, "device_model", "HUAWEI Mate 60 Pro")], "f", zone="clean")
    finally:
        scan.set_detector(None)
    assert [(x.row, x.entity_type) for x in leaks] == [(0, "IDENTIFIER_MESSENGER_ID")]
