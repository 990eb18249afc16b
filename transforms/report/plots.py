"""Matplotlib figures of the report, returned as PNG bytes (embedded as base64 by build.py)."""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

import matplotlib

matplotlib.use("Agg")  # headless: no display, no GUI toolkit
import matplotlib.pyplot as plt  # noqa: E402


def _png(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    return buf.getvalue()


def detections(counts: dict[str, int]) -> bytes:
    items = sorted(counts.items(), key=lambda kv: kv[1])
    fig, ax = plt.subplots(figsize=(7, 0.35 * max(len(items), 3) + 1))
    if items:
        ax.barh([k for k, _ in items], [v for _, v in items], color="#4c72b0")
        for i, (_, v) in enumerate(items):
            ax.text(v, i, f" {v:,}", va="center", fontsize=8)
    else:
        ax.text(0.5, 0.5, "no replaced entity recorded", ha="center", transform=ax.transAxes)
    ax.set_xlabel("messages in which the entity type was replaced")
    ax.set_title("Entity types detected and replaced (clean chat partitions)")
    return _png(fig)


def cells(releases: list[dict[str, Any]]) -> bytes:
    rows = [r for r in releases if r.get("status") == "published" and r.get("suppression")]
    labels = [f"{r['extract']} {r.get('interval', '')}" for r in rows]
    pub = [r["suppression"].get("published_cells", 0) for r in rows]
    sup = [r["suppression"].get("primary_suppressed", 0) for r in rows]
    comp = [r["suppression"].get("complementary_suppressed", 0) for r in rows]
    fig, ax = plt.subplots(figsize=(8, 0.3 * max(len(rows), 3) + 1.2))
    y = range(len(rows))
    ax.barh(y, pub, color="#55a868", label="published")
    ax.barh(y, sup, left=pub, color="#c44e52", label="suppressed / not selected / outside public lists")
    ax.barh(y, comp, left=[a + b for a, b in zip(pub, sup, strict=True)], color="#dd8452", label="complementary")
    ax.set_yticks(list(y), labels, fontsize=7)
    ax.set_xscale("symlog")
    ax.set_xlabel("cells (symmetric log scale)")
    ax.legend(fontsize=7, loc="lower right")
    ax.set_title("Cells published and suppressed per release")
    return _png(fig)


def noise(series: list[dict[str, Any]], limit: int = 8) -> bytes:
    shown = series[:limit]
    n = max(len(shown), 1)
    fig, axes = plt.subplots(n, 1, figsize=(8, 2.2 * n), squeeze=False)
    for ax, s in zip(axes[:, 0], shown, strict=False):
        for name, v in s["series"].items():
            values = sorted(v["values"], reverse=True)
            ax.plot(range(len(values)), values, label=f"{name} (±{v['half_width']:.3g} at 95 %)")
            ax.axhline(v["half_width"], linestyle="--", linewidth=0.8, color=ax.lines[-1].get_color())
        ax.set_yscale("symlog")
        ax.set_title(f"{s['extract']} {s['release_id']}: published values vs noise half-width", fontsize=9)
        ax.set_xlabel("cells, by published value", fontsize=8)
        ax.legend(fontsize=7)
    if not shown:
        axes[0, 0].text(0.5, 0.5, "no DP release", ha="center", transform=axes[0, 0].transAxes)
    return _png(fig)


def epsilon(entries: list[dict[str, Any]], budgets: dict[str, dict[str, Any]]) -> bytes:
    """Cumulative ε per recipient and period (ledger order), its budget, and the all-recipient sum."""
    fig, ax = plt.subplots(figsize=(8, 3.8))
    per: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    overall: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, e in enumerate(entries, start=1):  # one x position per ledger entry, shared by every series
        for series in (per[(e["recipient"], e["period"])], overall[e["period"]]):
            series.append((i, (series[-1][1] if series else 0.0) + e["epsilon"]))
    for (rec, period), series in sorted(per.items()):
        xs, ys = zip(*series, strict=True)
        line = ax.step(xs, ys, where="post", marker="o", markersize=3, label=f"{rec} {period}")[0]
        cap = budgets.get(rec, {}).get("epsilon")
        if cap:
            ax.axhline(cap, linestyle=":", color=line.get_color(), linewidth=1)
    for period, series in sorted(overall.items()):
        xs, ys = zip(*series, strict=True)
        ax.step(xs, ys, where="post", color="black", linewidth=1.5,
                label=f"per-user worst case (all recipients) {period}")
    if not entries:
        ax.text(0.5, 0.5, "no privacy budget spent yet", ha="center", transform=ax.transAxes)
    ax.set_xlabel("releases charged, in ledger order")
    ax.set_ylabel("cumulative ε")
    ax.set_title("Privacy loss spent against each budget (dotted: the recipient's budget per period)")
    ax.legend(fontsize=7)
    return _png(fig)
