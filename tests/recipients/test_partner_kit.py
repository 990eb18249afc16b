"""The partner kit: only that recipient's keys for the releases it received, a README, and a reader that
checks every checksum, decrypts with standard Parquet key management and refuses tampered drops."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from anonymizers.keyring import KeyRing
from tests.recipients.conftest import publish_extract
from transforms.cli import app
from transforms.publish.kit import read_drop
from transforms.publish.partner_kit import KitError, build_kit

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


def _loose_crash_dp(config_dir, epsilon: float = 8.0) -> None:
    """A larger ε than the demo's 0.3/day, so the 60 fixture users clear the DP threshold."""
    import yaml

    path = config_dir / "extracts.yaml"
    data = yaml.safe_load(path.read_text())
    next(e for e in data["extracts"] if e["id"] == "crash_performance_daily")["dp"]["epsilon"] = epsilon
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


@pytest.fixture
def drops(lake, keystore, config_dir):
    """An encrypted release for the statistics partner, one for the ML team."""
    _loose_crash_dp(config_dir)
    return {"stats": Path(publish_extract(lake, "crash_performance_daily")["path"]),
            "ml": Path(publish_extract(lake, "ml_turn_taking_weekly")["path"])}


@pytest.mark.slow  # publishes the academic cube too (another external recipient's key)
def test_kit_holds_only_that_recipients_keys(lake, keystore, drops, tmp_path):
    publish_extract(lake, "interaction_stats_weekly")  # another external recipient's drop and key
    kit = build_kit(lake, "stats_partner", tmp_path / "kit", keyring=KeyRing.load(keystore))
    files = sorted(p.name for p in (tmp_path / "kit").iterdir())
    assert files == ["README.md", "keys.json", "read_drop.py"]
    keys = json.loads((tmp_path / "kit" / "keys.json").read_text())
    assert list(keys["master_keys"]) == ["stats_partner@v1"] == kit.key_ids
    assert oct((tmp_path / "kit" / "keys.json").stat().st_mode & 0o777) == "0o600"
    other = base64.b64encode(KeyRing.load(keystore).get("parquet:overseas_university", "v1")).decode()
    blob = "".join(p.read_text() for p in (tmp_path / "kit").iterdir())
    assert other not in blob and "overseas_university" not in blob
    readme = (tmp_path / "kit" / "README.md").read_text()
    assert drops["stats"].name in readme and "## How keys are handed over and rotated" in readme


def test_reader_checks_decrypts_and_writes_plain_parquet(lake, keystore, drops, tmp_path):
    build_kit(lake, "stats_partner", tmp_path / "kit", keyring=KeyRing.load(keystore))
    out = tmp_path / "out.parquet"
    code = read_drop.main([str(drops["stats"]), str(out), "--keys", str(tmp_path / "kit" / "keys.json")])
    manifest = json.loads((drops["stats"] / "_manifest.json").read_text())
    assert code == 0 and pq.read_table(out).num_rows == manifest["rows"] > 0
    assert pq.ParquetFile(out).metadata is not None  # plain Parquet: readable without any key


@pytest.mark.parametrize("attack", ["flip_byte", "extra_file", "edit_dictionary",
                                    pytest.param("other_key", marks=pytest.mark.slow)])
def test_reader_rejects_tampered_drops(lake, keystore, drops, tmp_path, attack):
    build_kit(lake, "stats_partner", tmp_path / "kit", keyring=KeyRing.load(keystore))
    drop = tmp_path / "drop"
    other = Path(publish_extract(lake, "interaction_stats_weekly")["path"]) if attack == "other_key" else None
    shutil.copytree(other or drops["stats"], drop)
    if attack == "flip_byte":
        data = bytearray((drop / "part-0.parquet").read_bytes())
        data[len(data) // 2] ^= 0x01
        (drop / "part-0.parquet").write_bytes(bytes(data))
    elif attack == "extra_file":
        (drop / "notes.txt").write_text("x")
    elif attack == "edit_dictionary":
        (drop / "DATA_DICTIONARY.md").write_text("all values are exact\n")
    out = tmp_path / "out.parquet"
    assert read_drop.main([str(drop), str(out), "--keys", str(tmp_path / "kit" / "keys.json")]) == 1
    assert not out.exists()


def test_kit_refuses_unsafe_output_and_unknown_recipient(lake, keystore, drops, tmp_path):
    with pytest.raises(KitError, match="inside the lake"):
        build_kit(lake, "stats_partner", Path(lake.base) / "published" / "kit", keyring=KeyRing.load(keystore))
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "mine.txt").write_text("keep")
    with pytest.raises(KitError, match="not an empty folder"):
        build_kit(lake, "stats_partner", tmp_path / "full", keyring=KeyRing.load(keystore))
    assert (tmp_path / "full" / "mine.txt").read_text() == "keep"
    res = runner.invoke(app, ["partner-kit", "nobody", "--out", str(tmp_path / "k"), "--lake", lake.base,
                              "--keystore", str(keystore)])
    assert res.exit_code == 1 and "unknown recipient 'nobody'" in res.output
    assert "Traceback" not in res.output


def test_cli_writes_kit(lake, keystore, drops, tmp_path):
    res = runner.invoke(app, ["partner-kit", "stats_partner", "--out", str(tmp_path / "k"), "--lake", lake.base,
                              "--keystore", str(keystore)])
    assert res.exit_code == 0, res.output
    assert "stats_partner@v1" in res.output and (tmp_path / "k" / "read_drop.py").is_file()


def _pinned(name: str) -> str:
    for line in (ROOT / "requirements" / "constraints.txt").read_text().splitlines():
        if line.lower().startswith(name + "=="):
            return line.split("==")[1].strip()
    raise AssertionError(f"{name} is not pinned")


@pytest.fixture(scope="session")
def pyarrow_only_python(tmp_path_factory) -> Path:
    venv = tmp_path_factory.mktemp("pyarrow-only") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", f"pyarrow=={_pinned('pyarrow')}"], check=True,
                   env={**os.environ, "PIP_CONSTRAINT": ""})
    return py


@pytest.mark.slow
def test_kit_reader_in_a_pyarrow_only_virtualenv(lake, keystore, drops, tmp_path, pyarrow_only_python):
    py = str(pyarrow_only_python)
    assert subprocess.run([py, "-c", "import cryptography"], capture_output=True).returncode != 0
    mods = subprocess.run([py, "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True).stdout
    assert {m.split("==")[0].lower() for m in mods.split()} <= {"pyarrow", "pip", "setuptools", "numpy"}
    runner.invoke(app, ["partner-kit", "stats_partner", "--out", str(tmp_path / "kit"), "--lake", lake.base,
                        "--keystore", str(keystore)])
    reader = tmp_path / "kit" / "read_drop.py"
    manifest = json.loads((drops["stats"] / "_manifest.json").read_text())
    ok = subprocess.run([py, str(reader), str(drops["stats"]), str(tmp_path / "out.parquet")],
                        capture_output=True, text=True, cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert pq.read_table(tmp_path / "out.parquet").num_rows == manifest["rows"] > 0
    bad = tmp_path / "bad"
    shutil.copytree(drops["stats"], bad)
    data = bytearray((bad / "part-0.parquet").read_bytes())
    data[-40] ^= 0xFF
    (bad / "part-0.parquet").write_bytes(bytes(data))
    res = subprocess.run([py, str(reader), str(bad), str(tmp_path / "bad.parquet")], capture_output=True, text=True)
    assert res.returncode == 1 and "sha256" in res.stderr and not (tmp_path / "bad.parquet").exists()
    # a drop whose manifest was rewritten to match is still refused: the wrapped keys authenticate
    m = json.loads((bad / "_manifest.json").read_text())
    import hashlib

    m["files"][0]["sha256"] = hashlib.sha256(bytes(data)).hexdigest()
    (bad / "_manifest.json").write_text(json.dumps(m))
    res = subprocess.run([py, str(reader), str(bad), str(tmp_path / "bad.parquet")], capture_output=True, text=True)
    assert res.returncode == 1 and not (tmp_path / "bad.parquet").exists()
