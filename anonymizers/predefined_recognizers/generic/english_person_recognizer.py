"""English PERSON from spaCy's NER, run by the engine on Latin segments and fed in as NlpArtifacts."""

from __future__ import annotations

from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from ..declared import Declared


class EnglishPersonRecognizer(Declared, SpacyRecognizer):
    """PERSON entities of the English spaCy model (Presidio's SpacyRecognizer, one entity)."""

    ENTITY = "PERSON"
    VALIDATED = False
    STRUCTURED = False
    PRIORITY = 410
    SURROGATE = "person"

    def __init__(self, supported_language: str = "zh", **kwargs) -> None:
        kwargs.setdefault("supported_entities", [self.ENTITY])
        super().__init__(supported_language=supported_language, **kwargs)
