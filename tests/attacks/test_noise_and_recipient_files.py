"""Post-processing and what a recipient's folder holds.

- Noise on cells whose true values sit at the edge of their bounds (zero conversations, zero
  messages, zero-length sessions) must not publish a negative count, a negative sum or a mean or
  quantile outside its declared bounds (issue 10 saw `messages = -1750.6`). Holds.
- A recipient's folder holds, per release, exactly the Parquet file and the manifest: no staging
  or old folders, nothing about another recipient; the Parquet key-value metadata is the fixed
  `aimate.*` set (rules and ids, no counts). Holds.
"""

from __future__ import annotations

import json

import pyarrow as pa

from tests.publish.conftest import AS_OF
from transforms.publish import plan_releases, publish
from transforms.publish.aggregate import KEY, UNITS
from transforms.publish.config import load_config
from transforms.publish.crypto import read_parquet_bytes
from transforms.publish.dp import privatize
from transforms.publish.manifest import parse


def test_noisy_values_at_their_bounds_are_clamped(config_dir):
    ext = load_config().extracts["interaction_stats_weekly"].model_copy(update={"public_keys": ()})  # private selection
    n = 400
    cells = pa.table({
        KEY: [f"k{i}" for i in range(n)], UNITS: [10_000] * n,  # every cell is selected
        **{g: [f"{g}{i}" for i in range(n)] for g in ext.group_by},
        "conversations": [0] * n, "messages": [0.0] * n, "active_users": [10_000] * n,
        "mean_session_min__sum": [0.0] * n, "mean_session_min__n": [1] * n,
    })
    rows, _ = privatize(cells, ext)
    assert len(rows) == n
    assert min(r["conversations"] for r in rows) >= 0
    assert min(r["messages"] for r in rows) >= 0.0
    means = [r["mean_session_min"] for r in rows if r["mean_session_min"] is not None]
    assert means and all(0.0 <= m <= 120.0 for m in means)
    assert min(r["active_users"] for r in rows) >= 0


def test_a_recipient_folder_holds_only_its_rows_and_rules(lake, keystore):
    wanted = ("crash_performance_daily", "ml_feature_usage_weekly", "interaction_stats_weekly")
    for p in plan_releases(lake, as_of=AS_OF, extracts=list(wanted)):
        assert publish(lake, **p, as_of=AS_OF)["status"] == "published"
    from anonymizers.keyring import KeyRing

    cfg, kr = load_config(), KeyRing.load()
    for recipient_dir in lake.local_dir("published").iterdir():
        others = [r for r in cfg.recipients if r != recipient_dir.name]
        for path in recipient_dir.rglob("*"):
            if path.is_dir():
                assert not path.name.startswith("."), f"staging left in a recipient folder: {path}"
                continue
            assert path.name in ("part-0.parquet", "_manifest.json", "DATA_DICTIONARY.md"), path
            if path.name == "DATA_DICTIONARY.md":  # declaration and calibration only (dictionary.py)
                assert not [o for o in others if o in path.read_text()], path
                continue
            if path.name == "_manifest.json":
                text = path.read_text()
                assert parse(text).recipient == recipient_dir.name
                assert not [o for o in others if o in text], path
                continue
            table = read_parquet_bytes(path.read_bytes(), kr)
            meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
            assert set(meta) == {"aimate.release_id", "aimate.extract", "aimate.recipient", "aimate.interval",
                                 "aimate.policy_version", "aimate.config_version"}, meta
            assert meta["aimate.recipient"] == recipient_dir.name
            assert not [o for o in others if o in json.dumps(meta)]
