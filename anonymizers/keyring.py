"""Named, versioned secret keys for pseudonyms, surrogates and recipient encryption.

Keys live outside the code and the lake: a local key store file (created 0600 on first use) by
default, overridable per key by an environment variable or an Airflow Variable so production can
take them from a secrets backend. Only key *versions* are ever recorded in outputs.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

KEY_BYTES = 32
_FINGERPRINT_LABEL = b"aimate key fingerprint v1"


class KeyError_(LookupError):
    """A requested key or key version does not exist (raised instead of inventing one silently)."""


def default_keystore_path() -> Path:
    """Where the local key store lives unless AIMATE_KEYSTORE says otherwise."""
    return Path(os.environ.get("AIMATE_KEYSTORE", Path.home() / ".aimate" / "keystore.json"))


def env_name(key_name: str) -> str:
    """Environment variable that overrides a key: AIMATE_KEY_<NAME>."""
    return "AIMATE_KEY_" + re.sub(r"[^A-Za-z0-9]", "_", key_name).upper()


def _parse_override(raw: str, source: str) -> tuple[str, bytes]:
    version, sep, b64 = raw.partition(":")
    if not sep or not version or not b64:
        raise ValueError(f"{source} must be '<version>:<base64 key>'")
    key = base64.b64decode(b64)
    if len(key) < 16:
        raise ValueError(f"{source} holds a key shorter than 16 bytes")
    return version, key


def _airflow_variable(name: str) -> str | None:
    """An Airflow Variable of the key's env name, when running inside an Airflow task (the task runner
    exports AIRFLOW_CTX_DAG_ID). Elsewhere Airflow is not imported at all: a CLI stays light."""
    if os.environ.get("AIMATE_KEYS_FROM_AIRFLOW", "1") != "1" or "AIRFLOW_CTX_DAG_ID" not in os.environ:
        return None
    try:
        from airflow.sdk import Variable

        return Variable.get(name, default=None)
    except Exception:  # noqa: BLE001 - outside a task context there is no Variable backend
        return None


@dataclass(frozen=True)
class KeyRing:
    """Versioned keys by name. `current(name)` creates a first version on demand in the local store."""

    path: Path

    @classmethod
    def load(cls, path: str | Path | None = None) -> KeyRing:
        return cls(Path(path) if path else default_keystore_path())

    # -- store -------------------------------------------------------------------------------
    def _read(self) -> dict:
        if not self.path.exists():
            return {}
        return json.loads(self.path.read_text())

    def _write(self, data: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            json.dump(data, fh, indent=1, sort_keys=True)
        os.replace(tmp, self.path)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Threads and processes (several workers on one store) create or rotate keys one at a time,
        re-reading the store under the lock, so two first uses never invent two different v1 keys."""
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with FileLock(str(self.path.with_suffix(".lock")), mode=0o600):
            yield

    def _override(self, name: str) -> tuple[str, bytes] | None:
        var = env_name(name)
        raw = _airflow_variable(var) or os.environ.get(var)
        return _parse_override(raw, var) if raw else None

    # -- API ---------------------------------------------------------------------------------
    def current(self, name: str) -> tuple[str, bytes]:
        """(version, key) in force for `name`; the first use creates v1 in the local store."""
        override = self._override(name)
        if override:
            return override
        with self._locked():
            data = self._read()
            entry = data.get(name)
            if entry is None:
                entry = {"current": "v1", "versions": {"v1": _new_key()}}
                data[name] = entry
                self._write(data)
        version = entry["current"]
        return version, base64.b64decode(entry["versions"][version])

    def get(self, name: str, version: str) -> bytes:
        """A specific version, e.g. to verify or decrypt an older release."""
        override = self._override(name)
        if override and override[0] == version:
            return override[1]
        entry = self._read().get(name)
        if not entry or version not in entry["versions"]:
            raise KeyError_(f"key {name!r} has no version {version!r}")
        return base64.b64decode(entry["versions"][version])

    def rotate(self, name: str) -> str:
        """Add a new version and make it current; older versions stay for verification."""
        with self._locked():
            data = self._read()
            entry = data.setdefault(name, {"current": None, "versions": {}})
            version = f"v{len(entry['versions']) + 1}"
            entry["versions"][version] = _new_key()
            entry["current"] = version
            self._write(data)
        return version

    def fingerprint(self, name: str, version: str | None = None) -> str:
        """A public identity of one key version (HMAC of a fixed label under the key, 16 hex):
        recorded where the key is used, so a lost or replaced key store is detected instead of
        silently mixing two pseudonym spaces. Reveals nothing about the key material."""
        key = self.get(name, version) if version else self.current(name)[1]
        return hmac.new(key, _FINGERPRINT_LABEL, hashlib.sha256).hexdigest()[:16]

    def versions(self) -> dict[str, str]:
        """name → current version, for listings (never the key material)."""
        return {name: entry["current"] for name, entry in self._read().items()}


def _new_key() -> str:
    return base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode()
