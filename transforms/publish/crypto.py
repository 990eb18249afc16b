"""Parquet modular encryption for external recipients, with Parquet's standard key management.

pyarrow's CryptoFactory (the Parquet key-management tools) generates a fresh data key per file and
column, wraps it with a key-encryption key, and asks a KMS client to wrap that under a *master key*.
The master key of a release is the recipient's key ring entry `parquet:<recipient>` at the version in
force, named in the file footer as ``<recipient>@<version>``.

Wrapping follows Parquet's *local wrapping* mode (`LocalWrapKmsClient` in Arrow C++ and
parquet-java): AES-GCM under the master key with the master key id as associated data, serialised as
``{"masterKeyVersion": "NO_VERSION", "encryptedKey": base64(nonce | ciphertext | tag)}``. Any Parquet
reader with a local-wrap KMS client that returns the recipient's master key for that id can open the
files; the partner kit (`partner_kit.py`) ships one for pyarrow. Only key *versions* are recorded.
"""

from __future__ import annotations

import base64
import json
import os
from datetime import timedelta

import pyarrow as pa
import pyarrow.parquet as pq
import pyarrow.parquet.encryption as pe
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from anonymizers.keyring import KeyRing

NO_VERSION = "NO_VERSION"          # Parquet local wrapping: the version lives in the key id instead
LEGACY_PREFIX = "parquet:"         # releases written before the kit named keys parquet:<r>@<v>


def master_key_id(recipient: str, version: str) -> str:
    """The master key id written into an encrypted file's key material."""
    return f"{recipient}@{version}"


def parse_master_key_id(master_key_identifier: str) -> tuple[str, str]:
    """(recipient, version) of a master key id; the legacy `parquet:` prefix is accepted."""
    ident = master_key_identifier.removeprefix(LEGACY_PREFIX)
    recipient, sep, version = ident.rpartition("@")
    if not sep or not recipient or not version:
        raise ValueError(f"unexpected master key id {master_key_identifier!r}")
    return recipient, version


def wrap_local(key_bytes: bytes, master_key: bytes, master_key_identifier: str) -> str:
    """Parquet local key wrap of `key_bytes` under `master_key` (AAD = the master key id)."""
    nonce = os.urandom(12)
    sealed = AESGCM(master_key).encrypt(nonce, bytes(key_bytes), master_key_identifier.encode())
    return json.dumps({"masterKeyVersion": NO_VERSION,
                       "encryptedKey": base64.b64encode(nonce + sealed).decode()})


def unwrap_local(wrapped_key: str | bytes, master_key: bytes, master_key_identifier: str) -> bytes:
    """Inverse of `wrap_local`; also reads the bare base64 wrap of releases made before it."""
    text = wrapped_key.decode() if isinstance(wrapped_key, bytes) else wrapped_key
    if text.lstrip().startswith("{"):
        doc = json.loads(text)
        if doc.get("masterKeyVersion") != NO_VERSION:
            raise ValueError(f"unsupported master key version {doc.get('masterKeyVersion')!r}")
        text = doc["encryptedKey"]
    raw = base64.b64decode(text)
    return AESGCM(master_key).decrypt(raw[:12], raw[12:], master_key_identifier.encode())


class KeyRingKmsClient(pe.KmsClient):
    """A local-wrap KMS client whose master keys are KeyRing entries `parquet:<recipient>`."""

    def __init__(self, keyring: KeyRing) -> None:
        super().__init__()
        self._keyring = keyring

    def _master(self, master_key_identifier: str) -> bytes:
        recipient, version = parse_master_key_id(master_key_identifier)
        key = self._keyring.get(f"{LEGACY_PREFIX}{recipient}", version)
        if len(key) not in (16, 24, 32):
            raise ValueError("a Parquet master key must be 16, 24 or 32 bytes")
        return key

    def wrap_key(self, key_bytes: bytes, master_key_identifier: str) -> str:
        return wrap_local(key_bytes, self._master(master_key_identifier), master_key_identifier)

    def unwrap_key(self, wrapped_key: str | bytes, master_key_identifier: str) -> bytes:
        return unwrap_local(wrapped_key, self._master(master_key_identifier), master_key_identifier)


def _factory(keyring: KeyRing) -> pe.CryptoFactory:
    return pe.CryptoFactory(lambda _config: KeyRingKmsClient(keyring))


def _release(factory: pe.CryptoFactory) -> None:
    """Drop the factory's cached KMS clients (Python objects) now. Left to static destruction at
    interpreter exit they are released without the GIL and abort the process (exit 134)."""
    factory.remove_cache_entries_for_all_tokens()


def _kms_config() -> pe.KmsConnectionConfig:
    return pe.KmsConnectionConfig()


def encryption_configuration(footer_key: str) -> pe.EncryptionConfiguration:
    """Footer and every column under one master key, 256-bit data keys, double wrapping."""
    return pe.EncryptionConfiguration(
        footer_key=footer_key, uniform_encryption=True, data_key_length_bits=256,
        cache_lifetime=timedelta(minutes=1))


def parquet_bytes(table: pa.Table, *, recipient: str | None = None, keyring: KeyRing | None = None,
                  key_version: str | None = None) -> bytes:
    """Parquet (zstd) bytes of `table`; encrypted (footer and every column) when a recipient is given."""
    sink = pa.BufferOutputStream()
    if recipient is not None:
        assert keyring is not None and key_version is not None
        factory = _factory(keyring)
        try:
            props = factory.file_encryption_properties(
                _kms_config(), encryption_configuration(master_key_id(recipient, key_version)))
            pq.write_table(table, sink, compression="zstd", encryption_properties=props)
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
