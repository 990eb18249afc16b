"""The independent-set scorer: partial redaction counts as a leak; keeps and context are counted."""

from __future__ import annotations

import json

import pytest

from anonymizers.evaluation import independent as ind
from anonymizers.evaluation.independent import LabeledMessage, score, uncovered_leak

TEXT = "房东徐洋说有事打 138呀1234呀5678，验证码 482913"
MSG = LabeledMessage(
    "t1", TEXT, "zh", "renting", (("PERSON", "徐洋"), ("CN_MOBILE", "138呀1234呀5678")), ("482913",), ("房东", "有事打")
)


def _span(value: str, start_offset: int = 0, end_trim: int = 0) -> tuple[str, int, int]:
    s = TEXT.index(value)
    return ("X", s + start_offset, s + len(value) - end_trim)


@pytest.mark.parametrize(
    ("value", "detections", "leaks"),
    [
        ("138呀1234呀5678", [_span("138呀1234呀5678")], False),  # fully covered
        ("138呀1234呀5678", [_span("138呀1234")], True),  # last four digits left
        ("138呀1234呀5678", [_span("138呀1234呀5678", end_trim=1)], False),  # one digit left: 3 digits, < 1/3
        ("138呀1234呀5678", [], True),
        ("徐洋", [_span("徐洋", end_trim=1)], True),  # half a name is a name
        ("徐洋", [_span("徐洋")], False),
    ],
)
def test_uncovered_leak(value: str, detections: list, leaks: bool) -> None:
    assert uncovered_leak(TEXT, value, detections) is leaks


def test_score_counts_leaks_keeps_context_and_failed_rows() -> None:
    def detect(texts):
        return [[_span("138呀1234呀5678")] for _ in texts]

    def deid(texts):
        return [t.replace("138呀1234呀5678", "<CN_MOBILE>") for t in texts]

    rep = score([MSG], detect, deid, system="s", set_name="x", part="tune", purpose="research")
    assert rep.per_key["CN_MOBILE"].leaked == 0 and rep.per_key["PERSON_ZH"].leaked == 1
    assert rep.group("STRUCTURED").leak_rate == 0.0 and rep.group("PERSON_ZH").leak_rate == 1.0
    assert (rep.keep_rate, rep.context_rate, rep.failed_rows) == (1.0, 1.0, 0)
    closed = score([MSG], detect, lambda ts: [None for _ in ts], system="s", set_name="x", part="tune", purpose="r")
    assert closed.failed_rows == 1 and closed.group("ALL").leaked == 0 and closed.keep_rate == 0.0


def test_loader_rejects_a_value_that_is_not_in_the_text(tmp_path, monkeypatch) -> None:
    d = tmp_path / "bad"
    d.mkdir()
    (d / "tune.jsonl").write_text(json.dumps({"id": "1", "text": "abc", "pii": [{"type": "PERSON", "value": "zz"}]}) + "\n")
    (d / "holdout.jsonl").write_text("")
    monkeypatch.setattr(ind, "SETS_DIR", tmp_path)
    with pytest.raises(ValueError, match=r"tune.jsonl:1: value not in text: 'zz'"):
        ind.load_set("bad")
    with pytest.raises(ValueError, match="unknown evaluation set"):
        ind.load_set("nope")


@pytest.mark.parametrize("name", ind.available_sets())
def test_shipped_sets_load_and_have_both_parts(name: str) -> None:
    assert "holdout" in ind.parts_of(name), "every set keeps an unseen part"
    rows = ind.load_set(name, "all")
    assert rows
    ids = [m.id for m in rows]
    assert len(ids) == len(set(ids)), "ids must be unique across the parts"
