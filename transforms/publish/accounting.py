"""Privacy-loss arithmetic through OpenDP's compositor, not by hand.

A loss is a `Loss`: its pure-DP part (Laplace noise, exponential-mechanism quantiles), its zCDP part
(Gaussian noise, ρ) and its approximate-DP part (Laplace-threshold partition selection, (ε, δ)). To
combine losses (the queries of one release, or every release that touched one user's data in a
window), each part becomes an OpenDP measurement whose privacy map returns the recorded loss, the
parts are composed with `make_composition` in their own measure, zCDP is converted once with
`make_zCDP_to_approxDP` + `make_fix_delta`, and the three are composed in approximate DP. So ρ adds
up under zCDP (the tighter rule for Gaussian noise) and only the total is converted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import opendp.prelude as dp

dp.enable_features("contrib", "honest-but-curious")

CONVERSION_DELTA = 1e-7  # δ spent converting composed zCDP to (ε, δ)


@dataclass(frozen=True)
class Loss:
    """One mechanism's (or one release's) privacy loss per privacy unit, in three parts."""

    pure_epsilon: float = 0.0
    rho: float = 0.0
    approx_epsilon: float = 0.0
    approx_delta: float = 0.0

    def as_dict(self) -> dict[str, float]:
        return {"pure_epsilon": self.pure_epsilon, "rho": self.rho, "approx_epsilon": self.approx_epsilon,
                "approx_delta": self.approx_delta}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Loss:
        return cls(float(d.get("pure_epsilon", 0.0)), float(d.get("rho", 0.0)),
                   float(d.get("approx_epsilon", 0.0)), float(d.get("approx_delta", 0.0)))


def _recorded(measure: Any, loss: Any) -> Any:
    """An OpenDP measurement standing for a mechanism already run: its map returns `loss` at d_in=1."""
    return dp.m.make_user_measurement(dp.atom_domain(T=int), dp.absolute_distance(T=int), measure,
                                      lambda _x: 0, lambda _d_in: loss)


def compose(losses: Iterable[Loss]) -> Loss:
    """The parts of several losses composed per measure (basic composition; zCDP for ρ)."""
    losses = list(losses)
    out = {"pure": 0.0, "rho": 0.0, "eps": 0.0, "delta": 0.0}
    pure = [_recorded(dp.max_divergence(), x.pure_epsilon) for x in losses if x.pure_epsilon]
    zcdp = [_recorded(dp.zero_concentrated_divergence(), x.rho) for x in losses if x.rho]
    approx = [_recorded(dp.approximate(dp.max_divergence()), (x.approx_epsilon, x.approx_delta))
              for x in losses if x.approx_epsilon or x.approx_delta]
    if pure:
        out["pure"] = float(dp.c.make_composition(pure).map(1))
    if zcdp:
        out["rho"] = float(dp.c.make_composition(zcdp).map(1))
    if approx:
        out["eps"], out["delta"] = map(float, dp.c.make_composition(approx).map(1))
    return Loss(out["pure"], out["rho"], out["eps"], out["delta"])


def to_approx_dp(loss: Loss, conversion_delta: float = CONVERSION_DELTA) -> tuple[float, float]:
    """(ε, δ) of a loss: zCDP converted at `conversion_delta`, then all three parts composed."""
    parts = []
    if loss.rho:
        zc = _recorded(dp.zero_concentrated_divergence(), loss.rho)
        parts.append(dp.c.make_fix_delta(dp.c.make_zCDP_to_approxDP(zc), conversion_delta))
    if loss.pure_epsilon:
        parts.append(dp.c.make_approximate(_recorded(dp.max_divergence(), loss.pure_epsilon)))
    if loss.approx_epsilon or loss.approx_delta:
        parts.append(_recorded(dp.approximate(dp.max_divergence()), (loss.approx_epsilon, loss.approx_delta)))
    if not parts:
        return 0.0, 0.0
    eps, delta = dp.c.make_composition(parts).map(1)
    return float(eps), float(delta)
