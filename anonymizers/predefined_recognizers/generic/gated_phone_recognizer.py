"""Phone numbers of every region via Presidio's PhoneRecognizer, run only on candidate digit runs.

PhoneRecognizer (libphonenumber matching per region) is Presidio's slowest recognizer. Here a cheap
regex first finds phone-shaped digit runs (7-15 digits with the usual separators); only those
windows are handed to libphonenumber:

* Presidio's own matcher over its default regions (so nothing vanilla finds is lost), and
* every region libphonenumber knows (``phonenumbers.SUPPORTED_REGIONS``) for the whole candidate:
  an international ``+``/``00`` number is parsed once without a region, a national one is tried
  region by region (Presidio's defaults first) until one accepts it as a valid number.

Valid PRC mobiles are left to CN_MOBILE (same span, stronger validator), and an order / tracking /
verification cue before a candidate skips it, as do shapes that are no phone anywhere (round
ranges, long decimals, lists of small numbers) and PRC 400 business hotlines.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import phonenumbers
from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from ..checks import business_hotline, not_a_phone_shape
from ..country_specific.china._checks import valid_cn_mobile
from ..declared import Declared
from .negative_cues import NUMBER_NEGATIVE_CUES, is_amount, negative_in_clause

_PHONEISH = re.compile(
    # not after "PP-" / "INV-": the digits are the rest of a code
    r"(?<![0-9A-Za-z])(?<![A-Za-z][-_])(?:(?:\+|00)\s?\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)\s?)?\d{1,5}(?:[\s.-]?\d{1,8}){1,5}"
    r"(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![0-9])",
    re.IGNORECASE,
)
_DATE = re.compile(r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}")
_VERSION = re.compile(r"\d{1,3}(?:\.\d{1,3}){1,3}")  # 12.17.150: a version (or an IP), never a phone
_FOREIGN_CODE = re.compile(r"(?:\+|00)\s?(?!86)\d")  # +1 305 703 8247 is not the PRC mobile 13057038247
_MARGIN = 6
_MAX_GROUPS = 4  # 03 08 12 19 25 33 is a lottery draw, not a national number of some region
_CUE_WINDOW = 12


@functools.cache
def _national_shapes() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """(region, general national-number pattern, trunk prefix) of every region, loaded once: a
    candidate is parsed only in regions whose general pattern fits its digits (cheap prefilter)."""
    out = []
    for region in _regions():
        md = phonenumbers.PhoneMetadata.metadata_for_region(region)
        if md is None or md.general_desc is None or not md.general_desc.national_number_pattern:
            continue
        out.append((region, re.compile(md.general_desc.national_number_pattern), md.national_prefix or ""))
    return tuple(out)


@functools.cache
def _pool(regions: tuple[str, ...]) -> frozenset[str]:
    """The regions as a set, built once per region list (not once per candidate)."""
    return frozenset(regions)


def _regions() -> tuple[str, ...]:
    first = PhoneRecognizer.DEFAULT_SUPPORTED_REGIONS + ("CN", "HK", "MO", "TW", "JP", "KR", "SG", "AU")
    rest = sorted(set(phonenumbers.SUPPORTED_REGIONS) - set(first))
    return first + tuple(rest)


class GatedPhoneRecognizer(Declared, PhoneRecognizer):
    """PHONE_NUMBER for all regions; libphonenumber runs on candidate windows only."""

    ENTITY = "PHONE_NUMBER"
    VALIDATED = True
    STRUCTURED = True
    PRIORITY = 60
    SURROGATE = "phone"
    ALL_REGIONS = _regions()
    NEGATIVE_CONTEXT = NUMBER_NEGATIVE_CUES
    EXTRA_CONTEXT = ["电话", "号码", "手机", "致电", "打给", "whatsapp", "tel", "fax"]

    def __init__(self, supported_language: str = "zh", **kwargs) -> None:
        kwargs.setdefault("context", PhoneRecognizer.CONTEXT + self.EXTRA_CONTEXT)
        super().__init__(supported_language=supported_language, **kwargs)

    def _valid_anywhere(self, candidate: str, cued: bool) -> bool:
        """Valid in some region. A bare digit run without a phone cue is tried in Presidio's default
        regions only (as vanilla does): nearly every 8-10 digit count is valid somewhere."""
        intl = candidate.lstrip("(").startswith(("+", "00"))
        text = "+" + candidate.lstrip()[2:] if candidate.lstrip().startswith("00") else candidate
        groups = len(re.findall(r"\d+", candidate))
        spread = cued or (not candidate.isdigit() and groups <= _MAX_GROUPS)
        if intl:
            regions: Iterable[str | None] = (None,)
        else:
            nat = re.sub(r"\D", "", candidate)
            pool = _pool(self.ALL_REGIONS if spread else self.DEFAULT_SUPPORTED_REGIONS)
            regions = (  # lazily, in the same order: the first region that validates ends the search
                r for r, pat, trunk in _national_shapes()
                if r in pool and (pat.fullmatch(nat) or (trunk and nat.startswith(trunk) and pat.fullmatch(nat[len(trunk) :])))
            )
        for region in regions:
            try:
                if phonenumbers.is_valid_number(phonenumbers.parse(text, region)):
                    return True
            except phonenumbers.NumberParseException:
                continue
        return False

    def _valid_pieces(self, cand: str, offset: int, cued: bool) -> list[RecognizerResult]:
        """The whole candidate if valid in some region, else the longest valid runs of its
        space-separated pieces (``052 5552606 074-7111234`` is two numbers)."""
        pieces = [(p.start(), p.end()) for p in re.finditer(r"\S+", cand)]
        out: list[RecognizerResult] = []
        i = 0
        while i < len(pieces):
            for j in range(len(pieces), i, -1):
                s, e = pieces[i][0], pieces[j - 1][1]
                sub = cand[s:e]
                if 7 <= sum(c.isdigit() for c in sub) <= 15 and self._valid_anywhere(sub, cued):
                    if i == 1 and re.fullmatch(r"(?:\+|00)\d{1,4}", cand[pieces[0][0] : pieces[0][1]]):
                        s = pieces[0][0]  # +81 | 90 0647 8717: the country code in front belongs to the number
                    out.append(self._result(offset + s, offset + e))
                    i = j
                    break
            else:
                i += 1
        return out

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """Run libphonenumber on small windows around phone-shaped candidates, offsets shifted back."""
        results: list[RecognizerResult] = []
        lowered: str | None = None
        last_end = -1
        for m in _PHONEISH.finditer(text):
            cand = m.group()
            digits = sum(c.isdigit() for c in cand)
            if digits < 7 or (valid_cn_mobile(cand) and not _FOREIGN_CODE.match(cand)) or (digits > 15 and cand.isdigit()) or _DATE.fullmatch(cand) \
                    or _VERSION.fullmatch(cand) or not_a_phone_shape(cand) or business_hotline(re.sub(r"\D", "", cand)):
                continue
            if lowered is None:
                lowered = text.lower()
            before = lowered[max(0, m.start() - _CUE_WINDOW) : m.start()]
            if negative_in_clause(before, NUMBER_NEGATIVE_CUES) or is_amount(text, m.start(), m.end()):
                continue
            cued = any(c in before for c in self.context)
            found = self._valid_pieces(cand, m.start(), cued)
            if not any(r.start <= m.start() and r.end >= m.end() for r in found):
                # Presidio's own matcher (default regions) on the window: what vanilla finds stays found
                lo, hi = max(0, m.start() - _MARGIN, last_end), min(len(text), m.end() + _MARGIN)
                for r in super().analyze(text[lo:hi], entities, nlp_artifacts):
                    r.start += lo
                    r.end += lo
                    found.append(r)
                last_end = hi
            results.extend(found)
        return results

    def _result(self, start: int, end: int) -> RecognizerResult:
        return self.declared_result(start, end, self.SCORE)
