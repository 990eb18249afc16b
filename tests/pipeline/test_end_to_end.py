"""The whole chain through a real Airflow on a temporary lake, read back and checked.

Sample → `aimate-share run` (embedded Airflow, dag.test per DAG) → every zone inspected:
counts reconcile, no identifier or phone number from the input survives in clean or published files,
every release verifies, and a rerun with nothing new changes nothing.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from transforms import schemas
from transforms.lake import Lake
from transforms.orchestration.chain import run_chain

pytestmark = [pytest.mark.slow, pytest.mark.airflow]

DEVICE_KEYS = ("imei", "android_id", "oaid", "idfa", "idfv", "mac")
# Voice transcripts spell numbers out: a phone number read aloud is still the phone number.
SPOKEN_DIGITS = str.maketrans("零〇一幺二两三四五六七八九", "0011223456789")


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory):
    from transforms.synthetic import generate

    root = tmp_path_factory.mktemp("lake")
    truth = tmp_path_factory.mktemp("truth")
    generate(root, seed=11, truth_dir=truth)
    lake = Lake(str(root))
    first = run_chain(lake)
    return lake, truth, first


def _landing_records(lake: Lake, source: str) -> list[dict]:
    out = []
    for dt in lake.list_dates("landing", source):
        for f in lake.list_files(lake.partition("landing", source, dt), ".jsonl"):
            for line in Path(f).read_text(encoding="utf-8").splitlines():
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(rec, dict):
                    out.append(rec)
    return out


def _secrets(lake: Lake, truth: Path) -> tuple[set[str], set[str]]:
    """(identifiers that must never appear, mobile numbers as digits) from the input itself."""
    ids: set[str] = set()
    for rec in _landing_records(lake, "telemetry_events"):
        ids.update(v for v in [rec.get("ip"), rec.get("user_id"), rec.get("event_id")] if isinstance(v, str))
        device = rec.get("device") if isinstance(rec.get("device"), dict) else {}
        ids.update(device[k] for k in DEVICE_KEYS if isinstance(device.get(k), str))
    for rec in _landing_records(lake, "chat_messages"):
        ids.update(v for v in [rec.get("user_id"), rec.get("message_id"), rec.get("conversation_id")]
                   if isinstance(v, str))
    phones = set()
    for line in (truth / "pii.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["entity_type"] in ("CN_MOBILE", "PHONE_NUMBER", "CN_LANDLINE"):
            phones.add(re.sub(r"\D", "", item.get("normalized") or item["value"]))
    return {i for i in ids if len(i) >= 6}, phones


def _read_any(path: Path) -> pa.Table:
    """Clean files and published files, decrypting recipients' encrypted drops with their key."""
    from anonymizers.keyring import KeyRing
    from transforms.publish.crypto import read_parquet_bytes

    return read_parquet_bytes(path.read_bytes(), KeyRing.load())


def _string_cells(table: pa.Table) -> list[str]:
    cells = []
    for column in table.columns:
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type) or pa.types.is_list(column.type):
            cells.extend(str(v) for v in column.to_pylist() if v is not None)
    return cells


def test_every_dag_run_succeeded(chain) -> None:
    _, _, first = chain
    dags = {r["dag_id"] for r in first.runs}
    assert {"aimate_ingest", "aimate_deidentify", "aimate_rights", "aimate_publish"} <= dags
    assert all(r["state"] == "success" for r in first.runs)


def test_counts_reconcile_zone_by_zone(chain) -> None:
    lake, _, _ = chain
    for source in schemas.SOURCES:
        for dt in lake.list_dates("raw", source):
            sidecar = lake.read_json(f"{lake.partition('raw', source, dt)}/_ingest.json")
            raw = lake.read_partition("raw", source, dt).num_rows
            quarantined = lake.read_partition("quarantine", source, dt, schemas.QUARANTINE).num_rows
            assert sidecar["lines"] == raw + quarantined, (source, dt)
            clean = lake.read_json(f"{lake.partition('clean', source, dt)}/_clean.json")
            accounted = clean["clean_rows"] + clean["rejected"] + clean["excluded_by_rights"]
            assert clean["raw_rows"] == raw == accounted, (source, dt)
    malformed = sum(lake.read_partition("quarantine", s, dt, schemas.QUARANTINE).num_rows
                    for s in schemas.SOURCES for dt in lake.list_dates("quarantine", s))
    assert malformed > 0, "the sample's malformed records must be quarantined, not dropped"


def test_no_identifier_or_phone_survives_in_clean_or_published(chain) -> None:
    lake, truth, _ = chain
    ids, phones = _secrets(lake, truth)
    assert len(ids) > 100 and len(phones) > 10
    files = [Path(p) for zone in ("clean", "published") for p in lake.walk_files(lake.path(zone))
             if p.endswith(".parquet")]
    assert any("/published/" in str(f) for f in files)
    for f in files:
        cells = _string_cells(_read_any(f))
        blob = "\n".join(cells)
        digits = re.sub(r"\D", "", blob.replace("\n", "|").translate(SPOKEN_DIGITS))
        leaked = [i for i in ids if i in blob]
        assert not leaked, f"{f}: identifiers leaked, e.g. {leaked[:3]}"
        assert not [p for p in phones if p in digits], f"{f}: a phone number survived"


def test_releases_verify_and_hold_no_identifier_columns(chain) -> None:
    lake, _, _ = chain
    manifests = [Path(p) for p in lake.walk_files(lake.path("published")) if p.endswith("_manifest.json")]
    recipients = {json.loads(m.read_text())["recipient"] for m in manifests}
    assert len(recipients) >= 3, recipients
    env = {**os.environ}
    for m in manifests:
        result = subprocess.run([sys.executable, "-m", "transforms.cli", "verify", str(m.parent)],
                                capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
        for part in m.parent.glob("*.parquet"):
            names = set(_read_any(part).column_names)
            assert not {n for n in names if n.endswith(("_pid", "_id")) and n != "character_id"}, (part, names)


def test_rerun_with_nothing_new_changes_nothing(chain) -> None:
    lake, _, _ = chain

    def snapshot() -> dict[str, bytes]:
        return {p: Path(p).read_bytes() for zone in ("raw", "clean", "published")
                for p in lake.walk_files(lake.path(zone)) if p.endswith(".parquet")}

    before = snapshot()
    again = run_chain(lake)
    assert "aimate_ingest" not in {r["dag_id"] for r in again.runs}
    assert snapshot() == before


def test_forgotten_user_is_gone_from_landing_raw_and_clean(chain) -> None:
    """The privacy officer's black-box check: forget a user, run the pipeline, grep the lake."""
    from anonymizers.pseudonym import Pseudonymizer

    lake, _, _ = chain
    chats = [r for r in _landing_records(lake, "chat_messages") if isinstance(r.get("user_id"), str)]
    user = max({r["user_id"] for r in chats}, key=lambda u: sum(r["user_id"] == u for r in chats))
    pid = Pseudonymizer("internal").one("user", user)
    forget = subprocess.run([sys.executable, "-m", "transforms.cli", "forget", user, "--request-id", "DSR-E2E-1",
                             "--reason", "test", "--lake", lake.base], capture_output=True, text=True)
    assert forget.returncode == 0, forget.stdout + forget.stderr
    run_chain(lake)
    for zone in ("landing", "raw", "quarantine", "clean"):
        for path in lake.walk_files(lake.path(zone)):
            if path.endswith(".parquet"):
                blob = "\n".join(_string_cells(_read_any(Path(path))))
            else:
                blob = Path(path).read_text(encoding="utf-8", errors="replace")
            assert user not in blob and pid not in blob, f"{user} still in {path}"
    record = json.loads(Path(lake.path("rights", "completions", "DSR-E2E-1.json")).read_text())
    assert record["completed_at"] and record.get("purged"), record
