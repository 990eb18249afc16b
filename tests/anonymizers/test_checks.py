"""Table tests of the pure validation helpers (check digits, Luhn, dates, mobile segments)."""

from __future__ import annotations

import pytest

from anonymizers.predefined_recognizers.country_specific.china._checks import (
    gb11643_check_char,
    luhn_complete,
    luhn_ok,
    valid_birth_date,
    valid_cn_mobile,
    valid_resident_id,
)


@pytest.mark.parametrize(
    ("first17", "check"),
    [("11010119900307451", "4"), ("44030419851201123", "0"), ("11010519491231002", "X")],
)
def test_gb11643_check_char(first17: str, check: str) -> None:
    assert gb11643_check_char(first17) == check


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("110101199003074514", True),
        ("11010519491231002X", True),
        ("11010519491231002x", True),
        ("110101 19900307 4514", True),
        ("110101199003074515", False),  # wrong check digit
        ("000101199003074514", False),  # no such region
        ("110101199002304514", False),  # 30 February
        ("110101219003074514", False),  # born in the future
        ("110101900307451", True),  # legacy 15-digit
        ("110101901307451", False),  # month 13
    ],
)
def test_valid_resident_id(value: str, ok: bool) -> None:
    assert valid_resident_id(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("4111111111111111", True), ("4111111111111112", False), ("79927398713", True), ("1", False)],
)
def test_luhn(value: str, ok: bool) -> None:
    assert luhn_ok(value) is ok


def test_luhn_complete_makes_valid_numbers() -> None:
    for prefix in ("62220212345678901", "35209900176148", "4"):
        assert luhn_ok(luhn_complete(prefix))


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("13800138000", True),
        ("+86 138 0013 8000", True),
        ("0086-138-0013-8000", True),
        ("19912345678", True),
        ("14012345678", False),  # 140 not allocated
        ("12345678901", False),
        ("1380013800", False),
        ("138001380001", False),
    ],
)
def test_valid_cn_mobile(value: str, ok: bool) -> None:
    assert valid_cn_mobile(value) is ok


@pytest.mark.parametrize(("d", "ok"), [("19900307", True), ("19000229", False), ("20000229", True)])
def test_birth_date(d: str, ok: bool) -> None:
    assert valid_birth_date(d) is ok
