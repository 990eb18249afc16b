"""Phone numbers an institution publishes: a hotline or service desk announced as one (物业服务热线 0571-…,
咨询电话：0755-…（教务处）, 熱線 2266 2222) names an office, not a person, and is kept.

Only landlines and other fixed numbers: a mobile is someone's own phone even when a notice calls it the
hotline (a scam SMS's 客服热线 138…), so it stays redacted. The cue must sit right before the number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

_CUE = re.compile(
    r"(?:服务热线|热线电话|热线|熱線|服務熱線|服务中心|服務中心|咨询电话|諮詢電話|咨询热线|客服电话|客服熱線|服务电话|投诉电话"
    r"|报名电话|值班电话|总机|(?i:hotline|helpline))"
    r"[ \t]*(?:是|为|:|：)?[ \t]*$"
)
_FIXED = frozenset({"CN_LANDLINE", "PHONE_NUMBER"})
# The safety net's generic identifier, when what it took is a landline as written (0755-26983310).
_LANDLINE_SHAPE = re.compile(r"0\d{2,3}[- ]?\d{7,8}")
_LOOK_BACK = 16

T = TypeVar("T")


def drop_institution_phones(text: str, results: Sequence[T]) -> list[T]:
    """``results`` without the landline and fixed-phone results right after a hotline or service-desk cue."""
    def fixed(r) -> bool:
        kind = getattr(r, "entity_type", None)
        return kind in _FIXED or (kind == "GENERIC_ID" and _LANDLINE_SHAPE.fullmatch(text, r.start, r.end) is not None)

    return [r for r in results if not (fixed(r) and _CUE.search(text, max(0, r.start - _LOOK_BACK), r.start))]
