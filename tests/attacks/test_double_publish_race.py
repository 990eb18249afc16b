"""The double-publish race: two processes publish the same release at once. On the old code both
passed the "folder exists?" check before either wrote, both reported "published" with different
noise under one release id, and the budget was charged once. Now the check is repeated under the
publish lock: exactly one publishes, the other is a no-op that charges nothing, and the files on
disk are the ones the winner's manifest describes.

Fails on the code before this change: both children return status "published".
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.publish.conftest import AS_OF
from transforms.publish import plan_releases

EXTRACT = "ml_feature_usage_weekly"

CHILD = textwrap.dedent('''
    import json, os, sys, time
    from datetime import datetime
    from pathlib import Path
    from tests.publish.conftest import fake_detect, population
    from transforms.publish import crypto, release, scan

    lake, plan_json, barrier, me = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4]
    release.eligible_population = lambda *_a: population(60)
    scan.set_detector(fake_detect)
    real = crypto.parquet_bytes

    def rendezvous(*a, **k):  # both processes have computed before either writes
        (barrier / me).touch()
        deadline = time.monotonic() + 60
        while len(list(barrier.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        return real(*a, **k)

    crypto.parquet_bytes = rendezvous
    if hasattr(release, "parquet_bytes"):
        release.parquet_bytes = rendezvous
    plan = json.loads(plan_json)
    rec = release.publish(lake, **plan, as_of=datetime.fromisoformat(sys.argv[5]))
    print(json.dumps({"status": rec["status"], "sha": ((rec.get("manifest") or rec).get("files") or [{}])[0].get("sha256")}))
''')


def test_two_processes_publish_once(lake, tmp_path, config_dir, keystore):
    plan = next(p for p in plan_releases(lake, as_of=AS_OF) if p["extract"] == EXTRACT)
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    root = Path(__file__).resolve().parents[2]
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, lake.base, json.dumps(plan), str(barrier), str(i),
                               AS_OF.isoformat()], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for i in range(2)]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=240)
        assert p.returncode == 0, err[-2000:]
        outs.append(json.loads(out.strip().splitlines()[-1]))
    assert sorted(o["status"] for o in outs) == ["exists", "published"], outs
    winner = next(o for o in outs if o["status"] == "published")
    rdir = next(d for d in lake.local_dir("published", "ml_team", EXTRACT).iterdir() if not d.name.startswith("."))
    manifest = json.loads((rdir / "_manifest.json").read_text())
    on_disk = hashlib.sha256((rdir / "part-0.parquet").read_bytes()).hexdigest()
    assert manifest["files"][0]["sha256"] == on_disk == winner["sha"]
    charges = list(lake.local_dir("_system", "budget", "ml_team").rglob("*.json"))
    assert len(charges) == 1
