"""PRC bank cards: UnionPay (62) 16-19 digits and 19-digit debit cards, Luhn validated."""

from __future__ import annotations

from presidio_analyzer import Pattern

from anonymizers.predefined_recognizers.declared import DeclaredPatternRecognizer

from ...checks import digits_only, looks_like_resident_id, luhn_ok
from ...generic.negative_cues import CHECKSUM_NEGATIVE_CUES
from ...precheck import SEVEN_DIGITS, PrecheckMixin
from .._cues import after_cue


class CnBankCardRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """CN_BANK_CARD: Luhn-valid card numbers typical of Chinese banks (groups of 4 allowed)."""

    ENTITY = "CN_BANK_CARD"
    VALIDATED = True
    STRUCTURED = True
    PRIORITY = 30
    SURROGATE = "bank_card"
    PATTERNS = [
        Pattern(
            "UnionPay card",
            r"(?:(?<![0-9A-Za-z])|(?<=(?<![A-Za-z])(?i:yhk|card|no)))62\d{2}(?:[\s-]?\d){12,15}(?![0-9])",  # yhk6217…
            0.3,
        ),
        Pattern(
            "Card number right after a card/account cue (any issuer)",
            after_cue("卡号", "银行卡", "储蓄卡", "借记卡", "信用卡", "卡", "账户", "帐户", "账号", "帐号", "尾号", "户号")
            + r"\d{4}(?:[\s-]?\d){11,15}(?![0-9])",
            0.6,
        ),
        Pattern(
            "19-digit debit card (needs a card cue)",
            r"(?<![0-9A-Za-z])[3-6]\d{3}(?:[\s-]?\d){15}(?![0-9])",
            0.15,
        ),
    ]
    CONTEXT = ["银行卡", "卡号", "储蓄卡", "借记卡", "信用卡", "账号", "账户", "转账", "尾号", "收款", "bank", "card", "account"]
    PRECHECK = SEVEN_DIGITS
    NEGATIVE_CONTEXT = CHECKSUM_NEGATIVE_CUES

    def validate_result(self, pattern_text: str) -> bool | None:
        """Luhn and 16-19 digits; an 18-digit value shaped like a resident ID is not a card.

        UnionPay (62) + Luhn is conclusive. Other 19-digit Luhn numbers stay at the low pattern
        score (None) so only a card cue (卡号/银行卡) lifts them: 1 in 10 order numbers passes Luhn.
        """
        v = digits_only(pattern_text)
        if not (16 <= len(v) <= 19) or looks_like_resident_id(v) or not luhn_ok(v):
            return False
        return True if v.startswith("62") else None
