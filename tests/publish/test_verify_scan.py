"""`verify` detects tampering; `scan` reports a finding per leaked value; the listing reads the audit."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tests.publish.conftest import AS_OF
from transforms.cli import app
from transforms.publish import list_releases, plan_releases, publish, verify_release

runner = CliRunner()


def _publish(lake, extract):
    plan = next(p for p in plan_releases(lake, as_of=AS_OF) if p["extract"] == extract)
    rec = publish(lake, **plan, as_of=AS_OF)
    assert rec["status"] == "published"
    return rec["path"]


def test_verify_ok_and_cli_exit_zero(lake, keystore):
    path = _publish(lake, "crash_performance_daily")
    res = runner.invoke(app, ["verify", path, "--keystore", str(keystore)])
    assert res.exit_code == 0, res.output
    assert "decrypted with key version v1" in res.output


def test_tampered_file_fails_verify(lake, keystore):
    path = _publish(lake, "crash_performance_daily")
    part = f"{path}/part-0.parquet"
    data = bytearray(open(part, "rb").read())
    data[len(data) // 2] ^= 0x01  # one bit flipped inside the encrypted column data
    open(part, "wb").write(bytes(data))
    v = verify_release(path)
    assert not v.ok and any("sha256 differs" in p for p in v.problems)
    res = runner.invoke(app, ["verify", path])
    assert res.exit_code == 1 and "sha256 differs" in res.output


def test_rewritten_plain_file_fails_verify(lake, eligible):
    from tests.publish.conftest import more_chat_users

    more_chat_users(lake, eligible)
    path = _publish(lake, "ml_frequent_utterances_weekly")
    part = f"{path}/part-0.parquet"
    t = pq.read_table(part)
    assert t.num_rows > 0
    t = t.set_column(t.column_names.index("users"), "users", pa.array([999] * t.num_rows, pa.int64()))
    pq.write_table(t, part, compression="zstd")
    assert not verify_release(path).ok


def test_manifest_tampering_and_extra_file_fail_verify(lake):
    path = _publish(lake, "ml_feature_usage_weekly")
    mpath = f"{path}/_manifest.json"
    m = json.loads(open(mpath).read())
    m["schema"] = m["schema"][:-1]
    m["files"][0]["rows"] += 1
    open(mpath, "w").write(json.dumps(m))
    open(f"{path}/extra.parquet", "wb").write(b"x")
    problems = " | ".join(verify_release(path).problems)
    assert "schema" in problems and "rows" in problems and "extra.parquet: file not listed" in problems


def test_encrypted_release_needs_the_recipient_key(lake, tmp_path):
    path = _publish(lake, "crash_performance_daily")
    other = tmp_path / "other" / "keystore.json"
    other.parent.mkdir()
    other.write_text("{}")
    v = verify_release(path, other)
    assert not v.ok and any("cannot be read with the recipient key" in p for p in v.problems)


def test_scan_cli_reports_each_leak(tmp_path, fake_detector):
    jsonl = tmp_path / "out.jsonl"
    jsonl.write_text('{"id": 1, "text": "call 13812345678"}\n{"id": 2, "text": "fine"}\n'
                     '{"id": 3, "text": "a@b.com or 13900001111"}\n')
    pq.write_table(pa.table({"utterance": ["ok", "hi 13700001111"], "n": [1, 2]}), tmp_path / "t.parquet")
    res = runner.invoke(app, ["scan", str(jsonl), str(tmp_path / "t.parquet")])
    assert res.exit_code == 1
    lines = [line for line in res.stdout.splitlines() if "\t" in line]
    assert {tuple(line.split("\t")[1:3]) for line in lines} == {
        (str(jsonl), "row 1"), (str(jsonl), "row 3"), (str(tmp_path / "t.parquet"), "row 1")}
    assert any(line.startswith("IDENTIFIER_DIGIT_SEQUENCE") for line in lines)  # the independent check too
    assert any("PHONE_NUMBER" in line and "row 1" in line and "13*******78" in line for line in lines)
    assert any("t.parquet" in line and "row 1" in line and "utterance" in line for line in lines)
    assert "13812345678" not in res.output
    clean = tmp_path / "clean.jsonl"
    clean.write_text('{"id": 1, "text": "晚安"}\n')
    assert runner.invoke(app, ["scan", str(clean)]).exit_code == 0


def test_scan_flags_pseudonymous_ids(tmp_path, fake_detector):
    pq.write_table(pa.table({"k": ["3f9a1c2b4d5e6f708192a3b4"]}), tmp_path / "ids.parquet")
    res = runner.invoke(app, ["scan", str(tmp_path / "ids.parquet")])
    assert res.exit_code == 1 and "PSEUDONYMOUS_ID" in res.output


@pytest.mark.slow
def test_releases_listing_and_rerun_spends_nothing(lake):
    for p in plan_releases(lake, as_of=AS_OF):
        publish(lake, **p, as_of=AS_OF)
    budget_files = sorted(lake.local_dir("_system", "budget").rglob("*.json"))
    rows = list_releases(lake)
    assert {r["extract"] for r in rows} == {
        "crash_performance_daily", "interaction_stats_weekly", "ml_feature_usage_weekly",
        "ml_character_interaction_weekly", "ml_conversation_length_weekly",
        "ml_turn_taking_weekly", "ml_frequent_utterances_weekly", "ml_frequent_replies_weekly"}
    assert all(r["status"] == "published" for r in rows)
    assert any(r["cross_border"] for r in rows)
    # rerun with nothing new: nothing planned, nothing published, no budget spent
    assert plan_releases(lake, as_of=AS_OF) == []
    assert sorted(lake.local_dir("_system", "budget").rglob("*.json")) == budget_files
    res = runner.invoke(app, ["releases", "--lake", lake.base, "--json"])
    assert res.exit_code == 0 and len(res.output.strip().splitlines()) == len(rows)


def test_scan_fails_closed_on_unreadable_file_and_broken_detector(tmp_path):
    from transforms.publish import scan

    (tmp_path / "bad.parquet").write_bytes(b"not parquet")
    (tmp_path / "ok.jsonl").write_text('{"text": "hello"}\n')

    def broken(_values):
        raise RuntimeError("no engine")

    scan.set_detector(broken)
    try:
        kinds = {x.entity_type for x in scan.scan_paths([tmp_path])}
    finally:
        scan.set_detector(None)
    assert kinds == {"UNREADABLE", "SCANNER_ERROR"}
