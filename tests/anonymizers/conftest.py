"""Shared fixtures: the engine is built once per test session (spaCy load is the slow part)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def engine():
    from anonymizers.engine import get_engine

    return get_engine()


@pytest.fixture(scope="session")
def research():
    from anonymizers import Deidentifier

    return Deidentifier.for_purpose("research")


def found(engine, text: str) -> list[tuple[str, str]]:
    """(entity_type, original substring) pairs the engine reports for ``text``."""
    return [(r.entity_type, text[r.start : r.end]) for r in engine.analyze([text])[0]]
