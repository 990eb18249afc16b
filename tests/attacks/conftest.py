"""Attack tests reuse the publishing fixtures: a small clean zone, a fake allow-list, a fast detector
that (like the engine's recognizers) only knows plain phone numbers and e-mails."""

from tests.publish.conftest import (  # noqa: F401 - fixtures
    config_dir,
    eligible,
    fake_detector,
    keystore,
    lake,
)
