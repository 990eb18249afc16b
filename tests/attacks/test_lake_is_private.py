"""A curious local user: another account on the host reads the lake. On the demo lake every folder
was 0755 and every file 0644, so `su -s /bin/sh nobody -c 'cat .../raw/.../part-0.parquet'` read raw
chat, and the audit, the odometer and every recipient's drop were as open. What a publishing run
writes (release folders, manifests, the registry, the odometer, budgets, audit records) must be
private to the lake's owner (folders 0700, files 0600) even when the shell's umask is 022.
"""

from __future__ import annotations

import os
import stat

from tests.publish.conftest import AS_OF
from transforms.lake import Lake
from transforms.publish import plan_releases, publish

WRITTEN_BY_PUBLISH = ("published", "_system/odometer", "_system/publish", "_system/budget", "_system/audit")


def _loose(root: str) -> list[str]:
    out = []
    for dirpath, _dirs, files in os.walk(root):
        for p in [dirpath, *(os.path.join(dirpath, f) for f in files)]:
            mode = stat.S_IMODE(os.lstat(p).st_mode)
            if mode & 0o077:
                out.append(f"{oct(mode)} {p}")
    return out


def test_what_a_publishing_run_writes_is_private_to_the_owner(lake):
    old = os.umask(0o022)  # a permissive shell or Airflow worker
    try:
        fresh = Lake(lake.base)  # what a task or command does first
        plan = next(p for p in plan_releases(fresh, as_of=AS_OF) if p["extract"] == "ml_feature_usage_weekly")
        assert publish(fresh, **plan, as_of=AS_OF)["status"] == "published"
    finally:
        os.umask(old)
    loose = [x for sub in WRITTEN_BY_PUBLISH for x in _loose(lake.path(sub))]
    assert not loose, loose[:10]
