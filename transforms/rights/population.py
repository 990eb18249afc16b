"""Who may be used, for which purpose, at a given time: the allow-list every release joins on.

Computed from every raw account_events partition plus the rights ledger (operator requests, and
requests whose raw rows were purged or expired), so a withdrawal or deletion keeps applying after
its evidence left the raw zone. Rules (privacy policy 4, 5):

- consent is per purpose: the latest consent_granted / consent_withdrawn for that purpose at or
  before `as_of` decides; a withdrawal with no purpose withdraws every purpose; on a tie in time the
  withdrawal wins;
- a cancelled or deleted account is never eligible again, whatever `as_of` (a request time-stamped
  after `as_of` by a skewed client clock still excludes);
- a user who could still be younger than `min_age` (14) at `as_of` — only the birth year is known,
  so birth_year >= year(as_of) - 14 — needs a verified parental consent (for that purpose, or with no
  purpose) on top of their consent;
- users with no declared birth year are kept with age_band "unknown" unless the policy's
  `exclude_unknown_age` says to fail closed.

Users who never appear in account events are not eligible: publishing must *join* on this table
(allow-list), never anti-join a deny-list.
"""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from anonymizers.pseudonym import Pseudonymizer
from transforms.lake import Lake
from transforms.rights.config import RightsConfig, load_config
from transforms.rights.events import load_raw_account_events
from transforms.rights.ledger import read_ledger
from transforms.schemas import PURPOSES, RAW_ACCOUNT_EVENTS

ELIGIBLE_SCHEMA = pa.schema(
    [
        pa.field("user_pid", pa.string(), nullable=False),
        pa.field("birth_year", pa.int32()),
        pa.field("age_band", pa.string(), nullable=False),
    ]
)

# (lower bound of nominal age, label), checked top to bottom
AGE_BANDS = ((55, "55+"), (45, "45-54"), (35, "35-44"), (25, "25-34"), (18, "18-24"), (14, "14-17"))
CHILD_BAND = "0-13"
UNKNOWN_BAND = "unknown"

_STATUS_SQL = """
WITH ev AS (
    SELECT user_id, event, purpose, birth_year, ts
    FROM events
    WHERE ts <= $as_of AND user_id IS NOT NULL AND user_id <> ''
),
users AS (
    SELECT DISTINCT user_id FROM events WHERE user_id IS NOT NULL AND user_id <> ''
),
consent AS (
    SELECT user_id, event AS last_consent FROM (
        SELECT user_id, event, row_number() OVER (
            PARTITION BY user_id
            ORDER BY ts DESC, CASE WHEN event = 'consent_withdrawn' THEN 0 ELSE 1 END
        ) AS rn
        FROM ev
        WHERE (event = 'consent_granted' AND purpose = $purpose)
           OR (event = 'consent_withdrawn' AND (purpose = $purpose OR purpose IS NULL))
    ) WHERE rn = 1
),
gone AS (
    -- whatever its timestamp (client clock skew, re-evaluating an earlier date): never use them again
    SELECT DISTINCT user_id FROM events WHERE event IN ('account_cancelled', 'deletion_requested')
),
birth AS (
    SELECT user_id, birth_year FROM (
        SELECT user_id, birth_year, row_number() OVER (
            PARTITION BY user_id ORDER BY ts DESC, birth_year DESC
        ) AS rn
        FROM ev WHERE birth_year IS NOT NULL
    ) WHERE rn = 1
),
parental_any AS (
    SELECT DISTINCT user_id FROM ev WHERE event = 'parental_consent_verified'
),
parental_purpose AS (
    SELECT DISTINCT user_id FROM ev
    WHERE event = 'parental_consent_verified' AND (purpose IS NULL OR purpose = $purpose)
)
SELECT
    u.user_id,
    b.birth_year,
    coalesce(c.last_consent = 'consent_granted', false) AS consented,
    g.user_id IS NOT NULL AS gone,
    coalesce(b.birth_year >= $year - $min_age, false) AS possibly_child,
    pa.user_id IS NOT NULL AS parental_any,
    pp.user_id IS NOT NULL AS parental_purpose
FROM users u
LEFT JOIN consent c USING (user_id)
LEFT JOIN gone g USING (user_id)
LEFT JOIN birth b USING (user_id)
LEFT JOIN parental_any pa USING (user_id)
LEFT JOIN parental_purpose pp USING (user_id)
ORDER BY u.user_id
"""


_DB: duckdb.DuckDBPyConnection | None = None


def _cursor() -> duckdb.DuckDBPyConnection:
    """A cursor on one in-memory DuckDB per process (a new database costs ~30 ms; a cursor nothing)."""
    global _DB
    if _DB is None:
        _DB = duckdb.connect()
    return _DB.cursor()


def _utc(as_of: datetime) -> datetime:
    return as_of.replace(tzinfo=UTC) if as_of.tzinfo is None else as_of.astimezone(UTC)


def account_events(lake: Lake) -> pa.Table:
    """Raw account events plus the ledger's requests as events (one table, raw schema)."""
    raw = load_raw_account_events(lake)
    ledger = read_ledger(lake).as_events()
    return pa.concat_tables([raw, ledger]).cast(RAW_ACCOUNT_EVENTS)


def user_status(
    events: pa.Table, purpose: str | None, as_of: datetime, config: RightsConfig | None = None
) -> list[dict]:
    """Per known user: birth_year, consented (for `purpose`), gone, possibly_child, parental flags.

    `purpose=None` evaluates only the purpose-independent flags (consented is then False).
    """
    cfg = config or load_config()
    as_of = _utc(as_of)
    con = _cursor()
    try:
        con.register("events", events)
        rows = con.sql(
            _STATUS_SQL,
            params={"as_of": as_of, "purpose": purpose, "year": as_of.year, "min_age": cfg.min_age},
        ).to_arrow_table()
    finally:
        con.close()
    return rows.to_pylist()


def _allowed(s: dict, cfg: RightsConfig) -> bool:
    if s["gone"] or not s["consented"]:
        return False
    if s["birth_year"] is None and cfg.exclude_unknown_age:
        return False
    return not (s["possibly_child"] and not s["parental_purpose"])


def _blocked(s: dict, cfg: RightsConfig) -> bool:
    """Excluded everywhere regardless of purpose: deleted/cancelled, or a child with no parental consent."""
    if s["gone"]:
        return True
    if s["birth_year"] is None and cfg.exclude_unknown_age:
        return True
    return bool(s["possibly_child"] and not s["parental_any"])


def age_band(birth_year: int | None, as_of: datetime) -> str:
    """Generalised age at `as_of` (nominal age = year difference)."""
    if birth_year is None:
        return UNKNOWN_BAND
    age = _utc(as_of).year - birth_year
    for lower, label in AGE_BANDS:
        if age >= lower:
            return label
    return CHILD_BAND


def _check_purpose(purpose: str) -> None:
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}; expected one of {PURPOSES}")


def eligible_user_ids(
    lake: Lake, purpose: str, as_of: datetime, *, events: pa.Table | None = None, config: RightsConfig | None = None
) -> set[str]:
    """Raw user ids allowed for `purpose` at `as_of` (restricted-zone use only)."""
    _check_purpose(purpose)
    cfg = config or load_config()
    evs = events if events is not None else account_events(lake)
    return {s["user_id"] for s in user_status(evs, purpose, as_of, cfg) if _allowed(s, cfg)}


def eligible_users(
    lake: Lake,
    purpose: str,
    as_of: datetime,
    *,
    pseudonymizer: Pseudonymizer | None = None,
    events: pa.Table | None = None,
    config: RightsConfig | None = None,
) -> pa.Table:
    """The allow-list for one consent purpose: `user_pid`, `birth_year`, `age_band` (sorted by pid).

    `user_pid` is `Pseudonymizer("internal").one("user", user_id)`, the same pseudonym the clean zone
    carries, so releases join clean rows on it.
    """
    _check_purpose(purpose)
    cfg = config or load_config()
    evs = events if events is not None else account_events(lake)
    pz = pseudonymizer or Pseudonymizer("internal")
    rows = [
        {"user_pid": pz.one("user", s["user_id"]), "birth_year": s["birth_year"], "age_band": age_band(s["birth_year"], as_of)}
        for s in user_status(evs, purpose, as_of, cfg)
        if _allowed(s, cfg)
    ]
    rows.sort(key=lambda r: r["user_pid"])
    return pa.Table.from_pylist(rows, schema=ELIGIBLE_SCHEMA)


def excluded_user_ids(
    lake: Lake, purpose: str, as_of: datetime, *, events: pa.Table | None = None, config: RightsConfig | None = None
) -> set[str]:
    """Known users (seen in account events or the ledger) NOT allowed for `purpose` at `as_of`."""
    _check_purpose(purpose)
    cfg = config or load_config()
    evs = events if events is not None else account_events(lake)
    return {s["user_id"] for s in user_status(evs, purpose, as_of, cfg) if not _allowed(s, cfg)}


def blocked_user_ids(
    lake: Lake, as_of: datetime, *, events: pa.Table | None = None, config: RightsConfig | None = None
) -> set[str]:
    """Users excluded from every purpose and from the clean zone: deleted or cancelled accounts and
    children without verified parental consent (plus unknown ages when the policy fails closed)."""
    cfg = config or load_config()
    evs = events if events is not None else account_events(lake)
    return {s["user_id"] for s in user_status(evs, None, as_of, cfg) if _blocked(s, cfg)}


def blocked_user_pids(
    lake: Lake, as_of: datetime, *, pseudonymizer: Pseudonymizer | None = None, events: pa.Table | None = None
) -> set[str]:
    """`blocked_user_ids` as clean-zone pseudonyms: the de-identification step drops these rows."""
    pz = pseudonymizer or Pseudonymizer("internal")
    return {p for p in (pz.one("user", u) for u in blocked_user_ids(lake, as_of, events=events)) if p}


def unconsented_minor_ids(
    lake: Lake, as_of: datetime, *, events: pa.Table | None = None, config: RightsConfig | None = None
) -> set[str]:
    """Children (possibly under min_age at `as_of`) with no verified parental consent at all."""
    cfg = config or load_config()
    evs = events if events is not None else account_events(lake)
    return {
        s["user_id"]
        for s in user_status(evs, None, as_of, cfg)
        if s["possibly_child"] and not s["parental_any"] and not s["gone"]
    }


def drop_blocked(table: pa.Table, blocked: set[str], column: str = "user_id") -> tuple[pa.Table, int]:
    """`table` without rows whose `column` is in `blocked`, and how many were dropped.

    For the de-identification step: drop `blocked_user_ids(lake, as_of)` rows from a raw batch (or
    `blocked_user_pids` from a clean one) so a child without parental consent, or a deleted user
    whose purge has not run yet, never reaches the clean zone. Null ids are kept.
    """
    import pyarrow.compute as pc

    if not blocked or column not in table.column_names or table.num_rows == 0:
        return table, 0
    hit = pc.is_in(table.column(column), value_set=pa.array(sorted(blocked), pa.string()))
    keep = pc.invert(pc.fill_null(hit, False))
    kept = table.filter(keep)
    return kept, table.num_rows - kept.num_rows
