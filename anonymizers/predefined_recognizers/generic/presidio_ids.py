"""Presidio's identifier recognizers (IBAN, crypto, US, UK NHS), CJK-safe and declared.

Each class is Presidio's own, with its patterns compiled ``regex.ASCII`` so ``\\b`` holds next to a
Han character (``社保号078-05-1120谢谢``), and its checksum/invalidation logic inherited unchanged.

Presidio reports its "very weak" patterns (a bare 9-digit run as SSN or passport, 9-14 digits as a
driver licence) at 0.01-0.1 and vanilla keeps every score above 0. Our threshold is 0.3, so the
patterns that are long enough to be an identifier are lifted to just above it (``LIFT``); short ones
still need a context word. An order / tracking / verification cue drops any of them
(``NEGATIVE_CONTEXT``), so the hard negatives stay.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import (
    CryptoRecognizer,
    IbanRecognizer,
    NhsRecognizer,
    UsBankRecognizer,
    UsItinRecognizer,
    UsLicenseRecognizer,
    UsPassportRecognizer,
    UsSsnRecognizer,
)

from ..declared import Declared
from ..precheck import PrecheckMixin
from .cjk_safe import CJK_SAFE_FLAGS
from .negative_cues import NUMBER_NEGATIVE_CUES

LIFTED = 0.35
# Prechecks: a necessary condition for any pattern of the recognizer to score above the threshold.
_NINE_DIGITS = re.compile(r"(?:\d[- .]?){8}\d")
_NHS_SHAPE = re.compile(r"\d{3}[- ]?\d{3}[- ]?\d{4}")
_EIGHT_DIGITS = re.compile(r"\d{8}")
# (Each lookahead lists its alternatives' first characters: same matches, fewer tries.)
_LICENCE = re.compile(r"(?i)(?=[\ddl驾])(?:\d{9}|driv|licen|\bdls?\b|驾)")
_BANK = re.compile(r"(?i)(?=[abcsd账银])(?:account|acct|bank|check|saving|debit|账|银行)")  # its 0.05 needs such a cue


def _lifted(patterns: list[Pattern], lift: dict[str, float], extra: list[Pattern] = ()) -> list[Pattern]:
    """Copies of ``patterns`` (a vanilla engine in the process keeps its own), scores lifted by name."""
    return [Pattern(p.name, p.regex, lift.get(p.name, p.score)) for p in patterns] + list(extra)


class _CjkSafeMixin(PrecheckMixin, Declared):
    """Patterns copied and compiled with ASCII word boundaries; Chinese cues added to the context."""

    LIFT: dict[str, float] = {}
    EXTRA_PATTERNS: list[Pattern] = []
    EXTRA_CONTEXT: list[str] = []
    NEGATIVE_CONTEXT = NUMBER_NEGATIVE_CUES

    def __init__(self, supported_language: str = "zh", **kwargs) -> None:
        base = next(c for c in type(self).__mro__ if c.__module__.startswith("presidio_analyzer"))
        kwargs.setdefault("patterns", _lifted(base.PATTERNS, self.LIFT, self.EXTRA_PATTERNS))
        kwargs.setdefault("context", list(base.CONTEXT) + self.EXTRA_CONTEXT)
        super().__init__(supported_language=supported_language, **kwargs)
        self.global_regex_flags = CJK_SAFE_FLAGS


class CjkSafeIbanRecognizer(_CjkSafeMixin, IbanRecognizer):
    """IBAN_CODE: ISO 13616 mod-97 check digits and the country's format."""

    ENTITY = "IBAN_CODE"
    VALIDATED = True
    STRUCTURED = True
    PRIORITY = 25
    SURROGATE = "alnum"
    PRECHECK = re.compile(r"(?i)[a-z]{2}\s?\d{2}")
    EXTRA_CONTEXT = ["账户", "账号", "汇款", "转账", "收款"]
    NEGATIVE_CONTEXT = []

    def __init__(self, supported_language: str = "zh", **kwargs) -> None:
        kwargs.setdefault("regex_flags", CJK_SAFE_FLAGS)
        super().__init__(supported_language=supported_language, **kwargs)


class CjkSafeCryptoRecognizer(_CjkSafeMixin, CryptoRecognizer):
    """CRYPTO: Bitcoin base58check / bech32(m) addresses, checksum validated."""

    ENTITY = "CRYPTO"
    VALIDATED = True
    STRUCTURED = True
    PRIORITY = 27
    SURROGATE = "alnum"
    PRECHECK = re.compile(r"(?i)bc1|[13][a-km-zA-HJ-NP-Z1-9]{25}")
    EXTRA_CONTEXT = ["钱包", "比特币", "地址"]
    NEGATIVE_CONTEXT = []


class CjkSafeNhsRecognizer(_CjkSafeMixin, NhsRecognizer):
    """UK_NHS: 10 digits with the NHS mod-11 check digit."""

    ENTITY = "UK_NHS"
    VALIDATED = True
    STRUCTURED = True
    PRIORITY = 105
    SURROGATE = "digits"
    PRECHECK = _NHS_SHAPE

    def validate_result(self, pattern_text: str) -> bool | None:
        """Mod-11 passes one random 10-digit number in eleven (212 555 0199 is a US phone): a valid
        check digit keeps the pattern score (context lifts it) instead of outranking every phone."""
        return None if super().validate_result(pattern_text) else False


class CjkSafeUsSsnRecognizer(_CjkSafeMixin, UsSsnRecognizer):
    """US_SSN: Presidio's patterns and invalid-group rules."""

    ENTITY = "US_SSN"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 100
    SURROGATE = "digits"
    PRECHECK = _NINE_DIGITS
    LIFT = {"SSN1 (very weak)": LIFTED, "SSN2 (very weak)": LIFTED, "SSN3 (very weak)": LIFTED}
    # 美国SSN038530562: the cue glued to the value (keycap or circled digits read as digits)
    EXTRA_PATTERNS = [Pattern("SSN glued to its cue", r"(?<=(?<![A-Za-z])(?i:ssn)\s?[#:：]?)\d{3}-?\d{2}-?\d{4}(?!\d)", 0.6)]
    EXTRA_CONTEXT = ["社保", "社会安全号"]


class CjkSafeUsItinRecognizer(_CjkSafeMixin, UsItinRecognizer):
    """US_ITIN: 9xx-[5-9]x-xxxx taxpayer numbers."""

    ENTITY = "US_ITIN"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 101
    SURROGATE = "digits"
    PRECHECK = _NINE_DIGITS
    LIFT = {"Itin (very weak)": LIFTED, "Itin (weak)": LIFTED}


class CjkSafeUsPassportRecognizer(_CjkSafeMixin, UsPassportRecognizer):
    """US_PASSPORT: 9 digits or a letter and 8 digits (next generation)."""

    ENTITY = "US_PASSPORT"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 102
    SURROGATE = "alnum"
    PRECHECK = _EIGHT_DIGITS
    LIFT = {"Passport Next Generation (very weak)": LIFTED}


class CjkSafeUsLicenseRecognizer(_CjkSafeMixin, UsLicenseRecognizer):
    """US_DRIVER_LICENSE: Presidio's state formats; a bare 9-14 digit run is lifted (see module doc)."""

    ENTITY = "US_DRIVER_LICENSE"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 110
    SURROGATE = "alnum"
    PRECHECK = _LICENCE
    # Presidio scores its alphanumeric state formats 0.3 (our threshold): "E1234" model numbers
    # would all go. They need a licence cue here; long digit runs do not.
    LIFT = {"Driver License - Alphanumeric (weak)": 0.1}
    EXTRA_PATTERNS = [Pattern("Driver License - long digits", r"\b(?:[0-9]{9,14}|[0-9]{16})\b", LIFTED)]
    EXTRA_CONTEXT = ["驾照", "驾驶证"]


class CjkSafeUsBankRecognizer(_CjkSafeMixin, UsBankRecognizer):
    """US_BANK_NUMBER: 8-17 digits, confirmed by an account / bank cue."""

    ENTITY = "US_BANK_NUMBER"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 120
    SURROGATE = "digits"
    PRECHECK = _BANK
    EXTRA_CONTEXT = ["账户", "账号", "银行"]
