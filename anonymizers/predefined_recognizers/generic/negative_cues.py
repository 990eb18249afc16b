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
    "交易号", "交易单号", "退款单号", "退款编号", "时间戳", "timestamp", "unix",
    # lottery draws and official document numbers (彩票号码 03 12 18…, 大乐透 05 12 19 28 33, 文件编号 2024-01-0012)
    "彩票", "大乐透", "双色球", "福彩", "体彩", "开奖", "中奖号码", "文件编号", "公文编号", "文号", "发文字号",
    # a courier's name right before a number makes it the waybill (包裹寄出了，中通 7843…)
    "顺丰", "中通", "圆通", "申通", "韵达", "极兔", "德邦", "百世", "京东快递", "邮政", "ems",
]

# The same for Luhn- or checksum-validated numbers (cards, IMEI, USCC): one random number in ten passes
# Luhn, so a transaction or refund number next to its cue is kept unless a card cue is there too.
CHECKSUM_NEGATIVE_CUES = [
    "订单", "单号", "运单", "快递", "流水号", "交易号", "退款号", "order", "tracking", "txn", "transaction",
    "顺丰", "中通", "圆通", "申通", "韵达", "极兔", "德邦",
]

_PRICE_BEFORE = re.compile(r"(?:[¥$￥€£]|(?i:rmb|usd|cny|eur|价格|价|金额|余额|收入|工资))\s*[:：]?\s*$")
_PRICE_AFTER = re.compile(r"\s*(?:元|块|万|亿|美元|美金|(?i:rmb|usd|yuan|dollars?|eur))")


def is_amount(text: str, start: int, end: int) -> bool:
    """A money amount: a currency sign or amount word right before, or a currency unit right after."""
    return bool(_PRICE_BEFORE.search(text, max(0, start - 8), start) or _PRICE_AFTER.match(text, end))


_CLAUSE_BREAKS = "，,。；;！!？?\n"


def negative_in_clause(before: str, cues) -> bool:
    """A negative cue in ``before`` (the text right before a match) with no clause break after it: in
    保单号 P20…，理赔款打到 6214… or 收快递，有事打他 +82 10-… the number is not the order's or parcel's."""
    last = max((before.rfind(w) + len(w) for w in cues if w in before), default=-1)
    return last >= 0 and not any(c in before[last:] for c in _CLAUSE_BREAKS)
