"""Differential privacy of a release, with OpenDP measurements.

The bounded per-cell statistics from `aggregate.bounded_cells` have known sensitivities, because
each privacy unit touches at most L0 = `max_groups_per_unit` cells and at most Linf =
`max_rows_per_unit_group` rows per cell. The declared (ε, δ) of a release is split: `selection_share`
to partition selection, the rest evenly over the measures' queries (one per count/sum, two per
mean, one per quantile; ratios and the privacy-unit count, which is the selection's own noisy
count, are free). Every spend is read back from OpenDP's privacy map, not assumed.

Partition selection: the cell keys themselves (app versions, provinces, utterances) are private, so
a cell appears only when its noisy distinct-unit count passes a threshold (OpenDP's
laplace_threshold, δ from its map; the smallest threshold whose δ fits is found by OpenDP's
`binary_search`). The threshold is shifted up by k - 1 so that also requiring at least k exact units
changes the output only within that δ.

Accounting: each query's loss is read from its OpenDP privacy map as a `Loss` part (pure ε for
Laplace and quantiles, ρ for Gaussian, (ε, δ) for selection) and the release's total is the OpenDP
composition of those parts (`accounting.py`): Gaussian queries compose under zCDP and are converted
once. Noisy values are post-processed into their declared bounds (counts ≥ 0, means and quantiles
inside [lower, upper], sums on the side of zero the bounds allow).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import opendp.prelude as dp
import pyarrow as pa

from transforms.publish.accounting import Loss, compose, to_approx_dp
from transforms.publish.aggregate import KEY, UNITS
from transforms.publish.config import DP, Extract, Measure

dp.enable_features("contrib")


@dataclass
class DPReport:
    """What the release spends and how each query was calibrated (spend to the manifest, the
    calibration details to the internal audit)."""

    mechanism: str
    queries: list[dict[str, Any]] = field(default_factory=list)
    selection: dict[str, Any] = field(default_factory=dict)
    losses: list[Loss] = field(default_factory=list)
    conversion_delta: float = 0.0  # δ shares of the Gaussian queries: where composed ρ is converted

    def add(self, name: str, loss: Loss, **info: Any) -> None:
        self.losses.append(loss)
        self.queries.append({"query": name, **loss.as_dict(), **info})

    @property
    def loss(self) -> Loss:
        return compose(self.losses)

    @property
    def approx(self) -> tuple[float, float]:
        """(ε, δ) of the whole release, composed through OpenDP."""
        return to_approx_dp(self.loss, self.conversion_delta or 1e-12)

    @property
    def epsilon(self) -> float:
        return self.approx[0]

    @property
    def delta(self) -> float:
        return self.approx[1]

    def as_dict(self) -> dict[str, Any]:
        eps, delta = self.approx
        return {"mechanism": self.mechanism, "epsilon_spent": eps, "delta_spent": delta,
                "loss": self.loss.as_dict(), "selection": self.selection, "queries": self.queries}


def query_costs(extract: Extract) -> dict[str, int]:
    """How many ε-shares each measure costs (the privacy-unit count reuses the selection's)."""
    assert extract.dp is not None
    costs = {}
    for m in extract.measures:
        if m.agg == "ratio" or (_is_unit_count(m, extract) and not extract.public_keys):
            costs[m.name] = 0
        elif m.agg == "mean":
            costs[m.name] = 2
        else:
            costs[m.name] = 1
    return costs


def _is_unit_count(m: Measure, extract: Extract) -> bool:
    """Distinct privacy units of a cell: the selection's own noisy count (with public keys, a query)."""
    return m.agg == "count_distinct" and m.column == extract.dp.privacy_unit and not m.where  # type: ignore[union-attr]


def split(extract: Extract) -> tuple[float, float, float, float]:
    """(ε for selection, δ for selection, ε per measure share, δ per Gaussian share).

    Selection gets `selection_share` of ε (and, with Gaussian noise, of δ; with Laplace all of δ);
    the measures share the rest evenly. With no measure to noise, selection gets everything.
    """
    cfg = extract.dp
    assert cfg is not None
    shares = sum(query_costs(extract).values())
    if shares == 0:
        return cfg.epsilon, cfg.delta, 0.0, 0.0
    if extract.public_keys:  # public partitions: no selection, everything goes to the measures
        eps_q = cfg.epsilon / shares
        gauss = shares - sum(1 for m in extract.measures if m.agg == "quantile")
        return 0.0, 0.0, eps_q, (cfg.delta / gauss if cfg.mechanism == "gaussian" and gauss else 0.0)
    eps_sel = cfg.epsilon * cfg.selection_share
    eps_q = (cfg.epsilon - eps_sel) / shares
    if cfg.mechanism == "laplace":
        return eps_sel, cfg.delta, eps_q, 0.0
    gauss_shares = shares - sum(1 for m in extract.measures if m.agg == "quantile")
    if gauss_shares == 0:
        return eps_sel, cfg.delta, eps_q, 0.0
    delta_sel = cfg.delta * cfg.selection_share
    return eps_sel, delta_sel, eps_q, (cfg.delta - delta_sel) / gauss_shares


# -- mechanisms --------------------------------------------------------------------------------
def laplace_selection(counts: dict[str, int], *, l0: int, epsilon: float, delta: float,
                      k: int) -> tuple[dict[str, int], dict[str, Any]]:
    """Noisy distinct-unit counts of the cells that pass the DP threshold (and k)."""
    space = dp.map_domain(dp.atom_domain(T=str), dp.atom_domain(T=int)), dp.l01inf_distance(dp.absolute_distance(T=int))
    d_in = (l0, l0, 1)
    scale = l0 / epsilon
    hi = dp.binary_search(lambda t: _threshold_meas(space, scale, t).map(d_in)[1] <= delta,
                          bounds=(1, 2**30), T=int)  # smallest threshold whose δ fits
    base = _threshold_meas(space, scale, hi)
    eps_spent, delta_spent = base.map(d_in)
    threshold = hi + max(k - 1, 0)
    meas = _threshold_meas(space, scale, threshold)
    eligible = {key: int(v) for key, v in counts.items() if v >= k}
    released = meas(eligible) if eligible else {}
    info = {"scale": scale, "threshold": threshold, "opendp_threshold": hi, "d_in": list(d_in),
            "epsilon": float(eps_spent), "delta": float(delta_spent), "candidates": len(counts),
            "selected": len(released)}
    return {k_: max(int(v), 0) for k_, v in released.items()}, info


def _threshold_meas(space: Any, scale: float, threshold: int) -> Any:
    return dp.m.make_laplace_threshold(*space, scale=scale, threshold=threshold)


def noisy_vector(values: list[float], *, integer: bool, l1: float, l2: float, epsilon: float,
                 delta: float, mechanism: str) -> tuple[list[float], dict[str, Any]]:
    """Laplace (pure ε) or Gaussian ((ε, δ) via zCDP) noise on a vector of cell statistics."""
    atom = dp.atom_domain(T=int) if integer else dp.atom_domain(T=float, nan=False)
    domain = dp.vector_domain(atom)
    if mechanism == "laplace":
        d_in = int(math.ceil(l1)) if integer else float(l1)
        metric = dp.l1_distance(T=int if integer else float)
        scale = float(l1) / epsilon
        meas = dp.m.make_laplace(domain, metric, scale=scale)
        eps_spent, delta_spent = float(meas.map(d_in)), 0.0
        loss = Loss(pure_epsilon=eps_spent)
    else:
        d_in = float(l2)
        metric = dp.l2_distance(T=float)

        def make(s: float) -> Any:
            return dp.c.make_fix_delta(dp.c.make_zCDP_to_approxDP(
                dp.m.make_gaussian(domain, metric, scale=s)), delta)

        classic = float(l2) * math.sqrt(2 * math.log(1.25 / delta)) / epsilon  # feasible upper bound
        scale = dp.binary_search_param(make, d_in=d_in, d_out=(epsilon, delta),
                                       bounds=(classic / 100, classic * 4), T=float)
        meas = make(scale)
        eps_spent, delta_spent = meas.map(d_in)
        loss = Loss(rho=float(dp.m.make_gaussian(domain, metric, scale=scale).map(d_in)))
    data = [int(round(v)) for v in values] if integer else [float(v) for v in values]
    out = meas(data) if data else []  # the loss is the mechanism's, whether or not a cell was selected
    return list(out), {"scale": scale, "epsilon": float(eps_spent), "delta": float(delta_spent),
                       "loss": loss, "sensitivity_l1": l1, "sensitivity_l2": l2}


def private_quantile(values: list[float], *, bounds: tuple[float, float], q: float, candidates: int,
                     epsilon: float, d_in: int) -> tuple[float, float]:
    """Exponential-mechanism quantile of one cell over evenly spaced candidates; (value, ε spent)."""
    lo, hi = bounds
    cands = [lo + (hi - lo) * i / (candidates - 1) for i in range(candidates)]
    domain = dp.vector_domain(dp.atom_domain(T=float, nan=False))

    def make(s: float) -> Any:
        return dp.m.make_private_quantile(domain, dp.symmetric_distance(), dp.max_divergence(),
                                          candidates=cands, alpha=q, scale=s)

    scale = dp.binary_search_param(make, d_in=d_in, d_out=epsilon, T=float)
    meas = make(scale)
    return float(meas([float(v) for v in values])), float(meas.map(d_in))


# -- a release ---------------------------------------------------------------------------------
def _sum_bounds(m: Measure) -> tuple[float, float]:
    """Where a clamped sum can lie whatever the row count: on the side of zero its bounds allow."""
    lo, hi = m.bounds  # type: ignore[misc]
    return (min(lo, 0.0) * math.inf if lo < 0 else 0.0), (max(hi, 0.0) * math.inf if hi > 0 else 0.0)


def _clamp(value: float, lo: float, hi: float) -> float:
    return min(max(value, lo), hi)


def privatize(cells: pa.Table, extract: Extract, domains: dict[str, tuple[str, ...]] | None = None,
              ) -> tuple[list[dict[str, Any]], DPReport]:
    """Selected (or, with public `domains`, all public) cells with noisy measures, and what it spent."""
    cfg: DP = extract.dp  # type: ignore[assignment]
    eps_sel, delta_sel, eps_q, delta_q = split(extract)
    l0, linf = cfg.max_groups_per_unit, cfg.max_rows_per_unit_group
    report = DPReport(cfg.mechanism)
    rows = cells.to_pylist()
    if extract.public_keys and not domains:
        raise ValueError(f"{extract.id} declares public keys: privatize needs their values (public_partitions.resolve)")
    if domains:
        from transforms.publish.public_partitions import enumerate_cells

        keys, by_key, report.selection = enumerate_cells(rows, extract, domains)
        selected: dict[str, int] = {}
    else:
        by_key = {r[KEY]: r for r in rows}
        selected, sel_info = laplace_selection({r[KEY]: int(r[UNITS]) for r in rows}, l0=l0,
                                               epsilon=eps_sel, delta=delta_sel, k=extract.min_group.k)
        report.selection = sel_info
        report.add("partition_selection", Loss(approx_epsilon=sel_info["epsilon"], approx_delta=sel_info["delta"]),
                   scale=sel_info["scale"], threshold=sel_info["threshold"])
        keys = sorted(selected)
    out = [{c: by_key[key][c] for c in extract.group_by} for key in keys]
    costs = query_costs(extract)
    count_l1, count_l2 = l0 * linf, math.sqrt(l0) * linf

    def vector(name: str, values: list[float], integer: bool, scale_by: float = 1.0) -> list[float]:
        vals, info = noisy_vector(values, integer=integer, l1=count_l1 * scale_by, l2=count_l2 * scale_by,
                                  epsilon=eps_q, delta=delta_q, mechanism=cfg.mechanism)
        report.add(name, info["loss"], scale=info["scale"], sensitivity=count_l1 * scale_by)
        if cfg.mechanism == "gaussian":
            report.conversion_delta += delta_q
        return vals

    for m in extract.measures:
        if m.agg == "ratio":
            continue
        if costs[m.name] == 0:  # distinct privacy units: the selection's noisy count
            for row, key in zip(out, keys, strict=True):
                row[m.name] = selected[key]
            continue
        if m.agg in ("count", "count_distinct"):
            # a unit is one distinct member of at most L0 cells; other counts reach L0 * Linf rows
            unit_scale = 1.0 / linf if _is_unit_count(m, extract) else 1.0
            vals = vector(m.name, [by_key[k][m.name] for k in keys], integer=True, scale_by=unit_scale)
            for row, v in zip(out, vals, strict=True):
                row[m.name] = max(int(v), 0)
        elif m.agg in ("sum", "mean"):
            bound = max(abs(b) for b in m.bounds)  # type: ignore[union-attr]
            col = m.name if m.agg == "sum" else m.name + "__sum"
            sums = vector(f"{m.name}:sum", [float(by_key[k][col] or 0.0) for k in keys], False, bound)
            if m.agg == "sum":
                lo_s, hi_s = _sum_bounds(m)
                for row, v in zip(out, sums, strict=True):
                    row[m.name] = _clamp(float(v), lo_s, hi_s)
                continue
            ns = vector(f"{m.name}:count", [by_key[k][m.name + "__n"] for k in keys], integer=True)
            lo, hi = m.bounds  # type: ignore[misc]
            for row, s, n in zip(out, sums, ns, strict=True):
                row[m.name] = _clamp(float(s) / n, lo, hi) if n >= 1 else None
        elif m.agg == "quantile":
            eps_cell = eps_q / l0  # a unit reaches at most L0 cells
            spent = eps_cell  # the calibration target; the maps read below never exceed it
            lo, hi = m.bounds  # type: ignore[misc]
            for row, key in zip(out, keys, strict=True):
                values = by_key[key].get(m.name + "__values") or []
                value, e = private_quantile(values, bounds=m.bounds, q=m.q,  # type: ignore[arg-type]
                                            candidates=cfg.quantile_candidates, epsilon=eps_cell, d_in=linf)
                row[m.name] = _clamp(value, lo, hi)
                spent = max(spent, e)
            report.add(m.name, Loss(pure_epsilon=spent * l0), per_cell_epsilon=eps_cell)
    _ratios(out, extract.measures)
    return out, report


def _ratios(rows: list[dict[str, Any]], measures: tuple[Measure, ...]) -> None:
    for m in measures:
        if m.agg == "ratio":
            for row in rows:
                den = row.get(m.denominator or "")
                num = row.get(m.numerator or "")
                row[m.name] = max(float(num) / float(den), 0.0) if num is not None and den else None


def exact_ratios(rows: list[dict[str, Any]], measures: tuple[Measure, ...]) -> None:
    """Ratios for exact (non-DP) cells: the same post-processing rule in one place."""
    _ratios(rows, measures)
