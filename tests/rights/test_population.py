"""Population filters: who is allowed for a purpose at a time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from transforms.rights.config import RightsConfig
from transforms.rights.ledger import record_operator_request
from transforms.rights.population import (
    ELIGIBLE_SCHEMA,
    age_band,
    blocked_user_ids,
    eligible_user_ids,
    eligible_users,
    excluded_user_ids,
    unconsented_minor_ids,
)

from .conftest import ev, ts, write_raw_events

AS_OF = datetime(2026, 11, 29, tzinfo=UTC)
MI = "model_improvement"
RS = "research_sharing"


def test_schema_and_pseudonyms(lake, pz):
    write_raw_events(
        lake,
        "2026-11-01",
        [
            ev("adult", "registered", birth_year=1990),
            ev("adult", "consent_granted", MI, when=ts(2)),
            ev("nobirth", "consent_granted", MI, when=ts(2)),
        ],
    )
    out = eligible_users(lake, MI, AS_OF)
    assert out.schema == ELIGIBLE_SCHEMA
    rows = {r["user_pid"]: r for r in out.to_pylist()}
    assert set(rows) == {pz.one("user", "adult"), pz.one("user", "nobirth")}
    assert rows[pz.one("user", "adult")]["birth_year"] == 1990
    assert rows[pz.one("user", "adult")]["age_band"] == "35-44"
    assert rows[pz.one("user", "nobirth")]["age_band"] == "unknown"
    assert "adult" not in out.column("user_pid").to_pylist()


def test_consent_is_per_purpose_and_latest_wins(lake):
    write_raw_events(
        lake,
        "2026-11-01",
        [
            ev("a", "consent_granted", MI, 1990, ts(1)),
            ev("a", "consent_granted", RS, 1990, ts(1)),
            ev("a", "consent_withdrawn", MI, when=ts(3)),
            ev("b", "consent_granted", MI, 1990, ts(1)),
            ev("b", "consent_withdrawn", MI, when=ts(2)),
            ev("b", "consent_granted", MI, when=ts(4)),
            ev("c", "consent_granted", MI, 1990, ts(1)),
            ev("c", "consent_withdrawn", None, when=ts(2)),  # no purpose: every purpose
            ev("d", "consent_granted", MI, 1990, ts(5)),
            ev("d", "consent_withdrawn", MI, when=ts(5)),  # same instant: withdrawal wins
            ev("e", "registered", birth_year=1990),  # never consented
        ],
    )
    assert eligible_user_ids(lake, MI, AS_OF) == {"b"}
    assert eligible_user_ids(lake, RS, AS_OF) == {"a"}
    # as_of before the withdrawal: still eligible then
    assert "a" in eligible_user_ids(lake, MI, ts(2))
    assert excluded_user_ids(lake, MI, AS_OF) == {"a", "c", "d", "e"}


def test_deleted_and_cancelled_never_return(lake):
    write_raw_events(
        lake,
        "2026-11-01",
        [
            ev("del", "consent_granted", MI, 1990, ts(1)),
            ev("del", "deletion_requested", when=ts(2), request_id="r-1"),
            ev("del", "consent_granted", MI, when=ts(3)),
            ev("can", "consent_granted", MI, 1990, ts(1)),
            ev("can", "account_cancelled", when=ts(2)),
        ],
    )
    assert eligible_user_ids(lake, MI, AS_OF) == set()
    assert {"del", "can"} <= blocked_user_ids(lake, AS_OF)
    # also when evaluated before the request's timestamp (skewed clocks, earlier as_of)
    assert eligible_user_ids(lake, MI, ts(1, 12)) == set()


def test_children_need_parental_consent(lake):
    write_raw_events(
        lake,
        "2026-11-01",
        [
            ev("kid", "age_declared", birth_year=2015),
            ev("kid", "consent_granted", MI, when=ts(2)),
            ev("kid_ok", "age_declared", birth_year=2015),
            ev("kid_ok", "consent_granted", MI, when=ts(2)),
            ev("kid_ok", "parental_consent_verified", when=ts(2)),
            ev("kid_rs", "age_declared", birth_year=2015),
            ev("kid_rs", "consent_granted", MI, when=ts(2)),
            ev("kid_rs", "parental_consent_verified", RS, when=ts(2)),  # scoped to another purpose
            ev("edge", "age_declared", birth_year=2012),  # 13 or 14 in 2026: treated as a child
            ev("edge", "consent_granted", MI, when=ts(2)),
            ev("teen", "age_declared", birth_year=2011),  # at least 14
            ev("teen", "consent_granted", MI, when=ts(2)),
        ],
    )
    assert eligible_user_ids(lake, MI, AS_OF) == {"kid_ok", "teen"}
    assert unconsented_minor_ids(lake, AS_OF) == {"kid", "edge"}
    bands = {r["birth_year"]: r["age_band"] for r in eligible_users(lake, MI, AS_OF).to_pylist()}
    assert bands == {2015: "0-13", 2011: "14-17"}


def test_latest_birth_year_counts(lake):
    write_raw_events(
        lake,
        "2026-11-01",
        [
            ev("u", "age_declared", birth_year=1990, when=ts(1)),
            ev("u", "consent_granted", MI, when=ts(1)),
            ev("u", "age_declared", birth_year=2016, when=ts(3)),
        ],
    )
    assert eligible_user_ids(lake, MI, ts(2)) == {"u"}
    assert eligible_user_ids(lake, MI, AS_OF) == set()


def test_unknown_age_fail_closed_option(lake):
    write_raw_events(lake, "2026-11-01", [ev("n", "consent_granted", MI)])
    cfg = RightsConfig(version="t", exclude_unknown_age=True)
    assert eligible_user_ids(lake, MI, AS_OF) == {"n"}
    assert eligible_user_ids(lake, MI, AS_OF, config=cfg) == set()


def test_operator_requests_apply_after_raw_rows_are_gone(lake):
    write_raw_events(
        lake,
        "2026-11-01",
        [ev("a", "consent_granted", MI, 1990, ts(1)), ev("b", "consent_granted", MI, 1990, ts(1))],
    )
    record_operator_request(lake, "withdrawal", "a", purpose=MI, received_at=ts(10))
    record_operator_request(lake, "deletion", "b", request_id="desk-7", received_at=ts(10))
    assert eligible_user_ids(lake, MI, ts(9)) == {"a"}  # a deletion applies whatever as_of
    assert eligible_user_ids(lake, MI, AS_OF) == set()
    # the raw rows disappear (purge, retention): the ledger still excludes b
    write_raw_events(lake, "2026-11-01", [ev("b", "consent_granted", MI, 1990, ts(11))])
    assert eligible_user_ids(lake, MI, AS_OF) == set()


def test_empty_lake_and_bad_purpose(lake):
    assert eligible_users(lake, MI, AS_OF).num_rows == 0
    with pytest.raises(ValueError):
        eligible_users(lake, "marketing", AS_OF)


@pytest.mark.parametrize(
    "birth,band", [(None, "unknown"), (2020, "0-13"), (2012, "14-17"), (2008, "18-24"), (2001, "25-34"), (1971, "55+")]
)
def test_age_band(birth, band):
    assert age_band(birth, AS_OF) == band


def test_drop_blocked():
    import pyarrow as pa

    from transforms.rights.population import drop_blocked

    t = pa.table({"user_id": ["a", None, "b", "a"], "x": [1, 2, 3, 4]})
    kept, n = drop_blocked(t, {"a"})
    assert n == 2 and kept.to_pydict() == {"user_id": [None, "b"], "x": [2, 3]}
    assert drop_blocked(t, set())[1] == 0
    assert drop_blocked(t, {"a"}, column="user_pid")[1] == 0
