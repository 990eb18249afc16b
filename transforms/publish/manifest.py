"""The recipient manifest, defined once: what a drop holds and under which rules, nothing more.

A recipient who keeps every drop can diff manifests, so a manifest carries no number computed from
the data beyond the published rows themselves: no population sizes, source or kept row counts,
candidate or suppressed cell counts, and no gate details. It lists the files (sha256, bytes, rows),
the schema, the interval, k, the DP rules and this release's own privacy spend (both fixed by config,
not by the data), the measures' declared bounds, and the policy, config and key versions. Exact
internals go to the internal audit only (`_system/audit/releases/`). Unknown fields are rejected,
so a count cannot be added by accident; every reader (verify, rights, listing) parses this model.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

MANIFEST = "_manifest.json"
MANIFEST_VERSION = 2


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FileEntry(_Strict):
    name: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    bytes: int = Field(ge=0)
    rows: int = Field(ge=0)


class DocumentEntry(_Strict):
    """A non-Parquet file of the release (the data dictionary): checksummed like the data files."""

    name: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    bytes: int = Field(ge=0)


class Column(_Strict):
    name: str
    type: Literal["string", "int64", "float64", "date"]


class IntervalInfo(_Strict):
    start: date
    end: date
    granularity: Literal["day", "week"]
    label: str


class MeasureRule(_Strict):
    """How one published column was computed: aggregate, column, declared clamp bounds, q."""

    name: str
    agg: str
    column: str | None = None
    bounds: tuple[float, float] | None = None
    q: float | None = None


class DPRules(_Strict):
    mechanism: Literal["laplace", "gaussian"]
    privacy_unit: str
    epsilon_declared: float
    delta_declared: float
    max_groups_per_unit: int
    max_rows_per_unit_group: int
    partition_selection: str = "laplace_threshold"


class Spend(_Strict):
    """This release's privacy loss per privacy unit (fixed by the declared rules, not the data)."""

    epsilon: float = Field(ge=0)
    delta: float = Field(ge=0)
    rho: float = Field(default=0.0, ge=0)  # zCDP part (Gaussian queries), already inside epsilon/delta


class Encryption(_Strict):
    enabled: bool
    scheme: str | None = None
    key_name: str | None = None
    key_version: str | None = None


class Manifest(_Strict):
    manifest_version: int = MANIFEST_VERSION
    status: Literal["published"] = "published"
    kind: Literal["original", "correction"] = "original"
    correction_of: str | None = None
    release_id: str
    recipient: str
    extract: str
    purpose: str
    cross_border: bool
    interval: IntervalInfo
    interval_start: date
    interval_end: date
    created_at: str
    policy_version: str
    policy_effective_from: date | None = None
    config_version: str
    k: int
    k_unit: str
    dp: DPRules | None
    spend: Spend
    measures: tuple[MeasureRule, ...]
    rows: int = Field(ge=0)
    files: tuple[FileEntry, ...]
    documents: tuple[DocumentEntry, ...] = ()  # DATA_DICTIONARY.md (dictionary.py)
    schema_: tuple[Column, ...] = Field(alias="schema")
    encryption: Encryption
    key_versions: dict[str, str] = Field(default_factory=dict)  # key ring name → version (never material)
    deid_versions: dict[str, tuple[str, ...]] = Field(default_factory=dict)  # inputs' de-identification rules
    source_partitions: tuple[str, ...]  # which day partitions were read (rights answers use them)
    gates: tuple[str, ...]  # names of the gates passed, in order (details are internal)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

    @property
    def epsilon_spent(self) -> float:
        return self.spend.epsilon


def parse(data: bytes | str | dict[str, Any]) -> Manifest:
    """A manifest from its JSON; raises pydantic.ValidationError when it is not one."""
    obj = json.loads(data) if isinstance(data, bytes | str) else data
    return Manifest.model_validate(obj)


def read(lake: Any, path: str) -> Manifest:
    """The manifest at a lake path."""
    return parse(lake.read_bytes(path))
