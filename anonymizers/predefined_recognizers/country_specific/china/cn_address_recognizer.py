"""Chinese postal addresses: 省/市/区/县/镇/路/街/号/小区/栋/单元/室 chains.

A bare city or province is coarse and stays (policy allows province-level attributes); a span is an
ADDRESS only when it reaches street level: street + number, building + unit, or region + street.
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern

from anonymizers.predefined_recognizers.declared import DeclaredPatternRecognizer

from ...collapsed_view import despaced
from .cn_address_view import FACILITIES, place_offset
from .t2s import DAXIE, to_simplified

# A character that can be part of a place name (excludes pronouns/particles/verbs that precede one).
_STOP = "的了是在我你他她它们住到去跟从往把被给让要就也还很这那个些说想找离近附址喺嘅咗係返"  # (Cantonese 喺 = 在)


def han_except(stop: str) -> str:
    """A character class of all CJK unified ideographs except ``stop`` (one class: fast to match)."""
    parts, lo = [], 0x4E00
    for cp in sorted({ord(c) for c in stop}):
        if cp > lo:
            parts.append(f"\\u{lo:04x}-\\u{cp - 1:04x}")
        lo = cp + 1
    parts.append(f"\\u{lo:04x}-\\u9fff")
    parts.append("\\U00020000-\\U0003134f")  # extension B on (禾輋邨 simplifies to 禾𪨶邨)
    return "[" + "".join(parts) + "]"


_N = han_except(_STOP)
_PROV = (
    r"(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南"
    r"|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港岛|香港|澳门|九龙|新界|港岛)"
    r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)?"
)
# (a city typed without 市 between blank-separated parts after a province: 黑龙江 哈尔滨 南岗区)
_CITY = rf"(?:{_N}{{2,5}}?(?:市|自治州|州|盟|地区)|(?<={_PROV}[ \t]){_N}{{2,3}}(?=[ \t]))"
# (Hong Kong districts have no suffix: 旺角 弥敦道 688号, 铜锣湾 轩尼诗道)
_HK_DIST = ("旺角|尖沙咀|油麻地|铜锣湾|中环|湾仔|沙田|观塘|将军澳|荃湾|屯门|元朗|大埔|上水|红磡|九龙城|深水埗|黄大仙|西贡"
            "|北角|鲗鱼涌|太古|柴湾|香港仔|东涌|葵涌|青衣|马鞍山|天水围|土瓜湾|长沙湾|佐敦|太子|何文田|跑马地|西环|上环")
_DIST = rf"(?:{_N}{{1,5}}?(?:新区|区|县|旗)|{_HK_DIST})"
_TOWN = rf"{_N}{{1,5}}?(?:街道|镇|乡)"
_STREET = rf"(?:{_N}|\d){{1,8}}?(?:大道|大街|路|街|巷|胡同|弄|道)(?:[东西南北中]?[一二三四五六七八九十\d]{{1,3}}段|[东西南北中]段|[东西南北中](?=\s?[\d一二三四五六七八九十]))?"
# House numbers and building parts may be written in Chinese numerals (五十一号, 柒栋贰单元: daxie is read
# as ordinary numerals first).
_CNUM = "零〇一二两三四五六七八九十百"
_NUM = rf"[\d{_CNUM}](?:\s?[\d{_CNUM}]){{0,4}}\s?(?:号院|号|弄)"
# A building's own name does not run across a province or city (寄回浙江省义乌市北苑: 北苑 alone).
# (快递已放绿地世纪城5期: the verbs before it stay; 城市花园, 都市家园: 市 after 城/都/超 is part of the name)
_NB = "(?:" + han_except(_STOP + "省市放已递") + "|(?<=[城都超])市)"
_BUILDING = rf"{_NB}{{2,8}}?(?:小区|花园|大厦|公寓|新村|家园|广场|中心|世纪城|新城|苑|园|村|邨)(?:[一二三四五六七八九十\d]{{1,3}}(?:组|社|队))?"
# (in Chinese numerals too: 七栋 二单元 五零二, 十二楼 C室)
_UNIT = (r"(?:\s?(?:[0-9A-Za-z]{1,4}|[零〇一二两三四五六七八九十]{1,3})\s?(?:号楼|栋|幢|座|单\s?元|楼|层|室|号|期)){1,4}"
         r"(?:\s?(?:\d{3,5}(?![0-9])|[零〇一二三四五六七八九]{3,4}(?![零〇一二三四五六七八九十])))?")  # …B座2305
# Between the parts of a chain: nothing, one blank, or an emoji (杭州市 西湖区 文三路, 深圳市😀南山区).
_GAP = r"(?:[ \t]|[\p{So}\p{Sk}]\ufe0f?)?"

# The chain must reach a street or a building, so a region-only prefix never wins the match
# (regex would otherwise take "吉林省香港市" and drop the street after validation fails).
ADDRESS_REGEX = (
    rf"(?P<prov>{_PROV})?{_GAP}(?P<city>{_CITY})?{_GAP}(?P<dist>{_DIST})?{_GAP}(?P<town>{_TOWN})?{_GAP}"
    rf"(?:(?P<street>{_STREET}){_GAP}(?P<num>{_NUM})?{_GAP}(?P<bldg>{_BUILDING})?(?P<unit>{_UNIT})?"
    rf"|(?P<bldg2>{_BUILDING})(?:{_N}{{1,3}}?楼(?=\s?[0-9A-Za-z]{{1,4}}\s?室))?(?P<unit2>{_UNIT})?"  # (尚德邨 + 尚智楼 + 2107室)
    # a district or campus zone with building, floor and room but no street (东区13号楼6层609)
    rf"|(?<=(?P=dist)|(?P=town))(?P<unit3>{_UNIT}))"
)
_FULL = regex.compile(ADDRESS_REGEX, regex.V1)
# A rural chain that stops at the township: 湖北省黄冈市蕲春县漕河镇 (a county + a township, or more).
TOWNSHIP_REGEX = (
    rf"(?P<prov>{_PROV})?{_GAP}(?P<city>{_CITY})?{_GAP}(?P<dist>{_DIST}){_GAP}(?P<town>{_TOWN})"
    rf"(?:{_N}{{1,4}}?村(?:[一二三四五六七八九十\d]{{1,3}}(?:组|社|队))?)?"
)
_TOWNSHIP = regex.compile(TOWNSHIP_REGEX, regex.V1)
_TRIGGER = regex.compile(r"[路街巷弄号栋幢室苑园村道楼层期邨]|小区|大厦|公寓|单元|广场|中心|城")
_TOWNSHIP_TRIGGER = regex.compile(r"[县区旗].{0,6}?(?:[镇乡]|街道)")


def _trim_left(text: str, r) -> None:
    """A chain without a province starts at its leading place name, not at the words before it."""
    m = _FULL.fullmatch(text, r.start, r.end) or _TOWNSHIP.fullmatch(text, r.start, r.end)
    if not m or m["prov"]:
        return
    for g in ("city", "dist", "town"):
        if m[g]:
            r.start += place_offset(m[g])
            return


# What a chain may run on with, a blank allowed before each part (…八一大道 三五七 号 省人民医院家属院 六栋 二〇一,
# …泉城路268号 老家属院 三单元 五〇二, …珞喻路1037号华中科技大学东十七舍, …農業路 东段 88号 院 4栋).
_SEGMENT = (
    rf"(?:[东西南北中]段|[\d{_CNUM}]{{1,3}}段|院(?![\u4e00-\u9fff])"
    rf"|{_N}{{1,8}}?(?:家属院|家属区|小区|花园|公寓|大厦|宿舍|院|苑|园|村|大学|学院|中学|小学|医院)"
    rf"|{_N}{{1,4}}?楼(?=\s?[\d{_CNUM}]{{2,5}}\s?室)"  # (HK: …尚德邨 + 尚智楼 2107室)
    rf"|[东西南北]?[\d{_CNUM}]{{1,3}}舍"
    rf"|附?[\d{_CNUM}A-Za-z]{{1,4}}\s?(?:号楼|栋|幢|座|单\s?元|楼|层|室|号院|号)"  # (附3号: an annex number)
    rf"|(?:大厦|大楼|广场|商场|中心)(?=\s?[\d{_CNUM}A-Za-z])"  # …27号中关村 + 大厦11层1108
    rf"|(?<=[号栋幢座楼][ \t]?)\d{{1,3}}-\d{{1,4}}(?:-\d{{2,4}})?(?![\d-])"  # …188号 5-2-301: building-unit-room
    rf"|(?<=[元栋幢座楼层]\s?)[\d{_CNUM}]{{3,5}}(?![\d{_CNUM}]))"
)
_CONTINUATION = regex.compile(rf"(?:[ \t]?{_SEGMENT}){{1,6}}", regex.V1)


class ChineseAddressRecognizer(DeclaredPatternRecognizer):
    """ADDRESS: validated when the chain reaches street/building level (see ``validate_result``)."""

    ENTITY = "ADDRESS"
    VALIDATED = True
    STRUCTURED = False
    PRIORITY = 300
    SURROGATE = "address"
    PATTERNS = [Pattern("CN address chain", ADDRESS_REGEX, 0.5), Pattern("CN township chain", TOWNSHIP_REGEX, 0.5)]
    _GATED = tuple(zip(PATTERNS, (_TRIGGER, _TOWNSHIP_TRIGGER), strict=True))
    CONTEXT = ["地址", "住在", "住址", "寄到", "送到", "收货", "家住", "address"]

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None, regex_flags=None):
        """Skip the (costly, all-optional) chain regex unless an address suffix occurs at all; spaced-out
        runs are matched collapsed (see ``cn_address_view``)."""
        text = to_simplified(text).translate(DAXIE)  # 九龍灣宏照道38號, 壹伍捌号 (same length: offsets hold)
        # Each pattern only where its suffixes occur (one engine per process: not shared across threads).
        self.patterns = [p for p, gate in self._GATED if gate.search(text)]
        if not self.patterns:
            return []
        out = self._chains(text, entities, nlp_artifacts, regex_flags)
        return out + despaced(text, lambda t: self._chains(t, entities, nlp_artifacts, regex_flags))

    def _chains(self, text: str, entities, nlp_artifacts, regex_flags) -> list:
        from .cn_compound_address_recognizer import BUILDING_TAIL
        from .cn_cued_address_recognizer import past_cue

        out = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in out:
            _trim_left(text, r)
            r.start = past_cue(text, r.start)
            if text.startswith("家", r.start) and r.start > 0 and text[r.start - 1] in "我你他她们" and r.end - r.start > 4:
                r.start += 1  # 我家朝阳区…: 家 belongs to 我家, not to the address
            tail = BUILDING_TAIL.match(text, r.end + (text[r.end : r.end + 1] == " "))  # …698号 融创玖樟台32栋…
            if tail and (tail["unit"] or tail["room"] or tail["dash"] or tail["shop"]):
                r.end = tail.end()  # …鞍山西道45号 + 碧桂园凤凰城12栋1单元803 is one address
            more = _CONTINUATION.match(text, r.end)
            if more and more.end() - r.end <= 40:
                r.end = more.end()
        return out

    def validate_result(self, pattern_text: str) -> bool:
        """Street + (number | building | region), or building + (unit | region)."""
        m = _FULL.fullmatch(pattern_text)
        if not m:
            return _TOWNSHIP.fullmatch(pattern_text) is not None
        g = m.groupdict()
        region = g["prov"] or g["city"] or g["dist"] or g["town"]
        bldg, unit = g["bldg"] or g["bldg2"], g["unit"] or g["unit2"]
        if g["unit3"]:  # no street, no building: a district's building with two parts or a room (13号楼6层609)
            return bool(g["dist"] or g["town"]) and len(regex.findall(r"号楼|栋|幢|座|单\s?元|楼|层|室|\d{3,5}$", g["unit3"])) >= 2
        if g["street"] and g["street"].endswith("道") and not g["street"].endswith("大道") and not region:
            return False  # 知道45号: a bare 道 is a street only inside a region chain (南开区鞍山西道45号)
        if bldg and not unit and not g["street"] and bldg.endswith(FACILITIES):
            return False  # 南山区科技园, 朝阳区公园: a public place in a district, not a home
        return bool(
            (g["street"] and (g["num"] or bldg or region))
            or (bldg and (unit or region))
        )
