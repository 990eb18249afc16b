"""PRC bank cards: UnionPay (62) 16-19 digits and 19-digit debit cards, Luhn validated."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from ._checks import digits_only, looks_like_resident_id, luhn_ok


class CnBankCardRecognizer(PatternRecognizer):
    """CN_BANK_CARD: Luhn-valid card numbers typical of Chinese banks (groups of 4 allowed)."""

    PATTERNS = [
        Pattern(
            "UnionPay card",
            r"(?<![0-9A-Za-z])62\d{2}(?:[\s-]?\d){12,15}(?![0-9])",
            0.3,
        ),
        Pattern(
            "19-digit debit card",
            r"(?<![0-9A-Za-z])[3-6]\d{3}(?:[\s-]?\d){15}(?![0-9])",
            0.3,
        ),
    ]
    CONTEXT = ["银行卡", "卡号", "储蓄卡", "借记卡", "信用卡", "账号", "转账", "bank", "card", "account"]

    def __init__(
        self, supported_language: str = "zh", supported_entity: str = "CN_BANK_CARD", **kwargs
    ) -> None:
        super().__init__(
            supported_entity=supported_entity,
            patterns=kwargs.pop("patterns", None) or self.PATTERNS,
            context=kwargs.pop("context", None) or self.CONTEXT,
            supported_language=supported_language,
            **kwargs,
        )

    def validate_result(self, pattern_text: str) -> bool:
        """Luhn and 16-19 digits; an 18-digit value shaped like a resident ID is not a card."""
        v = digits_only(pattern_text)
        if not (16 <= len(v) <= 19) or looks_like_resident_id(v):
            return False
        return luhn_ok(v)
