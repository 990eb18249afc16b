"""Operator output: the run summary reconciles every row; CLI flags scripts rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from transforms.lake import Lake
from transforms.orchestration.summary import summarise_lake

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "transforms.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env)


def test_every_row_is_accounted_for_excluded_by_rights_included(tmp_path) -> None:
    lake = Lake(str(tmp_path))
    raw = lake.partition("raw", "chat_messages", "2026-11-30")
    lake.write_json(f"{raw}/_ingest.json", {"lines": 95, "raw_rows": 90, "quarantined": 5, "purged_raw_rows": 4,
                                           "purged_quarantined": 1})
    lake.write_json(f"{raw}/_ingest-postgres.json", {"lines": 10, "raw_rows": 10, "quarantined": 0})
    clean = lake.partition("clean", "chat_messages", "2026-11-30")
    lake.write_json(f"{clean}/_clean.json", {"raw_rows": 100, "clean_rows": 93, "rejected": 1, "excluded_by_rights": 6})
    lake.write_json(f"{lake.partition('raw', 'chat_messages', '2026-12-01')}/_ingest.json",
                    {"lines": 3, "raw_rows": 3, "quarantined": 0})  # ingested, not yet de-identified
    c = summarise_lake(lake).tables["chat_messages"]
    assert (c.delivered, c.purged, c.quarantined, c.raw) == (95 + 10 + 3, 5, 5, 100 + 3)
    assert (c.clean, c.rejected_at_deid, c.excluded_by_rights, c.raw_not_deidentified) == (93, 1, 6, 3)
    assert c.ingest_ok and c.deid_ok
    lake.write_json(f"{clean}/_clean.json", {"raw_rows": 100, "clean_rows": 90, "rejected": 1, "excluded_by_rights": 6})
    assert not summarise_lake(lake).tables["chat_messages"].deid_ok, "3 rows unaccounted for must show"


def test_version_and_json_flags(tmp_path) -> None:
    import os

    assert _cli("--version").stdout.startswith("aimate-share ")
    env = {**os.environ, "AIMATE_KEYSTORE": str(tmp_path / "keystore.json")}
    from anonymizers.keyring import KeyRing

    KeyRing.load(tmp_path / "keystore.json").current("internal")
    listed = _cli("keys", "list", "--json", env=env)
    assert json.loads(listed.stdout) == {"internal": "v1"}
    names = _cli("keys", "rotate", env=env)
    assert names.returncode == 2 and "internal" in names.stdout
    typo = _cli("keys", "rotate", "internl", env=env)
    assert typo.returncode == 2 and "no key named 'internl'" in typo.stderr and "internal" in typo.stderr
    assert json.loads(_cli("keys", "list", "--json", env=env).stdout) == {"internal": "v1"}, "a typo mints nothing"


def test_a_manifest_that_does_not_validate_is_shown_not_fatal(tmp_path) -> None:
    lake = Lake(str(tmp_path))
    lake.write_json(lake.path("published", "stats_partner", "crash_performance_daily", "2026-11-30-ab", "_manifest.json"),
                    {"release_id": "2026-11-30-ab", "extract": "crash_performance_daily", "legacy_field": 1})
    lake.write_json(lake.path("published", "stats_partner", "crash_performance_daily", ".tmp-x", "_manifest.json"), {})
    [r] = summarise_lake(lake).releases
    assert r["release_id"] == "2026-11-30-ab" and r["problem"].startswith("manifest does not validate")
