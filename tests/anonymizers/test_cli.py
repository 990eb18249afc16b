"""`deid` and `eval-deid` commands: contract, order, fail closed, exit codes."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from transforms.cli import deid_cmd, eval_cmd


def _app() -> typer.Typer:
    app = typer.Typer()
    deid_cmd.register(app)
    eval_cmd.register(app)
    return app


def test_deid_streams_same_ids_same_order(tmp_path, research) -> None:
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    rows = [{"id": i, "text": f"第{i}条 手机13800138000"} for i in range(7)] + [{"id": "n", "text": None}]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    res = CliRunner().invoke(_app(), ["deid", "--in", str(src), "--out", str(dst), "--batch-size", "3", "--no-progress"])
    assert res.exit_code == 0, res.output
    out = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [o["id"] for o in out] == [r["id"] for r in rows]
    assert out[3]["text"] == "第3条 手机<CN_MOBILE>"
    assert out[-1]["text"] is None
    assert "13800138000" not in dst.read_text(encoding="utf-8")


def test_deid_fails_closed(tmp_path, research) -> None:
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_bytes(
        b'{"id": "a", "text": "hi 13800138000"}\n{"id": "b", "text": 13800138000}\nnot json 13800138000\n'
        b'{"id": "c", "text": "\xff\xfe 13800138000"}\n'
    )
    res = CliRunner().invoke(_app(), ["deid", "--in", str(src), "--out", str(dst), "--no-progress"])
    assert res.exit_code == 1
    assert "line 2, id 'b'" in res.output and "line 3" in res.output
    out = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [o["text"] for o in out] == ["hi <CN_MOBILE>", None, None, None]
    assert "line 4" in res.output
    assert "13800138000" not in dst.read_text(encoding="utf-8")


def test_eval_deid_json(research) -> None:
    res = CliRunner().invoke(_app(), ["eval-deid", "--n", "120", "--seed", "5", "--json"])
    assert res.exit_code == 0, res.output
    (report,) = json.loads(res.output)
    assert report["messages"] == 120 and "CN_MOBILE" in report["entities"]
    assert 0.0 <= report["entities"]["CN_MOBILE"]["recall"] <= 1.0


def test_eval_deid_all_sets_tune_skips_holdout_only_sets(research, tmp_path, monkeypatch) -> None:
    """`--set all --part tune` scores the sets that have a tune part; a named holdout-only set is a clear error."""
    from anonymizers.evaluation import independent

    row = {"id": "x-1", "text": "我叫王磊", "lang": "zh", "register": "t", "pii": [{"type": "PERSON", "value": "王磊"}]}
    for name, parts in (("both", ("tune", "holdout")), ("late", ("holdout",))):
        (tmp_path / name).mkdir()
        for part in parts:
            (tmp_path / name / f"{part}.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    monkeypatch.setattr(independent, "SETS_DIR", tmp_path)
    assert independent.parts_of("late") == ("holdout",)
    res = CliRunner().invoke(_app(), ["eval-deid", "--set", "all", "--part", "tune", "--json"])
    assert res.exit_code == 0, res.output
    assert [r["set"] for r in json.loads(res.output)] == ["both"]
    res = CliRunner().invoke(_app(), ["eval-deid", "--set", "late", "--part", "tune"])
    assert res.exit_code == 2 and "has no tune part" in res.output, res.output
