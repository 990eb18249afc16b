"""Where someone lives, said without a street: 我住在幸福小区, 我家是3-1-502, 门牌：2单元1102, 老家在前进屯,
我们是王家堡的; and the exact spot given as coordinates (39.9087, 116.3975).

The address recognizers read a chain from a district or road; a home named only by its estate, village
or flat number has none. After a residence cue (住在, 家在, 家是, 老家在) a name ending like an
estate or a village (小区, 花园, 城, 湾, 苑, 村, 屯, 堡, 营子, 沟, 家属院…) or a flat code is an ADDRESS;
a bare city (我住在北京) has no such ending and stays. Coordinates with four decimals place a person within
metres wherever they stand. (A postcode names a district of thousands: kept.)
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern

from ...declared import DeclaredPatternRecognizer
from ...precheck import PrecheckMixin

_HAN = r"\u4e00-\u9fff"
_RESIDENCE_CUE = (
    r"(?:我|我们|他|她|俺)?(?:家)?(?:住在|住|家在|家就在|家是|老家在|老家是|住的是|搬到了?|搬去了?)"
    r"|(?:我们?|俺们?)是(?=[\u4e00-\u9fff]{2,8}(?:村|屯|堡|营子|沟|寨|庄|湾|队|组)的)"
)
_ESTATE_END = r"(?:小区|花园|家园|新村|公寓|大厦|家属院|家属区|城|湾|苑|园|庭|府|村|屯|堡|营子|沟|寨|庄|[一二三四五六七八九十\d]+[队组])"
# Generic words with such endings are not a place's name (我家在农村, 住在城里, 老家是山村).
_GENERIC = r"(?!(?:农村|乡村|山村|城里|县城|城市|小区|花园|公园|校园|村里|家里|那边|这边|附近|对面|楼上|楼下)(?![\u4e00-\u9fff]))"
_FLAT = r"\d{1,3}-\d{1,2}-\d{3,4}|\d{1,2}单元\d{3,4}室?|[一二三四五六七八九]单元\d{3,4}室?"
HOME_REGEX = (
    rf"(?<=(?:{_RESIDENCE_CUE})[ \t:：]*){_GENERIC}"
    rf"(?:(?:(?![的在是了和])[{_HAN}]){{1,8}}{_ESTATE_END}(?:[{_HAN}]{{0,4}}小区)?|{_FLAT})(?![\d-])"
)
# A flat code after a residence cue or a door-plate / address field (门牌：2单元1102, 地址：6-2-1201); a shop's
# 地址 names an estate or a mall too, so there only the flat code counts.
FLAT_REGEX = rf"(?<=(?:门牌号?|住址|家庭地址|地址)[ \t:：]*)(?:{_FLAT})(?![\d-])"
COORDINATES_REGEX = (
    r"(?<![\d.])(?:纬度\s*)?-?\d{1,2}\.\d{4,}\s*°?\s*[NS]?\s*[,，/\s]\s*(?:经度\s*)?-?\d{1,3}\.\d{4,}\s*°?\s*[EW]?(?![\d.])"
)


# Coordinates are someone's spot only when the message says so (我的定位, 我家坐标, 我在…): a landmark's
# coordinates (埃菲尔铁塔坐标 48.8584, 2.2945) name a public place.
_PERSONAL_SPOT = regex.compile(r"我|俺|咱|家|住|定位|位置|发你|共享|(?i:my|home|i'm at|we're at)")


_COORDINATES = "latitude and longitude"


class CnHomePlaceRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """ADDRESS: a home named by its estate, village or flat code after a residence cue; coordinates."""

    ENTITY = "ADDRESS"
    VALIDATED = False
    STRUCTURED = False
    PRIORITY = 314
    SURROGATE = "address"
    PATTERNS = [
        Pattern("home after a residence cue", HOME_REGEX, 0.6),
        Pattern(_COORDINATES, COORDINATES_REGEX, 0.7),
        Pattern("flat code after a door-plate or address field", FLAT_REGEX, 0.6),
    ]
    CONTEXT = ["住", "家", "地址", "门牌", "坐标", "定位"]
    PRECHECK = regex.compile(r"住|家|门牌|地址|\d\.\d{4}|是.{2,8}(?:村|屯|堡|营子|沟|寨|庄|湾|队|组)的")

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        out = super().analyze(text, entities, nlp_artifacts, regex_flags)
        if _PERSONAL_SPOT.search(text):
            return out
        return [r for r in out if getattr(r.analysis_explanation, "pattern_name", "") != _COORDINATES]
