"""Sound bounding and post-processing: the contribution-bounding salt is secret and fixed per
(extract, interval), noisy values stay inside their declared bounds; rights answers say per release
what protects it."""

from __future__ import annotations

import random
from datetime import date

import pyarrow as pa

from tests.publish.conftest import AS_OF
from transforms.publish import dp
from transforms.publish.aggregate import KEY, UNITS
from transforms.publish.config import load_config
from transforms.publish.gates import Attempt, bounding_salt
from transforms.publish.intervals import interval_of
from transforms.rights.releases import protection


def _attempt(lake, extract="ml_feature_usage_weekly", day=date(2026, 11, 16), rid="r1", fp="f1"):
    cfg = load_config()
    ext = cfg.extracts[extract]
    return Attempt(lake, cfg, ext, cfg.recipient_of(ext), interval_of(day, ext.interval), rid, "c", [], fp, AS_OF)


def test_salt_depends_on_extract_interval_and_secret_only(lake, keystore):
    a = bounding_salt(_attempt(lake))
    # another release id / other inputs (other users' data, run time) for the same interval: same salt
    assert bounding_salt(_attempt(lake, rid="other-release", fp="other-inputs")) == a
    assert bounding_salt(_attempt(lake, day=date(2026, 11, 23)))[0] != a[0]
    assert bounding_salt(_attempt(lake, extract="ml_turn_taking_weekly"))[0] != a[0]
    salt, version = a
    assert version == "v1" and salt not in keystore.read_text() and "r1" not in salt
    from anonymizers.keyring import KeyRing

    KeyRing.load().rotate("publish:bounding-salt")
    assert bounding_salt(_attempt(lake))[0] != salt  # a secret: unknown without the key


def test_noisy_values_are_clamped_to_their_bounds():
    # messages: sum with bounds [0, 100]; measured with private selection (its keys are public in config)
    ext = load_config().extracts["interaction_stats_weekly"].model_copy(update={"public_keys": ()})
    rng = random.Random(0)
    cells = []
    for i in range(40):
        row = {KEY: f"k{i}", UNITS: 500}
        for g in ext.group_by:
            row[g] = f"g{i}"
        row.update(conversations=rng.randrange(3), messages=0.0, active_users=500,
                   mean_session_min__sum=0.0, mean_session_min__n=1)
        cells.append(row)
    out, _ = dp.privatize(pa.Table.from_pylist(cells), ext)
    assert len(out) == 40
    assert all(r["messages"] >= 0 and r["conversations"] >= 0 for r in out)  # noise would go negative
    assert all(0 <= r["mean_session_min"] <= 120 for r in out if r["mean_session_min"] is not None)


def test_protection_says_what_protects_each_release():
    dp_doc = {"k": 10, "k_unit": "user_pid", "dp": {"mechanism": "gaussian", "privacy_unit": "user_pid"},
              "spend": {"epsilon": 0.27, "delta": 1e-7}}
    assert protection(dp_doc).startswith("differential privacy (gaussian") and "ε=0.27" in protection(dp_doc)
    k_doc = {"k": 10, "k_unit": "device_pid", "dp": None}
    assert "no differential-privacy noise" in protection(k_doc) and "10 distinct devices" in protection(k_doc)
