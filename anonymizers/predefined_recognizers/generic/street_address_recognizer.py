"""English-format street addresses: house number + street name + USPS suffix, unit, city/state/zip.

``6921 Rhonda Passage Apt. 574, New Jacobside, FM 55246`` - Presidio has no address recognizer and
spaCy's small model rarely tags one. The anchor is a house number followed by one to four name words
and a street suffix (USPS Publication 28, Appendix C1, full names and standard abbreviations); a unit
(Apt/Suite/Unit/#...) and a locality tail (city words, state, country, ZIP) are taken along when they
follow on the same or the next lines, since they identify the household too.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ..declared import DeclaredPatternRecognizer
from ..precheck import PrecheckMixin

_SUFFIXES = (
    "Alley Avenue Branch Bridge Brook Brooks Burg Burgs Bypass Camp Canyon Cape Causeway Center Centers "
    "Circle Circles Cliff Cliffs Club Common Corner Corners Course Court Courts Cove Coves Creek Crescent "
    "Crest Crossing Crossroad Curve Dale Dam Divide Drive Drives Estate Estates Expressway Extension "
    "Extensions Fall Falls Ferry Field Fields Flat Flats Ford Fords Forest Forge Forges Fork Forks Fort "
    "Freeway Garden Gardens Gateway Glen Glens Green Greens Grove Groves Harbor Harbors Haven Heights "
    "Highway Hill Hills Hollow Inlet Island Islands Isle Junction Junctions Key Keys Knoll Knolls Lake "
    "Lakes Land Landing Lane Light Lights Loaf Lock Locks Lodge Loop Mall Manor Manors Meadow Meadows Mews "
    "Mill Mills Mission Motorway Mount Mountain Mountains Neck Orchard Oval Overpass Park Parks Parkway "
    "Parkways Pass Passage Path Pike Pine Pines Place Plain Plains Plaza Point Points Port Ports Prairie "
    "Radial Ramp Ranch Rapid Rapids Rest Ridge Ridges River Road Roads Route Row Rue Run Shoal Shoals Shore "
    "Shores Skyway Spring Springs Spur Spurs Square Squares Station Stravenue Stream Street Streets Summit "
    "Terrace Throughway Trace Track Trafficway Trail Tunnel Turnpike Underpass Union Unions Valley Valleys "
    "Via Viaduct View Views Village Villages Ville Vista Walk Walks Wall Way Ways Well Wells "
    # standard abbreviations
    "St Ave Av Rd Blvd Ln Dr Ct Pl Sq Ter Pkwy Hwy Cir Trl Expy Fwy Cres Crt Hts Mt Ste"
).split()
_SUFFIX = "(?:" + "|".join(sorted(set(_SUFFIXES), key=lambda s: (-len(s), s))) + r")\b\.?"
_WORD = r"[A-Z][A-Za-z'.-]*"
_UNIT = (
    r"(?:(?:,|\s)[\s>?*•-]*(?:Apt|Apartment|Suite|Ste|Unit|Fl|Floor|Rm|Room|Bldg|Building|No)(?![a-z])\.?\s*#?\s*"
    r"[A-Za-z0-9-]{1,6}|(?:,\s*|\s*)#\s*\d{1,6}(?:-\d{1,4})?)"  # (#19-31: Singapore floor-unit)
)
_SEP = r"(?:\s*,\s*|[ \t]+|\s*\n[\s>?*•-]*(?:,\s*)?)"
# City or country words, with the connectors and brackets country names have (Trinidad and Tobago,
# Isle of Man, Falkland Islands (Malvinas)).
_LWORD = rf"{_WORD}(?![0-9])"  # (not the M of a postcode M4Y 2L8)
_LOCALITY = rf"(?:{_SEP}{_LWORD}(?:[ ](?:(?:and|of|the|&)[ ])?{_LWORD}|[ ]\({_WORD}(?:[ ]{_WORD}){{0,3}}\)){{0,4}})"
_STATE = rf"(?:{_SEP}[A-Z]{{2}}\b)"
# (US ZIP, Canadian M4Y 2L8, Singapore 238811)
_ZIP = rf"(?:{_SEP}(?:\d{{5}}(?:-\d{{4}})?|[A-Z]\d[A-Z] ?\d[A-Z]\d|\d{{6}})\b)"
_LEADING_UNIT = r"(?:(?:Apt|Apartment|Suite|Ste|Unit)(?![a-z])\.?\s*#?\s*[A-Za-z0-9-]{1,6}[ ]+)"
_TAIL = rf"(?:{_LOCALITY}{{0,2}}{_STATE}?(?:{_ZIP}|{_LOCALITY}{_ZIP}?)?)?"  # (a postcode before a locality word: ON M4Y 2L8)
STREET_ADDRESS = (
    rf"(?:\b{_LEADING_UNIT})?\b\d{{1,6}}[A-Z]?[ ]+(?:[NSEW]\.?[ ]+)?(?:{_WORD}[ ]+){{1,4}}?{_SUFFIX}(?:[ ][NSEW]{{1,2}}\b)?{_UNIT}{{0,2}}"
    + _TAIL
)
# No house number, but a unit and a locality (Katherine Heights Ochoa Lakes, Suite 169, East Reginald…).
UNIT_ADDRESS = rf"\b(?:{_WORD}[ ]+){{1,4}}?{_SUFFIX}{_UNIT}{{1,2}}(?:{_LOCALITY}{{1,2}}{_STATE}?{_LOCALITY}?{_ZIP}?)"
# Hong Kong flats: Flat A, 6/F, Block 3, Lohas Park(, Hong Kong).
HK_FLAT_ADDRESS = (
    rf"\b(?:Flat|Rm|Room|Unit)[ ]+[A-Z0-9]{{1,4}},[ ]*\d{{1,2}}/F,[ ]*(?:(?:Block|Blk|Tower)[ ]+[A-Z0-9]{{1,3}},[ ]*)?"
    rf"{_WORD}(?:[ ]{_WORD}){{0,3}}(?:,[ ]*(?:Hong Kong|Kowloon|New Territories|HK))?"
)
# US military mail: USNS Morgan / PSC 2390, Box 8992 / Unit 4061 Box 1234, then APO|FPO|DPO AA|AE|AP + ZIP.
MILITARY_ADDRESS = (
    r"\b(?:(?:USNS|USNV|USS|USCGC)[ ]+[A-Z][a-z]+|(?:PSC|CMR|Unit)[ ]+\d{1,5},?[ ]+Box[ ]+\d{1,5})"
    r"\s*,?\s*(?:APO|FPO|DPO)[ ]+(?:AA|AE|AP)[ ]+\d{5}\b"
)


# A place named right after a residence cue ("lives on Quinn Brook", "originally from Port Vanessa").
_PLACE_CUE = r"(?:lives?|living|moved|relocated|based|born|originally|grew up|I'm|I am|im)[ ]+(?:in|on|at|from|to)[ ]+"
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
CUED_PLACE = rf"(?<=\b{_PLACE_CUE}(?:the[ ]+)?)(?!{_MONTH}){_WORD}(?:[ ]{_WORD}){{0,2}}"


class StreetAddressRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """ADDRESS in English format, anchored on house number + street name + suffix."""

    ENTITY = "ADDRESS"
    VALIDATED = False
    STRUCTURED = False
    PRIORITY = 310
    SURROGATE = "address"
    GLOBAL_REGEX_FLAGS = re.MULTILINE  # case-sensitive: street names are capitalised
    PATTERNS = [
        Pattern("street address", STREET_ADDRESS, 0.6),
        Pattern("street and unit without a number", UNIT_ADDRESS, 0.5),
        Pattern("US military address", MILITARY_ADDRESS, 0.6),
        Pattern("Hong Kong flat", HK_FLAT_ADDRESS, 0.6),
        Pattern("place after a residence cue", CUED_PLACE, 0.5),
    ]
    CONTEXT = ["address", "live", "lives", "living", "street", "located", "ship", "deliver", "send", "地址", "住"]
    PRECHECK = re.compile(  # (the lookahead lists the alternatives' first characters: same matches)
        r"(?=\d|(?i:[ioaft])|[ASURFD])"
        r"(?:\d[ ]+(?:[NSEW]\.?[ ]+)?[A-Z]|(?i:\b(?:in|on|at|from|to)[ ]+[A-Z])|\b(?:Apt|Suite|Ste|Unit|Room|Rm|Flat)\b|[AFD]PO\b)"
    )
