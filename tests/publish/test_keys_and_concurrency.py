"""Key rotation keeps old drops verifiable; parallel publishers cannot overspend a budget;
release ids depend only on inputs and rules."""

from __future__ import annotations

import json
import threading

import pytest
import yaml

from tests.publish.conftest import AS_OF, more_chat_users
from transforms.publish import plan_releases, publish, verify_release


def test_rotated_recipient_key_new_releases_use_it_old_ones_still_verify(lake, keystore):
    from anonymizers.keyring import KeyRing

    plans = [p for p in plan_releases(lake, as_of=AS_OF) if p["extract"] == "crash_performance_daily"]
    first = publish(lake, **plans[0], as_of=AS_OF)
    assert KeyRing.load().rotate("parquet:stats_partner") == "v2"
    second = publish(lake, **plans[1], as_of=AS_OF)
    assert first["manifest"]["encryption"]["key_version"] == "v1"
    assert second["manifest"]["encryption"]["key_version"] == "v2"
    assert verify_release(first["path"]).ok and verify_release(second["path"]).ok
    manifest = open(second["path"] + "/_manifest.json").read()
    audit = json.dumps(lake.audit_records("releases"))
    material = [v for entry in json.loads(keystore.read_text()).values() for v in entry["versions"].values()]
    assert material and not [m for m in material if m in manifest or m in audit]  # versions only


def test_parallel_publishers_cannot_overspend(lake, config_dir, eligible):
    more_chat_users(lake, eligible)
    path = config_dir / "recipients.yaml"
    data = yaml.safe_load(path.read_text())
    data["recipients"][0]["budget"]["epsilon"] = 2.5  # room for two ε=1 releases, not three
    path.write_text(yaml.safe_dump(data))
    plans = [p for p in plan_releases(lake, as_of=AS_OF) if p["extract"] in (
        "ml_frequent_replies_weekly", "ml_feature_usage_weekly", "ml_turn_taking_weekly")]
    assert len(plans) == 3
    results: list[dict] = []

    def run(p: dict) -> None:
        results.append(publish(lake, **p, as_of=AS_OF))

    threads = [threading.Thread(target=run, args=(p,)) for p in plans]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    published = [r for r in results if r["status"] == "published"]
    refused = [r for r in results if r["status"] == "refused"]
    spent = sum(r["epsilon_spent"] for r in published)
    ledger = [json.loads(f.read_text())["epsilon"]
              for f in lake.local_dir("_system", "budget", "ml_team").rglob("*.json")]
    assert spent <= 2.5 + 1e-9 and sum(ledger) == pytest.approx(spent) and len(ledger) == len(published)
    assert all(r["reason"].startswith(("budget:", "commit:")) for r in refused)
    assert refused or spent < 3.0  # three full-cost releases cannot all pass


def test_release_ids_depend_only_on_inputs_and_rules(lake, tmp_path):
    import shutil

    from transforms.lake import Lake

    copy = Lake(str(tmp_path / "copy"))
    shutil.copytree(lake.local_dir("clean"), copy.local_dir("clean"))
    ids = sorted(p["release_id"] for p in plan_releases(lake, as_of=AS_OF))
    assert ids == sorted(p["release_id"] for p in plan_releases(copy, as_of=AS_OF))
