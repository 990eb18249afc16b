"""Property-based: for any sequence of account/rights events, a deleted, cancelled, withdrawn (for
that purpose) or unconsented child user is not eligible after the rights run and a deleted user has
no row left; a purge leaves every other user's rows identical."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anonymizers.pseudonym import Pseudonymizer
from transforms.lake import Lake
from transforms.rights.pipeline import run_rights
from transforms.rights.population import eligible_user_ids, eligible_users
from transforms.rights.purge import purge_users
from transforms.schemas import PURPOSES

from .conftest import write_raw_events
from .lakes import build_lake

USERS = ["u1", "u2", "u3", "u10"]
AS_OF = datetime(2026, 11, 29, 12, tzinfo=UTC)
BASE = datetime(2026, 11, 1, tzinfo=UTC)
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

event = st.fixed_dictionaries(
    {
        "user_id": st.sampled_from(USERS),
        "event": st.sampled_from(
            [
                "registered", "consent_granted", "consent_granted", "consent_withdrawn",
                "account_cancelled", "deletion_requested", "age_declared", "parental_consent_verified",
            ]
        ),
        "purpose": st.one_of(st.none(), st.sampled_from(PURPOSES)),
        "birth_year": st.one_of(st.none(), st.integers(2005, 2020), st.just(1985)),
        "ts": st.integers(0, 40 * 24).map(lambda h: BASE + timedelta(hours=h)),
        "request_id": st.none(),
    }
)


def reference_allowed(events: list[dict], purpose: str, as_of: datetime) -> set[str]:
    """The policy written plainly, to check the SQL against."""
    allowed = set()
    for uid in {e["user_id"] for e in events}:
        if any(e["user_id"] == uid and e["event"] in ("account_cancelled", "deletion_requested") for e in events):
            continue
        evs = [e for e in events if e["user_id"] == uid and e["ts"] <= as_of]
        consent = [
            e for e in evs
            if (e["event"] == "consent_granted" and e["purpose"] == purpose)
            or (e["event"] == "consent_withdrawn" and e["purpose"] in (purpose, None))
        ]
        if not consent:
            continue
        last_ts = max(e["ts"] for e in consent)
        if any(e["event"] == "consent_withdrawn" for e in consent if e["ts"] == last_ts):
            continue
        births = [e for e in evs if e["birth_year"] is not None]
        if births:
            last_b = max(e["ts"] for e in births)
            birth = max(e["birth_year"] for e in births if e["ts"] == last_b)
            child = birth >= as_of.year - 14
            parental = any(
                e["event"] == "parental_consent_verified" and e["purpose"] in (None, purpose) for e in evs
            )
            if child and not parental:
                continue
        allowed.add(uid)
    return allowed


@pytest.mark.slow
@SETTINGS
@given(events=st.lists(event, max_size=25), purpose=st.sampled_from(PURPOSES))
def test_population_matches_policy(events, purpose):
    with tempfile.TemporaryDirectory() as tmp:
        lake = Lake(tmp)
        if events:
            write_raw_events(lake, "2026-11-01", events)
        got = eligible_user_ids(lake, purpose, AS_OF)
        assert got == reference_allowed(events, purpose, AS_OF)
        for uid in got:  # the direct statements of the policy
            mine = [e for e in events if e["user_id"] == uid]
            assert not any(e["event"] in ("account_cancelled", "deletion_requested") for e in mine)
        pz = Pseudonymizer("internal")
        assert set(eligible_users(lake, purpose, AS_OF).column("user_pid").to_pylist()) == {
            pz.one("user", u) for u in got
        }


@pytest.mark.slow
@SETTINGS
@given(extra=st.lists(event, max_size=12), purpose=st.sampled_from(PURPOSES))
def test_after_rights_run_requested_users_are_gone(extra, purpose):
    with tempfile.TemporaryDirectory() as tmp:
        lake = Lake(tmp)
        pz = Pseudonymizer("internal")
        build_lake(lake, USERS, pz, {"2026-11-21": [{**e, "ts": e["ts"]} for e in extra]})
        run_rights(lake.root, AS_OF)
        deleted = {e["user_id"] for e in extra if e["event"] in ("account_cancelled", "deletion_requested")}
        eligible = eligible_user_ids(lake, purpose, AS_OF)
        assert not (deleted & eligible)
        for uid in deleted:
            for zone in ("landing", "raw", "quarantine", "clean"):
                for path in lake.walk_files(lake.path(zone)):
                    if path.endswith(".parquet"):
                        t = pq.read_table(path)
                        for col, val in (("user_id", uid), ("user_pid", pz.one("user", uid))):
                            if col in t.column_names:
                                assert val not in t.column(col).to_pylist(), (path, uid)
                    else:
                        assert f'"{uid}"' not in lake.read_bytes(path).decode(), (path, uid)
        # everyone left in clean is either eligible for some purpose or not blocked; no deleted pid remains
        clean_pids = set()
        for path in lake.walk_files(lake.path("clean")):
            if path.endswith(".parquet"):
                clean_pids |= set(pq.read_table(path).column("user_pid").to_pylist())
        assert not clean_pids & {pz.one("user", u) for u in deleted}


@pytest.mark.slow
@SETTINGS
@given(purged=st.sets(st.sampled_from(USERS), max_size=3))
def test_purge_keeps_other_users_rows_identical(purged):
    with tempfile.TemporaryDirectory() as tmp:
        lake = Lake(tmp)
        pz = Pseudonymizer("internal")
        build_lake(lake, USERS, pz)
        pids = {pz.one("user", u) for u in purged}

        def rows_of_others():
            out = {}
            for zone in ("raw", "quarantine", "clean"):
                for path in sorted(lake.walk_files(lake.path(zone))):
                    if path.endswith(".parquet"):
                        out[path] = [
                            r for r in pq.read_table(path).to_pylist()
                            if r.get("user_id") not in purged and r.get("user_pid") not in pids
                            and not any(f'"{u}"' in (r.get("record") or "") for u in purged)
                        ]
            for path in sorted(lake.walk_files(lake.path("landing"))):
                out[path] = [
                    ln for ln in lake.read_bytes(path).splitlines(keepends=True)
                    if not any(f'"{u}"'.encode() in ln for u in purged)
                ]
            return out

        before = rows_of_others()
        purge_users(lake, purged, reason="test", pseudonymizer=pz)
        after = rows_of_others()
        assert after == before
        # and nothing of the purged users is left
        for path, rows in after.items():
            assert len(rows) == (
                len(pq.read_table(path)) if path.endswith(".parquet")
                else len(lake.read_bytes(path).splitlines())
            )
