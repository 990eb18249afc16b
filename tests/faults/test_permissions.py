"""Least privilege on disk: the lake is private to its owner (dirs 0700, files 0600)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

from transforms.ingest import ingest_partition
from transforms.lake import Lake
from transforms.recovery import recover

from .conftest import REPO


def loose(root: str) -> list[str]:
    out = []
    for dirpath, _dirnames, filenames in os.walk(root):
        for p in [dirpath] + [os.path.join(dirpath, f) for f in filenames]:
            if stat.S_IMODE(os.lstat(p).st_mode) & 0o077:
                out.append(f"{oct(stat.S_IMODE(os.lstat(p).st_mode))} {p}")
    return out


def test_everything_a_step_writes_is_private(tmp_path):
    os.umask(0o022)  # a permissive shell
    lake = Lake(str(tmp_path / "lake"))
    lake.write_bytes(lake.path("landing", "chat_messages", "dt=2026-11-20", "a.jsonl"), b'{"x": 1}\n')
    ingest_partition(lake, "chat_messages", "2026-11-20")
    with lake.lock("partition-rewrites"):
        pass
    assert loose(lake.base) == []
    assert stat.S_IMODE(os.stat(lake.base).st_mode) == 0o700


def test_recovery_tightens_an_older_lake(tmp_path):
    root = tmp_path / "old"
    (root / "raw" / "t" / "dt=2026-11-20").mkdir(parents=True)
    f = root / "raw" / "t" / "dt=2026-11-20" / "part-0.parquet"
    f.write_bytes(b"x")
    for p in (root, root / "raw", root / "raw" / "t", f.parent):
        p.chmod(0o755)
    f.chmod(0o644)
    summary = recover(Lake(str(root)))
    assert summary["permissions_tightened"] == 5 and loose(str(root)) == []


def test_the_cli_runs_under_umask_077(tmp_path):
    lake = Lake(str(tmp_path / "lake"))
    lake.mark("run")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", "import os; os.umask(0o022); import sys; sys.argv = ['x', "
                          f"'forget', 'u1', '--request-id', 'r1', '--lake', {lake.root!r}]; "
                          "from transforms.cli import main; main()"], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    ledger = lake.list_files(lake.path("rights", "ledger"))
    assert ledger and loose(lake.base) == []
