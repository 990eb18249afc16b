"""A small generated lake shared by the synthetic-source tests (generated once per session)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from transforms.synthetic import GenerationSummary, generate

SMALL = {"seed": 11, "days": 3, "users": 80, "messages": 900, "events": 1200, "malformed_per_kind": 2}


@dataclass
class Generated:
    lake: Path
    truth: Path
    summary: GenerationSummary

    def truth_rows(self, name: str) -> list[dict[str, Any]]:
        with (self.truth / f"{name}.jsonl").open(encoding="utf-8") as f:
            return [json.loads(line) for line in f]

    def landing_lines(self, source: str) -> dict[str, list[str]]:
        out = {}
        for path in sorted((self.lake / "landing" / source).glob("dt=*/*.jsonl")):
            out[path.parent.name.removeprefix("dt=")] = path.read_text(encoding="utf-8").splitlines()
        return out


@pytest.fixture(scope="session")
def small(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    root = tmp_path_factory.mktemp("synthetic")
    summary = generate(root / "lake", truth_dir=root / "truth", **SMALL)
    return Generated(root / "lake", root / "truth", summary)
