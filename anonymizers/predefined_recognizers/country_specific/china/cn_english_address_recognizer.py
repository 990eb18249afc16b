"""Chinese (and Hong Kong) addresses written the English way: Room 1203, No. 88 Jianguo Road,
Chaoyang District, Beijing 100022 / Rm 601, Bldg 3, No. 1188 Zhangyang Rd, Pudong, Shanghai.

A street number + a street name ending in Road/Rd/Street/Lu/Avenue… is the anchor; a leading
room/flat/building part and trailing district/city/postcode parts are taken with it.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ...declared import DeclaredPatternRecognizer
from ...precheck import PrecheckMixin

# Numbers may be written in Chinese numerals (Room 二六零四, 四七一 Keyuan Road).
_ZN = "零〇一二两三四五六七八九十"
_WORD = rf"[A-Z0-9{_ZN}][A-Za-z0-9{_ZN}'-]*"
_STREET_TYPE = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lu|Jie|Dadao|Lane|Ln|Boulevard|Blvd|Highway|Hwy|Drive|Dr|Way|Alley|Hutong"
    r"|Nong|Xiang|Place|Pl|Court|Ct|Terrace|Square|Sq)\.?"
)
_UNIT = rf"(?:(?:Room|Rm|Flat|Unit|Apt|Apartment|Suite|Ste|Floor|Fl|F)\.?\s*#?[0-9A-Z{_ZN}-]{{1,6}},?\s*)"
_BLDG = rf"(?:(?:Building|Bldg|Block|Blk|Tower|Tower\s+[A-Z0-9])\.?\s*[0-9A-Z{_ZN}]{{0,4}},?\s*)"
_PLACE = rf"(?:,\s*{_WORD}(?:[ -]{_WORD}){{0,3}})"
ENGLISH_ADDRESS_REGEX = (
    rf"(?<![A-Za-z0-9]){_UNIT}?{_BLDG}?(?:No\.?\s*)?[\d{_ZN}]{{1,5}}[A-Z]?,?\s+(?:{_WORD}\s+){{0,3}}{_STREET_TYPE}"
    rf"{_PLACE}{{0,4}}(?:,?\s*(?:[A-Z]{{2}}\s+)?\d{{5,6}})?(?![A-Za-z0-9])"
)
# No street: flat + block + compound name (Apt 903, Block 6, Greenland New Metropolis, Chengdu).
COMPOUND_ADDRESS_REGEX = (
    rf"(?<![A-Za-z0-9]){_UNIT}(?:Unit\s*[\d{_ZN}]{{1,3}},?\s*)?{_BLDG}{_WORD}(?:\s{_WORD}){{0,4}}{_PLACE}{{0,4}}"
    r"(?![A-Za-z0-9])"
)
# Written in pinyin: Xingfuli Xiaoqu 4 dong 3 danyuan 201.
PINYIN_ADDRESS_REGEX = (
    r"(?i)(?<![A-Za-z0-9])(?:[A-Z][a-z]+\s){1,3}(?:xiaoqu|huayuan|jiayuan|gongyu|dasha|xincun|cun)\s*"
    r"\d{1,3}\s*(?:dong|hao\s?lou|zhuang)(?:\s*\d{1,2}\s*danyuan)?(?:\s*\d{2,5}(?:\s*shi)?)?(?![A-Za-z0-9])"
)
# All in lower-case pinyin, as chat types it: xuhui qu tianyaoqiao lu 1178 nong 5 hao 602 (a road, then numbers).
PINYIN_STREET_REGEX = (
    r"(?<![A-Za-z0-9])(?:[a-z]{2,12}\s(?:qu|shi|zhen)\s)?(?!(?:the|and|for|you|are|was|not|but|all|any|can|our|his|her|new|old|this|that)\s)"
    r"[a-z]{3,16}\s(?:lu|jie|dadao|xiang|hutong)\s\d{1,5}"
    r"(?:\s?(?:nong|hao|haolou|dong|lou|danyuan|shi|fang)\s?\d{1,5})*(?:\s?(?:hao|shi))?(?![A-Za-z0-9])"
)
_CUE = re.compile(  # (the lookahead lists the words' first letters: same matches, fewer tries)
    r"(?i)(?=[rsaljbdwhtxgc])\b(?:road|rd|street|st|avenue|ave|lu|jie|lane|ln|boulevard|blvd|drive|dr|way|hutong|block|blk|bldg"
    r"|building|tower|xiaoqu|huayuan|jiayuan|gongyu|dasha|xincun|cun)\b"
)


class CnEnglishAddressRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """ADDRESS: street number + street name (+ room/building before, district/city/postcode after)."""

    ENTITY = "ADDRESS"
    VALIDATED = False
    STRUCTURED = False
    PRIORITY = 315
    SURROGATE = "address"
    GLOBAL_REGEX_FLAGS = re.MULTILINE  # case-sensitive: street names are capitalised in addresses
    PATTERNS = [
        Pattern("English-format street address", ENGLISH_ADDRESS_REGEX, 0.6),
        Pattern("English-format compound address", COMPOUND_ADDRESS_REGEX, 0.6),
        Pattern("Pinyin compound address", PINYIN_ADDRESS_REGEX, 0.6),
        Pattern("Pinyin street address (lower case)", PINYIN_STREET_REGEX, 0.6),
    ]
    CONTEXT = ["address", "地址", "ship to", "deliver", "live at", "lives at", "住"]
    PRECHECK = _CUE
