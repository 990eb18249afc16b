"""International phone numbers via Presidio's PhoneRecognizer, only where one can plausibly be.

PhoneRecognizer (libphonenumber matching per region) is Presidio's slowest recognizer (~2 ms per
message here). PRC numbers have their own recognizers; this one covers foreign numbers in English
and mixed text, so it runs only when the text has Latin letters or a ``+`` and a phone-shaped digit
group — Chinese-only chat never pays for it.
"""

from __future__ import annotations

import re

from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from ..declared import Declared

_PHONEISH = re.compile(r"(?:\+\s?\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]?\d{3,4}[\s.-]?\d{3,4}(?:\s?(?:x|ext\.?)\s?\d{1,5})?")
_LATIN_OR_PLUS = re.compile(r"[A-Za-z+]")
_MARGIN = 6
_PRC_PREFIX = re.compile(r"\+\s?86|0086")  # +86 numbers belong to the CN recognizers


def _prc_shaped(candidate: str) -> bool:
    """1xx xxxx xxxx without a + : a PRC mobile, left to CN_MOBILE."""
    groups = [len(g) for g in re.findall(r"\d+", candidate)]
    return "+" not in candidate and sum(groups) == 11 and candidate.lstrip("(")[:1] == "1" and groups in ([11], [3, 4, 4])


class GatedPhoneRecognizer(Declared, PhoneRecognizer):
    """PHONE_NUMBER for non-PRC regions; libphonenumber runs on candidate windows only."""

    ENTITY = "PHONE_NUMBER"
    VALIDATED = True
    STRUCTURED = True
    PRIORITY = 60
    SURROGATE = "phone"

    REGIONS = ("US", "GB", "CA", "AU", "IN", "DE", "FR")

    def __init__(self, supported_language: str = "zh", **kwargs) -> None:
        super().__init__(
            supported_language=supported_language,
            supported_regions=kwargs.pop("supported_regions", self.REGIONS),
            **kwargs,
        )

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None):
        """Run libphonenumber on small windows around phone-shaped candidates, offsets shifted back."""
        if not _LATIN_OR_PLUS.search(text):
            return []
        results = []
        last_end = -1
        for m in _PHONEISH.finditer(text):
            digits = sum(c.isdigit() for c in m.group())
            if digits < 8 or _prc_shaped(m.group()) or _PRC_PREFIX.match(m.group()):
                continue
            lo, hi = max(0, m.start() - _MARGIN, last_end), min(len(text), m.end() + _MARGIN)
            for r in super().analyze(text[lo:hi], entities, nlp_artifacts):
                r.start += lo
                r.end += lo
                results.append(r)
            last_end = hi
        return results
