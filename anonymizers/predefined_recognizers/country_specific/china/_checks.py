"""Shared validation helpers for PRC identifier formats (pure functions, table-testable)."""

from __future__ import annotations

import datetime as _dt
import re

# GB/T 2260 province-level prefixes (first two digits of a resident ID).
PROVINCE_PREFIXES = frozenset(
    {
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
        "71", "81", "82", "83", "91",
    }
)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_NON_DIGIT = re.compile(r"[^0-9Xx]")


def digits_only(text: str) -> str:
    """Strip separators (spaces, dashes, plus signs, dots) keeping digits and X."""
    return _NON_DIGIT.sub("", text)


def gb11643_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character of the 17 leading digits of a resident ID."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def valid_birth_date(yyyymmdd: str, today: _dt.date | None = None) -> bool:
    """A real calendar date between 1900-01-01 and today."""
    try:
        d = _dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return _dt.date(1900, 1, 1) <= d <= (today or _dt.date.today())


def valid_resident_id(value: str) -> bool:
    """18-digit ID: region prefix, birth date and GB 11643 check digit; 15-digit: region and date."""
    v = digits_only(value).upper()
    if len(v) == 18:
        return (
            v[:17].isdigit()
            and v[:2] in PROVINCE_PREFIXES
            and valid_birth_date(v[6:14])
            and gb11643_check_char(v[:17]) == v[17]
        )
    if len(v) == 15 and v.isdigit():
        return v[:2] in PROVINCE_PREFIXES and valid_birth_date("19" + v[6:12])
    return False


def looks_like_resident_id(value: str) -> bool:
    """18 characters with a plausible region and birth date, whatever the check digit says."""
    v = digits_only(value).upper()
    return len(v) == 18 and v[:17].isdigit() and v[:2] in PROVINCE_PREFIXES and valid_birth_date(v[6:14])


def luhn_ok(digits: str) -> bool:
    """Luhn (mod 10) checksum, used by bank cards and IMEIs."""
    if not digits.isdigit() or len(digits) < 2:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(prefix: str) -> str:
    """Append the Luhn check digit to ``prefix`` (used by generators and surrogates)."""
    for c in "0123456789":
        if luhn_ok(prefix + c):
            return prefix + c
    raise AssertionError("unreachable")


# Mobile number segments allocated by MIIT (first three digits), incl. virtual operators.
MOBILE_PREFIX = re.compile(r"^1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])")


def valid_cn_mobile(value: str) -> bool:
    """11-digit PRC mobile after removing separators and an optional +86/0086 prefix."""
    v = digits_only(value)
    if len(v) == 15 and v.startswith("0086"):
        v = v[4:]
    elif len(v) == 13 and v.startswith("86"):
        v = v[2:]
    return len(v) == 11 and bool(MOBILE_PREFIX.match(v))
