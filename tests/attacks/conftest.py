"""Attack tests reuse the publishing fixtures: a small clean zone, a fake allow-list, a fast detector
that (like the engine's recognizers) only knows plain phone numbers and e-mails; the de-identification dodge
tables share one pair of de-identifiers (both purposes, one engine)."""

import pytest

from anonymizers.deidentifier import Deidentifier
from tests.publish.conftest import (  # noqa: F401 - fixtures
    config_dir,
    eligible,
    fake_detector,
    keystore,
    lake,
)


@pytest.fixture(scope="module")
def deidentifiers():
    """The research and model_tuning de-identifiers over one engine."""
    from anonymizers.engine import get_engine

    engine = get_engine()
    return [Deidentifier("research", engine=engine), Deidentifier("model_tuning", engine=engine)]


def assert_redacted(deidentifiers, text: str, value: str) -> None:
    """``value`` does not survive ``text`` under either purpose (the dodge tables' one check)."""
    for d in deidentifiers:
        out = d.deidentify([text])[0].text
        assert value not in out, (d.purpose, out)


def assert_kept(deidentifiers, text: str, kept: str) -> None:
    """``kept`` survives ``text`` under both purposes."""
    for d in deidentifiers:
        out = d.deidentify([text])[0].text
        assert kept in out, (d.purpose, out)
