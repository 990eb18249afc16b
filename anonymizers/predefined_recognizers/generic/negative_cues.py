"""Cue words that make a number a public / transactional one rather than a person's identifier.

Shared by every recognizer that matches bare digit runs (its ``NEGATIVE_CONTEXT``): such a cue within
the context window, without a positive cue, drops the match. One list, so a hard negative is kept
the same way by all of them.
"""

from __future__ import annotations

import re

# (Not 保单 / policy: a policy number names its holder to the insurer; three of four writers label it an
# identifier, and when unsure, redact.)
NUMBER_NEGATIVE_CUES = [
    "订单", "单号", "运单", "快递", "物流", "包裹", "取件码", "取餐", "验证码", "校验码", "动态码",
    "会议号", "会议室", "群号", "房间号", "航班", "车次", "座位", "版本", "型号", "邮编", "合同编号",
    "发票", "流水号", "工单", "routing", "order", "tracking", "parcel", "invoice",
    "verification", "otp", "version", "zip", "postcode", "meeting", "flight", "txn", "transaction",
    "交易号", "交易单号", "退款单号", "退款编号",
]

# The same for Luhn- or checksum-validated numbers (cards, IMEI, USCC): one random number in ten passes
# Luhn, so a transaction or refund number next to its cue is kept unless a card cue is there too.
CHECKSUM_NEGATIVE_CUES = [
    "订单", "单号", "运单", "快递", "流水号", "交易号", "退款号", "order", "tracking", "txn", "transaction",
]

_PRICE_BEFORE = re.compile(r"(?:[¥$￥€£]|(?i:rmb|usd|cny|eur|价格|价|金额|余额|收入|工资))\s*[:：]?\s*$")
_PRICE_AFTER = re.compile(r"\s*(?:元|块|万|亿|美元|美金|(?i:rmb|usd|yuan|dollars?|eur))")


def is_amount(text: str, start: int, end: int) -> bool:
    """A money amount: a currency sign or amount word right before, or a currency unit right after."""
    return bool(_PRICE_BEFORE.search(text, max(0, start - 8), start) or _PRICE_AFTER.match(text, end))
