"""A lost or replaced key store stops the run instead of minting a second pseudonym space."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from anonymizers.keyring import KeyRing
from tests.pipeline.test_clean import DT, FailingOn, _lake_with_raw
from transforms.clean import partitions
from transforms.keys_in_use import KeyStoreMismatch, check_keys, recorded_keys
from transforms.recovery import recover
from transforms.rights.purge import purge_users

from .conftest import REPO


@pytest.fixture
def cleaned(tmp_path, monkeypatch):
    monkeypatch.setattr(partitions, "_deidentifier", lambda: FailingOn("BOOM"))
    lake = _lake_with_raw(tmp_path / "lake", ["hello", "你好"])
    [record] = partitions.deidentify_all(lake)
    return lake, record


def test_clean_partitions_record_the_fingerprint_of_their_key(cleaned):
    lake, record = cleaned
    kr = KeyRing.load()
    expected = kr.fingerprint("internal", record["pseudonym_key_version"])
    side = lake.read_json(f"{lake.partition('clean', 'chat_messages', DT)}/_clean.json")
    assert side["pseudonym_key_fingerprint"] == expected and len(expected) == 16
    assert recorded_keys(lake)["internal"] == {record["pseudonym_key_version"]: expected}
    raw_key = kr.get("internal", record["pseudonym_key_version"])
    assert raw_key.hex()[:16] not in json.dumps(side) and expected not in raw_key.hex()


def test_missing_key_store_stops_every_step_and_mints_nothing(cleaned, tmp_path, monkeypatch):
    lake, _ = cleaned
    lost = tmp_path / "elsewhere" / "keystore.json"
    monkeypatch.setenv("AIMATE_KEYSTORE", str(lost))
    for step in (lambda: check_keys(lake), lambda: partitions.plan_deidentification(lake),
                 lambda: purge_users(lake, {"u1"}, reason="rights_request"), lambda: recover(lake)):
        with pytest.raises(KeyStoreMismatch, match="has no key 'internal' v1"):
            step()
    assert not lost.exists() or "internal" not in json.loads(lost.read_text())  # no new key minted


def test_a_different_key_store_is_detected(cleaned, tmp_path, monkeypatch):
    lake, _ = cleaned
    other = tmp_path / "other.json"
    monkeypatch.setenv("AIMATE_KEYSTORE", str(other))
    KeyRing.load().current("internal")  # somebody else's v1
    with pytest.raises(KeyStoreMismatch, match="different key 'internal' v1"):
        partitions.plan_deidentification(lake)


def test_cli_run_says_why_in_one_line(cleaned, tmp_path):
    lake, _ = cleaned
    env = {**os.environ, "AIMATE_KEYSTORE": str(tmp_path / "gone.json"), "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-m", "transforms.cli", "run", "--lake", lake.root], env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert "refusing to run: key store" in out.stderr and "Traceback" not in out.stderr + out.stdout
