"""Dates of birth in Chinese, numeric and English formats; other dates are kept."""

from __future__ import annotations

import pytest

from anonymizers.predefined_recognizers.generic import DateOfBirthRecognizer
from anonymizers.predefined_recognizers.generic.date_of_birth_recognizer import parse_date

BIRTH = [
    ("我1998年3月5日出生", "1998年3月5日"),
    ("我是98年3月5号生日", "98年3月5号"),
    ("呃我是九八年的九八年三月五号生日你别忘了", "九八年三月五号"),
    ("出生日期：一九九五年十月八号", "一九九五年十月八号"),
    ("她生日是二零零一年十一月二十号", "二零零一年十一月二十号"),
    ("生日1998-03-05", "1998-03-05"),
    ("出生于1998/3/5，属虎", "1998/3/5"),
    ("她1979.11.24生日", "1979.11.24"),
    ("DOB: 03/05/1998", "03/05/1998"),
    ("born on 20/07/1978 in Leeds", "20/07/1978"),
    ("I was born on 5 March 1998", "5 March 1998"),
    ("date of birth March 5, 1998", "March 5, 1998"),
    ("我是20060728出生的", "20060728"),
    ("生日是3月5号", "3月5号"),
    ("她是1936年腊月初八出生的", "1936年腊月初八"),
    ("次女莉莉，2016年4月12日生", "2016年4月12日"),
    ("长子2012年9月生", "2012年9月"),
    ("他说自己是1973/10/5的，星座是狮子座", "1973/10/5"),
    # a profile listing without a birth word: gender, body measures, patient records, name fields
    ("何某，男，07/20/1978，身高178", "07/20/1978"),
    ("体检报告：邱某，1986年七月三号，血压135/88", "1986年七月三号"),
    ("我儿子苏强，2014.05.22，户口在广西", "2014.05.22"),
    ("改成英文格式：黄颖，1997年12月3日，碧桂园", "1997年12月3日"),
    ("我们全家的生日：爸爸06/20/1959，妈妈1948-10-18，我07/01/2005", "07/01/2005"),
    ("他说他95年的，比我大三岁", "95年"),
    ("我是九八年的", "九八年"),
]

KEPT = [
    "我们第一次见面是在2023年5月20日",
    "复查时间：2026年12月15日上午",
    "往来港澳通行证过期日期2029-05-30",
    "我俩的纪念日是10月3号",
    "2008年北京奥运会你还记得吗",
    "下学期开学是2月24号，报到截止3月1号",
    "项目deadline是12月20号",
    "我儿子下周一2025年3月3日复查",
    "今天是2024年5月1日，天气很好",
    "生日快乐🎂，今天12月1号",
    "订单20231105123456789已发货",
    "我生日是2月30号",  # not a calendar date
    "生日那天是2999年1月1日",  # in the future
    "今年是2024年的最后一天",
    "2019年的冬天特别冷",
]


@pytest.fixture(scope="module")
def dob() -> DateOfBirthRecognizer:
    return DateOfBirthRecognizer()


@pytest.mark.parametrize(("text", "value"), BIRTH)
def test_birth_date_found(dob, text: str, value: str) -> None:
    got = [text[r.start : r.end] for r in dob.analyze(text, ["DATE_OF_BIRTH"]) if r.score >= 0.3]
    assert value in got


@pytest.mark.parametrize("text", KEPT)
def test_other_dates_kept(dob, text: str) -> None:
    assert [r for r in dob.analyze(text, ["DATE_OF_BIRTH"]) if r.score >= 0.3] == []


@pytest.mark.parametrize(
    ("form", "text", "ymd"),
    [
        ("zh full date", "九八年三月五号", (1998, 3, 5)),
        ("zh full date", "1936年腊月初八", (1936, 12, 8)),
        ("zh full date", "二零零一年十一月二十号", (2001, 11, 20)),
        ("day month year (numeric)", "07/20/1978", (1978, 7, 20)),
        ("day month year (numeric)", "20/07/1978", (1978, 7, 20)),
        ("en day month year", "5th of March 1998", (1998, 3, 5)),
    ],
)
def test_parse_date(form: str, text: str, ymd: tuple[int, int, int]) -> None:
    assert parse_date(form, text) == ymd


def test_through_the_engine(engine) -> None:
    from .conftest import found

    assert ("DATE_OF_BIRTH", "98年3月5号") in found(engine, "我是98年3月5号生日，电话13800138000")
    assert not any(t == "DATE_OF_BIRTH" for t, _ in found(engine, "复查时间：2026年12月15日上午"))
