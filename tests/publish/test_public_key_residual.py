"""The residual gate on public-key columns: values of the declared list pass, anything else is refused.

On the demo, `ml_character_interaction_weekly` was refused because the engine read the catalogue id
`chr_laoshi_wang` as a pinyin PERSON: a public key is not data, so it is checked against its list.
"""

from __future__ import annotations

from types import SimpleNamespace

import pyarrow as pa
import pytest

from transforms.publish.config import load_config
from transforms.publish.gates import GateFailed, residual_identifiers
from transforms.publish.public_partitions import resolve


def _attempt(config_dir, character_ids: list[str]) -> SimpleNamespace:
    cfg = load_config(config_dir)
    ex = cfg.extracts["ml_character_interaction_weekly"]
    topic = resolve(ex, cfg)["topic"][0]
    n = len(character_ids)
    table = pa.table({"character_id": character_ids, "topic": [topic] * n, "conversations": [3] * n})
    return SimpleNamespace(extract=ex, cfg=cfg, table=table, release_id="r1")


def test_catalogue_ids_pass_as_public_keys(config_dir) -> None:
    cfg = load_config(config_dir)
    ex = cfg.extracts["ml_character_interaction_weekly"]
    ids = list(resolve(ex, cfg)["character_id"])
    assert "chr_laoshi_wang" in ids
    assert "no finding" in residual_identifiers(_attempt(config_dir, ids))


def test_a_value_outside_the_public_list_is_refused(config_dir) -> None:
    with pytest.raises(GateFailed, match="NOT_A_PUBLIC_KEY in character_id row 1"):
        residual_identifiers(_attempt(config_dir, ["chr_laoshi_wang", "zhang wei 13812345678"]))
