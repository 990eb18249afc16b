"""Ethereum and TRON wallet addresses (USDT is sent on both), which Presidio's CryptoRecognizer
(Bitcoin only) does not know: ``0x`` + 40 hex digits, and ``T`` + 33 Base58 characters whose
Base58Check checksum holds (version byte 0x41)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ..checks import valid_tron
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
    ]
    CONTEXT = ["钱包", "地址", "USDT", "ETH", "TRC20", "ERC20", "wallet", "address", "转账", "收款"]
    PRECHECK = re.compile(r"0[xX][0-9a-fA-F]{40}|T[1-9A-HJ-NP-Za-km-z]{33}")

    def validate_result(self, pattern_text: str) -> bool:
        """TRON: the checksum; Ethereum: not one repeated digit (0x000…0 is the burn address)."""
        if pattern_text[0] == "T":
            return valid_tron(pattern_text)
        return len(set(pattern_text[2:].lower())) > 1
