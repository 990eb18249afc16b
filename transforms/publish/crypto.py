"""Parquet modular encryption for external recipients, keyed by the KeyRing.

pyarrow's CryptoFactory generates a fresh data key per file and column and asks a KMS client to wrap
it under a *master key*. Our KMS client is the key ring: the master key id names the recipient's key
and its version (``parquet:<recipient>@v1``), and wrapping is AES-256-GCM with that key, so a
recipient holding its key (and nothing else) can decrypt. Only the version is ever recorded.
"""

from __future__ import annotations

import base64
import os
from datetime import timedelta

import pyarrow as pa
import pyarrow.parquet as pq
import pyarrow.parquet.encryption as pe
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from anonymizers.keyring import KeyRing


def master_key_id(recipient: str, version: str) -> str:
    return f"parquet:{recipient}@{version}"


class KeyRingKmsClient(pe.KmsClient):
    """A KMS client whose master keys are KeyRing entries `parquet:<recipient>` at a version."""

    def __init__(self, keyring: KeyRing) -> None:
        super().__init__()
        self._keyring = keyring

    def _master(self, master_key_identifier: str) -> bytes:
        name, sep, version = master_key_identifier.rpartition("@")
        if not sep or not name.startswith("parquet:"):
            raise ValueError(f"unexpected master key id {master_key_identifier!r}")
        key = self._keyring.get(name, version)
        if len(key) not in (16, 24, 32):
            raise ValueError("a Parquet master key must be 16, 24 or 32 bytes")
        return key

    def wrap_key(self, key_bytes: bytes, master_key_identifier: str) -> str:
        nonce = os.urandom(12)
        sealed = AESGCM(self._master(master_key_identifier)).encrypt(
            nonce, bytes(key_bytes), master_key_identifier.encode())
        return base64.b64encode(nonce + sealed).decode()

    def unwrap_key(self, wrapped_key: str | bytes, master_key_identifier: str) -> bytes:
        raw = base64.b64decode(wrapped_key)
        return AESGCM(self._master(master_key_identifier)).decrypt(
            raw[:12], raw[12:], master_key_identifier.encode())


def _factory(keyring: KeyRing) -> pe.CryptoFactory:
    return pe.CryptoFactory(lambda _config: KeyRingKmsClient(keyring))


def _release(factory: pe.CryptoFactory) -> None:
    """Drop the factory's cached KMS clients (Python objects) now. Left to static destruction at
    interpreter exit they are released without the GIL and abort the process (exit 134)."""
    factory.remove_cache_entries_for_all_tokens()


def _kms_config() -> pe.KmsConnectionConfig:
    return pe.KmsConnectionConfig()


def parquet_bytes(table: pa.Table, *, recipient: str | None = None, keyring: KeyRing | None = None,
                  key_version: str | None = None) -> bytes:
    """Parquet (zstd) bytes of `table`; encrypted (footer and every column) when a recipient is given."""
    sink = pa.BufferOutputStream()
    kwargs = {}
    if recipient is not None:
        assert keyring is not None and key_version is not None
        config = pe.EncryptionConfiguration(
            footer_key=master_key_id(recipient, key_version), uniform_encryption=True,
            data_key_length_bits=256, cache_lifetime=timedelta(minutes=1))
        factory = _factory(keyring)
        try:
            kwargs["encryption_properties"] = factory.file_encryption_properties(_kms_config(), config)
            pq.write_table(table, sink, compression="zstd", **kwargs)
        finally:
            _release(factory)
    else:
        pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def is_encrypted(data: bytes) -> bool:
    """Parquet files with an encrypted footer end with the magic 'PARE' instead of 'PAR1'."""
    return data[-4:] == b"PARE"


def read_parquet_bytes(data: bytes, keyring: KeyRing | None = None) -> pa.Table:
    """Read plain or encrypted Parquet bytes (encrypted ones need the recipient's key in `keyring`)."""
    if not is_encrypted(data):
        return pq.ParquetFile(pa.BufferReader(data)).read()  # not read_table: see Lake.read_parquet
    if keyring is None:
        raise PermissionError("file is encrypted and no key store was given")
    factory = _factory(keyring)
    try:
        props = factory.file_decryption_properties(_kms_config())
        return pq.ParquetFile(pa.BufferReader(data), decryption_properties=props).read()
    finally:
        _release(factory)
