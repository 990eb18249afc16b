"""No destructive surprises: `demo` keeps folders it did not create, commands refuse non-lakes, and
`deid` reports bad rows and user errors in one line (never a traceback, never silent data loss)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from transforms.cli.deid_cmd import _parse_row
from transforms.lake import Lake

from .conftest import REPO


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "transforms.cli", *args], capture_output=True, text=True,
                          timeout=300, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})})


def test_demo_refuses_a_folder_holding_a_file_and_keeps_it(tmp_path):
    target = tmp_path / "work"
    target.mkdir()
    (target / "thesis.tex").write_text("years of work")
    out = cli("demo", "--lake", str(target), "--users", "10")
    assert out.returncode == 2
    assert "refusing to use" in out.stderr and "--force" in out.stderr and "Traceback" not in out.stderr
    assert (target / "thesis.tex").read_text() == "years of work"
    assert sorted(p.name for p in target.iterdir()) == ["thesis.tex"]


def test_demo_may_replace_a_lake_it_created(tmp_path):
    lake = Lake(str(tmp_path / "demo"))
    lake.mark("demo")
    assert lake.created_by() == "demo"
    other = Lake(str(tmp_path / "prod"))
    other.mark("run")
    out = cli("demo", "--lake", other.root, "--users", "10")
    assert out.returncode == 2 and other.exists(other.path("_system", "lake.json"))


@pytest.mark.parametrize("command", [["run"], ["releases"], ["rights"], ["forget", "u1", "--request-id", "r1"],
                                     ["withdraw", "u1", "--purpose", "research_sharing"]])
def test_commands_on_a_path_that_is_not_a_lake_fail_in_one_line(tmp_path, command):
    typo = tmp_path / "lkae"
    out = cli(*command, "--lake", str(typo))
    assert out.returncode == 2, out.stdout + out.stderr
    assert out.stderr.strip().count("\n") == 0 and "is not an AIMate lake" in out.stderr
    assert not typo.exists()  # a typo never becomes a new, empty lake


@pytest.mark.parametrize(("raw", "why"), [
    (b'{"id": 1, "txt": "x"}', "no 'text'"),
    (b'{"text": "x"}', "no 'id'"),
    (b'[1, 2]', "JSON list"),
    (b'{"id": 1, "text": 5}', "not a string"),
    (b'{bad', "invalid JSON: Expecting property name enclosed in double quotes at column 2"),
])
def test_deid_rows_without_id_or_text_are_failures(raw, why):
    with pytest.raises(ValueError, match=why):
        _parse_row(raw, first=False)
    assert _parse_row(b'\xef\xbb\xbf{"id": 1, "text": null}', first=True) == {"id": 1, "text": None}


def test_deid_user_errors_are_one_line(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": "hi"}\n')
    for args, expect in ((["--purpose", "marketing", "--out", str(tmp_path / "o.jsonl")], "unknown purpose"),
                         (["--out", str(tmp_path / "missing" / "o.jsonl")], "does not exist")):
        out = cli("deid", "--in", str(src), *args, "--no-progress")
        assert out.returncode == 2 and expect in out.stderr
        assert "Traceback" not in out.stderr and out.stderr.strip().count("\n") == 0


@pytest.mark.slow
def test_deid_missing_text_exits_1_with_the_right_line_number(tmp_path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_bytes(b'\xef\xbb\xbf{"id": 1, "text": "hi"}\n\n{"id": 2, "txt": "lost?"}\n')
    out = cli("deid", "--in", str(src), "--out", str(dst), "--no-progress")
    assert out.returncode == 1
    assert "line 3, id 2: row has no 'text' field" in out.stderr
    rows = [json.loads(x) for x in dst.read_text().splitlines()]
    assert rows[0] == {"id": 1, "text": "hi"} and rows[1]["text"] is None and "error" in rows[1]
