"""Every release folder holds a data dictionary that the manifest checksums and that names each column,
its unit, its protection and, for noisy measures, the 95 % half-width OpenDP gives for the scale used."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from opendp.accuracy import discrete_laplacian_scale_to_accuracy
from typer.testing import CliRunner

from tests.recipients.conftest import publish_extract
from transforms.cli import app
from transforms.publish.config import MinGroup, load_config
from transforms.publish.dictionary import FILE, half_width
from transforms.publish.verify import verify_release

runner = CliRunner()


@pytest.mark.parametrize("extract", ["crash_performance_daily", "ml_feature_usage_weekly", "ml_turn_taking_weekly",
                                     pytest.param("interaction_stats_weekly", marks=pytest.mark.slow)])
def test_dictionary_in_release_names_every_column(lake, keystore, extract):
    rec = publish_extract(lake, extract)
    folder = Path(rec["path"])
    text = (folder / FILE).read_text(encoding="utf-8")
    manifest = json.loads((folder / "_manifest.json").read_text())
    assert [d["name"] for d in manifest["documents"]] == [FILE]
    ext = load_config().extracts[extract]
    for col in ext.output_schema:
        assert re.search(rf"^\| {col.name} \| {col.type} \|", text, re.M), col.name
    assert "**exclusive**" in text and ext.description in text
    assert load_config().policy.version in text and rec["release_id"] not in text  # data-independent
    assert verify_release(folder, keystore).ok


def test_dp_half_widths_come_from_opendp(lake, keystore):
    rec = publish_extract(lake, "ml_turn_taking_weekly")
    text = (Path(rec["path"]) / FILE).read_text(encoding="utf-8")
    q = next(q for q in rec["dp"]["queries"] if q["query"] == "conversations")
    expected = discrete_laplacian_scale_to_accuracy(q["scale"], 0.05)
    assert f"95 % interval ±{expected:.3g}" in text
    assert "drawn independently" in text
    assert "noisy value of a public cell" in text


def test_subtotal_marker_and_absence_explained_for_k_suppression():
    """A k-only extract with subtotals (none is configured today: the crash extract is under DP)."""
    from transforms.publish.dictionary import render
    from transforms.publish.intervals import interval_of

    ext = load_config().extracts["crash_performance_daily"].model_copy(
        update={"dp": None, "margins": (("os_family",), ()), "min_group": MinGroup(k=10, unit="device_pid")})
    text = render(ext, release_id="r", recipient="stats_partner", interval=interval_of(date(2026, 11, 24), "day"),
                  policy_version="p", config_version="c", rows=3, dp_facts=None)
    assert "`*` in a key column marks a subtotal row" in text and "by os_family; overall" in text
    assert "**Absent is not zero.**" in text and "k=10 distinct devices" in text
    assert "exact; the row exists only if at least 10 distinct devices contribute" in text


def test_tampered_dictionary_fails_verify(lake, keystore):
    folder = Path(publish_extract(lake, "ml_feature_usage_weekly")["path"])
    (folder / FILE).write_text((folder / FILE).read_text() + "\nevents are exact\n")
    v = verify_release(folder, keystore)
    assert not v.ok and any(FILE in p for p in v.problems)


def test_verify_dictionary_flag_prints_it(lake, keystore):
    folder = publish_extract(lake, "ml_feature_usage_weekly")["path"]
    res = runner.invoke(app, ["verify", folder, "--keystore", str(keystore), "--dictionary"])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("OK ") and "# Data dictionary: ml_feature_usage_weekly" in res.output


def test_half_width_mechanisms():
    assert half_width("laplace", 10.0, True) == pytest.approx(discrete_laplacian_scale_to_accuracy(10.0, 0.05))
    assert half_width("gaussian", 10.0, False) == pytest.approx(19.6, rel=1e-3)
    assert half_width("laplace", None, True) is None
