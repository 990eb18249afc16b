"""A message or search query that is nothing but one identifier-shaped token.

A search box holding `1841489` or `dustin50_8498`, or a chat reply made of one such token, has no cue
word for any recognizer to lean on, yet it can only be a lookup of a person's account: a QQ number, a
phone fragment, a WeChat id. Bare digit runs inside a sentence stay with the cue-driven recognizers
(prices and order numbers are kept there); a whole value of one token is redacted (fail closed: a lone
`mate60` is lost too). Matching runs on the normalised view, so spaced or zero-width-split digits count.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from anonymizers.predefined_recognizers.declared import DeclaredPatternRecognizer

from ..precheck import PrecheckMixin

_EDGE = r"[\s\"'“”‘’「」『』()（）]*"


class BareIdentifierRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """GENERIC_ID: the whole text is 5-19 digits, or one account-like token (underscore, or letters with
    two or more digits)."""

    ENTITY = "GENERIC_ID"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 950
    SURROGATE = "alnum"
    PATTERNS = [
        Pattern("whole value: one digit run", r"\A" + _EDGE + r"(\+?\d{5,19})" + _EDGE + r"\Z", 0.6),
        Pattern("whole value: one account-like token",
                r"\A" + _EDGE + r"(?![vV]?\d+(?:\.\d+)+" + _EDGE + r"\Z)(@?(?=[A-Za-z0-9_.\-]*[A-Za-z])(?=[A-Za-z0-9_.\-]*(?:_|\d[^\d]*\d))"
                r"[A-Za-z0-9][A-Za-z0-9_.\-]{3,39})" + _EDGE + r"\Z", 0.6),
    ]
    PRECHECK = re.compile(r"\A[\s\"'“”‘’「」『』()（）@+A-Za-z0-9_.\-]{5,60}\Z")

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        # The pattern matches the whole value with its quotes; report the token only.
        for r in results:
            token = re.search(r"[@+A-Za-z0-9][A-Za-z0-9_.\-]*[A-Za-z0-9]", text[r.start:r.end])
            if token:
                r.start, r.end = r.start + token.start(), r.start + token.end()
        return results
