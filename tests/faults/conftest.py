"""Fault-injection harness: tiny lakes, a throwaway key store, a child process killed at a named point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from transforms.lake import LEFTOVER, Lake

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _keystore(tmp_path_factory, monkeypatch):
    store = tmp_path_factory.getbasetemp() / "faults-keystore.json"
    monkeypatch.setenv("AIMATE_KEYSTORE", str(store))
    monkeypatch.delenv("AIMATE_KEY_INTERNAL", raising=False)
    monkeypatch.delenv("AIMATE_CRASH_AT", raising=False)


@pytest.fixture
def lake(tmp_path) -> Lake:
    return Lake(str(tmp_path / "lake"))


def run_killed(code: str, crash_at: str, *args: str) -> subprocess.CompletedProcess:
    """Run `code` in a child Python with AIMATE_CRASH_AT set; the child SIGKILLs itself there."""
    env = {**os.environ, "AIMATE_CRASH_AT": crash_at, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True,
                          timeout=120, cwd=REPO)


def leftovers(lake: Lake) -> list[str]:
    """Hidden staging / moved-aside copies and unsettled purge entries anywhere in the lake."""
    out = []
    for dirpath, dirnames, filenames in os.walk(lake.base):
        if "_system/airflow" in dirpath or "_system/locks" in dirpath:
            continue
        for name in dirnames + filenames:
            if LEFTOVER.match(name) or name.endswith(".pending"):
                out.append(os.path.join(dirpath, name))
    return out
