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
    from transforms.publish.scan_zones import identifier_view

    assert identifier_view("clean", "free_text", "微信<WECHAT_ID>，手机<CN_MOBILE>") == ("微信 ，手机 ", True)
    assert identifier_view("published", "free_text", "微信<WECHAT_ID>") == ("微信<WECHAT_ID>", False)


def _clean_findings(*texts: str) -> list[tuple[int, str]]:
    scan.set_detector(lambda values: [[] for _ in values])  # only the independent identifier check
    try:
        leaks = scan.scan_records([(i, "text", t) for i, t in enumerate(texts)], "f", zone="clean")
    finally:
        scan.set_detector(None)
    return [(x.row, x.entity_type) for x in leaks]


# What the demo's clean zone held as false findings (655 on a fresh demo before the zone rules below).
CLEAN_NOT_IDENTIFIERS = [
    "Please don't share personal details like ID or card numbers here.",  # "ID" is advice, not an account
    "更新到v4.6.15之后老闪退",  # a version after v
    "app是V3.4.8.2859，怎么没有语音功能",
    "我的订单2026599915908998退款了吗",  # an order number after its cue: kept by the policy on purpose
    "订单号E20263290823849怎么还没发货",
    "快递单号SF1234567890123到了吗",
    "line up at 3pm",
]
# Still findings in clean text: an account right after its messenger word, or a number the policy keeps
# only with its cue — unless it validates as a mobile or a resident id.
CLEAN_IDENTIFIERS = [
    "我是<PERSON>，微信reneesimmons，手机<CN_MOBILE>",
    "我的wx是annaodom",
    "vx：tmiller，记得加",
    "my wechat is tiger_lily",
    "ID: zx_9921 找我",
    "订单号13912345678",  # a mobile behind an order cue is still a mobile
    "订单 11010519491231002X",  # and a resident id
    "v13.8001.3800.0",  # a phone dressed as a version: too many digits for one
    "版本号 A20261264303329745287 的手机13912345678",
]


def test_what_the_policy_keeps_in_clean_text_is_not_a_finding() -> None:
    assert _clean_findings(*CLEAN_NOT_IDENTIFIERS) == []


@pytest.mark.parametrize("text", CLEAN_IDENTIFIERS)
def test_identifiers_in_clean_text_are_still_findings(text: str) -> None:
    assert _clean_findings(text), text


def test_published_text_keeps_the_strict_check() -> None:
    """The adjacent-handle mode and the kept numbers are clean-zone rules; published text is strict."""
    scan.set_detector(lambda values: [[] for _ in values])
    try:
        leaks = scan.scan_records([(0, "utterance", CLEAN_NOT_IDENTIFIERS[0]), (1, "utterance", CLEAN_NOT_IDENTIFIERS[3])],
                                  "f", zone="published")
    finally:
        scan.set_detector(None)
    assert {x.row for x in leaks} == {0, 1}


def test_the_engines_placeholders_do_not_make_the_detector_see_names() -> None:
    """`my name is <PERSON> nice` read without its placeholder made the name cue take "nice" as a name
    (17 PERSON findings on the demo); the engine's recognisers read the value as it is."""
    leaks = scan.scan_records([(0, "text", "my name is <PERSON> nice to meet you"),
                               (1, "text", "我的英文名是<PERSON> DVM，你也可以这么叫我")], "f", zone="clean")
    assert [x.entity_type for x in leaks] == []


def test_a_messenger_handle_left_in_clean_text_is_a_finding() -> None:
    scan.set_detector(lambda values: [[] for _ in values])  # only the independent identifier check
    try:
        leaks = scan.scan_records([(0, "text", "我的wx是djacobs"), (1, "text", "扣扣<QQ_NUMBER>，加我"),
                                   (2, "device_model", "HUAWEI Mate 60 Pro")], "f", zone="clean")
    finally:
        scan.set_detector(None)
    assert [(x.row, x.entity_type) for x in leaks] == [(0, "IDENTIFIER_MESSENGER_ID")]
