"""A district followed by a residential estate's name: 道里区保利香槟国际, 南山区幸福里, 渝北区龙湖春江郦城,
南岗区锦绣江南4-3-2801.

Users name where they live by district and estate far more often than by road, and often without a
building number. A district alone is coarse and stays; the district + estate pair points at a few
hundred households, so it is redacted. The estate name must end the way estate names do (园, 苑, 城,
府, 湾, 里, 国际, 公馆…) or carry a building part (4-3-2801, 12栋); public places the dictionary knows
(颐和园, 中关村) and facility words (公园, 科技园, 商城) are not estates.
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, RecognizerResult

from ...collapsed_view import despaced
from ...declared import DeclaredPatternRecognizer
from .cn_address_recognizer import _CITY, _DIST, _GAP, _HK_DIST, _PROV, han_except
from .cn_address_view import FACILITIES, place_offset, place_tag
from .cn_cued_address_recognizer import past_cue
from .t2s import to_simplified

# Characters that end an estate name (particles, pronouns, verbs of living, buying and working nearby).
_STOP = "的了是在我你他她它们住到去跟从往把被给让要就也还很这那个些说想找离近附址看过搬租买卖填写叫带放上班边旁一和与或及"
_N = han_except(_STOP)
_ENDINGS = (
    "国际", "公馆", "华府", "天地", "名都", "名苑", "世家", "御府", "壹号", "一号院", "家园", "花园", "新村", "小区",
    "公寓", "园", "苑", "城", "府", "湾", "里", "庭", "居", "阁", "邸", "轩", "郡", "墅", "庄", "寓", "汇", "岸", "坊",
)
_ESTATE = rf"(?P<estate>{_N}{{2,8}}?(?:{'|'.join(sorted(_ENDINGS, key=len, reverse=True))}))"
_NUM = "0-9零〇一二两三四五六七八九十"
# 4-3-2801, 12栋1单元803, 3号楼502, 17舍214.
_BUILDING = (
    rf"(?:[A-Za-z0-9]{{1,2}}区)?(?:\d{{1,3}}-\d{{1,2}}-\d{{2,5}}"
    rf"|[{_NUM}A-Za-z]{{1,4}}(?:号楼|栋|幢|座|舍)(?:[{_NUM}]{{1,2}}单元)?(?:[{_NUM}][{_NUM}]{{1,4}}(?:室|号|房)?)?)(?![0-9])"
)
ESTATE_REGEX = (
    rf"(?P<prov>{_PROV})?{_GAP}(?P<city>{_CITY})?{_GAP}(?P<dist>{_DIST}){_GAP}"
    rf"(?:{_ESTATE}(?:第[{_NUM}]{{1,2}}期)?(?:{_BUILDING})?|(?P<named>{_N}{{2,8}}?){_BUILDING})"  # (日出康城第5期)
)
_FULL = regex.compile(ESTATE_REGEX, regex.V1)
_TRIGGER = regex.compile(rf"(?:新区|区|县|旗|{_HK_DIST})")


def _is_estate(name: str) -> bool:
    """Not a facility word, not a dictionary place or noun (颐和园, 动物园)."""
    if name.endswith(FACILITIES):
        return False
    return (place_tag(name) or "x")[:2] not in ("ns", "n", "nt", "v", "vn")


class CnEstateAddressRecognizer(DeclaredPatternRecognizer):
    """ADDRESS: district + residential estate, with or without its building part."""

    ENTITY = "ADDRESS"
    VALIDATED = False
    STRUCTURED = False
    PRIORITY = 306
    SURROGATE = "address"
    PATTERNS = [Pattern("CN district + estate", ESTATE_REGEX, 0.6)]
    CONTEXT = ["地址", "住在", "住址", "寄到", "送到", "收货", "家住", "小区", "买了房", "户口"]
    PRECHECK = _TRIGGER  # the engine's registry skips this recognizer when it does not occur

    def validate_result(self, pattern_text: str) -> bool | None:
        """An estate-shaped name after the district, or any name before a building part."""
        m = _FULL.fullmatch(pattern_text)
        if not m:
            return False
        if m["named"]:
            return None if not regex.fullmatch(r"[\d\s]+", m["named"]) else False
        return None if _is_estate(m["estate"]) else False

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        """The chain, its left edge cut back to the district's own name; spaced-out runs collapsed."""
        text = to_simplified(text)
        if not _TRIGGER.search(text):
            return []
        out = self._estates(text, entities, nlp_artifacts, regex_flags)
        return out + despaced(text, lambda t: self._estates(t, entities, nlp_artifacts, regex_flags))

    def _estates(self, text: str, entities, nlp_artifacts, regex_flags) -> list[RecognizerResult]:
        out = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in out:
            m = _FULL.fullmatch(text, r.start, r.end)
            if m and not m["prov"] and not m["city"]:
                r.start += place_offset(m["dist"])
            r.start = past_cue(text, r.start)
        return out
