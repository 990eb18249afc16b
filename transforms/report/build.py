"""`aimate-share report`: one self-contained HTML file (plots as base64 PNG, no external resource).

Internal only: it is written under `<lake>/_system/reports/` by default and refuses any path inside
`published/`, where recipients' folders are.
"""

from __future__ import annotations

import base64
import html
from collections import defaultdict
from pathlib import Path
from typing import Any

from transforms.lake import Lake, utcnow
from transforms.report import plots
from transforms.report.data import ReportData, gather

CSS = """body{font-family:sans-serif;margin:2em;max-width:1100px;color:#222}
table{border-collapse:collapse;margin:.6em 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 7px;text-align:left}
th{background:#f0f0f0}.ok{color:#1a7f37}.bad{color:#c62828;font-weight:bold}.banner{background:#fff3cd;padding:.6em;
border:1px solid #e0c060}img{max-width:100%;border:1px solid #ddd;margin:.4em 0}"""


class ReportError(ValueError):
    """The report cannot be written as asked; one clear line."""


def _e(value: Any) -> str:
    return html.escape(str(value))


def _img(png: bytes, alt: str) -> str:
    return f'<img alt="{_e(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode()}">'


def _table(head: list[str], rows: list[list[Any]], raw: bool = False) -> str:
    cells = "".join("<tr>" + "".join(f"<td>{c if raw else _e(c)}</td>" for c in r) + "</tr>" for r in rows)
    return "<table><tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>" + cells + "</table>"


def _latest_runs(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    latest: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in sorted(runs, key=lambda r: r.get("recorded_at", "")):
        latest[(r.get("stage", ""), r.get("source") or r.get("table", ""), r.get("dt", ""))] = r
    return [latest[k] for k in sorted(latest)]


def _reconciliation(runs: list[dict[str, Any]]) -> str:
    rows = []
    for r in _latest_runs(runs):
        if r["stage"] == "ingest":
            ok = r.get("lines") == r.get("raw_rows", 0) + r.get("quarantined", 0)
            rows.append(["ingest", r.get("source"), r.get("dt"), f"{r.get('lines')} lines",
                         f"{r.get('raw_rows')} raw + {r.get('quarantined')} quarantined", ok])
        else:
            out = r.get("clean_rows", 0) + r.get("rejected", 0) + r.get("excluded_by_rights", 0)
            rows.append(["de-identify", r.get("table"), r.get("dt"), f"{r.get('raw_rows')} raw",
                         f"{r.get('clean_rows')} clean + {r.get('rejected')} rejected + "
                         f"{r.get('excluded_by_rights')} excluded by rights", r.get("raw_rows") == out])
    body = [[*map(_e, r[:5]), '<span class="ok">balanced</span>' if r[5] else '<span class="bad">MISMATCH</span>']
            for r in rows]
    return _table(["stage", "table", "day", "in", "out", "check"], body, raw=True)


def _gates(releases: list[dict[str, Any]]) -> str:
    names: list[str] = []
    for r in releases:
        for g in r.get("gates", []):
            if g["gate"] not in names:
                names.append(g["gate"])
    body = []
    for r in releases:
        by = {g["gate"]: g for g in r.get("gates", [])}
        cells = [_e(r.get("status")), _e(r.get("extract")), _e(r.get("interval"))]
        for n in names:
            g = by.get(n)
            cells.append("" if g is None else f'<span class="{"ok" if g["passed"] else "bad"}" '
                         f'title="{_e(g.get("detail", ""))}">{"pass" if g["passed"] else "FAIL"}</span>')
        cells.append(_e(r.get("reason") or ""))
        body.append(cells)
    return _table(["status", "extract", "interval", *names, "reason"], body, raw=True)


def _budget_table(data: ReportData) -> str:
    spent: dict[tuple[str, str], float] = defaultdict(float)
    for e in data.budget:
        spent[(e["recipient"], e["period"])] += e["epsilon"]
    overall: dict[str, float] = defaultdict(float)
    rows = []
    for (rec, period), eps in sorted(spent.items()):
        cap = data.budgets.get(rec, {}).get("epsilon")
        overall[period] += eps
        rows.append([rec, period, f"{eps:.4g}", cap, f"{cap - eps:.4g}" if cap else ""])
    rows += [["all recipients (per-user worst case)", p, f"{e:.4g}", "", ""] for p, e in sorted(overall.items())]
    return _table(["recipient", "period", "ε spent", "ε budget", "ε remaining"], rows)


def _noise_table(data: ReportData) -> str:
    rows = []
    for s in data.noise:
        for name, v in s["series"].items():
            vals = v["values"]
            above = sum(1 for x in vals if x is not None and x > v["half_width"])
            rows.append([s["extract"], s["release_id"], name, len(vals), f"±{v['half_width']:.3g}",
                         f"{above} ({100 * above / len(vals):.0f} %)" if vals else "0"])
    return _table(["extract", "release", "measure", "cells", "95 % half-width", "cells above the half-width"], rows)


def _runs_table(data: ReportData) -> str:
    rows = [[r.get("recorded_at", "")[:19], r.get("attempts", 0), len(r.get("published", [])),
             len(r.get("refused", [])), len(r.get("existing", [])),
             "; ".join(f"{x.get('extract')}: {x.get('reason')}" for x in r.get("refused", []))]
            for r in data.publish_runs]
    return _table(["run recorded (UTC)", "attempts", "published", "refused", "already there", "refusals"], rows)


def render(data: ReportData) -> str:
    rel = data.releases
    published = [r for r in rel if r.get("status") == "published"]
    refused = [r for r in rel if r.get("status") != "published"]
    release_rows = [[r.get("status"), r.get("recipient"), r.get("extract"), r.get("interval"), r.get("rows", ""),
                     (r.get("suppression") or {}).get("published_cells", ""),
                     (r.get("suppression") or {}).get("primary_suppressed", ""),
                     (r.get("suppression") or {}).get("complementary_suppressed", ""),
                     "yes" if (r.get("suppression") or {}).get("public_partitions") else "",
                     f"{r.get('epsilon_spent', 0) or 0:.3g}"] for r in rel]
    det_rows = [[t, n] for t, n in data.detections.items()]
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>AIMate privacy report: {_e(data.scope)}</title><style>{CSS}</style></head><body>",
        "<h1>AIMate privacy report</h1>",
        "<p class='banner'><b>Internal — privacy officer only.</b> Holds population figures, suppressed "
        "cells and detections that no recipient may receive. Never copy it into a drop.</p>",
        f"<p>Scope: {_e(data.scope)}. Generated {_e(utcnow().isoformat(timespec='seconds'))}. "
        f"{len(published)} release(s) published, {len(refused)} refused or failed.</p>",
        "<h2>1. Entity types detected and replaced in the source interval</h2>",
        f"<p>From the <code>pii_types</code> recorded per message by de-identification in "
        f"{len(data.detection_partitions)} clean chat partition(s). Search queries in telemetry are "
        "de-identified too, but their entity types are not recorded.</p>",
        _img(plots.detections(data.detections), "entity types detected"),
        _table(["entity type", "messages"], det_rows),
        "<h2>2. Cells published and suppressed</h2>",
        _img(plots.cells(rel), "cells published and suppressed"),
        _table(["status", "recipient", "extract", "interval", "rows", "published cells", "suppressed",
                "complementary", "public partitions", "ε spent"], release_rows),
        "<h2>3. Noise against value</h2>",
        "<p>Published values of each DP release's noisy counts, largest first, against the 95 % half-width "
        "of the noise (dashed): cells below the line are mostly noise.</p>",
        _img(plots.noise(data.noise), "noise against value"), _noise_table(data),
        "<h2>4. Privacy loss (ε) against each budget over time</h2>",
        _img(plots.epsilon(data.budget, data.budgets), "epsilon spent over time"), _budget_table(data),
        "<h2>5. Gate results</h2><p>Hover a cell for the gate's detail.</p>", _gates(rel),
        "<h2>6. Publishing runs</h2>", _runs_table(data),
        "<h2>7. Reconciliation</h2><p>Every input row is an output row, a quarantined row or an exclusion "
        "by the rights ledger (latest run per table and day).</p>", _reconciliation(data.runs),
        "</body></html>",
    ]
    return "\n".join(parts)


def write_report(lake: Lake, *, out: str | Path | None = None, release_dir: str | Path | None = None,
                 keyring: Any = None) -> Path:
    from anonymizers.keyring import KeyRing

    if release_dir is not None and not (Path(release_dir) / "_manifest.json").is_file():
        raise ReportError(f"{release_dir} is not a release folder (no _manifest.json)")
    data = gather(lake, str(release_dir) if release_dir else None, keyring or KeyRing.load())
    if release_dir is not None and not data.releases:
        raise ReportError(f"no audit record for release {Path(release_dir).name}")
    if out is None:
        name = Path(release_dir).name if release_dir else "lake"
        out = Path(lake.path("_system", "reports", f"privacy-report-{name}-{utcnow():%Y%m%dT%H%M%SZ}.html"))
    out = Path(out)
    published = Path(lake.path("published")).resolve()
    if out.resolve() == published or published in out.resolve().parents:
        raise ReportError(f"--out {out} is inside published/: the report is internal and never part of a drop")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(data), encoding="utf-8")
    return out
