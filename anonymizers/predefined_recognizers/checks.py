"""Check digits and shape checks shared by recognizers, surrogates and the synthetic generator.

Pure functions, table-tested in tests/anonymizers/test_checks.py. Each rule lives here once:
GB 11643 (resident id), Luhn (cards, IMEI), GB 32100 (unified social credit code), ISO 3779 (VIN),
the Hong Kong identity card check digit, PRC mobile segments and +86/0086 prefix stripping, the TRON
address Base58Check checksum.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
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
_NON_ALNUM = re.compile(r"[^0-9A-Za-z]")


def digits_only(text: str) -> str:
    """Strip separators (spaces, dashes, plus signs, dots) keeping digits and X."""
    return _NON_DIGIT.sub("", text)


def alnum_only(text: str) -> str:
    """Strip everything but ASCII letters and digits, upper-cased (codes typed with spaces/dashes)."""
    return _NON_ALNUM.sub("", text).upper()


def strip_cn_prefix(digits: str) -> str:
    """Remove a PRC country prefix (0086 / 86) from a digit string; other strings are returned as is."""
    if digits.startswith("0086"):
        return digits[4:]
    if digits.startswith("86") and len(digits) in (13, 12, 11):
        return digits[2:]
    return digits


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


def _luhn_sum(digits: str) -> int:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total


def luhn_ok(digits: str) -> bool:
    """Luhn (mod 10) checksum, used by bank cards and IMEIs."""
    if not digits.isascii() or not digits.isdigit() or len(digits) < 2:
        return False
    return _luhn_sum(digits) % 10 == 0


def luhn_complete(prefix: str) -> str:
    """Append the Luhn check digit to an ASCII-digit ``prefix`` (generators and surrogates)."""
    if not prefix.isascii() or not prefix.isdigit():
        raise ValueError(f"luhn_complete needs ASCII digits, got {len(prefix)} characters of another kind")
    return prefix + str((10 - _luhn_sum(prefix + "0") % 10) % 10)


# Mobile number segments allocated by MIIT (first three digits), incl. virtual operators.
MOBILE_PREFIX = re.compile(r"^1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])")


def valid_cn_mobile(value: str) -> bool:
    """11-digit PRC mobile after removing separators and an optional +86/0086 prefix."""
    v = digits_only(value)
    if len(v) in (13, 15):
        v = strip_cn_prefix(v)
    return len(v) == 11 and bool(MOBILE_PREFIX.match(v))


def mobile_shaped(digits: str) -> bool:
    """11 digits in an allocated segment (no prefix handling): the shape bare-digit rules must avoid."""
    return len(digits) == 11 and digits.isdigit() and bool(MOBILE_PREFIX.match(digits))


def business_hotline(digits: str) -> bool:
    """A PRC 400 number (400 + 7 digits): allocated to enterprises only, never to a person. (Not 800: ten
    digits from 800 are also an Indian mobile number.)"""
    return len(digits) == 10 and digits.startswith("400")


_ROUND_RANGE = re.compile(r"\d*00\s?[-~～至到]\s?\d*00")
_DECIMAL = re.compile(r"\d{1,2}\.\d{5,}")
_SMALL_LIST = re.compile(r"\d{1,2}(?:\s+\d{1,2}){5,}")  # six or more: five pairs are a French number
# a date, maybe with the hour after it (2024-03-15 14:30 read as far as the colon)
_DATE_TIME = re.compile(r"(?:19|20)\d{2}([-/.])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])(?:[ T]\d{1,2})?")


def not_a_phone_shape(candidate: str) -> bool:
    """Digit shapes that are no phone number in any region: a range of round amounts (5000-8000),
    a decimal with a long fraction (3.1415926), a list of small numbers (03 08 12 19 25 33), a date
    with or without its hour (2024-03-15 14)."""
    return bool(_ROUND_RANGE.fullmatch(candidate) or _DECIMAL.fullmatch(candidate) or _SMALL_LIST.fullmatch(candidate)
                or _DATE_TIME.fullmatch(candidate))


# --- Hong Kong identity card: 1-2 letters, 6 digits, check digit 0-9/A (mod 11) ---------------------
_HKID = re.compile(r"^([A-Z]{1,2})(\d{6})([0-9A])$")


def hkid_check_char(prefix: str, digits6: str) -> str:
    """Check character of a HKID (letters A=10..Z=35, a one-letter prefix padded with 36)."""
    letters = prefix.upper().rjust(2, " ")
    vals = [36 if c == " " else ord(c) - 55 for c in letters] + [int(d) for d in digits6]
    total = sum(v * w for v, w in zip(vals, (9, 8, 7, 6, 5, 4, 3, 2), strict=True))
    check = (11 - total % 11) % 11
    return "A" if check == 10 else str(check)


def valid_hkid(value: str) -> bool:
    """``A123456(3)``, ``A1234563``, ``AB987654(A)``: shape and check character."""
    m = _HKID.match(alnum_only(value))
    return bool(m) and hkid_check_char(m.group(1), m.group(2)) == m.group(3)


# --- Taiwan national identification number (身分證字號) ----------------------------------------------
# The letter stands for a two-digit area code (A=10 … Z=33, in this order: not alphabetical after H).
_TW_LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO"
_TW_WEIGHTS = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1)


def valid_tw_national_id(value: str) -> bool:
    """``A123456789``: a letter, 1 or 2 (sex; 8 or 9 for residents' certificates), 8 digits, weighted sum % 10."""
    v = alnum_only(value).upper()
    if len(v) != 10 or v[0] not in _TW_LETTERS or v[1] not in "1289" or not v[1:].isdigit():
        return False
    code = _TW_LETTERS.index(v[0]) + 10
    digits = [code // 10, code % 10, *map(int, v[1:])]
    return sum(d * w for d, w in zip(digits, _TW_WEIGHTS, strict=True)) % 10 == 0


# --- Unified social credit code, GB 32100-2015 --------------------------------------------------------
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def gb32100_check_char(first17: str) -> str:
    """Check character (mod 31) of the 17 leading characters of a unified social credit code."""
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17.upper(), _USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def valid_uscc(value: str) -> bool:
    """18 characters of the GB 32100 alphabet, a 6-digit region code and the check character."""
    v = alnum_only(value)
    return (
        len(v) == 18
        and all(c in USCC_CHARS for c in v)
        and v[2:8].isdigit()
        and gb32100_check_char(v[:17]) == v[17]
    )


# --- Vehicle identification number, ISO 3779 (check digit at position 9, GB 16735 in China) -------
_VIN_VALUE = {**{str(d): d for d in range(10)}, **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
              **dict(zip("JKLMN", range(1, 6), strict=True)), "P": 7, "R": 9,
              **dict(zip("STUVWXYZ", range(2, 10), strict=True))}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
VIN_CHARS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"  # no I, O, Q


def iso3779_check_char(vin17: str) -> str:
    """The check character (position 9) a 17-character VIN should carry."""
    total = sum(_VIN_VALUE[c] * w for c, w in zip(vin17.upper(), _VIN_WEIGHTS, strict=True))
    r = total % 11
    return "X" if r == 10 else str(r)


def valid_vin(value: str) -> bool:
    """17 characters without I/O/Q, letters and digits both present, check digit at position 9."""
    v = alnum_only(value)
    return (
        len(v) == 17
        and all(c in VIN_CHARS for c in v)
        and any(c.isdigit() for c in v)
        and any(c.isalpha() for c in v)
        and iso3779_check_char(v) == v[8]
    )


_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def valid_tron(address: str) -> bool:
    """Base58Check: 21-byte payload starting 0x41, then the first 4 bytes of double SHA-256."""
    n = 0
    for c in address:
        i = _B58.find(c)
        if i < 0:
            return False
        n = n * 58 + i
    raw = n.to_bytes(25, "big") if n.bit_length() <= 200 else b""
    if len(raw) != 25 or raw[0] != 0x41:
        return False
    return hashlib.sha256(hashlib.sha256(raw[:21]).digest()).digest()[:4] == raw[21:]


@functools.cache
def _btc_recognizer():
    from presidio_analyzer.predefined_recognizers import CryptoRecognizer

    return CryptoRecognizer()


def valid_btc(address: str) -> bool:
    """A Bitcoin address whose checksum holds (Base58Check or bech32), by Presidio's own CryptoRecognizer."""
    return _btc_recognizer().validate_result(address) is True


def joined_parts(groups: list, length: int, valid, *, min_parts: int = 1, max_parts: int = 4,
                 read=lambda g: g.group()) -> list:
    """Runs of consecutive ``groups`` (regex matches) whose texts, joined, are ``length`` long and ``valid``:
    a number given in pieces with words between them (身份证前六位…中间是我生日…, 号码前面是152，中间3634…).
    Every match of every such run is returned (each piece is part of the number)."""
    found = []
    for a in range(len(groups)):
        for b in range(a + min_parts - 1, min(a + max_parts, len(groups))):
            parts = groups[a : b + 1]
            joined = "".join(read(g) for g in parts)
            if len(joined) == length and valid(joined):
                found.extend(parts)
    return found
