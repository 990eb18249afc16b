"""English PERSON from spaCy's NER (run by the engine on Latin segments and fed in as NlpArtifacts),
tidied, plus names from the census name tables (``english_names``) where the small model is blind."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from ..declared import Declared
from .english_names import is_given, is_surname, list_mates, name_spans

_LATIN = re.compile(r"[A-Za-z]{2}")
# WiFi, YouTube, PayPal: an inner capital is a brand, not a name, unless after a name prefix
# (McKnight, MacArthur, DeShawn, LeBron, VanDyke).
_CAMEL = re.compile(r"[A-Z][a-z]+[A-Z][a-z]+")
_NAME_PREFIX = re.compile(r"(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|O)[A-Z]")
_CUT = re.compile(r"\n|:\s*[\"'“]?|[\"“”]")


def _tidy(text: str, r: RecognizerResult) -> RecognizerResult | None:
    """An NER span cut at a line break or a quote/colon (``Amanda Miller\\nAddress``,
    ``Kelly:"I'm Cody's``); dropped when it is a unit after a number (87Mbps) or a camel-case brand."""
    m = _CUT.search(text, r.start, r.end)
    if m:
        r.end = m.start()
        while r.end > r.start and not text[r.end - 1].isalpha():
            r.end -= 1
    value = text[r.start : r.end]
    if value.islower() and " " in value:  # "robert lives": the model took the verb along
        words = value.split()
        while len(words) > 1 and not (is_surname(words[-1]) or is_given(words[-1], alone=False)):
            words.pop()
        r.end = r.start + len(" ".join(words)) if value.startswith(" ".join(words)) else r.end
        value = text[r.start : r.end]
    if not _LATIN.search(value):
        return None
    if r.start > 0 and text[r.start - 1].isdigit():
        return None
    if _CAMEL.fullmatch(value) and not _NAME_PREFIX.match(value):
        return None
    return r


class EnglishPersonRecognizer(Declared, SpacyRecognizer):
    """PERSON entities of the English spaCy model (Presidio's SpacyRecognizer, one entity) and of the
    census name tables."""

    ENTITY = "PERSON"
    VALIDATED = False
    STRUCTURED = False
    PRIORITY = 410
    SURROGATE = "person"

    def __init__(self, supported_language: str = "zh", **kwargs) -> None:
        kwargs.setdefault("supported_entities", [self.ENTITY])
        super().__init__(supported_language=supported_language, **kwargs)

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        """NER spans tidied (see ``_tidy``), plus table names; table names never inside an NER span."""
        if self.ENTITY not in entities:
            return []
        ner = super().analyze(text, entities, nlp_artifacts) if nlp_artifacts is not None else []
        out = [t for r in ner if (t := _tidy(text, r)) is not None]
        for s, e, score in name_spans(text):
            if not any(r.start <= s and e <= r.end for r in out):
                out.append(self._result(s, e, score))
        for r in list(out):
            if " " not in text[r.start : r.end]:
                for s, e, score in list_mates(text, r.start, r.end):
                    if not any(x.start <= s and e <= x.end for x in out):
                        out.append(self._result(s, e, score))
        return out

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return self.declared_result(start, end, score)
