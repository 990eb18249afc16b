"""Moved to :mod:`anonymizers.predefined_recognizers.checks` (kept so existing imports keep working)."""

from ...checks import *  # noqa: F403
from ...checks import (  # noqa: F401  (names imported by surrogates, evaluation and tests)
    MOBILE_PREFIX,
    PROVINCE_PREFIXES,
    digits_only,
    gb11643_check_char,
    looks_like_resident_id,
    luhn_complete,
    luhn_ok,
    valid_birth_date,
    valid_cn_mobile,
    valid_resident_id,
)
