"""The date forms a date of birth is written in, their numerals and their parsing.

Arabic, Chinese (一九九八, 二十一, 初八, 腊月) and daxie (壹玖) numerals; Chinese, numeric and English
orders; forms whose cue is part of the pattern (我是98年的, 生日0305, born in '98). Each form has a
gate: a cheap regex that must occur in the text for the form to be tried at all (a look-behind cue
or a month name), so a message pays only for the forms it could match.
"""

from __future__ import annotations

import datetime as _dt
import re

import regex

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTH_NUM = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                          "nov", "dec"), start=1)}
_ZH = "零〇一二两三四五六七八九十"
_ZH_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}

# Pieces (Arabic or Chinese numerals).
Y4 = r"(?:(?:19|20)\d{2}|[一二][零〇一二三四五六七八九]{3})"
# (八十七年: a two-digit year read as tens and units, as Taiwan's 民國 years are written)
_Y2 = r"(?:\d{2}|[零〇一二三四五六七八九]{2}|[一二三四五六七八九]十[一二三四五六七八九]?)"
_M = r"(?:1[0-2]|0?[1-9]|十[一二]?|一[〇零一二](?!\d)|[〇零][一二三四五六七八九]|[一二三四五六七八九正冬腊])"
_D = (
    r"(?:3[01]|[12]\d|0?[1-9]|[一二]?十[一二三四五六七八九]?|三十一?|初[一二三四五六七八九十]|廿[一二三四五六七八九]?"
    r"|[〇零][一二三四五六七八九]|[一二][〇零一二三四五六七八九]|三[〇零一]|[一二三四五六七八九])"
)
_NB = r"(?<![0-9零〇一二两三四五六七八九十])"  # not in the middle of a number
_NA = r"(?![0-9])"

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


def year_of(raw: str) -> int | None:
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
# 1998年3月5日, 03年的10月10, 1992年2月的8号 (的 between the parts, as said aloud).
# 1987年秋天的4月18日, 2006年3月份的6号: a season, or 份, between the parts.
_SEASON = r"(?:[春夏秋冬][天季]?|年?[初底中末])"
_ZH_FULL = (
    rf"{_NB}(?P<y>{Y4}|{_Y2})\s?年\s?(?:{_SEASON}?的\s?)?(?P<m>{_M})\s?月份?\s?(?:的\s?)?(?P<d>{_D})\s?[日号]?"
)
# 一九九三，十月，三十号 / 1970的1月21 / 48年的7.11: the year, then the month and day after a pause, 的
# or a dot (only next to a cue).
_ZH_Y_PAUSE_MD = (
    rf"{_NB}(?P<y>{Y4}|{_Y2}年)\s?(?:[，,、]|年?的)\s?"
    rf"(?:(?P<m>{_M})\s?月\s?[，,、]?\s?(?P<d>{_D})\s?[日号]?|(?P<m2>1[0-2]|0?[1-9])\.(?P<d2>3[01]|[12]\d|0?[1-9])(?![0-9]))"
)
# 7月21日，1972年 / 10月16日, 1978年: month and day first, the year after a pause (only next to a cue).
_ZH_MD_Y = rf"{_NB}(?<!年)(?P<m>{_M})\s?月\s?(?P<d>{_D})\s?[日号]?\s?[，,、]\s?(?P<y>{Y4})\s?年"
# 2000年的情人节那天 / 国庆节生的: a festival as the day of birth (only next to a cue). Lunar festivals map
# to their lunar date, which is what a lunar birthday states anyway.
FESTIVALS = {
    "元旦": (1, 1), "情人节": (2, 14), "妇女节": (3, 8), "植树节": (3, 12), "愚人节": (4, 1), "劳动节": (5, 1),
    "青年节": (5, 4), "儿童节": (6, 1), "建军节": (8, 1), "教师节": (9, 10), "国庆节": (10, 1), "国庆": (10, 1),
    "万圣节": (10, 31), "光棍节": (11, 11), "平安夜": (12, 24), "圣诞节": (12, 25), "圣诞": (12, 25),
    "春节": (1, 1), "大年初一": (1, 1), "元宵节": (1, 15), "端午节": (5, 5), "七夕": (7, 7), "中秋节": (8, 15),
    "中秋": (8, 15), "重阳节": (9, 9), "腊八": (12, 8), "除夕": (12, 29), "小年": (12, 23),
}
_FEST = "|".join(sorted(FESTIVALS, key=len, reverse=True))
_ZH_FESTIVAL = rf"{_NB}(?:(?P<y>{Y4}|{_Y2})\s?年\s?(?:的\s?)?)?(?P<fest>{_FEST})(?:那天|当天|那一天)?"
_ZH_MD = rf"{_NB}(?<!年)(?<!年\s)(?P<m>{_M})\s?月\s?(?P<d>{_D})\s?[日号]"
# 3月15生日 / 腊月初八生的 / 八月十五的生日: month and day without 日 or 号 (only next to a birth cue).
_ZH_MD_BARE = rf"{_NB}(?<!年)(?<!年\s)(?P<m>{_M})\s?月\s?(?P<d>{_D})(?![0-9日号])"
_ZH_YM = rf"{_NB}(?P<y>{Y4}|{_Y2})\s?年\s?(?P<m>{_M})\s?月(?!\s?[0-9一二三四五六七八九十初廿])"  # 出生年月：99年5月
_YMD = rf"{_NB}(?P<y>(?:19|20)\d{{2}}){_SEP}(?P<m>1[0-2]|0?[1-9]){_SEP}(?P<d>3[01]|[12]\d|0?[1-9]){_NA}"
_DMY = rf"{_NB}(?P<a>3[01]|[12]\d|0?[1-9])[/.-](?P<b>3[01]|[12]\d|0?[1-9])[/.-](?P<y>(?:19|20)\d{{2}}){_NA}"
# DOB 5-3-98: a two-digit year (only next to a birth cue).
_DMY_SHORT = rf"{_NB}(?P<a>3[01]|[12]\d|0?[1-9])[/.-](?P<b>3[01]|[12]\d|0?[1-9])[/.-](?P<y>\d{{2}}){_NA}(?![/.-]\d)"
# 生日98.3.5 / 出生日期：98-03-05: a two-digit year first (only next to a birth cue).
_YMD_SHORT = rf"{_NB}(?P<y>\d{{2}})[/.-](?P<m>1[0-2]|0?[1-9])[/.-](?P<d>3[01]|[12]\d|0?[1-9]){_NA}(?![/.-]\d)"
# 出生年月 1995.07 / 1995/07: a year and a month (only next to a birth cue).
_YM_NUM = rf"{_NB}(?P<y>(?:19|20)\d{{2}})[/.-](?P<m>1[0-2]|0?[1-9])(?![0-9]|[/.-]\d)"
# 生日0305 / 生日980305: compact month-day or yymmdd right after the cue.
# (生日就是密码：980305: the birthday given as a PIN is still the birthday)
_CUE_BEFORE = r"(?<=(?:生日|出生(?:年月|日期)?|生于|birthday|DOB|D\.O\.B\.?|[Bb]-?[Dd]ay)\s?(?:[就也]?是|为|is|:|：)?(?:密码|口令)?[:：]?\s?)"
_MMDD = (rf"(?:{_CUE_BEFORE}(?P<m>1[0-2]|0[1-9])(?P<d>3[01]|[12]\d|0[1-9])(?!\d)"  # 我0107生日: or right before the cue
         rf"|{_NB}(?<!房间|房号|包间|包厢|桌号|编号|号码)(?P<m>1[0-2]|0[1-9])(?P<d>3[01]|[12]\d|0[1-9])(?!\d)(?=\s?(?:的)?生日))")
# 出生年月199503 / 199503出生: a compact year and month, only next to a birth cue.
_YYYYMM = rf"(?:{_CUE_BEFORE}(?P<y>(?:19|20)\d{{2}})(?P<m>1[0-2]|0[1-9])(?!\d)|{_NB}(?P<y>(?:19|20)\d{{2}})(?P<m>1[0-2]|0[1-9])(?!\d)(?=\s?出生|$))"
_YYMMDD = rf"{_CUE_BEFORE}(?P<y>\d{{2}})(?P<m>1[0-2]|0[1-9])(?P<d>3[01]|[12]\d|0[1-9])(?!\d)"
# the 5th of March: an English day and month without a year (only next to a birth cue).
_EN_DM = rf"{_NB}(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTHS})\b(?!\.?,?\s+(?:19|20)\d\d)"
# born on March 5th / born May 3: an English month and day without a year (only next to a birth cue).
_EN_MD = rf"(?<![A-Za-z])(?P<mon>{_MONTHS})\.?\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![0-9,])(?!\s*,?\s*(?:19|20)\d\d)"
# 我是98年的 / 他95年的 / 她九七年生: a year of birth said as such (the cue is in the form itself).
_ZODIAC = "[鼠牛虎兔龙蛇马羊猴鸡狗猪]"
_KIN = r"(?:的)?(?:老婆|老公|爸爸?|妈妈?|儿子|女儿|孩子|哥哥?|姐姐?|弟弟?|妹妹?|男朋友|女朋友|男友|女友|对象|爷爷|奶奶|外公|外婆)"
_ZH_BIRTH_YEAR = (
    rf"(?:(?<=(?:我|他|她|你|自己){_KIN}?(?:说他|说她|说自己)?(?:也是|是)?)|(?<=属{_ZODIAC}的?[，,、\s]?(?:是)?))"
    rf"\s?(?P<y>{Y4}|{_Y2})\s?年(?:\s?(?P<m>{_M})\s?月)?(?=的|生(?![活意产])|出生|属{_ZODIAC}|[，,。\s]|$)"
)
# 冼嘉豪，92年生的 / 本人男，1993年生: a year standing as its own field with 年生 / 年出生 right after it.
_ZH_YEAR_BORN = rf"(?:(?<=[，,、：:；;\s]|民國|民国)|^)(?P<y>{Y4}|{_Y2})\s?年(?=生(?![活意产])|出生)"
# 出生于1992年春天 / 生于九二年: a year right after a birth verb.
_ZH_CUED_YEAR = rf"(?<=(?:出生于|生于|出生在|生在|出生是|出生年份是?)\s?(?:公元)?)(?P<y>{Y4}|{_Y2})\s?年(?:[春夏秋冬][天季]?|[初底末中])?"
# 农历八月十五 / 阴历腊月初八: a lunar month and day (no 日 or 号 after it), a birth date next to a cue.
# The calendar word is part of the date as written (农历六月初十): the span takes it along.
_ZH_LUNAR = (
    rf"(?:{_NB}(?P<y>{Y4}|{_Y2})\s?年\s?(?:的\s?)?(?:农历|阴历|旧历)\s?|(?:农历|阴历|旧历)\s?(?:(?P<y>{Y4}|{_Y2})\s?年\s?)?)"
    rf"(?P<m>{_M})\s?月\s?(?P<d>{_D})"
)
# 农历丙子年三月初一: a year named in the sexagenary cycle (no number to check; the cue decides).
_ZH_GANZHI = rf"(?:(?:农历|阴历|旧历)\s?)?[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年\s?(?P<m>{_M})\s?月\s?(?P<d>{_D})\s?[日号]?"
# 生日3.15 / birthday 3/15: a numeric month and day, a birth date only right after a cue.
_NUM_MD = (rf"(?:(?<=(?:生日|birthday|born on|b-?day)\s?(?:是|is|:)?\s?){_NB}(?P<m>1[0-2]|0?[1-9])[./-](?P<d>3[01]|[12]\d|0?[1-9]){_NA}(?![./-]\d)"
           rf"|{_NB}(?P<m>1[0-2]|0?[1-9])[./-](?P<d>3[01]|[12]\d|0?[1-9]){_NA}(?![./-]\d)(?=\s?(?:的)?生日))")  # 9.21生日
# born in 1998 / born in the spring of 98 / 98年春天出生: a year of birth stated as such.
_EN_BORN_YEAR = r"(?<=\bborn\s(?:in|around|circa|during)\s(?:the\s)?(?:(?:early|late|mid|spring|summer|autumn|fall|winter)\s(?:of\s)?)?)['’]?(?P<y>(?:19|20)?\d{2})(?!\d)"
_COMPACT = rf"{_NB}(?P<y>(?:19|20)\d{{2}})(?P<m>1[0-2]|0[1-9])(?P<d>3[01]|[12]\d|0[1-9]){_NA}"
_EN_MDY = (
    rf"(?<![A-Za-z])(?P<mon>{_MONTHS})\.?\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}}){_NA}"
)
_EN_DMY = (
    rf"{_NB}(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTHS})\.?,?\s+(?P<y>(?:19|20)\d{{2}}){_NA}"
)
FORMS = {
    "zh full date": (_ZH_FULL, True),
    "zh month day": (_ZH_MD, False),
    "zh month day, year": (_ZH_MD_Y, False),
    "zh year, month day": (_ZH_Y_PAUSE_MD, False),
    "zh festival": (_ZH_FESTIVAL, False),
    "zh year month": (_ZH_YM, False),
    "year month day": (_YMD, True),
    "day month year (numeric)": (_DMY, True),
    "compact yyyymmdd": (_COMPACT, False),
    "zh birth year": (_ZH_BIRTH_YEAR, False),
    "zh cued year": (_ZH_CUED_YEAR, False),
    "zh year born": (_ZH_YEAR_BORN, False),
    "zh month day (bare)": (_ZH_MD_BARE, False),
    "day month year (short year)": (_DMY_SHORT, False),
    "en month day": (_EN_MD, False),
    "year month day (short year)": (_YMD_SHORT, False),
    "year month (numeric)": (_YM_NUM, False),
    "compact mmdd": (_MMDD, False),
    "compact yymmdd": (_YYMMDD, False),
    "compact yyyymm": (_YYYYMM, False),
    "en day month": (_EN_DM, False),
    "zh lunar month day": (_ZH_LUNAR, False),
    "zh sexagenary year month day": (_ZH_GANZHI, False),
    "numeric month day": (_NUM_MD, False),
    "en born in year": (_EN_BORN_YEAR, False),
    "en month day year": (_EN_MDY, True),
    "en day month year": (_EN_DMY, True),
}
# Presidio compiles patterns with the regex module (variable-width lookbehinds); parse with the same.
YEAR_FORMS = ("zh birth year", "zh cued year", "zh year born", "en born in year")
COMPILED = {name: regex.compile(rx, regex.IGNORECASE) for name, (rx, _full) in FORMS.items()}


def parse_date(
    form: str, text: str, start: int = 0, end: int | None = None
) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) of a match of one of the forms in ``text[start:end]`` (None when it is not
    that form); the text before ``start`` is seen by the forms' look-behind cues."""
    m = COMPILED[form].match(text, start)  # (not fullmatch with an end: a lookahead must see past the end, 0107|生日)
    if not m or (end is not None and m.end() != end):
        return None
    g = m.groupdict()
    if g.get("fest"):
        return (year_of(g["y"]) if g.get("y") else None), *FESTIVALS[g["fest"]]
    if "mon" in g and g["mon"]:
        return (int(g["y"]) if g.get("y") else None), _MONTH_NUM[g["mon"][:3].lower()], int(g["d"])
    if "a" in g and g["a"]:
        a, b = int(g["a"]), int(g["b"])
        if a > 12 >= b:  # 20/07/1978: day first
            return year_of(g["y"]), b, a
        return year_of(g["y"]), a, b  # 07/20/1978 or ambiguous 03/05/1998: month first (both are plausible)
    if g.get("m2"):
        g["m"], g["d"] = g["m2"], g["d2"]
    day = _zh_number(g["d"]) if g.get("d") else 1  # 2012年9月: a year and month only
    return (year_of(g["y"].rstrip("年")) if g.get("y") else None), _zh_number(g["m"]), day

# Gates: a form is tried only when its gate occurs in the text (the forms with look-behind cues are the
# costly ones; they never match without their cue).
_NUMERIC = re.compile(r"\d[/.-]\d")
_MONTH_WORD = re.compile(r"(?i)jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
_ZH_DATE = re.compile(r"[年月]")
GATES: dict[str, re.Pattern[str]] = {
    "zh full date": _ZH_DATE, "zh month day": _ZH_DATE, "zh month day (bare)": _ZH_DATE, "zh year month": _ZH_DATE,
    "zh month day, year": _ZH_DATE, "zh year, month day": re.compile(r"[年月]|\d的\d|\d\.\d"),
    "zh festival": re.compile(f"{_FEST}"),
    "zh birth year": _ZH_DATE, "zh year born": re.compile(r"年生|年出生"), "zh cued year": re.compile(r"生于|出生|生在"), "zh lunar month day": re.compile(r"农历|阴历|旧历"),
    "zh sexagenary year month day": re.compile(r"[子丑寅卯辰巳午未申酉戌亥]年"),
    "year month day": _NUMERIC, "year month day (short year)": _NUMERIC, "year month (numeric)": _NUMERIC,
    "day month year (numeric)": re.compile(r"\d[/.-]\d{1,2}[/.-]\d"), "day month year (short year)": re.compile(r"\d[/.-]\d{1,2}[/.-]\d"),
    "numeric month day": re.compile(r"(?i)生日|birthday|born on|b-?day"), "compact yyyymmdd": re.compile(r"\d{8}"),
    "compact mmdd": re.compile(r"(?i)生日|出生|birthday|dob|d\.o\.b"), "compact yymmdd": re.compile(r"(?i)生日|出生|birthday|dob|d\.o\.b"),
    "compact yyyymm": re.compile(r"生日|出生|生于"),
    "en born in year": re.compile(r"(?i)born"), "en month day year": _MONTH_WORD, "en day month year": _MONTH_WORD,
    "en month day": _MONTH_WORD, "en day month": _MONTH_WORD,
}
