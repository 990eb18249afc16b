"""Normalised view of a text (NFKC) with offsets mapped back to the original.

Users type full-width digits (１３８), ideographic spaces and full-width punctuation. Recognizers
run on the NFKC view so one ASCII pattern covers all of them; every span found there is mapped back
to the original string so the replacement happens in place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Characters that NFKC leaves alone but users type as separators inside numbers.
_EXTRA = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                        "\u2212": "-", "\u30fc": "-", "\uff0d": "-", "\u00a0": " ", "\u3000": " "})


# Voice transcripts spell numbers out (幺三八…): a long run of Chinese numerals is read as digits in the
# view, one character for one, so the same number patterns (and validators) apply and offsets still map.
_SPOKEN_DIGITS = str.maketrans("零〇一幺二两三四五六七八九", "0011223456789")
_SPOKEN_RUN = re.compile(r"[零〇一幺二两三四五六七八九]{7,}")


def _spell_digits(text: str) -> str:
    return _SPOKEN_RUN.sub(lambda m: m.group(0).translate(_SPOKEN_DIGITS), text)


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """The normalised text and, for each of its characters, the index of its source character."""

    original: str
    text: str
    index: tuple[int, ...] | None  # None: identity mapping (text == original)

    @classmethod
    def of(cls, original: str) -> NormalizedText:
        """Build the view; the fast path (already normalised) costs one C-level check."""
        if original.isascii() or (
            unicodedata.is_normalized("NFKC", original) and original.translate(_EXTRA) == original
            and not _SPOKEN_RUN.search(original)
        ):
            return cls(original, original, None)
        parts: list[str] = []
        index: list[int] = []
        for i, ch in enumerate(original):
            n = unicodedata.normalize("NFKC", ch).translate(_EXTRA) if ord(ch) > 127 else ch
            if not n:  # a character NFKC removes entirely: keep it, it is not part of any pattern
                n = ch
            parts.append(n)
            index.extend([i] * len(n))
        return cls(original, _spell_digits("".join(parts)), tuple(index))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the original text."""
        if self.index is None:
            return start, end
        if end <= start:
            o = self.index[start] if start < len(self.index) else len(self.original)
            return o, o
        return self.index[start], self.index[end - 1] + 1
