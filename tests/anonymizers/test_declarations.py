"""Recognizer declarations: the engine's list, tiers and surrogate kinds all come from them."""

from __future__ import annotations

import pytest

from anonymizers import engine as engine_mod
from anonymizers.predefined_recognizers import generic
from anonymizers.predefined_recognizers.country_specific import china
from anonymizers.predefined_recognizers.declared import (
    DECLARED_ATTRIBUTES,
    Declaration,
    by_entity,
    declared_entities,
    recognizer_classes,
)
from anonymizers.surrogates import KINDS, SurrogateGenerator, surrogate_kind


def test_every_exported_recognizer_declares_all_attributes() -> None:
    classes = recognizer_classes()
    assert set(generic.RECOGNIZERS) | set(china.RECOGNIZERS) <= set(classes)
    for cls in classes:
        d = Declaration.of(cls)
        assert d.surrogate in KINDS, (cls.__name__, d.surrogate)
        for attr in DECLARED_ATTRIBUTES:
            assert attr in {k for c in cls.__mro__ for k in vars(c)}, (cls.__name__, attr)


def test_incomplete_declaration_fails_the_build() -> None:
    class NoPriority:
        ENTITY, VALIDATED, STRUCTURED, SURROGATE = "X_ID", True, True, "digits"

    with pytest.raises(TypeError, match="PRIORITY"):
        Declaration.of(NoPriority)


def test_engine_lists_no_entity_constants() -> None:
    assert not hasattr(engine_mod, "STRUCTURED") and not hasattr(engine_mod, "ENTITY_PRIORITY")


def test_engine_builds_one_instance_per_declared_class(engine) -> None:
    built = sorted(type(r).__name__ for r in engine.analyzer.registry.recognizers)
    assert built == sorted(c.__name__ for c in recognizer_classes())
    assert {d.recognizer for d in engine.declared.values()} == set(recognizer_classes())


TIE_CASES = [
    # (results, kept): tiers and priority come from the declarations
    ([("PERSON", 0, 11, 0.85), ("CN_MOBILE", 0, 11, 1.0)], [("CN_MOBILE", 0, 11)]),
    ([("CREDIT_CARD", 0, 16, 1.0), ("CN_BANK_CARD", 0, 16, 1.0)], [("CN_BANK_CARD", 0, 16)]),
    ([("CN_RESIDENT_ID", 0, 18, 1.0), ("CN_BANK_CARD", 0, 18, 1.0)], [("CN_RESIDENT_ID", 0, 18)]),
    ([("ADDRESS", 0, 20, 0.85), ("CN_LICENSE_PLATE", 5, 12, 0.6)], [("ADDRESS", 0, 20)]),  # longer wins
    ([("ADDRESS", 0, 20, 0.85), ("CN_LICENSE_PLATE", 5, 12, 1.0)], [("CN_LICENSE_PLATE", 5, 12)]),  # confirmed
    ([("PERSON", 0, 8, 0.85), ("US_SSN", 0, 8, 0.5)], [("US_SSN", 0, 8)]),  # same length: structured
]


@pytest.mark.parametrize(("results", "kept"), TIE_CASES)
def test_overlap_tiers_follow_declarations(results, kept) -> None:
    from presidio_analyzer import RecognizerResult

    rs = [RecognizerResult(e, s, t, sc) for e, s, t, sc in results]
    assert [(r.entity_type, r.start, r.end) for r in engine_mod.resolve_overlaps(rs)] == kept


def test_surrogate_kind_read_from_declaration() -> None:
    assert surrogate_kind("CN_MOBILE") == by_entity()["CN_MOBILE"].surrogate == "mobile"
    assert surrogate_kind("NOT_DECLARED") == "placeholder"
    assert "CN_MOBILE" in declared_entities()


@pytest.mark.parametrize(
    ("entity", "value"),
    [
        ("NOT_DECLARED", "secret-value-123"),  # unknown entity: typed placeholder
        ("CN_BANK_CARD", "四一"),  # a card too short for a card surrogate
        ("CREDIT_CARD", "no digits here"),
    ],
)
def test_unknown_kind_or_unusable_value_gets_placeholder(entity: str, value: str) -> None:
    assert SurrogateGenerator(b"k" * 32, "v1")(entity, value) == f"<{entity}>"


def test_card_read_aloud_gets_a_digit_surrogate() -> None:
    out = SurrogateGenerator(b"k" * 32, "v1")("CN_BANK_CARD", "六二二二零二一二三四五六七八九零一二八")
    assert out.isdigit() and len(out) == 19
