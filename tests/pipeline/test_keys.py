"""Key ring and HMAC pseudonyms: keys never in code or output, versioned, join-stable, race-free."""

from __future__ import annotations

import base64
import stat
from multiprocessing import get_context
from pathlib import Path

import pytest

from anonymizers.keyring import KeyError_, KeyRing, env_name
from anonymizers.pseudonym import Pseudonymizer


def _first_use(path: str) -> str:
    return KeyRing.load(path).current("internal")[1].hex()


def test_store_is_created_private_on_first_use(tmp_path: Path) -> None:
    ring = KeyRing.load(tmp_path / "ks.json")
    version, key = ring.current("internal")
    assert version == "v1" and len(key) == 32
    assert stat.S_IMODE((tmp_path / "ks.json").stat().st_mode) == 0o600
    assert ring.current("internal") == (version, key)


def test_rotation_adds_a_version_and_changes_pseudonyms(tmp_path: Path) -> None:
    ring = KeyRing.load(tmp_path / "ks.json")
    before = Pseudonymizer("internal", ring).one("user", "u1")
    assert Pseudonymizer("internal", ring).one("user", "u1") == before  # join-stable
    assert ring.rotate("internal") == "v2"
    after = Pseudonymizer("internal", ring)
    assert after.key_version == "v2" and after.one("user", "u1") != before
    assert len(ring.get("internal", "v1")) == 32  # old versions stay for verification
    with pytest.raises(KeyError_):
        ring.get("internal", "v9")


def test_namespaces_keep_equal_values_apart(tmp_path: Path) -> None:
    p = Pseudonymizer("internal", KeyRing.load(tmp_path / "ks.json"))
    assert p.one("user", "42") != p.one("device", "42")
    assert p.one("user", None) is None and p.one("user", "") is None


def test_environment_override_wins_and_is_never_shown(tmp_path: Path, monkeypatch) -> None:
    secret = base64.b64encode(b"k" * 32).decode()
    monkeypatch.setenv(env_name("parquet:stats_partner"), f"v7:{secret}")
    ring = KeyRing.load(tmp_path / "ks.json")
    assert ring.current("parquet:stats_partner") == ("v7", b"k" * 32)
    assert secret not in repr(Pseudonymizer("parquet:stats_partner", ring))
    assert not (tmp_path / "ks.json").exists() or "stats_partner" not in (tmp_path / "ks.json").read_text()
    monkeypatch.setenv(env_name("internal"), "no-version")
    with pytest.raises(ValueError, match="AIMATE_KEY_INTERNAL"):
        ring.current("internal")


def test_concurrent_first_use_agrees_on_one_key(tmp_path: Path) -> None:
    path = str(tmp_path / "ks.json")
    with get_context("spawn").Pool(4) as pool:
        keys = set(pool.map(_first_use, [path] * 8))
    assert len(keys) == 1
