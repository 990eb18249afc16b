"""Keyed HMAC pseudonyms: join-stable inside one key version, irreversible without the key."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

import pyarrow as pa

from anonymizers.keyring import KeyRing

PSEUDONYM_HEX_CHARS = 24  # 96 bits: collision-free at billions of ids, short enough to read


class Pseudonymizer:
    """HMAC-SHA256(key, namespace + value) → hex. The namespace keeps a user id and a device id
    with the same literal value from mapping to the same pseudonym."""

    def __init__(self, key_name: str = "internal", keyring: KeyRing | None = None) -> None:
        self.key_name = key_name
        self.key_version, self._key = (keyring or KeyRing.load()).current(key_name)

    def __repr__(self) -> str:  # never show key material
        return f"Pseudonymizer(key={self.key_name!r}, version={self.key_version!r})"

    def one(self, namespace: str, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        mac = hmac.new(self._key, f"{namespace}\x1f{value}".encode(), hashlib.sha256)
        return mac.hexdigest()[:PSEUDONYM_HEX_CHARS]

    def many(self, namespace: str, values: Iterable[str | None]) -> list[str | None]:
        return [self.one(namespace, v) for v in values]

    def column(self, namespace: str, array: pa.Array | pa.ChunkedArray) -> pa.Array:
        """Pseudonymise an Arrow string column, nulls stay null."""
        return pa.array(self.many(namespace, array.to_pylist()), type=pa.string())
