#!/usr/bin/env python3
"""Check and decrypt one AIMate release folder into a plain Parquet file. Needs only pyarrow.

    python read_drop.py RELEASE_DIR OUT.parquet [--keys keys.json]

1. reads RELEASE_DIR/_manifest.json and checks every listed file's size and sha256, and that no
   unlisted file sits beside them;
2. opens each Parquet part with Parquet modular encryption (pyarrow's CryptoFactory and the
   local-wrap KMS client below, master keys from keys.json next to this script), checks its
   schema and row count against the manifest;
3. writes the rows, unencrypted, to OUT.parquet.

Exit 0 on success, 1 on any mismatch or decryption failure (nothing is written then), 2 on usage
errors. Key wrapping is Parquet's *local wrapping* (as Arrow C++ and parquet-java's
LocalWrapKmsClient): AES-GCM under the master key, AAD = the master key id, serialised as
{"masterKeyVersion": "NO_VERSION", "encryptedKey": base64(nonce | ciphertext | tag)}. AES-GCM comes
from the `cryptography` package when it is installed, else from the small implementation below
(decryption of 32-byte wrapped keys only; the tag is always checked).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pyarrow.parquet.encryption as pe

MANIFEST = "_manifest.json"
NO_VERSION = "NO_VERSION"
LEGACY_PREFIX = "parquet:"
TYPES = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "date": pa.date32()}


class DropError(Exception):
    """The drop does not match its manifest or cannot be decrypted."""


# -- AES-GCM decryption (FIPS 197 / NIST SP 800-38D) ---------------------------------------------
def _sbox() -> list[int]:
    box, p, q = [0] * 256, 1, 1
    box[0] = 0x63
    while True:
        p = p ^ ((p << 1) & 0xFF) ^ (0x1B if p & 0x80 else 0)          # p * 3 in GF(2^8)
        q ^= q << 1
        q ^= q << 2
        q ^= q << 4
        q &= 0xFF
        q ^= 0x09 if q & 0x80 else 0                                    # q / 3
        x = q ^ ((q << 1 | q >> 7) & 0xFF) ^ ((q << 2 | q >> 6) & 0xFF) \
            ^ ((q << 3 | q >> 5) & 0xFF) ^ ((q << 4 | q >> 4) & 0xFF)
        box[p] = x ^ 0x63
        if p == 1:
            return box


SBOX = _sbox()


def _xtime(b: int) -> int:
    return ((b << 1) ^ 0x1B) & 0xFF if b & 0x80 else b << 1


def _expand_key(key: bytes) -> list[list[int]]:
    nk = len(key) // 4
    rounds = nk + 6
    words = [list(key[4 * i:4 * i + 4]) for i in range(nk)]
    rcon = 1
    for i in range(nk, 4 * (rounds + 1)):
        t = list(words[i - 1])
        if i % nk == 0:
            t = [SBOX[b] for b in t[1:] + t[:1]]
            t[0] ^= rcon
            rcon = _xtime(rcon)
        elif nk > 6 and i % nk == 4:
            t = [SBOX[b] for b in t]
        words.append([a ^ b for a, b in zip(words[i - nk], t, strict=True)])
    return [sum(words[4 * r:4 * r + 4], []) for r in range(rounds + 1)]


def _encrypt_block(round_keys: list[list[int]], block: bytes) -> bytes:
    s = [b ^ k for b, k in zip(block, round_keys[0], strict=True)]
    for r in range(1, len(round_keys)):
        s = [SBOX[b] for b in s]
        s = [s[(i + 4 * (i % 4)) % 16] for i in range(16)]              # ShiftRows (column-major)
        if r != len(round_keys) - 1:
            mixed = []
            for c in range(4):
                a = s[4 * c:4 * c + 4]
                t = a[0] ^ a[1] ^ a[2] ^ a[3]
                mixed += [a[i] ^ t ^ _xtime(a[i] ^ a[(i + 1) % 4]) for i in range(4)]
            s = mixed
        s = [b ^ k for b, k in zip(s, round_keys[r], strict=True)]
    return bytes(s)


def _gf_mult(x: int, y: int) -> int:
    z, v = 0, y
    for i in range(127, -1, -1):
        if (x >> i) & 1:
            z ^= v
        v = (v >> 1) ^ (0xE1 << 120) if v & 1 else v >> 1
    return z


def _ghash(h: int, aad: bytes, data: bytes) -> int:
    y = 0
    for chunk in (aad, data):
        for i in range(0, len(chunk), 16):
            y = _gf_mult(y ^ int.from_bytes(chunk[i:i + 16].ljust(16, b"\0"), "big"), h)
    lengths = (len(aad) * 8).to_bytes(8, "big") + (len(data) * 8).to_bytes(8, "big")
    return _gf_mult(y ^ int.from_bytes(lengths, "big"), h)


def aes_gcm_decrypt(key: bytes, nonce: bytes, sealed: bytes, aad: bytes) -> bytes:
    """Plaintext of `sealed` (ciphertext | 16-byte tag); DropError when the tag does not match."""
    try:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    except ImportError:
        AESGCM = None  # noqa: N806 - pyarrow-only environment: the implementation above
    if AESGCM is not None:
        try:
            return AESGCM(key).decrypt(nonce, sealed, aad)
        except Exception as exc:  # noqa: BLE001 - InvalidTag
            raise DropError("a wrapped key does not authenticate under the master key") from exc
    if len(key) not in (16, 24, 32) or len(nonce) != 12 or len(sealed) < 16:
        raise DropError("malformed wrapped key")
    rk = _expand_key(key)
    ciphertext, tag = sealed[:-16], sealed[-16:]
    h = int.from_bytes(_encrypt_block(rk, b"\0" * 16), "big")
    j0 = nonce + b"\0\0\0\1"
    expected = (_ghash(h, aad, ciphertext) ^ int.from_bytes(_encrypt_block(rk, j0), "big")).to_bytes(16, "big")
    if not hmac.compare_digest(expected, tag):
        raise DropError("a wrapped key does not authenticate under the master key")
    out = bytearray()
    for n, i in enumerate(range(0, len(ciphertext), 16), start=2):
        stream = _encrypt_block(rk, nonce + n.to_bytes(4, "big"))
        out += bytes(a ^ b for a, b in zip(ciphertext[i:i + 16], stream, strict=False))
    return bytes(out)


# -- Parquet key management ----------------------------------------------------------------------
class LocalWrapKmsClient(pe.KmsClient):
    """Parquet local-wrap KMS client; master keys come in KmsConnectionConfig.custom_kms_conf as
    {master key id: base64 key}. Reading only: this kit never writes encrypted files."""

    def __init__(self, config: pe.KmsConnectionConfig) -> None:
        super().__init__()
        self._keys = {k.removeprefix(LEGACY_PREFIX): v for k, v in dict(config.custom_kms_conf).items()}

    def _master(self, master_key_identifier: str) -> bytes:
        key = self._keys.get(master_key_identifier.removeprefix(LEGACY_PREFIX))
        if key is None:
            raise DropError(f"no master key {master_key_identifier!r} in the key file")
        return base64.b64decode(key)

    def wrap_key(self, key_bytes: bytes, master_key_identifier: str) -> str:
        raise NotImplementedError("the partner kit only reads")

    def unwrap_key(self, wrapped_key: str | bytes, master_key_identifier: str) -> bytes:
        text = wrapped_key.decode() if isinstance(wrapped_key, bytes) else wrapped_key
        if text.lstrip().startswith("{"):
            doc = json.loads(text)
            if doc.get("masterKeyVersion") != NO_VERSION:
                raise DropError(f"unsupported master key version {doc.get('masterKeyVersion')!r}")
            text = doc["encryptedKey"]
        raw = base64.b64decode(text)
        return aes_gcm_decrypt(self._master(master_key_identifier), raw[:12], raw[12:],
                               master_key_identifier.encode())


def load_keys(path: Path) -> dict[str, str]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    keys = doc.get("master_keys")
    if not isinstance(keys, dict):
        raise DropError(f"{path}: no 'master_keys' object")
    return keys


def read_part(data: bytes, keys: dict[str, str]) -> pa.Table:
    if data[-4:] != b"PARE":
        return pq.ParquetFile(pa.BufferReader(data)).read()
    factory = pe.CryptoFactory(LocalWrapKmsClient)
    try:
        props = factory.file_decryption_properties(pe.KmsConnectionConfig(custom_kms_conf=keys))
        return pq.ParquetFile(pa.BufferReader(data), decryption_properties=props).read()
    finally:
        factory.remove_cache_entries_for_all_tokens()


# -- the drop ------------------------------------------------------------------------------------
def check_drop(release_dir: Path, keys: dict[str, str]) -> tuple[dict, pa.Table]:
    """(manifest, rows) of a release folder; DropError on the first mismatch."""
    try:
        manifest = json.loads((release_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DropError(f"{release_dir / MANIFEST}: unreadable: {exc}") from exc
    if manifest.get("status") != "published":
        raise DropError(f"manifest status is {manifest.get('status')!r}, not 'published'")
    parts = {f["name"]: f for f in manifest.get("files", [])}
    docs = {f["name"]: f for f in manifest.get("documents", [])}
    present = {p.name for p in release_dir.iterdir() if p.is_file()}
    unlisted = sorted(present - set(parts) - set(docs) - {MANIFEST})
    if unlisted:
        raise DropError(f"file(s) not listed in the manifest: {', '.join(unlisted)}")
    contents = {}
    for name, entry in sorted({**docs, **parts}.items()):
        path = release_dir / name
        if not path.is_file():
            raise DropError(f"{name}: listed in the manifest but missing")
        data = path.read_bytes()
        if len(data) != entry.get("bytes") or hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            raise DropError(f"{name}: size or sha256 differs from the manifest")
        contents[name] = data
    schema = pa.schema([pa.field(c["name"], TYPES[c["type"]]) for c in manifest.get("schema", [])])
    tables = []
    for name, entry in sorted(parts.items()):
        try:
            table = read_part(contents[name], keys)
        except DropError:
            raise
        except Exception as exc:  # noqa: BLE001 - pyarrow reports decryption failures as OSError
            raise DropError(f"{name}: cannot be decrypted: {str(exc)[:200]}") from exc
        table = table.replace_schema_metadata(None)
        if not pa.schema(list(table.schema)).equals(schema):
            raise DropError(f"{name}: schema differs from the manifest")
        if table.num_rows != entry.get("rows"):
            raise DropError(f"{name}: {table.num_rows} rows, manifest says {entry.get('rows')}")
        tables.append(table)
    rows = pa.concat_tables(tables) if tables else schema.empty_table()
    if rows.num_rows != manifest.get("rows"):
        raise DropError(f"{rows.num_rows} rows in total, manifest says {manifest.get('rows')}")
    return manifest, rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Check and decrypt an AIMate release folder into plain Parquet.")
    p.add_argument("release_dir", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--keys", type=Path, default=Path(__file__).resolve().parent / "keys.json",
                   help="key file from the partner kit (default: keys.json next to this script)")
    args = p.parse_args(argv)
    if not (args.release_dir / MANIFEST).is_file():
        print(f"error: {args.release_dir} holds no {MANIFEST}", file=sys.stderr)
        return 2
    try:
        keys = load_keys(args.keys) if args.keys.is_file() else {}
        manifest, rows = check_drop(args.release_dir, keys)
    except DropError as exc:
        print(f"FAILED {args.release_dir}: {exc}", file=sys.stderr)
        return 1
    tmp = args.out.with_name(args.out.name + ".partial")
    pq.write_table(rows, tmp)
    os.replace(tmp, args.out)
    print(f"OK {manifest.get('recipient')}/{manifest.get('extract')}/{manifest.get('release_id')}: "
          f"{rows.num_rows} rows, checksums match, written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
