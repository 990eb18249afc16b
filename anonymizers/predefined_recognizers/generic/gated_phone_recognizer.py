"""International phone numbers via Presidio's PhoneRecognizer, only where one can plausibly be.

PhoneRecognizer (libphonenumber matching per region) is Presidio's slowest recognizer (~2 ms per
message here). PRC numbers have their own recognizers; this one covers foreign numbers in English
and mixed text, so it runs only when the text has Latin letters or a ``+`` and a phone-shaped digit
group — Chinese-only chat never pays for it.
"""

from __future__ import annotations

import re

from presidio_analyzer.predefined_recognizers import PhoneRecognizer

_PHONEISH = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]?\d{3,4}[\s.-]?\d{3,4}")
_LATIN_OR_PLUS = re.compile(r"[A-Za-z+]")


class GatedPhoneRecognizer(PhoneRecognizer):
    """PHONE_NUMBER for non-PRC regions, skipped unless a cheap pre-check says it may match."""

    REGIONS = ("US", "GB", "CA", "AU", "IN", "DE", "FR")

    def __init__(self, supported_language: str = "zh", **kwargs) -> None:
        super().__init__(supported_language=supported_language, supported_regions=kwargs.pop("supported_regions", self.REGIONS), **kwargs)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None):
        """Run libphonenumber only on texts that pass the pre-check."""
        if not (_LATIN_OR_PLUS.search(text) and _PHONEISH.search(text)):
            return []
        return super().analyze(text, entities, nlp_artifacts)
