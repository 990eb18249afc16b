"""The release gates, declared once as a sequence: each a function of the attempt that passes
(returning what it checked) or raises `GateFailed` with its reason.

`GATES` is the order; `render()` turns it into the list the DAG doc and the README show, so the
documented order is the code's. Every gate fails closed. Computation happens inside the gates that
need it (population, small cells), so nothing is computed before the gates ahead of it passed.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the DAG file renders GATES at parse time: keep this module light
    from transforms.lake import Lake
    from transforms.publish.config import Extract, PublishConfig, Recipient
    from transforms.publish.intervals import Interval

SALT_KEY = "publish:bounding-salt"  # key ring name of the contribution-bounding salt key


class GateFailed(Exception):
    """A gate refused the release; the message is the reason recorded."""

    def __init__(self, gate: str, reason: str) -> None:
        super().__init__(f"{gate}: {reason}")
        self.gate, self.reason = gate, reason


class AlreadyPublished(Exception):
    """The interval was released meanwhile (found under the lock): a no-op, nothing is charged."""


@dataclass
class Attempt:
    """What is known about one release attempt; internal facts go to the audit only."""

    lake: Lake
    cfg: PublishConfig
    extract: Extract
    recipient: Recipient
    interval: Interval
    release_id: str
    config_version: str
    partitions: list[str]
    fingerprint: str
    as_of: datetime
    keyring: Any = None
    kind: str = "original"
    correction_of: str | None = None
    gates: list[dict[str, Any]] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    con: Any = None
    rows: list[dict[str, Any]] | None = None
    table: Any = None
    report: Any = None

    @property
    def cross_border(self) -> bool:
        return self.recipient.region == "overseas"

    def key_ring(self) -> Any:
        if self.keyring is None:
            from anonymizers.keyring import KeyRing

            self.keyring = KeyRing.load()
        return self.keyring


@dataclass(frozen=True)
class Gate:
    name: str
    check: Callable[[Attempt], str]
    summary: str


# -- the gates -----------------------------------------------------------------------------------
def region(a: Attempt) -> str:
    if a.cross_border and a.extract.dp is None:
        raise GateFailed("region", f"recipient {a.recipient.id} is overseas and extract {a.extract.id} declares no DP")
    return "cross-border release, DP declared" if a.cross_border else "in-region recipient"


def append_only(a: Attempt) -> str:
    from transforms.publish import registry

    done = registry.entries(a.lake, a.extract.id, str(a.interval.start))
    if a.kind == "original":
        if done:
            raise GateFailed("append_only", f"interval {a.interval.label} was released as {done[0]['release_id']}; "
                             "a released interval is never recomputed")
        effective = a.cfg.effective_from(a.extract)
        if a.interval.start < effective:
            raise GateFailed("append_only", f"interval {a.interval.label} starts before the rules' effective "
                             f"date {effective}")
        if a.extract.dp is None:
            _no_exact_history(a)
        return f"first release of {a.interval.label} under rules effective from {effective}"
    if a.extract.dp is None:
        raise GateFailed("append_only", "a correction release must be DP (never a k-only re-release)")
    if not done:
        raise GateFailed("append_only", "a correction needs an earlier release of the interval")
    corrections = [d for d in done if d.get("kind") == "correction"]
    if len(corrections) >= a.cfg.policy.max_corrections:
        raise GateFailed("append_only", f"{len(corrections)} correction(s) already made "
                         f"(policy max_corrections {a.cfg.policy.max_corrections})")
    return f"DP correction of {a.correction_of}"


def _no_exact_history(a: Attempt) -> None:
    """A k-only extract never re-releases what another extract already released in exact counts before
    it existed: a renamed or copied extract would publish the same cells again from today's data, and
    the difference between the two exact counts is what deleted users contributed."""
    from transforms.publish import registry
    from transforms.publish.catalog import VIEWS

    ext, iv = a.extract, a.interval
    earlier = registry.exact_release_before(a.lake, extract=ext.id, sources=VIEWS[ext.view].sources,
                                            start=str(iv.start), end=str(iv.end),
                                            before=registry.first_seen(a.lake, ext.id))
    if earlier:
        raise GateFailed("append_only", f"interval {iv.label} of {', '.join(VIEWS[ext.view].sources)} was released "
                         f"in exact counts by {earlier.get('extract')} ({earlier.get('release_id')}) before "
                         f"{ext.id} existed; a k-only extract never re-releases that history (declare DP, or an "
                         "effective_from after today)")


def declared_loss(a: Attempt) -> Any:
    """Upper bound of the release's loss known before any data is read: the declared (ε, δ)."""
    from transforms.publish.accounting import Loss

    dp = a.extract.dp
    return Loss(approx_epsilon=dp.epsilon, approx_delta=dp.delta) if dp else Loss()


def budget(a: Attempt) -> str:
    """Recipient sub-limit and per-user odometer, with the declared spend, before reading data."""
    if a.extract.dp is None:
        return "no DP declared: nothing to spend"
    from transforms.publish import budget as ledger
    from transforms.publish import odometer

    dp, iv = a.extract.dp, a.interval
    why = ledger.check(a.lake, a.recipient, iv.start, iv.end, dp.epsilon, dp.delta, a.release_id)
    why = why or odometer.check(a.lake, a.cfg.odometer, iv.start, iv.end, declared_loss(a), a.release_id)
    if why:
        raise GateFailed("budget", why)
    return f"room for ε={dp.epsilon}, δ={dp.delta} in the recipient budget and the per-user odometer"


def inputs(a: Attempt) -> str:
    if not a.partitions:
        raise GateFailed("inputs", "no clean partition in the interval")
    return f"{len(a.partitions)} clean partition(s)"


def population(a: Attempt) -> str:
    from transforms.publish.compute import connect

    a.con = connect(a)
    pop = a.facts["population"]
    return (f"{pop['users_eligible_in_source']} of {pop['users_in_source']} users in the data are eligible for "
            f"{a.extract.purpose}; {pop['rows_kept']} rows kept")


def small_cells(a: Attempt) -> str:
    """k (with complementary suppression) or DP selection; text candidates screened before selection."""
    from transforms.publish.compute import compute

    return compute(a)


def dp_spend(a: Attempt) -> str:
    ext = a.extract
    if ext.dp is None:
        return "no DP declared"
    eps, delta = a.report.approx
    if eps > ext.dp.epsilon + 1e-9 or delta > ext.dp.delta * (1 + 1e-9):
        raise GateFailed("dp", f"calibration spent ε={eps}, δ={delta} above the declared "
                         f"ε={ext.dp.epsilon}, δ={ext.dp.delta}")
    return f"{ext.dp.mechanism}: ε={eps:.4g} δ={delta:.3g} (declared ε={ext.dp.epsilon}, δ={ext.dp.delta})"


def schema(a: Attempt) -> str:
    import pyarrow as pa

    from transforms.publish.compute import ARROW_TYPES

    declared = pa.schema([pa.field(c.name, ARROW_TYPES[c.type]) for c in a.extract.output_schema])
    actual = pa.schema([pa.field(f.name, f.type) for f in a.table.schema])
    if not actual.equals(declared):
        extra = sorted(set(actual.names) - set(declared.names))
        missing = sorted(set(declared.names) - set(actual.names))
        raise GateFailed("schema", f"output {_schema_str(actual)} differs from declared {_schema_str(declared)}"
                         + (f"; unexpected columns {extra}" if extra else "")
                         + (f"; missing columns {missing}" if missing else ""))
    return f"{len(declared)} columns as declared"


def residual_identifiers(a: Attempt) -> str:
    """The engine's scan and the independent identifier check over every published string."""
    from transforms.publish.compute import PART, text_columns
    from transforms.publish.identifier_check import findings
    from transforms.publish.public_partitions import resolve
    from transforms.publish.scan import scan_table

    # A public-key column holds values of a declared list (catalogue ids like `chr_laoshi_wang`), not
    # data: it passes when every value is on its list, and a value that is not on it is a finding.
    public = resolve(a.extract, a.cfg) or {}
    outside = [f"NOT_A_PUBLIC_KEY in {c} row {i}" for c, allowed in public.items()
               for i, v in enumerate(a.table[c].to_pylist()) if v is not None and v != "*" and v not in allowed]
    scanned = a.table.drop_columns([c for c in public if c in a.table.column_names])
    try:
        leaks = scan_table(scanned, f"{a.extract.id}/{a.release_id}/{PART}")
    except Exception as exc:  # noqa: BLE001 - a scanner that cannot run does not pass anything
        raise GateFailed("residual_pii", f"scanner unavailable: {type(exc).__name__}: {exc}") from exc
    shown = outside + [f"{x.entity_type} in {x.column} row {x.row} ({x.masked_value})" for x in leaks[:10]]
    strict = set(text_columns(a.extract))
    for name in strict:  # free-text columns: also the Latin/pinyin allow-list, whatever the shape
        for i, value in enumerate(a.table[name].to_pylist()):
            for f in findings(value or "", free_text=True):
                shown.append(f"IDENTIFIER_{f.kind} in {name} row {i}")
    if leaks or outside or len(shown) > len(outside) + len(leaks[:10]):
        raise GateFailed("residual_pii", f"{len(shown)} finding(s): {', '.join(shown[:10])}")
    return "no finding by the engine or the independent identifier check"


GATES: tuple[Gate, ...] = (
    Gate("region", region, "an overseas recipient receives only DP-protected extracts"),
    Gate("append_only", append_only, "an interval is released once; later rules apply from their effective "
         "date; late data only as a DP correction"),
    Gate("budget", budget, "the declared spend fits the recipient's budget and the per-user odometer"),
    Gate("inputs", inputs, "the interval has clean partitions"),
    Gate("population", population, "only users eligible for the purpose (consent, age, deletion) are read"),
    Gate("small_cells", small_cells, "text candidates pass the engine (both purposes) and the identifier "
         "check; cells under k are suppressed or DP-selected; noise added, clamped to the bounds"),
    Gate("dp", dp_spend, "OpenDP's composed spend is within the declared (ε, δ)"),
    Gate("schema", schema, "the output schema equals the declared one"),
    Gate("residual_pii", residual_identifiers, "no string holds PII (engine) or an identifier shape "
         "(independent check)"),
)
COMMIT = Gate("commit", lambda a: "", "under the publish lock: an existing release makes this a no-op; "
              "max_corrections, budget and odometer re-checked with the actual spend and charged; the folder appears atomically")


def render() -> str:
    """The gate order as a Markdown list (DAG doc, README)."""
    return "\n".join(f"{i}. **{g.name}**: {g.summary}" for i, g in enumerate((*GATES, COMMIT), start=1))


def run(a: Attempt) -> None:
    """Every gate in order; the first failure raises."""
    for gate in GATES:
        detail = gate.check(a)
        a.gates.append({"gate": gate.name, "passed": True, "detail": detail})


def bounding_salt(a: Attempt) -> tuple[str, str]:
    """(salt, key version): HMAC of (extract, interval) under a secret key from the key store, so the
    rows kept per unit are fixed before any data is seen and cannot be predicted by a recipient."""
    version, key = a.key_ring().current(SALT_KEY)
    msg = f"{a.extract.id}|{a.interval.start}|{a.interval.granularity}".encode()
    return hmac.new(key, msg, hashlib.sha256).hexdigest()[:32], version


def _schema_str(schema: Any) -> str:
    return "[" + ", ".join(f"{f.name}:{f.type}" for f in schema) + "]"


def as_of_iso(as_of: datetime) -> str:
    return as_of.astimezone(UTC).isoformat()
