"""Differential privacy: empirical noise matches the declared ε; selection honours k and δ;
every configured extract spends at most its declared (ε, δ)."""

from __future__ import annotations

import math
import statistics

import pyarrow as pa
import pytest

from transforms.publish import dp, public_partitions
from transforms.publish.aggregate import KEY, UNITS
from transforms.publish.config import load_config

N = 4000


def test_laplace_count_noise_scale_matches_epsilon():
    # sensitivity 6 (L0=2 × Linf=3), ε = 0.5 → Laplace scale b = 12: E|X| = b, sd = b·√2
    out, info = dp.noisy_vector([1000] * N, integer=True, l1=6, l2=math.sqrt(2) * 3, epsilon=0.5,
                                delta=0.0, mechanism="laplace")
    assert info["scale"] == pytest.approx(12.0) and info["epsilon"] == pytest.approx(0.5)
    noise = [x - 1000 for x in out]
    b = 12.0
    # mean absolute deviation estimates b; its sd is b/√N, so 5 sd ≈ 8% at N=4000
    assert statistics.fmean(abs(x) for x in noise) == pytest.approx(b, rel=5 / math.sqrt(N))
    assert abs(statistics.fmean(noise)) < 5 * b * math.sqrt(2) / math.sqrt(N)
    # the empirical scale implies the declared ε: ε̂ = sensitivity / b̂
    eps_hat = 6 / statistics.fmean(abs(x) for x in noise)
    assert eps_hat == pytest.approx(0.5, rel=0.1)


def test_gaussian_noise_sd_matches_calibrated_scale():
    out, info = dp.noisy_vector([0.0] * N, integer=False, l1=15, l2=5.0, epsilon=1.0, delta=1e-5,
                                mechanism="gaussian")
    sigma = info["scale"]
    assert info["epsilon"] <= 1.0 + 1e-9 and info["delta"] <= 1e-5 * (1 + 1e-9)
    # analytic bounds: σ below the classic bound l2·sqrt(2 ln(1.25/δ))/ε, above l2/ε
    assert 5.0 < sigma < 5.0 * math.sqrt(2 * math.log(1.25 / 1e-5))
    assert statistics.stdev(out) == pytest.approx(sigma, rel=0.08)


def test_selection_threshold_respects_k_and_delta():
    counts = {f"cell{i}": c for i, c in enumerate([1, 5, 9, 10, 30, 500, 1000])}
    selected, info = dp.laplace_selection(counts, l0=2, epsilon=1.0, delta=1e-6, k=10)
    assert info["delta"] <= 1e-6 and info["epsilon"] == pytest.approx(1.0)
    assert info["threshold"] == info["opendp_threshold"] + 9
    assert "cell5" in selected and "cell6" in selected  # far above the threshold
    assert not {"cell0", "cell1", "cell2"} & set(selected)  # under k: never
    assert all(v >= info["threshold"] for v in selected.values())


def test_quantile_is_private_and_near_the_median():
    values = [float(v) for v in range(100, 300)] * 5
    est, eps = dp.private_quantile(values, bounds=(0, 1000), q=0.5, candidates=101, epsilon=1.0, d_in=3)
    assert eps <= 1.0 + 1e-9
    assert 150 <= est <= 250


@pytest.mark.parametrize("extract_id", [e for e, x in load_config().extracts.items() if x.dp])
def test_configured_extracts_spend_at_most_declared(extract_id):
    ext = load_config().extracts[extract_id]
    cells = []
    for i in range(6):
        row = {KEY: f"k{i}", UNITS: 1000}
        for g in ext.group_by:
            row[g] = f"g{i}"
        for m in ext.measures:
            row[m.name] = 500
            row[m.name + "__sum"] = 5000.0
            row[m.name + "__n"] = 500
            row[m.name + "__values"] = [1.0, 2.0, 3.0] * 50
        cells.append(row)
    cfg = load_config()
    out, report = dp.privatize(pa.Table.from_pylist(cells), ext, public_partitions.resolve(ext, cfg))
    if ext.public_keys:  # every public cell is released; the six data cells' keys are outside the lists
        assert len(out) == public_partitions.cell_count(public_partitions.resolve(ext, cfg))
    else:
        assert len(out) == 6
    # composed through OpenDP: never above the declaration; below it when Gaussian ρ composes under zCDP
    # (public Gaussian partitions have no selection share: their zCDP composition can sit lower still)
    floor = 0.2 if ext.public_keys and ext.dp.mechanism == "gaussian" else 0.5
    assert floor * ext.dp.epsilon < report.epsilon <= ext.dp.epsilon * (1 + 1e-9)
    if ext.dp.mechanism == "laplace":
        assert report.epsilon == pytest.approx(ext.dp.epsilon, rel=1e-6)
    assert report.delta <= ext.dp.delta * (1 + 1e-9)
