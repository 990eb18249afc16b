"""Public partitions: every cell of the declared lists is released with noise, no selection budget is
spent, data outside the lists is in no cell, and keys that are data cannot be declared public."""

from __future__ import annotations

import re

import pyarrow as pa
import pytest
import yaml

from tests.publish.conftest import DAYS, telemetry_rows, write_partition
from tests.recipients.conftest import publish_extract
from transforms.clean.generalize import os_family
from transforms.publish import dp as dpmod
from transforms.publish import public_partitions as pp
from transforms.publish.aggregate import KEY, UNITS
from transforms.publish.config import ConfigError, load_config
from transforms.publish.crypto import read_parquet_bytes
from transforms.schemas import CLEAN_TELEMETRY_EVENTS


def _edit(config_dir, fn):
    path = config_dir / "extracts.yaml"
    data = yaml.safe_load(path.read_text())
    fn({e["id"]: e for e in data["extracts"]})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@pytest.mark.parametrize("mutate, expect", [
    (lambda x: x["ml_frequent_utterances_weekly"].update(public_keys=[{"column": "utterance", "values": ["hi"]}]),
     "only coarse dims can be public"),
    (lambda x: x["interaction_stats_weekly"]["public_keys"].pop(), "must name every group_by column"),
    (lambda x: x["interaction_stats_weekly"]["public_keys"][0].update(domain="app_versions"), "Input should be"),
    (lambda x: x["interaction_stats_weekly"]["public_keys"][0].update(values=["a"]), "exactly one of domain"),
    (lambda x: (x["crash_performance_daily"].pop("dp"),
                x["crash_performance_daily"].update(public_keys=[{"column": "os_family", "domain": "os_families"},
                                                                 {"column": "app_version", "values": ["1"]}])),
     "declare dp"),
])
def test_bad_public_keys_rejected(config_dir, mutate, expect):
    _edit(config_dir, mutate)
    with pytest.raises(ConfigError) as err:
        load_config(config_dir)
    assert expect in str(err.value)


def test_public_keys_do_not_change_other_extracts_config_version(config_dir):
    cfg = load_config(config_dir)
    dump = cfg.extracts["ml_feature_usage_weekly"].model_dump(mode="json")
    assert "public_keys" not in dump  # releases of extracts without public keys keep their config version


def test_named_domains_hold_what_the_code_produces(config_dir):
    cfg = load_config(config_dir)
    assert pp.named_domain("hour_bands", cfg) == ("00-05", "06-11", "12-17", "18-23")
    for raw in ["Android 14", "iOS 17.2", "HarmonyOS 4", "iPhone OS", "Windows", None]:
        assert (os_family(raw) or pp.UNKNOWN) in pp.named_domain("os_families", cfg)
    assert "北京" in pp.named_domain("provinces", cfg) and "unknown" in pp.named_domain("provinces", cfg)
    assert set(pp.named_domain("age_bands", cfg)) >= {"0-13", "18-24", "55+", "unknown"}
    import inspect

    from transforms.publish import views

    src = inspect.getsource(views)  # the length bands and turn patterns the view writes
    for ext_id, col in [("ml_conversation_length_weekly", "length_band"), ("ml_turn_taking_weekly", "turn_pattern")]:
        block = re.search(r"CASE((?:(?!CASE).)*?)END\s+AS " + col, src, re.S).group(1)
        found = set(re.findall(r"(?:THEN|ELSE) '([^']+)'", block))
        assert found and found == set(pp.resolve(cfg.extracts[ext_id], cfg)[col]), (col, found)


@pytest.mark.slow  # 52,920 noised cells
def test_academic_extract_publishes_every_public_cell(lake, keystore):
    rec = publish_extract(lake, "interaction_stats_weekly")
    cfg = load_config()
    domains = pp.resolve(cfg.extracts["interaction_stats_weekly"], cfg)
    assert rec["rows"] == pp.cell_count(domains) > 0   # private selection published 0 rows here
    assert not any(q["query"] == "partition_selection" for q in rec["dp"]["queries"])
    assert rec["epsilon_spent"] <= 2.0 + 1e-9 and rec["delta_spent"] == 0.0
    assert rec["suppression"]["public_partitions"] is True


def test_private_selection_publishes_nothing_on_the_same_data():
    """The figure public partitions fix: with selection, a small cell is never released."""
    cfg = load_config()
    ext = cfg.extracts["ml_turn_taking_weekly"]
    rows = [{"character_category": "companion", "turn_pattern": "alternating", KEY: f"companion{pp.SEP}alternating",
             UNITS: 12, "conversations": 12, "users": 12, "mean_user_turns__sum": 30.0, "mean_user_turns__n": 12}]
    private, _ = dpmod.privatize(pa.Table.from_pylist(rows), ext.model_copy(update={"public_keys": ()}))
    public, _ = dpmod.privatize(pa.Table.from_pylist(rows), ext, pp.resolve(ext, cfg))
    assert private == [] and len(public) == pp.cell_count(pp.resolve(ext, cfg)) == 36


def test_values_outside_the_public_lists_are_in_no_cell(lake, keystore, config_dir, eligible):
    """Attack: a rare key value present only in the data must not appear in a public-partition release."""
    _edit(config_dir, lambda x: x["ml_feature_usage_weekly"].update(
        group_by=["os_family"], public_keys=[{"column": "os_family", "domain": "os_families"}],
        output_schema=[s for s in x["ml_feature_usage_weekly"]["output_schema"]
                       if s["name"] not in ("event_type", "page")]))
    import random

    rows = telemetry_rows(DAYS[0], 60, random.Random(3))
    for r in rows[:40]:
        r["os_family"] = "Symbian-secret"
    write_partition(lake, "telemetry_events", DAYS[0], rows, CLEAN_TELEMETRY_EVENTS)
    rec = publish_extract(lake, "ml_feature_usage_weekly")
    table = read_parquet_bytes(open(f"{rec['path']}/part-0.parquet", "rb").read())
    assert set(table["os_family"].to_pylist()) == set(pp.named_domain("os_families", load_config()))
    assert rec["suppression"]["primary_suppressed"] >= 1  # the outside cell, counted for the audit only


def test_exclude_removes_values(config_dir):
    cfg = load_config(config_dir)
    ages = pp.resolve(cfg.extracts["interaction_stats_weekly"], cfg)["age_band"]
    assert "0-13" not in ages and "14-17" not in ages and "unknown" not in ages and "18-24" in ages


def test_privatize_refuses_public_extract_without_domains():
    ext = load_config().extracts["ml_turn_taking_weekly"]
    with pytest.raises(ValueError, match="public keys"):
        dpmod.privatize(pa.table({KEY: ["a"], UNITS: [1]}), ext)
