"""Ethereum and TRON wallet addresses (USDT is sent on both), which Presidio's CryptoRecognizer
(Bitcoin only) does not know: ``0x`` + 40 hex digits, and ``T`` + 33 Base58 characters whose
Base58Check checksum holds (version byte 0x41). A Bitcoin or TRON address pasted backwards "so nobody
sends to it by mistake" is still that address: it counts when its reversal validates."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ..checks import valid_btc, valid_tron
from ..declared import DeclaredPatternRecognizer
from ..precheck import PrecheckMixin


class WalletAddressRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """CRYPTO: Ethereum (0x + 40 hex; EIP-55 needs Keccak, so the case is not checked) and TRON."""

    ENTITY = "CRYPTO"
    VALIDATED = True
    STRUCTURED = True
    PRIORITY = 28
    SURROGATE = "alnum"
    GLOBAL_REGEX_FLAGS = 0  # Base58 is case-sensitive
    PATTERNS = [
        Pattern("Ethereum address", r"(?<![0-9A-Za-z])0[xX][0-9a-fA-F]{40}(?![0-9A-Za-z])", 0.6),
        Pattern("TRON address", r"(?<![0-9A-Za-z])T[1-9A-HJ-NP-Za-km-z]{33}(?![0-9A-Za-z])", 0.5),
        Pattern("reversed address", r"(?<![0-9A-Za-z])[1-9A-HJ-NP-Za-km-z]{25,34}[13T](?![0-9A-Za-z])", 0.5),
    ]
    CONTEXT = ["钱包", "地址", "USDT", "ETH", "TRC20", "ERC20", "wallet", "address", "转账", "收款"]
    PRECHECK = re.compile(r"0[xX][0-9a-fA-F]{40}|T[1-9A-HJ-NP-Za-km-z]{33}|[1-9A-HJ-NP-Za-km-z]{25,34}[13T](?![0-9A-Za-z])")

    def validate_result(self, pattern_text: str) -> bool:
        """TRON: the checksum; Ethereum: not one repeated digit (0x000…0 is the burn address); reversed:
        the reversal's checksum."""
        if pattern_text[:2] in ("0x", "0X"):
            return len(set(pattern_text[2:].lower())) > 1
        if pattern_text[0] == "T" and len(pattern_text) == 34 and valid_tron(pattern_text):
            return True
        back = pattern_text[::-1]
        return (back[0] == "T" and len(back) == 34 and valid_tron(back)) or (back[0] in "13" and valid_btc(back))
