"""Config validation: a bad file fails on load, naming the file and the field."""

from __future__ import annotations

import pytest
import yaml

from transforms.publish.config import ConfigError, load_config


def _edit(config_dir, name, fn):
    path = config_dir / name
    data = yaml.safe_load(path.read_text())
    fn(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def _extract(data, ident):
    return next(e for e in data["extracts"] if e["id"] == ident)


def test_repo_config_loads(config_dir):
    cfg = load_config(config_dir)
    kinds = {cfg.recipients[e.recipient].kind for e in cfg.extracts.values()}
    assert kinds == {"internal_ml", "statistics_partner", "academic"}
    for e in cfg.extracts.values():
        rec = cfg.recipients[e.recipient]
        assert rec.region == "in_region" or e.dp is not None  # overseas → DP, by config too


@pytest.mark.parametrize("mutate, expect", [
    (lambda e: e.update(measures=[]), "row-level extract"),
    (lambda e: e.update(group_by=["user_pid"]), "group_by: 'user_pid' is a id column"),
    (lambda e: e.update(group_by=["search_query"]), "group_by: 'search_query' is a text column"),
    (lambda e: e["measures"].append({"name": "pid_p50", "agg": "quantile", "column": "device_pid",
                                     "q": 0.5, "bounds": [0, 1]}), "identifier or text as a measure"),
])
def test_row_level_or_identifier_extract_rejected(config_dir, mutate, expect):
    _edit(config_dir, "extracts.yaml", lambda d: mutate(_extract(d, "crash_performance_daily")))
    with pytest.raises(ConfigError) as err:
        load_config(config_dir)
    msg = str(err.value)
    assert "extracts.yaml" in msg and "crash_performance_daily" in msg and expect in msg


def test_declared_schema_must_match_measures(config_dir):
    _edit(config_dir, "extracts.yaml",
          lambda d: _extract(d, "crash_performance_daily")["output_schema"].append({"name": "user_pid", "type": "string"}))
    with pytest.raises(ConfigError, match=r"extracts\.yaml: extracts\.0\[crash_performance_daily\]: .*output_schema: declared"):
        load_config(config_dir)


def test_unencrypted_external_recipient_rejected(config_dir):
    _edit(config_dir, "recipients.yaml", lambda d: d["recipients"][1].update(encryption=False))
    with pytest.raises(ConfigError, match=r"recipients\.yaml: recipients\.1\[stats_partner\].*encryption: true"):
        load_config(config_dir)


def test_k_below_policy_floor_and_unknown_recipient(config_dir):
    _edit(config_dir, "extracts.yaml", lambda d: _extract(d, "crash_performance_daily")["min_group"].update(k=3))
    with pytest.raises(ConfigError, match=r"crash_performance_daily\.min_group\.k: 3 is below the policy floor"):
        load_config(config_dir)
    _edit(config_dir, "extracts.yaml", lambda d: _extract(d, "crash_performance_daily").update(
        recipient="nobody", min_group={"k": 10, "unit": "user_pid"}))
    with pytest.raises(ConfigError, match=r"crash_performance_daily\.recipient: unknown recipient 'nobody'"):
        load_config(config_dir)


def test_grouping_on_text_needs_dp(config_dir):
    _edit(config_dir, "extracts.yaml", lambda d: _extract(d, "ml_frequent_utterances_weekly").pop("dp"))
    with pytest.raises(ConfigError, match="requires dp"):
        load_config(config_dir)


def test_unknown_field_rejected(config_dir):
    _edit(config_dir, "extracts.yaml", lambda d: _extract(d, "crash_performance_daily").update(rows="all"))
    with pytest.raises(ConfigError, match=r"crash_performance_daily\]\.rows: Extra inputs are not permitted"):
        load_config(config_dir)


def test_config_version_ignores_budget_and_descriptions(config_dir):
    before = {k: load_config(config_dir).config_version(e) for k, e in load_config(config_dir).extracts.items()}
    _edit(config_dir, "recipients.yaml", lambda d: [r["budget"].update(epsilon=r["budget"]["epsilon"] + 1)
                                                    for r in d["recipients"]])
    _edit(config_dir, "extracts.yaml", lambda d: _extract(d, "crash_performance_daily").update(description="x"))
    cfg = load_config(config_dir)
    assert {k: cfg.config_version(e) for k, e in cfg.extracts.items()} == before
    _edit(config_dir, "extracts.yaml", lambda d: _extract(d, "crash_performance_daily")["min_group"].update(k=11))
    cfg = load_config(config_dir)
    assert cfg.config_version(cfg.extracts["crash_performance_daily"]) != before["crash_performance_daily"]
