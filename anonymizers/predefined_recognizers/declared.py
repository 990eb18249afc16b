"""The constructor shared by the product's pattern recognizers.

Each recognizer is declared the way Presidio's country recognizers are — one small class per identifier
with `PATTERNS` and `CONTEXT` as class constants and its checksum in `validate_result` — and names its
entity in `ENTITY`; the constructor that wires those into Presidio's PatternRecognizer is written once here.
"""

from __future__ import annotations

from typing import Any, ClassVar

from presidio_analyzer import Pattern, PatternRecognizer


class DeclaredPatternRecognizer(PatternRecognizer):
    ENTITY: ClassVar[str]
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
