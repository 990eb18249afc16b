"""Recognizer declarations: what each recognizer finds and how the engine and surrogates treat it.

Every product recognizer declares, as class attributes (contract: /work/helpers/DECLARATIONS.md):

* ``ENTITY``     the entity type it returns (names as in the evaluation format);
* ``VALIDATED``  its ``validate_result`` checks a checksum or strict structure (top overlap tier);
* ``STRUCTURED`` it finds an identifier (pattern tier) rather than a NER-ish PERSON/ADDRESS/DOB;
* ``PRIORITY``   tie-break among equally strong, equally long candidates (lower wins);
* ``SURROGATE``  the surrogate kind model_tuning writes (see ``anonymizers.surrogates.KINDS``).

The engine builds its recognizer list from the ``RECOGNIZERS`` tuple of
``predefined_recognizers.generic`` and of every ``predefined_recognizers.country_specific.<country>``
package, so adding an identifier is one new file and one line in that tuple. The constructor that wires
``PATTERNS``/``CONTEXT`` into Presidio's PatternRecognizer is written once here as well.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

import regex
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.pattern_recognizer import REGEX_TIMEOUT_SECONDS
from presidio_analyzer.pattern_recognizer import logger as _presidio_logger

DECLARED_ATTRIBUTES = ("ENTITY", "VALIDATED", "STRUCTURED", "PRIORITY", "SURROGATE")
_NAME_KEY = RecognizerResult.RECOGNIZER_NAME_KEY
_ID_KEY = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY


class LeanPatternLoop:
    """Presidio's ``PatternRecognizer.__analyze_patterns``, step for step, without its per-pattern
    stopwatch (two ``datetime.now()`` and a debug log for every pattern of every recognizer on every
    message, ~8% of the engine's time): same compilation, same timeout, same validation order,
    same explanations, same duplicate removal. Only recognizers built on PatternRecognizer use it."""

    def _PatternRecognizer__analyze_patterns(self, text: str, flags: int | None = None) -> list[RecognizerResult]:
        flags = flags if flags else self.global_regex_flags
        results: list[RecognizerResult] = []
        for pattern in self.patterns:
            if not pattern.compiled_regex or pattern.compiled_with_flags != flags:
                pattern.compiled_with_flags = flags
                pattern.compiled_regex = regex.compile(pattern.regex, flags=flags)
            try:
                for match in pattern.compiled_regex.finditer(text, timeout=REGEX_TIMEOUT_SECONDS):
                    start, end = match.span()
                    current_match = text[start:end]
                    if current_match == "":
                        continue
                    score = pattern.score
                    validation_result = self.validate_result(current_match)
                    description = self.build_regex_explanation(
                        self.name, pattern.name, pattern.regex, score, validation_result, flags
                    )
                    pattern_result = RecognizerResult(
                        entity_type=self.supported_entities[0], start=start, end=end, score=score,
                        analysis_explanation=description,
                        recognition_metadata={_NAME_KEY: self.name, _ID_KEY: self.id},
                    )
                    if validation_result is not None:
                        pattern_result.score = EntityRecognizer.MAX_SCORE if validation_result else EntityRecognizer.MIN_SCORE
                    invalidation_result = self.invalidate_result(current_match)
                    if invalidation_result is not None and invalidation_result:
                        pattern_result.score = EntityRecognizer.MIN_SCORE
                    if pattern_result.score > EntityRecognizer.MIN_SCORE:
                        results.append(pattern_result)
                    description.score = pattern_result.score
            except TimeoutError:
                _presidio_logger.warning(
                    "Regex pattern '%s' timed out after %s seconds, skipping.",
                    pattern.name, REGEX_TIMEOUT_SECONDS, exc_info=True,
                )
        if len(results) < 2:  # what remove_duplicates returns for zero or one result, without its set + sort
            return [r for r in results if r.score != 0]
        return EntityRecognizer.remove_duplicates(results)


class Declared(LeanPatternLoop):
    """Marker base: the five declaration attributes (no defaults: a missing one fails the build)."""

    ENTITY: ClassVar[str]
    VALIDATED: ClassVar[bool]
    STRUCTURED: ClassVar[bool]
    PRIORITY: ClassVar[int]
    SURROGATE: ClassVar[str]

    def declared_result(self, start: int, end: int, score: float) -> RecognizerResult:
        """A result of this recognizer's entity that names the recognizer (the engine reads its tier by id)."""
        return RecognizerResult(self.ENTITY, start, end, score, recognition_metadata={_NAME_KEY: self.name, _ID_KEY: self.id})


class DeclaredPatternRecognizer(Declared, PatternRecognizer):
    """PatternRecognizer built from the class's ``ENTITY``, ``PATTERNS`` and ``CONTEXT``."""

    PATTERNS: ClassVar[list[Pattern]]
    CONTEXT: ClassVar[list[str]] = []
    LANGUAGE: ClassVar[str] = "zh"
    # None keeps Presidio's default flags (which include IGNORECASE); 0 makes patterns case-sensitive.
    GLOBAL_REGEX_FLAGS: ClassVar[int | None] = None

    def __init__(self, supported_language: str | None = None, supported_entity: str | None = None,
                 **kwargs: Any) -> None:
        if self.GLOBAL_REGEX_FLAGS is not None and kwargs.get("global_regex_flags") is None:
            kwargs["global_regex_flags"] = self.GLOBAL_REGEX_FLAGS
        super().__init__(
            supported_entity=supported_entity or self.ENTITY,
            patterns=kwargs.pop("patterns", None) or self.PATTERNS,
            context=kwargs.pop("context", None) or self.CONTEXT,
            supported_language=supported_language or self.LANGUAGE,
            **kwargs,
        )


@dataclass(frozen=True, slots=True)
class Declaration:
    """The declared attributes of one recognizer class."""

    entity: str
    validated: bool
    structured: bool
    priority: int
    surrogate: str
    recognizer: type

    @classmethod
    def of(cls, rec: type) -> Declaration:
        """Read and type-check the declaration of a recognizer class (raises if incomplete)."""
        missing = [a for a in DECLARED_ATTRIBUTES if not hasattr(rec, a)]
        if missing:
            raise TypeError(f"{rec.__name__} does not declare {', '.join(missing)}")
        d = cls(rec.ENTITY, rec.VALIDATED, rec.STRUCTURED, rec.PRIORITY, rec.SURROGATE, rec)
        if not (isinstance(d.entity, str) and d.entity.isupper() and isinstance(d.validated, bool)
                and isinstance(d.structured, bool) and isinstance(d.priority, int)
                and isinstance(d.surrogate, str) and d.surrogate):
            raise TypeError(f"{rec.__name__} has a malformed declaration: {d}")
        return d


def _packages() -> list[str]:
    from . import country_specific

    pkgs = [f"{__package__}.generic"]
    for info in sorted(pkgutil.iter_modules(country_specific.__path__), key=lambda i: i.name):
        if info.ispkg and not info.name.startswith("_"):
            pkgs.append(f"{country_specific.__name__}.{info.name}")
    return pkgs


@cache
def recognizer_classes() -> tuple[type, ...]:
    """Every declared recognizer class, from the ``RECOGNIZERS`` tuples (generic, then countries)."""
    out: list[type] = []
    for name in _packages():
        mod = importlib.import_module(name)
        recs = getattr(mod, "RECOGNIZERS", None)
        if not isinstance(recs, tuple):
            raise TypeError(f"{name} must export a RECOGNIZERS tuple")
        for rec in recs:
            Declaration.of(rec)  # fail the build on an incomplete declaration
            if rec not in out:
                out.append(rec)
    return tuple(out)


@cache
def declarations() -> tuple[Declaration, ...]:
    """The declaration of every recognizer class."""
    return tuple(Declaration.of(r) for r in recognizer_classes())


@cache
def by_entity() -> dict[str, Declaration]:
    """One declaration per entity type (the strongest: lowest priority). Recognizers of one entity
    must agree on its surrogate kind and whether it is structured (checked here)."""
    out: dict[str, Declaration] = {}
    for d in sorted(declarations(), key=lambda d: d.priority):
        prev = out.setdefault(d.entity, d)
        if (prev.surrogate, prev.structured) != (d.surrogate, d.structured):
            raise TypeError(
                f"{d.recognizer.__name__} and {prev.recognizer.__name__} disagree on {d.entity}'s "
                "SURROGATE/STRUCTURED"
            )
    return out


def declared_entities() -> tuple[str, ...]:
    """Every entity type the product detects, in priority order (for surrogates and the evaluation)."""
    return tuple(by_entity())
