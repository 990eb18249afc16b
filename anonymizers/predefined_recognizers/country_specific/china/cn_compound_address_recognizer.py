"""Residential-compound addresses without a road: 御景华庭C栋1205室, 阳光100小区9号楼4单元502,
华润二十四城3期14栋2单元1903, 金地格林小城11-2-301, 幸福里小区四号楼三单元二零一.

Chinese users give the compound's name and building/unit/room far more often than a road. The
building-level part (栋/幢/号楼/座 + unit or room) is what makes the span an address; the compound
name before it is taken up to the nearest cue or function word (地址, 住在, 在, 了, 的…).
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, RecognizerResult

from ...collapsed_view import despaced
from ...declared import DeclaredPatternRecognizer
from ...precheck import PrecheckMixin
from .cn_address_recognizer import han_except
from .t2s import to_simplified

# Characters that end the compound name on its left (cue words, pronouns, particles, verbs).
_STOP = "的了是在我你他她它们住到去跟从往把被给让要就也还很这那个些说想找离近附址看过搬租买卖填写叫带放号"
_N = han_except(_STOP)
_NUM = "0-9零〇一二两三四五六七八九十"
_SUFFIX = "区城园苑村庭府湾里院居阁邸寓厦场"  # last character of a compound name (11-2-301 shorthand)
_BUILDING_PART = (
    rf"(?P<phase>[{_NUM}]{{1,3}}期|[A-Za-z0-9]{{1,2}}区)?"
    rf"(?:(?P<bld>[{_NUM}A-Za-z]{{1,4}}\s?(?:号楼|号\s楼|栋|幢|座|号院|楼|舍|[#＃](?=\s?[{_NUM}]{{1,2}}单)))"
    rf"(?P<unit>\s?[{_NUM}]{{1,2}}单\s?元)?"
    # rooms with a letter (A311) and dorm rooms (…宿舍, 寝室)
    rf"(?P<room>\s?[A-Za-z]?[{_NUM}][{_NUM}Oo]{{1,4}}(?:室|号|房|宿舍|寝室)?|[{_NUM}]{{1,2}}楼(?:[东西南北中]户)?|[A-Za-z]室)?"
    # 11-2-301 after a compound name, not after a code's cue (取件码3-2-1087); 5#2602: building 5, room 2602
    rf"|(?<=[\u4e00-\u9fff])(?<![码号是为])(?P<dash>[{_NUM}]{{1,3}}-[{_NUM}]{{1,2}}-[{_NUM}]{{2,5}}"
    rf"|(?<=[{_SUFFIX}])[{_NUM}]{{1,3}}\s?[#＃]\s?[{_NUM}]{{3,5}})"
    # a shop in a mall or a street front: L2层237铺, 3F层115铺, 底商10号门面 (after a street chain)
    rf"|(?P<shop>(?:[A-Za-z]?\d{{1,2}}[Ff]?[层楼]\s?\d{{1,4}}号?(?:铺|商铺|档口)|(?:底商|商铺)\s?\d{{1,4}}号?(?:门面|铺|商铺)?"
    rf"|\d{{1,3}}排\d{{1,4}}号(?:摊位|档口|铺)?|[{_NUM}]{{1,2}}楼门面)))"
    r"(?![0-9])"
)
COMPOUND_REGEX = rf"(?P<name>(?:{_N}|[A-Za-z0-9]){{2,12}}?)" + _BUILDING_PART
# What may follow a street-level chain (…鞍山西道45号 + 碧桂园凤凰城12栋1单元803): the chain is extended.
# (a house-number word inside the compound's name is part of it: 滨江壹号25栋)
BUILDING_TAIL = regex.compile(rf"(?:{_N}|[A-Za-z0-9]|(?<=[\u4e00-\u9fff])[{_NUM}]号){{0,10}}?" + _BUILDING_PART)
_FULL = regex.compile(COMPOUND_REGEX)
# Building, unit and room with no compound name (快递放十二栋三单元五零二门口): the chain alone is one home.
BARE_REGEX = (rf"(?<![{_NUM}A-Za-z])[{_NUM}A-Za-z]{{1,4}}\s?(?:号楼|栋|幢|座)\s?[{_NUM}]{{1,2}}\s?单\s?元\s?"
              rf"[{_NUM}]{{3,4}}(?:室|号|房)?(?![0-9])")
_BARE = regex.compile(BARE_REGEX)
# Cue words the name may have swallowed on its left (their characters are not stop characters).
_LEFT_CUES = ("地址", "住址", "经营场所", "场所", "迁入地", "迁出地", "居住地", "现居", "房屋", "装机", "收货", "新家", "寄到", "送到", "宿舍", "寝室", "投诉", "热线")
_TRIGGER = regex.compile(r"[栋幢座]|号\s?楼|\d\s?楼\s?\d|单\s?元|\d舍\d|-[\d一二三四五六七八九十]{1,2}-|\d\s?[#＃]\s?\d|\d号?(?:铺|门面|档口|摊位)|底商|门面")
_NOT_NAME = regex.compile(r"^[\d\s]+$")


class CnCompoundAddressRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """ADDRESS: compound name + building + unit/room (or the 11-2-301 shorthand)."""

    ENTITY = "ADDRESS"
    VALIDATED = False
    STRUCTURED = False
    PRIORITY = 305
    SURROGATE = "address"
    PATTERNS = [Pattern("CN residential compound", COMPOUND_REGEX, 0.6), Pattern("CN building unit room", BARE_REGEX, 0.6)]
    CONTEXT = ["地址", "住在", "住址", "寄到", "送到", "收货", "家住", "address"]
    PRECHECK = _TRIGGER

    def validate_result(self, pattern_text: str) -> bool | None:
        """Building + unit or room; the dash shorthand only after a compound-like name."""
        if _BARE.fullmatch(pattern_text):
            return None
        m = _FULL.fullmatch(pattern_text)
        if not m or _NOT_NAME.match(m["name"]):
            return False
        if m["dash"] or m["shop"]:  # 11-2-301, 5#2602, L2层237铺: only after a name of two Han characters or more
            return None if regex.search(r"[\u4e00-\u9fff]{2}$", m["name"]) else False
        # a building alone after a name shaped like an estate's (银河湾30栋) points at a few dozen homes too
        estate_bld = m["bld"] and regex.search(rf"[\u4e00-\u9fff][{_SUFFIX}]$", m["name"]) is not None
        return None if (m["unit"] or m["room"] or m["phase"] or estate_bld) else False

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        """The chain regex, then the name cut after the last cue word inside it (新地址绿地… → 绿地…);
        spaced-out runs are matched collapsed (see ``cn_address_view``)."""
        text = to_simplified(text)
        out = self._compounds(text, entities, nlp_artifacts, regex_flags)
        if not _TRIGGER.search(text):
            return out
        return out + despaced(text, lambda t: self._compounds(t, entities, nlp_artifacts, regex_flags))

    def _compounds(self, text: str, entities, nlp_artifacts, regex_flags) -> list[RecognizerResult]:
        out = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in out:
            span = text[r.start : r.end]
            cut = max((span.find(c) + len(c) for c in _LEFT_CUES if c in span[:12]), default=0)
            if cut and len(span) - cut >= 4:
                r.start += cut
            while r.start < r.end and r.start > 0 and text[r.start - 1].isascii() and text[r.start - 1].isalnum() \
                    and text[r.start].isascii() and text[r.start].isalnum():
                r.start += 1  # 12345|热线…: the name does not start inside a number or a word
        return out

