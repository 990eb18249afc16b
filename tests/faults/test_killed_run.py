"""`aimate-share run` killed inside Airflow (mid-purge), then rerun: nothing hidden or partial is left,
the deletion completes with the exact record an uninterrupted run writes. Slow: two real Airflow runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from transforms.lake import Lake
from transforms.rights.completion import read_completion

from .conftest import REPO, leftovers

pytestmark = [pytest.mark.slow, pytest.mark.airflow]


def cli(*args: str, crash_at: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("AIRFLOW_HOME", None)
    if crash_at:
        env["AIMATE_CRASH_AT"] = crash_at
    return subprocess.run([sys.executable, "-m", "transforms.cli", *args], capture_output=True, text=True,
                          timeout=1500, cwd=REPO, env=env)


def test_run_killed_mid_purge_then_rerun(tmp_path):
    from transforms.synthetic import generate

    lake = Lake(str(tmp_path / "lake"))
    generate(lake.base, seed=5, days=2, users=120, messages=600, events=600)
    chat = sorted(f for f in lake.walk_files(lake.path("landing", "chat_messages")) if f.endswith(".jsonl"))
    user = json.loads(lake.read_bytes(chat[0]).splitlines()[0])["user_id"]
    assert cli("run", "--lake", lake.root).returncode == 0
    assert cli("forget", user, "--request-id", "DSR-K", "--lake", lake.root).returncode == 0

    killed = cli("run", "--lake", lake.root, crash_at="purge.pending_written:2")
    assert killed.returncode != 0
    assert read_completion(lake, "DSR-K") is None

    again = cli("run", "--lake", lake.root)
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    assert leftovers(lake) == []
    record = read_completion(lake, "DSR-K")
    assert record is not None and record["purged_totals"].get("landing", 0) > 0
    landing = "".join(lake.read_bytes(p).decode(errors="replace") for p in lake.walk_files(lake.path("landing")))
    assert f'"{user}"' not in landing
    # exact: every purged landing line is counted once (the landing of that user before = purged total)
    assert record["purged_totals"]["landing"] == sum(p["rows"] for p in record["purged"] if p["zone"] == "landing")
    assert [a for a in lake.audit_records("recovery") if a["actions"]]  # the sweep acted, and said so
