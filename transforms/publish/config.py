"""Declared recipients and extracts (config/recipients.yaml, config/extracts.yaml), validated on load.

Every rule about *what* may be published is checked here once, before any data is read: an extract
must aggregate (grouping or measures, never identifiers or free text as output), its recipient must
exist and hold the purpose, DP parameters must be complete, and the declared output schema must be
the one the measures produce. A bad file fails with an error naming the file and the field.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from transforms.publish.catalog import VIEWS
from transforms.schemas import PURPOSES
from transforms.settings import config_dir

RECIPIENTS_FILE = "recipients.yaml"
EXTRACTS_FILE = "extracts.yaml"
TOPICS_FILE = "topics.yaml"

OUTPUT_TYPES = ("string", "int64", "float64", "date")
INTERVAL_COLUMNS = (("interval_start", "date"), ("interval_end", "date"))
MARGIN_VALUE = "*"


class ConfigError(ValueError):
    """A config file is invalid; the message names the file and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# -- recipients --------------------------------------------------------------------------------
class Budget(_Strict):
    """Privacy budget of one recipient per period of *data time* (the release interval's period)."""

    period: Literal["month", "quarter", "year"] = "month"
    epsilon: float = Field(gt=0)
    delta: float = Field(ge=0, lt=1e-3)


class OdometerPolicy(_Strict):
    """The per-user privacy odometer across all recipients: a cap per rolling window of data days."""

    window_days: int = Field(ge=1, le=366)
    epsilon: float = Field(gt=0)
    delta: float = Field(gt=0, lt=1e-3)
    conversion_delta: float = Field(default=1e-7, gt=0, lt=1e-4)  # δ for converting composed zCDP


class Recipient(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]{1,40}$")
    kind: Literal["internal_ml", "statistics_partner", "academic"]
    region: Literal["in_region", "overseas"]
    purposes: tuple[str, ...] = Field(min_length=1)
    encryption: bool
    budget: Budget
    description: str = ""

    @field_validator("purposes")
    @classmethod
    def _known_purposes(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        bad = [p for p in v if p not in PURPOSES]
        if bad:
            raise ValueError(f"unknown purpose(s) {bad}; allowed: {list(PURPOSES)}")
        return v

    @model_validator(mode="after")
    def _external_encrypted(self) -> Recipient:
        if self.kind != "internal_ml" and not self.encryption:
            raise ValueError("external recipients (statistics_partner, academic) must have encryption: true")
        return self

    @property
    def key_name(self) -> str:
        """Key ring name of this recipient's Parquet master key."""
        return f"parquet:{self.id}"


# -- extracts ----------------------------------------------------------------------------------
class Condition(_Strict):
    """A structured filter (no SQL strings in config): column, operator, value."""

    column: str
    op: Literal["eq", "ne", "in", "not_in", "is_null", "not_null", "gt", "ge", "lt", "le"]
    value: Any = None

    @model_validator(mode="after")
    def _value_shape(self) -> Condition:
        if self.op in ("in", "not_in") and not isinstance(self.value, list | tuple):
            raise ValueError(f"op {self.op} needs a list value")
        if self.op in ("is_null", "not_null") and self.value is not None:
            raise ValueError(f"op {self.op} takes no value")
        if self.op not in ("is_null", "not_null", "in", "not_in") and self.value is None:
            raise ValueError(f"op {self.op} needs a value")
        return self


class Measure(_Strict):
    """One output column computed per group.

    count: rows; count_distinct: distinct values of an id/dim column; sum/mean: of a numeric column
    clamped to `bounds`; quantile: q-quantile of a clamped numeric column; ratio: numerator /
    denominator of two other measures (post-processing, no privacy cost).
    """

    name: str = Field(pattern=r"^[a-z][a-z0-9_]{0,62}$")
    agg: Literal["count", "count_distinct", "sum", "mean", "quantile", "ratio"]
    column: str | None = None
    where: tuple[Condition, ...] = ()
    q: float | None = Field(default=None, gt=0, lt=1)
    bounds: tuple[float, float] | None = None
    numerator: str | None = None
    denominator: str | None = None

    @model_validator(mode="after")
    def _shape(self) -> Measure:
        needs_col = self.agg in ("count_distinct", "sum", "mean", "quantile")
        if needs_col and not self.column:
            raise ValueError(f"agg {self.agg} needs a column")
        if self.agg in ("sum", "mean", "quantile") and self.bounds is None:
            raise ValueError(f"agg {self.agg} needs bounds [lower, upper] (values are clamped)")
        if self.bounds is not None and not self.bounds[0] < self.bounds[1]:
            raise ValueError("bounds must be [lower, upper] with lower < upper")
        if self.agg == "quantile" and self.q is None:
            raise ValueError("agg quantile needs q")
        if self.agg == "ratio" and not (self.numerator and self.denominator):
            raise ValueError("agg ratio needs numerator and denominator measures")
        return self

    @property
    def output_type(self) -> str:
        return "int64" if self.agg in ("count", "count_distinct") else "float64"


class MinGroup(_Strict):
    """Small-cell rule: a cell is published only when at least k distinct `unit`s contribute."""

    k: int = Field(ge=2)
    unit: str


class DP(_Strict):
    """Differential privacy of one release; its (epsilon, delta) is what the release spends."""

    mechanism: Literal["laplace", "gaussian"]
    epsilon: float = Field(gt=0, le=10)
    delta: float = Field(gt=0, lt=1e-3)
    privacy_unit: str = "user_pid"
    max_groups_per_unit: int = Field(ge=1, le=1000)
    max_rows_per_unit_group: int = Field(ge=1, le=10_000)
    quantile_candidates: int = Field(default=64, ge=4, le=1024)
    selection_share: float = Field(default=0.5, gt=0, lt=1)  # of ε (and δ) for choosing the cells


PUBLIC_DOMAINS = ("os_families", "provinces", "age_bands", "hour_bands", "topics", "character_categories",
                  "characters")  # closed lists resolved by public_partitions.py from code and config files


class PublicKey(_Strict):
    """A group key whose values are public (not data): a named closed list or one written here.

    Cells of public keys are released with noise for every value (no selection, no selection
    budget); data outside the list is in no cell. `exclude` drops values the extract cannot hold.
    """

    column: str
    domain: Literal[PUBLIC_DOMAINS] | None = None  # type: ignore[valid-type]
    values: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _one_source(self) -> PublicKey:
        if (self.domain is None) == (not self.values):
            raise ValueError("a public key needs exactly one of domain (a named list) or values")
        if len(set(self.values)) != len(self.values):
            raise ValueError("values must be unique")
        return self


class OutputColumn(_Strict):
    name: str
    type: Literal["string", "int64", "float64", "date"]


class Extract(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]{1,60}$")
    recipient: str
    purpose: str
    description: str = ""
    view: str
    interval: Literal["day", "week"]
    filters: tuple[Condition, ...] = ()
    group_by: tuple[str, ...] = ()
    measures: tuple[Measure, ...] = ()
    min_group: MinGroup
    margins: tuple[tuple[str, ...], ...] = ()
    dp: DP | None = None
    public_keys: tuple[PublicKey, ...] = Field(default=(), exclude_if=lambda v: not v)  # absent: not in dumps
    effective_from: date | None = None  # the extract's rules apply to intervals starting on/after it
    output_schema: tuple[OutputColumn, ...]

    @field_validator("purpose")
    @classmethod
    def _purpose(cls, v: str) -> str:
        if v not in PURPOSES:
            raise ValueError(f"unknown purpose {v!r}; allowed: {list(PURPOSES)}")
        return v

    @model_validator(mode="after")
    def _aggregate_only(self) -> Extract:
        spec = VIEWS.get(self.view)
        if spec is None:
            raise ValueError(f"view: unknown view {self.view!r}; known: {sorted(VIEWS)}")
        if not self.group_by and not self.measures:
            raise ValueError("row-level extract: an extract needs group_by and measures (aggregates only)")
        if not self.measures:
            raise ValueError("row-level extract: measures is empty (a grouping alone publishes the rows' keys)")
        for col in self.group_by:
            kind = spec.kind(col)
            if kind is None:
                raise ValueError(f"group_by: view {self.view} has no column {col!r}")
            if kind in ("id", "text", "ts", "num"):
                raise ValueError(f"group_by: {col!r} is a {kind} column; grouping on it publishes rows or identifiers")
            if kind == "utterance" and self.dp is None:
                raise ValueError(f"group_by: grouping on text {col!r} requires dp (DP partition selection)")
        names = [m.name for m in self.measures]
        if len(set(names)) != len(names) or set(names) & set(self.group_by):
            raise ValueError("measures: names must be unique and differ from group_by columns")
        for m in self.measures:
            self._check_measure(m, spec, names)
        for c in self.filters:
            if spec.kind(c.column) is None:
                raise ValueError(f"filters: view {self.view} has no column {c.column!r}")
        unit_kind = spec.kind(self.min_group.unit)
        if unit_kind != "id":
            raise ValueError(f"min_group.unit: {self.min_group.unit!r} must be an id column of {self.view}")
        for margin in self.margins:
            if not set(margin) <= set(self.group_by):
                raise ValueError(f"margins: {list(margin)} is not a subset of group_by")
        if self.margins and self.dp is not None:
            raise ValueError("margins: subtotal rows are not supported together with dp")
        if self.dp is not None and spec.kind(self.dp.privacy_unit) != "id":
            raise ValueError(f"dp.privacy_unit: {self.dp.privacy_unit!r} must be an id column")
        if self.dp is not None and self.min_group.unit != self.dp.privacy_unit:
            raise ValueError("min_group.unit: with dp it must equal dp.privacy_unit (selection counts units)")
        expected = self.expected_schema()
        declared = [(c.name, c.type) for c in self.output_schema]
        if declared != expected:
            raise ValueError(f"output_schema: declared {declared} but the extract produces {expected}")
        return self

    @model_validator(mode="after")
    def _public_keys(self) -> Extract:
        if not self.public_keys:
            return self
        spec = VIEWS[self.view]
        cols = [p.column for p in self.public_keys]
        if self.dp is None:
            raise ValueError("public_keys: public partitions are released with DP noise; declare dp")
        if sorted(cols) != sorted(self.group_by):
            raise ValueError(f"public_keys: {cols} must name every group_by column {list(self.group_by)} once "
                             "(keys that are data keep DP partition selection)")
        for c in cols:
            if spec.kind(c) != "dim":
                raise ValueError(f"public_keys: {c!r} is a {spec.kind(c)} column; only coarse dims can be public")
        return self

    def _check_measure(self, m: Measure, spec: Any, names: list[str]) -> None:
        if m.column is not None:
            kind = spec.kind(m.column)
            if kind is None:
                raise ValueError(f"measures.{m.name}.column: view {self.view} has no column {m.column!r}")
            if m.agg in ("sum", "mean", "quantile") and kind != "num":
                raise ValueError(f"measures.{m.name}: {m.agg} of a {kind} column {m.column!r} (identifier or text as a measure)")
            if m.agg == "count_distinct" and kind not in ("id", "dim"):
                raise ValueError(f"measures.{m.name}: count_distinct of a {kind} column")
        for c in m.where:
            if spec.kind(c.column) is None:
                raise ValueError(f"measures.{m.name}.where: no column {c.column!r}")
        if m.agg == "ratio":
            for ref in (m.numerator, m.denominator):
                if ref not in names or ref == m.name:
                    raise ValueError(f"measures.{m.name}: ratio refers to unknown measure {ref!r}")
                other = next(x for x in self.measures if x.name == ref)
                if other.agg == "ratio":
                    raise ValueError(f"measures.{m.name}: ratio of a ratio is not supported")

    def expected_schema(self) -> list[tuple[str, str]]:
        """Columns the extract produces, in order: interval, group keys, measures."""
        return [*INTERVAL_COLUMNS, *[(g, "string") for g in self.group_by],
                *[(m.name, m.output_type) for m in self.measures]]

    def fingerprint(self) -> str:
        return _digest(self.model_dump(mode="json"))


class Policy(_Strict):
    """Publishing policy: its version is recorded in every manifest; min_k floors every extract's k.

    A version applies to intervals starting on or after `effective_from`; intervals released before
    are never recomputed. Late data for a released interval is reported, and with `late_data:
    correct` published as at most `max_corrections` marked DP correction releases (never k-only).
    """

    version: str
    effective_from: date
    min_k: int = Field(ge=2)
    close_idle_days: int = Field(default=2, ge=1)  # a partial interval closes when the feed is this idle
    late_data: Literal["correct", "report"] = "correct"
    max_corrections: int = Field(default=1, ge=0, le=3)


class ExtractsFile(_Strict):
    policy: Policy
    extracts: tuple[Extract, ...]


class RecipientsFile(_Strict):
    odometer: OdometerPolicy
    recipients: tuple[Recipient, ...]


class Topic(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]{1,40}$")
    keywords: tuple[str, ...] = Field(min_length=1)


class TopicsFile(_Strict):
    version: str
    default_topic: str = "other"
    topics: tuple[Topic, ...] = Field(min_length=1)
    character_categories: dict[str, tuple[str, ...]]
    default_category: str = "other"


class PublishConfig(BaseModel):
    """Recipients, extracts, policy and taxonomy as one validated object."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    policy: Policy
    odometer: OdometerPolicy
    recipients: dict[str, Recipient]
    extracts: dict[str, Extract]
    topics: TopicsFile
    source_dir: str

    def recipient_of(self, extract: Extract) -> Recipient:
        return self.recipients[extract.recipient]

    def config_version(self, extract: Extract) -> str:
        """What a release's *content* depends on in config: the extract (not its description), the
        recipient's kind, region and encryption, the policy version and k floor, and the taxonomy for
        chat views. Budgets, descriptions and scheduling knobs can change without re-releasing."""
        rec = self.recipients[extract.recipient]
        uses_taxonomy = any(src == "chat_messages" for src in VIEWS[extract.view].sources)
        return _digest({
            "extract": extract.model_dump(mode="json", exclude={"description"}),
            "recipient": rec.model_dump(mode="json", include={"id", "kind", "region", "encryption"}),
            "policy": self.policy.model_dump(mode="json", include={"version", "min_k", "effective_from"}),
            "topics": self.topics.model_dump(mode="json") if uses_taxonomy else None,
        })[:16]

    def effective_from(self, extract: Extract) -> date:
        """First interval start the current rules apply to (the later of policy and extract)."""
        return max(self.policy.effective_from, extract.effective_from or self.policy.effective_from)

    @cached_property
    def version(self) -> str:
        return _digest({k: v.model_dump(mode="json") for k, v in self.extracts.items()})[:16]


def _digest(obj: Any) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, default=str).encode()).hexdigest()


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: file not found") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc


def _validate(model: type[BaseModel], path: Path) -> Any:
    data = _read_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"])
            loc = _name_location(data, err["loc"]) or loc
            lines.append(f"{path}: {loc}: {err['msg']}")
        raise ConfigError("\n".join(lines)) from None


def _name_location(data: Any, loc: tuple) -> str:
    """Replace list indexes with the item's id where there is one (extracts.crash_daily.k)."""
    out, node = [], data
    for part in loc:
        if isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            ident = node.get("id") or node.get("name") if isinstance(node, dict) else None
            out.append(f"{part}[{ident}]" if ident else str(part))
        elif isinstance(node, dict) and part in node:
            node = node[part]
            out.append(str(part))
        else:
            out.append(str(part))
            node = None
    return ".".join(out)


def load_config(directory: str | Path | None = None) -> PublishConfig:
    """Load and cross-check recipients.yaml, extracts.yaml and topics.yaml; raise ConfigError."""
    base = Path(directory) if directory else config_dir()
    recs: RecipientsFile = _validate(RecipientsFile, base / RECIPIENTS_FILE)
    exts: ExtractsFile = _validate(ExtractsFile, base / EXTRACTS_FILE)
    topics: TopicsFile = _validate(TopicsFile, base / TOPICS_FILE)
    recipients: dict[str, Recipient] = {}
    for r in recs.recipients:
        if r.id in recipients:
            raise ConfigError(f"{base / RECIPIENTS_FILE}: recipients.{r.id}: duplicate id")
        recipients[r.id] = r
    extracts: dict[str, Extract] = {}
    where = base / EXTRACTS_FILE
    for e in exts.extracts:
        if e.id in extracts:
            raise ConfigError(f"{where}: extracts.{e.id}: duplicate id")
        rec = recipients.get(e.recipient)
        if rec is None:
            raise ConfigError(f"{where}: extracts.{e.id}.recipient: unknown recipient {e.recipient!r}")
        if e.purpose not in rec.purposes:
            raise ConfigError(f"{where}: extracts.{e.id}.purpose: recipient {rec.id} does not hold purpose {e.purpose!r}")
        if e.min_group.k < exts.policy.min_k:
            raise ConfigError(f"{where}: extracts.{e.id}.min_group.k: {e.min_group.k} is below the policy floor {exts.policy.min_k}")
        if e.dp is not None and (e.dp.epsilon > rec.budget.epsilon or e.dp.delta > rec.budget.delta):
            raise ConfigError(f"{where}: extracts.{e.id}.dp: one release exceeds recipient {rec.id}'s whole budget")
        extracts[e.id] = e
    return PublishConfig(policy=exts.policy, odometer=recs.odometer, recipients=recipients, extracts=extracts, topics=topics,
                         source_dir=str(base))

