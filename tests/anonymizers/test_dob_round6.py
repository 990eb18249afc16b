"""A message that states one birth date lists its other dates with a year alike (round-5 blind tune halves).

Failed before: the second date had no birth cue of its own and stayed.
"""

from __future__ import annotations

import pytest

from tests.anonymizers.conftest import found

CASES = [
    ("DOB 那一栏填 09/30/1988 还是 1995-12-08？这个 form 是美国学校的", "1995-12-08"),
    ("我老公是一九九八年五月十三号生的，我是七二年十月二十二号，婚期定在10月1号", "七二年十月二十二号"),
    ("my birthday is O3/O9/2OOO (letters O, hehe)", "O3/O9/2OOO"),
    ("相亲对象叫冼嘉豪，92年生的，在银行上班", "92年"),
    ("本人男，1993年生，身高178", "1993年"),
    ("b-day: 0 7 / 1 2 / 2 0 0 4，记得给我送礼物", "0 7 / 1 2 / 2 0 0 4"),
]


@pytest.mark.parametrize(("text", "dob"), CASES)
def test_listed_birth_date_is_found(engine, text: str, dob: str) -> None:
    assert ("DATE_OF_BIRTH", dob) in found(engine, text), found(engine, text)


@pytest.mark.parametrize("text", ["2020年生产了一批口罩", "我们1998年生产线就开了"])
def test_production_years_are_kept(engine, text: str) -> None:
    assert not [v for t, v in found(engine, text) if t == "DATE_OF_BIRTH"]


def test_event_date_without_a_year_is_kept(engine) -> None:
    text = "我老公是一九九八年五月十三号生的，婚期定在10月1号"
    assert not [v for t, v in found(engine, text) if "10月1号" in v]
