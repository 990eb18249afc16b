"""The kit's pyarrow-only AES-GCM and local-wrap KMS client agree with `cryptography` and with the
publisher's key wrapping; a wrong key, a wrong key id or a flipped bit never unwraps."""

from __future__ import annotations

import base64
import json
import os

import pyarrow as pa
import pyarrow.parquet as pq
import pyarrow.parquet.encryption as pe
import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import given, settings
from hypothesis import strategies as st

from anonymizers.keyring import KeyRing
from transforms.publish import crypto
from transforms.publish.kit import read_drop


@pytest.fixture
def no_cryptography(monkeypatch):
    """Make the kit's reader take its own AES-GCM path, as in a pyarrow-only environment."""
    import builtins

    real = builtins.__import__

    def fake(name, *args, **kwargs):
        if name.startswith("cryptography"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)


def test_nist_gcm_vector(no_cryptography):
    # NIST SP 800-38D / McGrew-Viega test case 4 (AES-128, 60-byte plaintext, 20-byte AAD)
    key = bytes.fromhex("feffe9928665731c6d6a8f9467308308")
    iv = bytes.fromhex("cafebabefacedbaddecaf888")
    pt = bytes.fromhex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e24"
                       "49a6b525b16aedf5aa0de657ba637b39")
    aad = bytes.fromhex("feedfacedeadbeeffeedfacedeadbeefabaddad2")
    ct_tag = bytes.fromhex("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5a"
                           "ac84aa051ba30b396a0aac973d58e091" "5bc94fbc3221a5db94fae95ae7121a47")
    assert read_drop.aes_gcm_decrypt(key, iv, ct_tag, aad) == pt


@settings(max_examples=40, deadline=None)
@given(key=st.sampled_from([16, 24, 32]).flatmap(lambda n: st.binary(min_size=n, max_size=n)),
       nonce=st.binary(min_size=12, max_size=12), data=st.binary(max_size=70), aad=st.binary(max_size=40))
def test_pure_python_gcm_matches_cryptography(key, nonce, data, aad):
    sealed = AESGCM(key).encrypt(nonce, data, aad)
    import builtins

    real = builtins.__import__

    def fake(name, *args, **kwargs):
        if name.startswith("cryptography"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    builtins.__import__ = fake
    try:
        assert read_drop.aes_gcm_decrypt(key, nonce, sealed, aad) == data
        tampered = bytes([sealed[0] ^ 1]) + sealed[1:]
        with pytest.raises(read_drop.DropError):
            read_drop.aes_gcm_decrypt(key, nonce, tampered, aad)
        with pytest.raises(read_drop.DropError):
            read_drop.aes_gcm_decrypt(key, nonce, sealed, aad + b"x")
    finally:
        builtins.__import__ = real


def test_publisher_wrap_is_parquet_local_wrap_format():
    master, kid = os.urandom(32), "stats_partner@v1"
    wrapped = json.loads(crypto.wrap_local(b"k" * 32, master, kid))
    assert set(wrapped) == {"masterKeyVersion", "encryptedKey"} and wrapped["masterKeyVersion"] == "NO_VERSION"
    raw = base64.b64decode(wrapped["encryptedKey"])
    assert len(raw) == 12 + 32 + 16
    assert AESGCM(master).decrypt(raw[:12], raw[12:], kid.encode()) == b"k" * 32
    with pytest.raises(Exception):  # noqa: B017 - the key id is authenticated
        crypto.unwrap_local(json.dumps(wrapped), master, "stats_partner@v2")


def _kit_keys(store: KeyRing, recipient: str, version: str) -> dict[str, str]:
    return {f"{recipient}@{version}": base64.b64encode(store.get(f"parquet:{recipient}", version)).decode()}


def test_kit_reader_opens_publisher_files_without_cryptography(tmp_path, no_cryptography):
    store = KeyRing.load(tmp_path / "ks.json")
    version, _ = store.current("parquet:stats_partner")
    table = pa.table({"a": [1, 2, 3], "b": ["x", "y", "z"]})
    data = crypto.parquet_bytes(table, recipient="stats_partner", keyring=store, key_version=version)
    assert crypto.is_encrypted(data)
    out = read_drop.read_part(data, _kit_keys(store, "stats_partner", version))
    assert out.to_pylist() == table.to_pylist()


def test_kit_reader_refuses_another_recipients_key(tmp_path):
    store = KeyRing.load(tmp_path / "ks.json")
    v, _ = store.current("parquet:stats_partner")
    store.current("parquet:overseas_university")
    data = crypto.parquet_bytes(pa.table({"a": [1]}), recipient="stats_partner", keyring=store, key_version=v)
    other = {"stats_partner@v1": base64.b64encode(store.get("parquet:overseas_university", "v1")).decode()}
    with pytest.raises(Exception):  # noqa: B017 - pyarrow surfaces the KMS client's refusal
        read_drop.read_part(data, other)
    with pytest.raises(Exception):  # noqa: B017
        read_drop.read_part(data, {})


def test_rotation_old_files_keep_their_version(tmp_path):
    store = KeyRing.load(tmp_path / "ks.json")
    v1, _ = store.current("parquet:stats_partner")
    old = crypto.parquet_bytes(pa.table({"a": [1]}), recipient="stats_partner", keyring=store, key_version=v1)
    v2 = store.rotate("parquet:stats_partner")
    new = crypto.parquet_bytes(pa.table({"a": [2]}), recipient="stats_partner", keyring=store, key_version=v2)
    both = {**_kit_keys(store, "stats_partner", v1), **_kit_keys(store, "stats_partner", v2)}
    assert read_drop.read_part(old, both)["a"].to_pylist() == [1]
    assert read_drop.read_part(new, both)["a"].to_pylist() == [2]
    with pytest.raises(Exception):  # noqa: B017 - v1 alone cannot read a v2 file
        read_drop.read_part(new, _kit_keys(store, "stats_partner", v1))
    assert crypto.read_parquet_bytes(old, store)["a"].to_pylist() == [1]


class _LegacyKms(pe.KmsClient):
    """The wrapping of releases made before the kit: bare base64(nonce | sealed), id parquet:<r>@<v>."""

    def __init__(self, key: bytes) -> None:
        super().__init__()
        self._key = key

    def wrap_key(self, key_bytes, master_key_identifier):
        nonce = os.urandom(12)
        sealed = AESGCM(self._key).encrypt(nonce, bytes(key_bytes), master_key_identifier.encode())
        return base64.b64encode(nonce + sealed).decode()

    def unwrap_key(self, wrapped_key, master_key_identifier):
        raise NotImplementedError


def test_releases_written_before_the_kit_still_open(tmp_path):
    store = KeyRing.load(tmp_path / "ks.json")
    _, key = store.current("parquet:stats_partner")
    factory = pe.CryptoFactory(lambda _c: _LegacyKms(key))
    sink = pa.BufferOutputStream()
    props = factory.file_encryption_properties(pe.KmsConnectionConfig(),
                                               crypto.encryption_configuration("parquet:stats_partner@v1"))
    pq.write_table(pa.table({"a": [7]}), sink, encryption_properties=props)
    factory.remove_cache_entries_for_all_tokens()
    data = sink.getvalue().to_pybytes()
    assert crypto.read_parquet_bytes(data, store)["a"].to_pylist() == [7]
    assert read_drop.read_part(data, _kit_keys(store, "stats_partner", "v1"))["a"].to_pylist() == [7]
