"""Table tests of the shared check module (HKID, GB 32100, ISO 3779, Luhn completion, prefixes)."""

from __future__ import annotations

import pytest

from anonymizers.predefined_recognizers import checks
from anonymizers.predefined_recognizers.country_specific.china import _checks as legacy


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("A123456(3)", True), ("A1234563", True), ("AB987654(3)", True), ("Z683365(A)", True),
        ("a123456（3）", True), ("A123456(4)", False), ("A12345(3)", False), ("ABC123456(3)", False),
    ],
)
def test_valid_hkid(value: str, ok: bool) -> None:
    assert checks.valid_hkid(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("91110000600037341L", True), ("91110000600037341M", False), ("9111000060003734IL", False),
        ("911100006000373", False), ("9111AB00600037341L", False),
    ],
)
def test_valid_uscc(value: str, ok: bool) -> None:
    assert checks.valid_uscc(value) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("1M8GDM9AXKP042788", True), ("1m8gdm9axkp042788", True), ("1M8GDM9A1KP042788", False),
        ("11111111111111111", False),  # check digit holds but no letters: a number, not a VIN
        ("1M8GDM9AXKP04278", False), ("1M8GDM9AXKP04278O", False),
    ],
)
def test_valid_vin(value: str, ok: bool) -> None:
    assert checks.valid_vin(value) is ok


def test_luhn_complete_rejects_non_ascii_digits_with_a_clear_error() -> None:
    assert checks.luhn_complete("411111111111111") == "4111111111111111"
    with pytest.raises(ValueError, match="ASCII digits"):
        checks.luhn_complete("四一幺三")  # spoken digits used to hit AssertionError("unreachable")


@pytest.mark.parametrize(
    ("digits", "national"),
    [("008613800138000", "13800138000"), ("8613800138000", "13800138000"), ("13800138000", "13800138000")],
)
def test_strip_cn_prefix(digits: str, national: str) -> None:
    assert checks.strip_cn_prefix(digits) == national


def test_mobile_shape() -> None:
    assert checks.mobile_shaped("13800138000") and not checks.mobile_shaped("12800138000")


def test_legacy_module_reexports_the_same_functions() -> None:
    assert legacy.luhn_ok is checks.luhn_ok and legacy.valid_resident_id is checks.valid_resident_id
