"""Floors on the independently written sets, for both purposes (issue 9's evaluation that can fail).

The sets come from helpers who read neither the recognizers nor the synthetic generator; every part
(tune and holdout) is held to a floor. Each floor is the figure measured when the sets landed, with a
small margin: a regression anywhere fails CI. They are NOT the issue's targets (see the README's
evaluation table for where the engine stands against those).
"""

from __future__ import annotations

import pytest

from anonymizers.evaluation.independent import available_sets, parts_of, run_set

# (set, group) -> maximum leak rate allowed on either part, both purposes.
# Measured 2026-12-01 on both parts (the larger of tune/holdout), margin max(2 points, 25 %).
LEAK_CEILINGS: dict[tuple[str, str], float] = {
    ("en_presidio_generator", "ADDRESS_EN"): 0.199,  # measured 15.9%
    ("en_presidio_generator", "DATE_OF_BIRTH"): 0.02,  # measured 0.0%
    ("en_presidio_generator", "PERSON_EN"): 0.192,  # measured 15.4%
    ("en_presidio_generator", "STRUCTURED"): 0.024,  # measured 0.4%
    ("presidio_vectors", "PERSON_EN"): 0.02,  # measured 0.0%
    ("presidio_vectors", "STRUCTURED"): 0.041,  # measured 2.1%
    ("zh_adv_unseen", "DATE_OF_BIRTH"): 0.156,  # measured 12.5%
    ("zh_adv_unseen", "PERSON_ZH"): 0.655,  # measured 52.4%
    ("zh_adv_unseen", "STRUCTURED"): 0.254,  # measured 20.3%
    ("zh_adversarial", "ADDRESS_ZH"): 0.278,  # measured 22.2%
    ("zh_adversarial", "DATE_OF_BIRTH"): 0.833,  # measured 66.7%
    ("zh_adversarial", "PERSON_EN"): 0.5,  # measured 40.0%
    ("zh_adversarial", "PERSON_ZH"): 0.208,  # measured 16.7%
    ("zh_adversarial", "STRUCTURED"): 0.089,  # measured 6.9%
    ("zh_chat", "ADDRESS_EN"): 0.091,  # measured 7.1%
    ("zh_chat", "ADDRESS_ZH"): 0.051,  # measured 3.1%
    ("zh_chat", "DATE_OF_BIRTH"): 0.329,  # measured 26.3%
    ("zh_chat", "PERSON_EN"): 0.25,  # measured 20.0%
    ("zh_chat", "PERSON_ZH"): 0.051,  # measured 3.1%
    ("zh_chat", "STRUCTURED"): 0.063,  # measured 4.3%
    ("zh_unseen", "ADDRESS_EN"): 0.02,  # measured 0.0%
    ("zh_unseen", "ADDRESS_ZH"): 0.02,  # measured 0.0%
    ("zh_unseen", "DATE_OF_BIRTH"): 0.097,  # measured 7.7%
    ("zh_unseen", "PERSON_EN"): 0.081,  # measured 6.1%
    ("zh_unseen", "PERSON_ZH"): 0.183,  # measured 14.6%
    ("zh_unseen", "STRUCTURED"): 0.101,  # measured 8.1%
}
NEGATIVES_KEPT_FLOOR: dict[str, float] = {"en_presidio_generator": 0.98, "presidio_vectors": 0.903, "zh_adv_unseen": 0.933, "zh_adversarial": 0.899, "zh_chat": 0.954, "zh_unseen": 0.948}
CONTEXT_KEPT_FLOOR: dict[str, float] = {"en_presidio_generator": 0.982, "presidio_vectors": 0.99, "zh_adv_unseen": 0.99, "zh_adversarial": 0.98, "zh_chat": 0.982, "zh_unseen": 0.981}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reports():
    out = {}
    for name in available_sets():
        for part in parts_of(name):
            for purpose in ("research", "model_tuning"):
                (rep,) = run_set(name, part, purpose)
                out[name, part, purpose] = rep
    return out


def _cases():
    return [(s, p, u) for s in available_sets() for p in parts_of(s) for u in ("research", "model_tuning")]


@pytest.mark.parametrize(("name", "part", "purpose"), _cases())
def test_leak_ceilings(reports, name: str, part: str, purpose: str) -> None:
    rep = reports[name, part, purpose]
    assert rep.failed_rows == 0, "a row failed to de-identify"
    over = {
        g: rep.group(g).leak_rate for g in rep.groups
        if (name, g) in LEAK_CEILINGS and rep.group(g).leak_rate > LEAK_CEILINGS[name, g]
    }
    assert not over, f"{name}/{part}/{purpose}: leak above ceiling {over}"
    assert rep.keep_rate >= NEGATIVES_KEPT_FLOOR.get(name, 0.0), rep.keep_rate
    assert rep.context_rate >= CONTEXT_KEPT_FLOOR.get(name, 0.0), rep.context_rate


@pytest.mark.parametrize("name", available_sets())
def test_purposes_leak_alike(reports, name: str) -> None:
    """research and model_tuning find the same spans, so their leaks differ only by chance surrogates."""
    for part in parts_of(name):
        r, m = reports[name, part, "research"], reports[name, part, "model_tuning"]
        assert abs(r.group("ALL").leaked - m.group("ALL").leaked) <= max(2, 0.01 * r.group("ALL").gold)
