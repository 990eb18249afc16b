"""The partner kit's README.md: how to check, decrypt and read drops, and how keys travel and rotate."""

from __future__ import annotations

from typing import Any


def _release_rows(releases: list[dict[str, Any]]) -> str:
    if not releases:
        return "_No release has been published to you yet; regenerate the kit after the first one._\n"
    lines = ["| extract | interval | release id | rows | encrypted with key |", "|---|---|---|---:|---|"]
    for m in releases:
        enc = m.get("encryption") or {}
        key = f"`{m['recipient']}@{enc['key_version']}`" if enc.get("enabled") else "not encrypted"
        lines.append(f"| {m.get('extract')} | [{m.get('interval_start')}, {m.get('interval_end')}) | "
                     f"`{m.get('release_id')}` | {m.get('rows')} | {key} |")
    return "\n".join(lines) + "\n"


def render(kit: Any, description: str, encrypted: bool) -> str:
    keys = ", ".join(f"`{k}`" for k in kit.key_ids) or "none (no encrypted release yet)"
    return f"""# AIMate partner kit for `{kit.recipient}`

{description}

This folder holds everything you need to check and read the drops AIMate sent you:

| file | what it is |
| --- | --- |
| `keys.json` | **secret**: your master key(s) {keys}. Nothing else: no other recipient's key. |
| `read_drop.py` | checks a release folder against its manifest and writes plain Parquet (needs only `pyarrow`) |
| `README.md` | this file |

Each release folder you receive holds `_manifest.json` (rows, schema, sha256 of every file, policy
version, privacy parameters, key version), `part-0.parquet` (the rows, encrypted with Parquet modular
encryption) and `DATA_DICTIONARY.md` (every column, its unit and meaning, how it is protected and the
95 % interval of its noise). Read the dictionary before the numbers.

## Check and decrypt a drop

```bash
python -m venv venv && venv/bin/pip install pyarrow          # pyarrow is all it needs
venv/bin/python read_drop.py path/to/<release id> out.parquet
```

`read_drop.py` checks the size and sha256 of every file against the manifest, refuses a folder with
an unlisted file, decrypts, checks schema and row count, and only then writes `out.parquet`
(unencrypted: keep it where your data agreement says). Exit 0 means every check passed; exit 1 means
a mismatch or a decryption failure (nothing written: do not use the drop, tell us its release id).

Then read it with any tool:

```python
import pandas as pd
df = pd.read_parquet("out.parquet")
```

```sql
-- DuckDB
SELECT * FROM read_parquet('out.parquet') ORDER BY 3;
```

## Reading the encrypted files directly (other Parquet readers)

The files use standard Parquet modular encryption with the key-management tools (double wrapping,
footer and every column encrypted, AES_GCM_V1, 256-bit data keys). Master keys are used in Parquet's
**local wrapping** mode: each key-encryption key is AES-GCM encrypted under the master key named in
the file footer (`<recipient>@<version>`), with that id as associated data, and stored as
`{{"masterKeyVersion": "NO_VERSION", "encryptedKey": "<base64 nonce|ciphertext|tag>"}}`.

- **pyarrow**: `pyarrow.parquet.encryption.CryptoFactory(LocalWrapKmsClient)` with
  `KmsConnectionConfig(custom_kms_conf=keys["master_keys"])` and
  `file_decryption_properties(...)`, exactly as in `read_drop.py` (copy its `LocalWrapKmsClient`).
- **Arrow C++ / parquet-java (Spark)**: subclass `LocalWrapKmsClient` and return your master key for
  the id from `getMasterKeyFromServer` (the key is base64 in `keys.json`).

DuckDB's own Parquet encryption (`PRAGMA add_parquet_key`) does not implement the key-management
tools; decrypt with `read_drop.py` first.

## How keys are handed over and rotated

- **Handover.** The kit travels separately from the drops: the drops come over the agreed data
  channel, the kit (because of `keys.json`) only over the channel agreed for secrets, never together
  with data and never by e-mail in clear. Confirm receipt by release id; keep `keys.json` readable by
  you only (it is created with mode 0600).
- **Which keys.** The kit contains the key versions that encrypted the releases listed below, and no
  other. Every release's manifest names its `key_version`; a file's footer names the same id.
- **Rotation.** AIMate rotates your key (`aimate-share keys rotate parquet:{kit.recipient}`) on a schedule
  and at once if a key may be exposed. Releases from then on use the new version (`{kit.recipient}@v<n+1>`);
  earlier releases keep the version they were written with and are never re-encrypted. You receive a
  new kit with the old and the new versions; old versions can be deleted once you no longer need the
  old drops. If you lose a key or suspect exposure, tell us: we rotate and stop using the old version.

## Releases you received

{_release_rows(kit.releases)}
"""
