"""A cheap necessary condition per recognizer, checked before its (costlier) patterns run.

Each recognizer may declare ``PRECHECK``: a compiled regex that must occur somewhere in the text
for any of its patterns to match (an ``@`` for e-mail, a birthday cue for dates of birth, a
province abbreviation for plates...). It is a pure speed-up: when it does not occur, the
recognizer could not have returned anything above the threshold anyway. Recognizers read traditional
characters as simplified (``t2s``), so the condition is looked for in that reading too (將軍澳 is 将军澳).
"""

from __future__ import annotations

import re
from functools import lru_cache


def occurs(precheck: re.Pattern[str], text: str) -> bool:
    """``precheck`` occurs in ``text`` as typed or as read in simplified characters."""
    if precheck.search(text) is not None:
        return True
    if text.isascii():
        return False
    simplified = _traditional_read(text)
    return simplified is not None and precheck.search(simplified) is not None


@lru_cache(maxsize=16)  # every recognizer asks about the same message in a row
def _traditional_read(text: str) -> str | None:
    """``text`` in simplified characters, or None when it has no traditional ones."""
    from .country_specific.china.t2s import to_simplified  # (here: the china package imports this module)

    simplified = to_simplified(text)
    return None if simplified == text else simplified


class PrecheckMixin:
    """Skip ``analyze`` unless ``PRECHECK`` occurs in the text (put first in the bases)."""

    PRECHECK: re.Pattern[str] | None = None

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        if self.PRECHECK is not None and not occurs(self.PRECHECK, text):
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)


# Shared conditions.
SEVEN_DIGITS = re.compile(r"(?:\d[\s()+-]?){7}")
