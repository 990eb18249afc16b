"""The committed sample in data_samples/ is exactly what the documented command produces."""

from __future__ import annotations

from pathlib import Path

from transforms.synthetic import generate

REPO = Path(__file__).resolve().parents[2]


def test_committed_sample_is_reproducible(tmp_path: Path) -> None:
    sample = REPO / "data_samples"
    # data_samples/README.md: aimate-share generate --lake data_samples --truth data_samples/truth (defaults)
    generate(tmp_path, truth_dir=tmp_path / "truth")
    for sub in ("landing", "truth"):
        committed = {
            p.relative_to(sample).as_posix(): p.read_bytes() for p in (sample / sub).rglob("*") if p.is_file()
        }
        fresh = {
            p.relative_to(tmp_path).as_posix(): p.read_bytes()
            for p in (tmp_path / sub).rglob("*")
            if p.is_file()
        }
        assert committed.keys() == fresh.keys()
        assert [k for k in committed if committed[k] != fresh[k]] == []
