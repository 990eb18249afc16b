"""`aimate-share generate` wires the generator's options through Typer."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from transforms.cli import generate_cmd


def test_generate_command_writes_landing_and_truth(tmp_path: Path) -> None:
    app = typer.Typer()
    generate_cmd.register(app)
    result = CliRunner().invoke(
        app,
        [
            "generate",
            "--lake",
            str(tmp_path / "lake"),
            "--seed",
            "3",
            "--days",
            "2",
            "--users",
            "30",
            "--messages",
            "120",
            "--events",
            "150",
            "--truth",
            str(tmp_path / "truth"),
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "truth" / "summary.json").read_text(encoding="utf-8"))
    assert summary["chat_messages"] == 120 and summary["telemetry_events"] == 150 and summary["days"] == 2
    files = sorted((tmp_path / "lake" / "landing").glob("*/dt=*/part-000.jsonl"))
    assert len(files) == 6
    assert "120 chat messages" in result.output
