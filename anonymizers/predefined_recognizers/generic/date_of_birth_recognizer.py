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

import regex
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
_M = r"(?:1[0-2]|0?[1-9]|十[一二]?|一[〇零一二](?!\d)|[〇零][一二三四五六七八九]|[一二三四五六七八九正冬腊])"
_D = (
    r"(?:3[01]|[12]\d|0?[1-9]|[一二]?十[一二三四五六七八九]?|三十一?|初[一二三四五六七八九十]|廿[一二三四五六七八九]?"
    r"|[〇零][一二三四五六七八九]|[一二][〇零一二三四五六七八九]|三[〇零一]|[一二三四五六七八九])"
)
# Daxie numerals (壹玖捌贰年壹壹月柒日) read as ordinary Chinese numerals, one character for one.
_DAXIE = str.maketrans("壹贰貳叁參肆伍陆陸柒捌玖拾", "一二二三三四五六六七八九十")
_NB = r"(?<![0-9零〇一二两三四五六七八九十])"  # not in the middle of a number
_NA = r"(?![0-9])"

BIRTH_CUE = re.compile(
    r"(?i)生日|出生|生于|生辰|诞生|出世|星座|生肖|属[鼠牛虎兔龙蛇马羊猴鸡狗猪]|周岁|born|birth|dob|d\.o\.b"
)
# 2016年4月12日生 / 1973/10/5的人: a birth reading right after the date.
_BIRTH_AFTER_CUE = re.compile(r"\s*(?:生(?![活意产成气效病])|年生|出生)")
# "黄颖，1997年12月3日，…": the date follows a name-shaped field of a listing.
_NAME_FIELD = re.compile(
    r"(?:^|[，,：:;；\s]|叫|是)([\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{2,6}·[\u4e00-\u9fff]{2,6})[，,、\s]\s*$"
)
# "她叫毛子墨，96年01月21日的，": a date "of" a person (的 then a pause) after a name field.
_SELF_IS = re.compile(r"(?:我|他|她|你|自己)也?是\s*$")
_OF_PERSON = re.compile(r"\s*的(?=\s*[，,。.!！?？~～…]|$)")
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
_DEICTIC = re.compile(r"今天|明天|昨天|后天|前天|今儿|明儿")
_BIRTH_BEFORE, _BIRTH_AFTER = 20, 12
_PROFILE_BEFORE, _PROFILE_AFTER = 24, 12
_EVENT_BEFORE, _EVENT_AFTER = 5, 4
# "我们全家的生日：爸爸06/20/1959，妈妈1948-10-18，我07/01/2005": a birth cue earlier in the same
# sentence covers every date right after a person word.
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_PERSON_BEFORE = re.compile(
    r"(?:我|他|她|自己|爸爸|妈妈|爸|妈|哥哥|姐姐|弟弟|妹妹|儿子|女儿|老公|老婆|爷爷|奶奶|外公|外婆|宝宝|孩子|"
    r"老大|老二|大宝|二宝)\s*[:：是]?\s*$"
)

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
_ZH_MD = rf"{_NB}(?<!年)(?<!年\s)(?P<m>{_M})\s?月\s?(?P<d>{_D})\s?[日号]"
# 3月15生日 / 腊月初八生的 / 八月十五的生日: month and day without 日 or 号 (only next to a birth cue).
_ZH_MD_BARE = rf"{_NB}(?<!年)(?<!年\s)(?P<m>{_M})\s?月\s?(?P<d>{_D})(?![0-9日号])"
_ZH_YM = rf"{_NB}(?P<y>{_Y4})\s?年\s?(?P<m>{_M})\s?月(?!\s?[0-9一二三四五六七八九十初廿])"
_YMD = rf"{_NB}(?P<y>(?:19|20)\d{{2}}){_SEP}(?P<m>1[0-2]|0?[1-9]){_SEP}(?P<d>3[01]|[12]\d|0?[1-9]){_NA}"
_DMY = rf"{_NB}(?P<a>3[01]|[12]\d|0?[1-9])[/.-](?P<b>3[01]|[12]\d|0?[1-9])[/.-](?P<y>(?:19|20)\d{{2}}){_NA}"
# DOB 5-3-98: a two-digit year (only next to a birth cue).
_DMY_SHORT = rf"{_NB}(?P<a>3[01]|[12]\d|0?[1-9])[/.-](?P<b>3[01]|[12]\d|0?[1-9])[/.-](?P<y>\d{{2}}){_NA}(?![/.-]\d)"
# 生日98.3.5 / 出生日期：98-03-05: a two-digit year first (only next to a birth cue).
_YMD_SHORT = rf"{_NB}(?P<y>\d{{2}})[/.-](?P<m>1[0-2]|0?[1-9])[/.-](?P<d>3[01]|[12]\d|0?[1-9]){_NA}(?![/.-]\d)"
# 出生年月 1995.07 / 1995/07: a year and a month (only next to a birth cue).
_YM_NUM = rf"{_NB}(?P<y>(?:19|20)\d{{2}})[/.-](?P<m>1[0-2]|0?[1-9])(?![0-9]|[/.-]\d)"
# 生日0305 / 生日980305: compact month-day or yymmdd right after the cue.
_CUE_BEFORE = r"(?<=(?:生日|出生|birthday|DOB|D\.O\.B\.?)\s?(?:是|为|is|:|：)?\s?)"
_MMDD = rf"{_CUE_BEFORE}(?P<m>1[0-2]|0[1-9])(?P<d>3[01]|[12]\d|0[1-9])(?!\d)"
_YYMMDD = rf"{_CUE_BEFORE}(?P<y>\d{{2}})(?P<m>1[0-2]|0[1-9])(?P<d>3[01]|[12]\d|0[1-9])(?!\d)"
# the 5th of March: an English day and month without a year (only next to a birth cue).
_EN_DM = rf"{_NB}(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTHS})\b(?!\.?,?\s+(?:19|20)\d\d)"
# born on March 5th / born May 3: an English month and day without a year (only next to a birth cue).
_EN_MD = rf"(?<![A-Za-z])(?P<mon>{_MONTHS})\.?\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![0-9,])(?!\s*,?\s*(?:19|20)\d\d)"
# 我是98年的 / 他95年的 / 她九七年生: a year of birth said as such (the cue is in the form itself).
_ZODIAC = "[鼠牛虎兔龙蛇马羊猴鸡狗猪]"
_ZH_BIRTH_YEAR = (
    rf"(?:(?<=(?:我|他|她|你|自己)(?:说他|说她|说自己)?(?:也是|是)?)|(?<=属{_ZODIAC}的?[，,、\s]?(?:是)?))"
    rf"\s?(?P<y>{_Y4}|{_Y2})\s?年(?:\s?(?P<m>{_M})\s?月)?(?=的|生(?![活意产])|出生|属{_ZODIAC}|[，,。\s]|$)"
)
# 出生于1992年春天 / 生于九二年: a year right after a birth verb.
_ZH_CUED_YEAR = rf"(?<=(?:出生于|生于|出生在|生在|出生是|出生年份是?)\s?(?:公元)?)(?P<y>{_Y4}|{_Y2})\s?年(?:[春夏秋冬][天季]?|[初底末中])?"
# 农历八月十五 / 阴历腊月初八: a lunar month and day (no 日 or 号 after it), a birth date next to a cue.
_ZH_LUNAR = rf"(?<=(?:农历|阴历|旧历)\s?)(?:(?P<y>{_Y4}|{_Y2})\s?年\s?)?(?P<m>{_M})\s?月\s?(?P<d>{_D})"
# 生日3.15 / birthday 3/15: a numeric month and day, a birth date only right after a cue.
_NUM_MD = rf"(?<=(?:生日|birthday|born on)\s?(?:是|is)?\s?){_NB}(?P<m>1[0-2]|0?[1-9])[./-](?P<d>3[01]|[12]\d|0?[1-9]){_NA}(?![./-]\d)"
# born in 1998 / born in the spring of 98 / 98年春天出生: a year of birth stated as such.
_EN_BORN_YEAR = r"(?<=\bborn\s(?:in|around|circa|during)\s(?:the\s)?(?:(?:early|late|mid|spring|summer|autumn|fall|winter)\s(?:of\s)?)?)['’]?(?P<y>(?:19|20)?\d{2})(?!\d)"
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
    "zh birth year": (_ZH_BIRTH_YEAR, False),
    "zh cued year": (_ZH_CUED_YEAR, False),
    "zh month day (bare)": (_ZH_MD_BARE, False),
    "day month year (short year)": (_DMY_SHORT, False),
    "en month day": (_EN_MD, False),
    "year month day (short year)": (_YMD_SHORT, False),
    "year month (numeric)": (_YM_NUM, False),
    "compact mmdd": (_MMDD, False),
    "compact yymmdd": (_YYMMDD, False),
    "en day month": (_EN_DM, False),
    "zh lunar month day": (_ZH_LUNAR, False),
    "numeric month day": (_NUM_MD, False),
    "en born in year": (_EN_BORN_YEAR, False),
    "en month day year": (_EN_MDY, True),
    "en day month year": (_EN_DMY, True),
}
# Presidio compiles patterns with the regex module (variable-width lookbehinds); parse with the same.
_YEAR_FORMS = ("zh birth year", "zh cued year", "en born in year")
_COMPILED = {name: regex.compile(rx, regex.IGNORECASE) for name, (rx, _full) in _FORMS.items()}


def parse_date(
    form: str, text: str, start: int = 0, end: int | None = None
) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) of a match of one of the forms in ``text[start:end]`` (None when it is not
    that form); the text before ``start`` is seen by the forms' look-behind cues."""
    m = _COMPILED[form].fullmatch(text, start, len(text) if end is None else end)
    if not m:
        return None
    g = m.groupdict()
    if "mon" in g and g["mon"]:
        return (int(g["y"]) if g.get("y") else None), _MONTH_NUM[g["mon"][:3].lower()], int(g["d"])
    if "a" in g and g["a"]:
        a, b = int(g["a"]), int(g["b"])
        if a > 12 >= b:  # 20/07/1978: day first
            return _year(g["y"]), b, a
        return _year(g["y"]), a, b  # 07/20/1978 or ambiguous 03/05/1998: month first (both are plausible)
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
    PRECHECK = re.compile(r"(?i)[年月]|\d[/.-]\d|\d{8}|born|生日|出生|birthday|dob|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        """Pattern matches rescored by their window: birth cue, profile listing, or dropped."""
        text = text.translate(_DAXIE)  # same length: offsets hold
        out: list[RecognizerResult] = []
        for r in super().analyze(text, entities, nlp_artifacts, regex_flags):
            form = (r.analysis_explanation.pattern_name if r.analysis_explanation else None) or ""
            if form in _YEAR_FORMS:  # the cue is in the pattern: check the year only
                m = _COMPILED[form].fullmatch(text, r.start, r.end)
                y = _year(m["y"]) if m else None
                if y and 1900 <= y <= _dt.date.today().year:
                    r.score = SCORE_BIRTH
                    out.append(r)
                continue
            ymd = parse_date(form, text, r.start, r.end) if form in _FORMS else None
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
        if form == "zh month day" and _DEICTIC.search(text[max(0, start - 4) : start]):
            return 0.0  # 生日快乐，今天12月1号: a calendar date of today, not a stated birth date
        if BIRTH_CUE.search(near) or _BIRTH_AFTER_CUE.match(text, end):
            return SCORE_BIRTH
        if _OF_PERSON.match(text, end) and _SELF_IS.search(text, max(0, start - 5), start):
            return SCORE_BIRTH  # 我是1998年3月5号的: "I am of <date>"
        sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
        if BIRTH_CUE.search(text, sentence_start, start) and _PERSON_BEFORE.search(text[max(0, start - 6) : start]):
            return SCORE_BIRTH
        of_person = _OF_PERSON.match(text, end) is not None
        two_digit_year = form == "zh full date" and not re.match(rf"\s*{_Y4}", text[start:end]) and not of_person
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
