"""Dates of birth in the formats people type: 1998年3月5日, 98年3月5号, 一九九八年三月五号, 1998-03-05,
1998/3/5, 1998.3.5, 03/05/1998, 19980305, 5 March 1998, March 5, 1998.

A date is PII here only as a birth date, so where it is decides, not its shape:

* next to a birth cue (生日, 出生, 生于, born, DOB, date of birth) it is a date of birth;
* in a person's profile listing (``何雅琴，男，07/20/1978，身高178``, ``我儿子苏强，2014.05.22，户口在…``)
  a past full date is one too, unless an event word sits right by it (复查, 到期, 见面, deadline…);
* otherwise (appointments, deadlines, anniversaries, 2008年北京奥运会) it is kept.
Two-digit years, month-day only and 8-digit compact dates count only next to a birth cue.
"""

from __future__ import annotations

import datetime as _dt
import re

from presidio_analyzer import Pattern, RecognizerResult

from anonymizers.predefined_recognizers.declared import DeclaredPatternRecognizer

from ..precheck import PrecheckMixin

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTH_NUM = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                          "nov", "dec"), start=1)}
_ZH = "零〇一二两三四五六七八九十"
_ZH_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}

# Pieces (Arabic or Chinese numerals).
_Y4 = r"(?:(?:19|20)\d{2}|[一二][零〇一二三四五六七八九]{3})"
_Y2 = r"(?:\d{2}|[零〇一二三四五六七八九]{2})"
_M = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九正冬腊])"
_D = r"(?:3[01]|[12]\d|0?[1-9]|[一二]?十[一二三四五六七八九]?|三十一?|初[一二三四五六七八九十]|廿[一二三四五六七八九]?|[一二三四五六七八九])"
_NB = r"(?<![0-9零〇一二两三四五六七八九十])"  # not in the middle of a number
_NA = r"(?![0-9])"

BIRTH_CUE = re.compile(
    r"(?i)生日|出生|生于|生辰|诞生|出世|星座|生肖|属[鼠牛虎兔龙蛇马羊猴鸡狗猪]|周岁|born|birth|dob|d\.o\.b"
)
# 2016年4月12日生 / 1973/10/5的人: a birth reading right after the date.
_BIRTH_AFTER_CUE = re.compile(r"\s*(?:生(?![活意产成气效病])|年生|出生)")
# "黄颖，1997年12月3日，…": the date follows a name-shaped field of a listing.
_NAME_FIELD = re.compile(r"(?:^|[，,：:;；\s])([\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{2,6}·[\u4e00-\u9fff]{2,6})[，,、\s]\s*$")
# A profile listing: gender, ID-card fields, family members, patients/insured persons.
_PROFILE_CUE = re.compile(
    r"(?i)[，,、]\s*[男女]\s*[，,、]|性别|姓名|民族|籍贯|户口|户籍|身高|体重|年龄|血型|病人|患者|病历|体检|就诊|"
    r"入住人|投保人|被保险人|参保人|住院|手环|填表|要填|填写|居住证|现居住|个人信息|登记|报名|简历|儿子|女儿|孩子|宝宝|闺女|小孩|老人|爷爷|奶奶|外公|外婆|insured|patient|name\s*:"
)
# Words that make a date an event, not a birth (kept unless a birth cue is there).
_EVENT_CUE = re.compile(
    r"(?i)复查|复诊|预约|挂号|手术|到期|过期|有效期|截止|开学|考试|入学|入职|离职|结婚|领证|毕业|见面|认识|纪念|"
    r"发货|签收|签约|航班|出发|返回|开会|会议|上课|去世|逝世|报到|活动|deadline|due|expir|appointment|meeting"
)
_BIRTH_BEFORE, _BIRTH_AFTER = 20, 12
_PROFILE_BEFORE, _PROFILE_AFTER = 24, 12
_EVENT_BEFORE, _EVENT_AFTER = 8, 6

SCORE_BIRTH = 0.85
SCORE_PROFILE = 0.6


_LUNAR_MONTH = {"正": 1, "冬": 11, "腊": 12}


def _zh_number(s: str) -> int | None:
    """Arabic digits, or Chinese numerals read as a year (一九九八) or a number up to 31 (二十一, 初八, 廿三)."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if s in _LUNAR_MONTH:
        return _LUNAR_MONTH[s]
    if s.startswith("初"):
        return _zh_number(s[1:])
    if s.startswith("廿"):
        rest = _zh_number(s[1:]) if s[1:] else 0
        return None if rest is None else 20 + rest
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _ZH_DIGIT.get(tens, 1) if tens else 1
        o = _ZH_DIGIT.get(ones, 0) if ones else 0
        return t * 10 + o if (not tens or tens in _ZH_DIGIT) and (not ones or ones in _ZH_DIGIT) else None
    if all(c in _ZH_DIGIT for c in s):
        return int("".join(str(_ZH_DIGIT[c]) for c in s))
    return None


def _year(raw: str) -> int | None:
    y = _zh_number(raw)
    if y is None:
        return None
    if y < 100:  # 98年 -> 1998, 05年 -> 2005
        y += 2000 if y <= _dt.date.today().year % 100 else 1900
    return y


def plausible_birth_date(y: int | None, m: int | None, d: int | None) -> bool:
    """A real calendar date from 1900 up to today (month/day alone: a real month and day)."""
    if m is None or d is None:
        return False
    try:
        date = _dt.date(y or 2000, m, d)  # 2000 is a leap year: 2月29日 without a year is fine
    except ValueError:
        return False
    return y is None or _dt.date(1900, 1, 1) <= date <= _dt.date.today()


_SEP = r"\s?[/.-]\s?"
_ZH_FULL = rf"{_NB}(?P<y>{_Y4}|{_Y2})\s?年\s?(?P<m>{_M})\s?月\s?(?P<d>{_D})\s?[日号]?"
_ZH_MD = rf"{_NB}(?P<m>{_M})\s?月\s?(?P<d>{_D})\s?[日号]"
_ZH_YM = rf"{_NB}(?P<y>{_Y4})\s?年\s?(?P<m>{_M})\s?月(?!\s?[0-9一二三四五六七八九十初廿])"
_YMD = rf"{_NB}(?P<y>(?:19|20)\d{{2}}){_SEP}(?P<m>1[0-2]|0?[1-9]){_SEP}(?P<d>3[01]|[12]\d|0?[1-9]){_NA}"
_DMY = rf"{_NB}(?P<a>3[01]|[12]\d|0?[1-9])[/.-](?P<b>3[01]|[12]\d|0?[1-9])[/.-](?P<y>(?:19|20)\d{{2}}){_NA}"
_COMPACT = rf"{_NB}(?P<y>(?:19|20)\d{{2}})(?P<m>1[0-2]|0[1-9])(?P<d>3[01]|[12]\d|0[1-9]){_NA}"
_EN_MDY = (
    rf"(?<![A-Za-z])(?P<mon>{_MONTHS})\.?\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}}){_NA}"
)
_EN_DMY = (
    rf"{_NB}(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTHS})\.?,?\s+(?P<y>(?:19|20)\d{{2}}){_NA}"
)
_FORMS = {
    "zh full date": (_ZH_FULL, True),
    "zh month day": (_ZH_MD, False),
    "zh year month": (_ZH_YM, False),
    "year month day": (_YMD, True),
    "day month year (numeric)": (_DMY, True),
    "compact yyyymmdd": (_COMPACT, False),
    "en month day year": (_EN_MDY, True),
    "en day month year": (_EN_DMY, True),
}
_COMPILED = {name: re.compile(rx, re.IGNORECASE) for name, (rx, _full) in _FORMS.items()}


def parse_date(form: str, text: str) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) of a match of one of the forms (None when the text is not that form)."""
    m = _COMPILED[form].fullmatch(text)
    if not m:
        return None
    g = m.groupdict()
    if "mon" in g and g["mon"]:
        return int(g["y"]), _MONTH_NUM[g["mon"][:3].lower()], int(g["d"])
    if "a" in g and g["a"]:
        a, b = int(g["a"]), int(g["b"])
        if a > 12 >= b:  # 20/07/1978: day first
            return int(g["y"]), b, a
        return int(g["y"]), a, b  # 07/20/1978 or ambiguous 03/05/1998: month first (both are plausible)
    day = _zh_number(g["d"]) if g.get("d") else 1  # 2012年9月: a year and month only
    return (_year(g["y"]) if g.get("y") else None), _zh_number(g["m"]), day


def _name_shaped(field: str) -> bool:
    """A listing field that starts with a surname (黄颖, 欧阳娜娜) or is a dotted minority name."""
    from ..country_specific.china._names import COMPOUND_SURNAMES, SURNAMES

    return "·" in field or field[:2] in COMPOUND_SURNAMES or (field[0] in SURNAMES and len(field) <= 3)


class DateOfBirthRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """DATE_OF_BIRTH: a plausible date next to a birth cue, or a past full date in a profile listing."""

    ENTITY = "DATE_OF_BIRTH"
    VALIDATED = False
    STRUCTURED = False
    PRIORITY = 200
    SURROGATE = "date_of_birth"
    PATTERNS = [Pattern(name, rx, 0.1) for name, (rx, _full) in _FORMS.items()]
    CONTEXT: list[str] = []  # the score is decided here from the window (see class docstring)
    # Something date-shaped must occur: 年/月, a separated or compact numeric date, an English month.
    PRECHECK = re.compile(r"(?i)[年月]|\d[/.-]\d|\d{8}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        """Pattern matches rescored by their window: birth cue, profile listing, or dropped."""
        out: list[RecognizerResult] = []
        for r in super().analyze(text, entities, nlp_artifacts, regex_flags):
            form = (r.analysis_explanation.pattern_name if r.analysis_explanation else None) or ""
            ymd = parse_date(form, text[r.start : r.end]) if form in _FORMS else None
            if ymd is None or not plausible_birth_date(*ymd):
                continue
            score = self._score(text, r.start, r.end, form, ymd[0])
            if score:
                r.score = score
                out.append(r)
        return out

    @staticmethod
    def _score(text: str, start: int, end: int, form: str, year: int | None) -> float:
        near = text[max(0, start - _BIRTH_BEFORE) : start] + "\x00" + text[end : end + _BIRTH_AFTER]
        if BIRTH_CUE.search(near) or _BIRTH_AFTER_CUE.match(text, end):
            return SCORE_BIRTH
        two_digit_year = form == "zh full date" and not re.match(rf"\s*{_Y4}", text[start:end])
        if not _FORMS[form][1] or two_digit_year or year is None:
            return 0.0
        event = text[max(0, start - _EVENT_BEFORE) : start] + "\x00" + text[end : end + _EVENT_AFTER]
        if _EVENT_CUE.search(event):
            return 0.0
        profile = text[max(0, start - _PROFILE_BEFORE) : start] + "\x00" + text[end : end + _PROFILE_AFTER]
        if _PROFILE_CUE.search(profile):
            return SCORE_PROFILE
        field = _NAME_FIELD.search(text[max(0, start - 12) : start])
        return SCORE_PROFILE if field and _name_shaped(field.group(1)) else 0.0
