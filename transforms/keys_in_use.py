"""Which key versions the lake's data was made with, so a lost or different key store fails closed.

Pseudonyms and surrogates are keyed: a key store that is missing (and would mint fresh keys) or
replaced turns one person into two pseudonyms, silently. So each key version used for the clean
zone is recorded with its fingerprint (`KeyRing.fingerprint`) in `_system/keys_in_use.json` and in
each clean partition's `_clean.json`; before a run, de-identification or a purge, the key store must
still hold every recorded version with the same fingerprint, else the step stops with a clear error.
"""

from __future__ import annotations

from typing import Any

from anonymizers.keyring import KeyError_, KeyRing
from transforms.lake import Lake

REGISTRY = ("_system", "keys_in_use.json")


class KeyStoreMismatch(RuntimeError):
    """The key store does not hold the keys this lake's data was made with."""


def recorded_keys(lake: Lake) -> dict[str, dict[str, str]]:
    """key name → {version: fingerprint} for every key version the lake's data was made with."""
    path = lake.path(*REGISTRY)
    if not lake.exists(path):
        return {}
    return lake.read_json(path).get("keys", {})


def record_keys(lake: Lake, used: dict[str, tuple[str, str]]) -> None:
    """Add (name → (version, fingerprint)) to the registry (under the caller's rewrite lock)."""
    keys = recorded_keys(lake)
    changed = False
    for name, (version, fp) in used.items():
        if keys.get(name, {}).get(version) != fp:
            keys.setdefault(name, {})[version] = fp
            changed = True
    if changed:
        lake.write_json(lake.path(*REGISTRY), {"keys": keys})


def key_fingerprints(names_versions: dict[str, str], keyring: KeyRing | None = None) -> dict[str, tuple[str, str]]:
    kr = keyring or KeyRing.load()
    return {n: (v, kr.fingerprint(n, v)) for n, v in names_versions.items() if v and v != "none"}


def check_keys(lake: Lake, keyring: KeyRing | None = None) -> dict[str, Any]:
    """Raise KeyStoreMismatch unless the key store holds every recorded key version unchanged."""
    kr = keyring or KeyRing.load()
    recorded = recorded_keys(lake)
    for name, versions in sorted(recorded.items()):
        for version, expected in sorted(versions.items()):
            try:
                actual = kr.fingerprint(name, version)
            except KeyError_:
                raise KeyStoreMismatch(
                    f"key store {kr.path} has no key {name!r} {version}, which this lake's data was made "
                    f"with (fingerprint {expected}); restore that key store (AIMATE_KEYSTORE) instead of "
                    "letting new keys be minted over existing data") from None
            if actual != expected:
                raise KeyStoreMismatch(
                    f"key store {kr.path} holds a different key {name!r} {version} (fingerprint {actual}) "
                    f"than the one this lake's data was made with ({expected}); restore the original key "
                    "store (AIMATE_KEYSTORE)")
    return recorded
