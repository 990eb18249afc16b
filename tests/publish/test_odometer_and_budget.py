"""The per-user odometer: composed through OpenDP across recipients, capped per rolling window,
refused before any data is read; `aimate-share budget` shows it; the README lists the gates as coded;
late data for a released interval is reported and becomes a marked DP correction."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tests.publish.conftest import AS_OF, DAYS, telemetry_rows, write_partition
from transforms.cli import app
from transforms.publish import list_releases, plan_releases, publish
from transforms.publish.accounting import Loss, compose, to_approx_dp
from transforms.publish.gates import render
from transforms.publish.odometer import windows
from transforms.schemas import CLEAN_TELEMETRY_EVENTS


def test_zcdp_composes_tighter_than_summing_epsilons():
    rho = 0.01
    eps_one, _ = to_approx_dp(Loss(rho=rho), 1e-6)
    eps_ten, delta = to_approx_dp(compose([Loss(rho=rho)] * 10), 1e-6)
    assert eps_ten < 10 * eps_one and delta == pytest.approx(1e-6)
    assert to_approx_dp(compose([Loss(pure_epsilon=0.5), Loss(approx_epsilon=0.5, approx_delta=1e-6)])) == (
        pytest.approx(1.0), pytest.approx(1e-6))


def test_windows_meeting_an_interval():
    ws = windows(date(2026, 11, 16), date(2026, 11, 17), 7)
    assert ws[0] == (date(2026, 11, 10), date(2026, 11, 17)) and ws[-1] == (date(2026, 11, 16), date(2026, 11, 23))


def test_odometer_cap_refuses_across_recipients(lake, config_dir):
    path = config_dir / "recipients.yaml"
    data = yaml.safe_load(path.read_text())
    data["odometer"]["epsilon"] = 2.5  # room for ε 2 (academic) but not one more ML release of ε 1
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    first = publish(lake, **next(p for p in plan_releases(lake, as_of=AS_OF)
                                 if p["extract"] == "interaction_stats_weekly"), as_of=AS_OF)
    assert first["status"] == "published" and first["manifest"]["spend"]["epsilon"] == pytest.approx(2.0)
    second = publish(lake, **next(p for p in plan_releases(lake, as_of=AS_OF)
                                  if p["extract"] == "ml_feature_usage_weekly"), as_of=AS_OF)
    assert second["status"] == "refused" and "per-user privacy odometer" in second["reason"]
    assert second["gates"][-1]["gate"] == "budget" and "population" not in second  # before reading data
    res = CliRunner().invoke(app, ["budget", "--lake", lake.base, "--json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert report["per_user"]["worst_epsilon"] == pytest.approx(2.0)
    assert report["recipients"]["overseas_university"]["periods"]["2026-11"]["epsilon_spent"] == pytest.approx(2.0)
    text = CliRunner().invoke(app, ["budget", "--lake", lake.base])
    assert text.exit_code == 0 and "per user, all recipients" in text.output


def test_budget_cli_rejects_a_non_lake(tmp_path):
    res = CliRunner().invoke(app, ["budget", "--lake", str(tmp_path / "nothing")])
    assert res.exit_code == 2 and "not an AIMate lake" in res.output


def test_readme_lists_the_gates_in_code_order():
    readme = (Path(__file__).resolve().parents[2] / "transforms" / "publish" / "README.md").read_text()
    block = readme.split("<!-- gates:begin -->\n", 1)[1].split("\n<!-- gates:end -->", 1)[0]
    assert block == render()


def test_late_data_is_reported_and_becomes_a_marked_dp_correction(lake, config_dir):
    import random

    plan = next(p for p in plan_releases(lake, as_of=AS_OF) if p["extract"] == "ml_feature_usage_weekly")
    first = publish(lake, **plan, as_of=AS_OF)
    assert first["status"] == "published"
    day = DAYS[2]  # the week's Wednesday arrives again with more rows (de-identification writes _clean.json)
    rows = telemetry_rows(day, 80, random.Random(1))
    write_partition(lake, "telemetry_events", day, rows, CLEAN_TELEMETRY_EVENTS)
    marker = lake.local_dir("clean", "telemetry_events", f"dt={day}", "_clean.json")
    before = {f"clean/telemetry_events/dt={d}": {"raw_rows": 10, "run_token": "a"} for d in DAYS}
    from transforms.publish import registry

    entry = registry.entries(lake, "ml_feature_usage_weekly", plan["interval_start"])[0]
    entry["snapshot"] = before  # as if each partition had 10 rows when the week was released
    lake.write_json(lake.path(*registry.REGISTRY, "ml_feature_usage_weekly", plan["interval_start"],
                              f"{entry['release_id']}.json"), entry)
    marker.write_text(json.dumps({"raw_rows": 10 + len(rows), "run_token": "b"}))
    again = [p for p in plan_releases(lake, as_of=AS_OF) if p["extract"] == "ml_feature_usage_weekly"]
    assert len(again) == 1 and again[0]["correction_of"] == first["release_id"]
    late = [r for r in list_releases(lake) if r["status"] == "late_data"]
    assert late and late[0]["late_rows"] == len(rows) and "DP correction" in late[0]["reason"]
    corr = publish(lake, **again[0], as_of=AS_OF)
    assert corr["status"] == "published" and corr["manifest"]["kind"] == "correction"
    assert corr["manifest"]["correction_of"] == first["release_id"] and corr["manifest"]["spend"]["epsilon"] > 0
    assert plan_releases(lake, as_of=AS_OF, extracts=["ml_feature_usage_weekly"]) == []  # max_corrections: 1
