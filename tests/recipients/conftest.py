"""The publishing fixtures (small clean zone, fake allow-list and detector, temporary key store)."""

from __future__ import annotations

from tests.publish.conftest import (  # noqa: F401 - fixtures re-exported for this folder
    AS_OF,
    config_dir,
    eligible,
    fake_detector,
    keystore,
    lake,
)
from transforms.publish import plan_releases, publish


def publish_extract(lk, extract: str) -> dict:
    """Publish the first planned interval of `extract`; the audit record."""
    plan = next(p for p in plan_releases(lk, as_of=AS_OF) if p["extract"] == extract)
    rec = publish(lk, **plan, as_of=AS_OF)
    assert rec["status"] == "published", rec.get("reason")
    return rec
