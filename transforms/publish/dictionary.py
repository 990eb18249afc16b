"""DATA_DICTIONARY.md of a release, generated from the extract's declaration and its DP calibration.

It says what a recipient needs to read the numbers right: the extract's description, that
`interval_end` is exclusive, every column with its unit and meaning, how each measure is protected
(k, mechanism, noise scale and the 95 % interval half-width from OpenDP's accuracy utilities), what a
`*` and what an absent row mean, that noisy measures are drawn independently, and the policy version.
It holds nothing computed from the data, not even the release id or the row count (those are the
manifest's): scales and intervals depend on the declaration only, so two releases of the same rules
have the same dictionary whatever their rows.
"""

from __future__ import annotations

from typing import Any

from transforms.publish.config import MARGIN_VALUE, Condition, Extract, Measure

FILE = "DATA_DICTIONARY.md"
ALPHA = 0.05

ROW_ENTITY = {"telemetry_events": "telemetry event", "conversations": "conversation",
              "utterance_pairs": "user turn", "chat_messages": "message"}
UNIT_NAMES = {"user_pid": "users", "device_pid": "devices", "conversation_pid": "conversations",
              "message_pid": "messages", "event_pid": "events"}
# column -> (unit, meaning); for group keys and the numeric columns measures are computed from
COLUMNS: dict[str, tuple[str, str]] = {
    "app_version": ("", "app version reported by the client"),
    "os_family": ("", "operating system family: Android, iOS, HarmonyOS or other ('unknown' if not reported)"),
    "event_type": ("", "telemetry event type (session_start, page_view, search, crash, perf, notification)"),
    "page": ("", "app page of the event"),
    "character_id": ("", "id of the AI character in AIMate's public character catalogue"),
    "character_category": ("", "category of the AI character (companion, romance, tutor, ...; 'other' if uncategorised)"),
    "topic": ("", "dominant topic of the user's turns by AIMate's keyword taxonomy ('other' when none matches)"),
    "hour_band": ("", "local time (UTC+8) band of the start: 00-05, 06-11, 12-17, 18-23"),
    "age_band": ("", "user's age band from the declared birth year (e.g. 18-24, 55+)"),
    "province": ("", "province derived from the IP address, generalised ('unknown' when not located)"),
    "length_band": ("", "messages in the conversation: 01-02, 03-05, 06-10, 11-20, 21+"),
    "turn_pattern": ("", "who leads: user_led, assistant_led, alternating or unanswered"),
    "utterance": ("", "a de-identified user turn, normalised (lower case, whitespace collapsed, trailing "
                      "punctuation removed)"),
    "reply": ("", "the de-identified, normalised assistant reply that followed the utterance"),
    "startup_ms": ("ms", "app start-up time"),
    "latency_ms": ("ms", "reply latency"),
    "memory_mb": ("MB", "memory in use"),
    "messages": ("messages", "messages in the conversation"),
    "user_turns": ("turns", "user turns in the conversation"),
    "duration_min": ("minutes", "time from the conversation's first to its last message"),
    "turn_ratio": ("user turns per assistant turn", "user turns / assistant turns of the conversation"),
}


def half_width(mechanism: str, scale: float | None, integer: bool) -> float | None:
    """95 % half-width of the noise added with `scale` (OpenDP accuracy utilities)."""
    if scale is None:
        return None
    from opendp import accuracy

    if mechanism == "laplace":
        fn = accuracy.discrete_laplacian_scale_to_accuracy if integer else accuracy.laplacian_scale_to_accuracy
    else:
        fn = accuracy.discrete_gaussian_scale_to_accuracy if integer else accuracy.gaussian_scale_to_accuracy
    return float(fn(float(scale), ALPHA))


def _cond(c: Condition) -> str:
    ops = {"eq": "=", "ne": "≠", "gt": ">", "ge": "≥", "lt": "<", "le": "≤", "in": "in", "not_in": "not in"}
    if c.op in ("is_null", "not_null"):
        return f"{c.column} {'is' if c.op == 'is_null' else 'is not'} empty"
    value = ", ".join(map(str, c.value)) if isinstance(c.value, list | tuple) else c.value
    return f"{c.column} {ops[c.op]} {value}"


def _where(conds: tuple[Condition, ...]) -> str:
    return f" with {' and '.join(_cond(c) for c in conds)}" if conds else ""


def measure_meaning(m: Measure, ext: Extract) -> tuple[str, str]:
    """(unit, meaning) of a measure, written from its declaration."""
    entity = ROW_ENTITY.get(ext.view, "row")
    col_unit, col_meaning = COLUMNS.get(m.column or "", ("", m.column or ""))
    lo, hi = m.bounds or (None, None)
    clamp = f", each value clamped to [{lo:g}, {hi:g}]" if m.bounds else ""
    if m.agg == "count":
        return f"{entity}s", f"number of {entity}s in the cell{_where(m.where)}"
    if m.agg == "count_distinct":
        unit = UNIT_NAMES.get(m.column or "", f"distinct {m.column}")
        return unit, f"number of distinct {unit} in the cell{_where(m.where)}"
    if m.agg == "sum":
        return col_unit, f"sum of {col_meaning} over the cell's {entity}s{_where(m.where)}{clamp}"
    if m.agg == "mean":
        return col_unit, f"mean of {col_meaning} over the cell's {entity}s{_where(m.where)}{clamp}"
    if m.agg == "quantile":
        return col_unit, f"{100 * (m.q or 0):g}th percentile of {col_meaning}{_where(m.where)}{clamp}"
    return "ratio", f"{m.numerator} / {m.denominator} of the same row (computed from the published values)"


def _integer(query: str, ext: Extract) -> bool:
    name, _, part = query.partition(":")
    m = next((x for x in ext.measures if x.name == name), None)
    if part:
        return part == "count"
    return m is not None and m.agg in ("count", "count_distinct")


def protections(ext: Extract, dp_facts: dict[str, Any] | None) -> dict[str, str]:
    """Measure name -> how it is protected, in words and numbers."""
    k, unit = ext.min_group.k, UNIT_NAMES.get(ext.min_group.unit, ext.min_group.unit)
    if ext.dp is None or not dp_facts:
        return {m.name: f"exact; the row exists only if at least {k} distinct {unit} contribute" for m in ext.measures}
    mech = ext.dp.mechanism
    label = {"laplace": "Laplace", "gaussian": "Gaussian"}[mech]
    queries = {q["query"]: q for q in dp_facts.get("queries", [])}
    sel = dp_facts.get("selection") or {}
    out: dict[str, str] = {}
    for m in ext.measures:
        if m.agg == "ratio":
            out[m.name] = "post-processing of two noisy measures (no extra privacy cost); no closed-form interval"
            continue
        if m.agg == "quantile":
            q = queries.get(m.name, {})
            lo, hi = m.bounds  # type: ignore[misc]
            step = (hi - lo) / (ext.dp.quantile_candidates - 1)
            out[m.name] = (f"exponential mechanism over {ext.dp.quantile_candidates} candidates {step:g} apart, "
                           f"ε={q.get('per_cell_epsilon', 0):.3g} per cell; accuracy depends on how many values "
                           "lie near the percentile (no closed-form interval)")
            continue
        if m.agg == "mean":
            s, n = queries.get(f"{m.name}:sum", {}), queries.get(f"{m.name}:count", {})
            hs, hn = half_width(mech, s.get("scale"), False), half_width(mech, n.get("scale"), True)
            if hs is None or hn is None:
                out[m.name] = f"noisy sum / noisy count ({label}; no row, so no noise was drawn)"
                continue
            out[m.name] = (f"noisy sum / noisy count ({label}); sum ±{hs:.3g}, count ±{hn:.3g} at 95 %; "
                           f"the mean's interval is about ±(sum interval + |mean| × count interval) / count, "
                           "so it is only informative where the count is large")
            continue
        q = queries.get(m.name) or queries.get(f"{m.name}:sum")
        if q is None and sel.get("scale") is not None:  # the selection's own noisy distinct-unit count
            hw = half_width("laplace", sel["scale"], True)
            out[m.name] = (f"discrete Laplace, scale {sel['scale']:.3g} (the partition selection's count); "
                           f"95 % interval ±{hw:.3g}; rows appear only above the threshold, so values near it "
                           "lean high")
            continue
        if q is None or q.get("scale") is None:
            out[m.name] = f"{label} noise (no row, so no noise was drawn)" if q else "noisy (calibration not recorded)"
            continue
        integer = _integer(m.name, ext)
        hw = half_width(mech, q.get("scale"), integer)
        kind = ("discrete " if integer else "") + label
        sens = f" (L1 sensitivity {q.get('sensitivity', 0):g})" if mech == "laplace" else ""
        out[m.name] = (f"{kind}, scale {q['scale']:.3g}{sens}; "
                       f"95 % interval ±{hw:.3g}" + ("; negative draws published as 0" if integer else ""))
    return out


def _absence(ext: Extract, dp_facts: dict[str, Any] | None, public_cells: int | None) -> list[str]:
    k, unit = ext.min_group.k, UNIT_NAMES.get(ext.min_group.unit, ext.min_group.unit)
    if ext.dp is None:
        lines = [f"A combination that is absent had fewer than {k} distinct {unit}, or was suppressed as well so "
                 "that no subtotal reveals a small cell. **Absent is not zero.**"]
        if ext.margins:
            sets = "; ".join(f"by {', '.join(g)}" if g else "overall" for g in ext.margins)
            lines.append(f"`{MARGIN_VALUE}` in a key column marks a subtotal row: all values of that key together "
                         f"(declared subtotals: {sets}). Subtotals are computed from all data, so they can exceed "
                         "the sum of the published detail rows.")
        return lines
    if ext.public_keys:
        return [f"Every combination of the public key values is present ({public_cells} rows), whether or not "
                "anyone contributed: **a zero or small value is the noisy value of a public cell**, not a "
                "suppression. The lists of values are public (AIMate's configuration), not taken from the data; "
                "data outside them is in no row."]
    thr = (dp_facts or {}).get("selection", {}).get("threshold")
    return [f"Rows are chosen by DP partition selection: a combination appears only when its noisy count of "
            f"distinct {unit} passed the threshold ({thr}) and at least {k} {unit} contributed. **An absent "
            "combination may still have had users**; absence is not zero."]


def render(ext: Extract, *, release_id: str, recipient: str, interval: Any, policy_version: str,
           config_version: str, rows: int, dp_facts: dict[str, Any] | None) -> str:
    """The Markdown dictionary of one release."""
    prot = protections(ext, dp_facts)
    lines = [f"# Data dictionary: {ext.id}", "",
             ext.description or "(no description declared)", "",
             "| | |", "|---|---|",
             f"| recipient | {recipient} |", f"| purpose | {ext.purpose} |",
             f"| interval | {interval.label}: [{interval.start}, {interval.end}) — `interval_start` inclusive, "
             f"`interval_end` **exclusive** (UTC dates) |",
             f"| policy version | {policy_version} |", f"| config version | {config_version} |"]
    if ext.dp:
        lines.append(f"| differential privacy | {ext.dp.mechanism}, ε={ext.dp.epsilon:g}, δ={ext.dp.delta:g} per "
                     f"release; privacy unit: one user ({ext.dp.privacy_unit}) |")
        lines.append(f"| contribution bounds | each user counts in at most {ext.dp.max_groups_per_unit} rows and "
                     f"with at most {ext.dp.max_rows_per_unit_group} {ROW_ENTITY.get(ext.view, 'row')}s per row; "
                     "the values estimate these bounded counts |")
    else:
        lines.append(f"| minimum group size | k={ext.min_group.k} distinct "
                     f"{UNIT_NAMES.get(ext.min_group.unit, ext.min_group.unit)} per row |")
    if ext.filters:
        lines.append(f"| population | {ROW_ENTITY.get(ext.view, 'row')}s{_where(ext.filters)}, of users eligible "
                     f"for {ext.purpose} (consent, age, deletion applied) |")
    lines += ["", "## Columns", "", "| column | type | unit | meaning | protection |", "|---|---|---|---|---|",
              "| interval_start | date | day | first day of the interval (inclusive) | public |",
              "| interval_end | date | day | day after the last day of the interval (exclusive) | public |"]
    public = {p.column: p for p in ext.public_keys}
    for g in ext.group_by:
        _, meaning = COLUMNS.get(g, ("", g))
        how = ("public key: every value of a declared list" if g in public else
               "group key chosen by DP selection" if ext.dp else "group key")
        lines.append(f"| {g} | string | | {meaning} | {how} |")
    types = {c.name: c.type for c in ext.output_schema}
    for m in ext.measures:
        unit, meaning = measure_meaning(m, ext)
        lines.append(f"| {m.name} | {types.get(m.name, m.output_type)} | {unit} | {meaning} | {prot[m.name]} |")
    public_cells = rows if ext.public_keys else None
    lines += ["", "## Reading the rows", ""]
    lines += [f"- {line}" for line in _absence(ext, dp_facts, public_cells)]
    if ext.dp:
        lines.append("- Each noisy measure is drawn independently of the others, so relations that hold for the "
                     "true values need not hold in the published ones: a count of rows can sit below a count of "
                     "users, an event count can be 0 next to a positive user count, and ratios can exceed 1. "
                     "Use the 95 % intervals above to judge differences.")
        lines.append("- The 95 % interval is the noise alone: the true (bounded) value lies within ± the "
                     "half-width of the published one in 95 % of cells.")
    lines.append("- Users who withdrew consent, cancelled or deleted their account, and children under 14 without "
                 "verified parental consent are in no row.")
    return "\n".join(lines) + "\n"


def release_documents(attempt: Any) -> dict[str, bytes]:
    """The documents written next to a release's Parquet files (hooked into release._commit)."""
    text = render(attempt.extract, release_id=attempt.release_id, recipient=attempt.recipient.id,
                  interval=attempt.interval, policy_version=attempt.cfg.policy.version,
                  config_version=attempt.config_version, rows=attempt.table.num_rows,
                  dp_facts=attempt.facts.get("dp") if attempt.extract.dp else None)
    return {FILE: text.encode("utf-8")}
