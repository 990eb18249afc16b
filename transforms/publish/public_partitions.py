"""Public partitions: group keys whose values are known before any data is read.

When every group key of a DP extract is declared public (`public_keys` in config/extracts.yaml), the
release holds one cell for every combination of the declared values, each measure noised, and no
partition selection: the set of cells reveals nothing, so no selection budget is spent and a small or
zero value is simply the noisy value of a public cell. Rows whose key falls outside the declared
lists are in no cell (counted for the internal audit only). Keys that are data (utterances, app
versions, pages) keep DP partition selection (`dp.laplace_selection`).

A named domain is a closed list that already lives in one place: the taxonomy in config/topics.yaml,
the provinces of config/ip_regions.csv, the age bands of the rights module, the hour bands of the
views. Its values are read from there, never from the data.
"""

from __future__ import annotations

import csv
import itertools
import re
from pathlib import Path
from typing import Any

from transforms.publish.aggregate import KEY, UNITS
from transforms.publish.config import Extract, PublicKey, PublishConfig

UNKNOWN = "unknown"          # what aggregate._key_expr makes of a NULL key
SEP = chr(31)                # aggregate's key separator
OS_FAMILIES = ("Android", "iOS", "HarmonyOS", "other")  # transforms.clean.generalize.os_family


def _hour_bands() -> tuple[str, ...]:
    from transforms.publish.views import HOUR_BAND_SQL

    return tuple(re.findall(r"'(\d\d-\d\d)'", HOUR_BAND_SQL))


def _age_bands() -> tuple[str, ...]:
    from transforms.rights.population import AGE_BANDS, CHILD_BAND, UNKNOWN_BAND

    return (CHILD_BAND, *[label for _, label in sorted(AGE_BANDS)], UNKNOWN_BAND)


def _provinces(config_dir: str) -> tuple[str, ...]:
    with open(Path(config_dir) / "ip_regions.csv", encoding="utf-8") as fh:
        found = {r["province"] for r in csv.DictReader(fh) if r.get("province")}
    return (*sorted(found), UNKNOWN)


def named_domain(name: str, cfg: PublishConfig) -> tuple[str, ...]:
    """The values of a named closed list (see config.PUBLIC_DOMAINS)."""
    t = cfg.topics
    if name == "os_families":
        return (*OS_FAMILIES, UNKNOWN)
    if name == "provinces":
        return _provinces(cfg.source_dir)
    if name == "age_bands":
        return _age_bands()
    if name == "hour_bands":
        return _hour_bands()
    if name == "topics":
        return (*[x.id for x in t.topics], t.default_topic)
    if name == "character_categories":
        return (*t.character_categories, t.default_category)
    if name == "characters":
        return tuple(c for ids in t.character_categories.values() for c in ids)
    raise ValueError(f"unknown public domain {name!r}")


def key_values(key: PublicKey, cfg: PublishConfig) -> tuple[str, ...]:
    values = key.values or named_domain(key.domain or "", cfg)
    kept = tuple(dict.fromkeys(v for v in values if v not in key.exclude))
    if not kept:
        raise ValueError(f"public key {key.column}: no value left after exclude")
    return kept


def resolve(extract: Extract, cfg: PublishConfig) -> dict[str, tuple[str, ...]] | None:
    """group_by column -> its public values, in group_by order; None when the keys are private."""
    if not extract.public_keys:
        return None
    by_col = {k.column: k for k in extract.public_keys}
    return {c: key_values(by_col[c], cfg) for c in extract.group_by}


def cell_count(domains: dict[str, tuple[str, ...]]) -> int:
    n = 1
    for values in domains.values():
        n *= len(values)
    return n


def enumerate_cells(rows: list[dict[str, Any]], extract: Extract, domains: dict[str, tuple[str, ...]],
                    ) -> tuple[list[str], dict[str, dict[str, Any]], dict[str, Any]]:
    """(every public cell key in order, the cell rows by key — zero rows where no data —, facts).

    Facts are for the internal audit: how many data cells and privacy units fell outside the lists.
    """
    cols = list(extract.group_by)
    by_key: dict[str, dict[str, Any]] = {}
    outside_cells = outside_units = 0
    allowed = {c: set(v) for c, v in domains.items()}
    for r in rows:
        if all(r[c] in allowed[c] for c in cols):
            by_key[r[KEY]] = r
        else:
            outside_cells += 1
            outside_units += int(r[UNITS])
    keys = []
    for combo in itertools.product(*[domains[c] for c in cols]):
        key = SEP.join(combo)
        keys.append(key)
        if key not in by_key:
            by_key[key] = {**dict(zip(cols, combo, strict=True)), KEY: key, UNITS: 0, **_zero(extract)}
    info = {"public": True, "threshold": None, "cells": len(keys), "data_cells": len(rows) - outside_cells,
            "outside_domain_cells": outside_cells, "outside_domain_unit_cells": outside_units,
            "epsilon": 0.0, "delta": 0.0, "scale": None,
            "domains": {c: len(v) for c, v in domains.items()}}
    return keys, by_key, info


def _zero(extract: Extract) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for m in extract.measures:
        if m.agg in ("count", "count_distinct", "sum"):
            out[m.name] = 0
        elif m.agg == "mean":
            out[m.name + "__sum"], out[m.name + "__n"] = 0.0, 0
        elif m.agg == "quantile":
            out[m.name + "__values"] = []
    return out
