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

from ..collapsed_view import despaced_in_context
from ..country_specific.china.t2s import DAXIE, to_simplified
from ..precheck import PrecheckMixin
from .dob_forms import (
    COMPILED,
    FORMS,
    GATES,
    Y4,
    YEAR_FORMS,
    parse_date,
    plausible_birth_date,
    year_of,
)

__all__ = ["DateOfBirthRecognizer", "parse_date", "plausible_birth_date"]


# (and the idioms of coming into the world: 95年3月12日降生, 1995年3月12日呱呱坠地, 来到这个世界, 妈妈生下了我)
BIRTH_CUE = re.compile(
    r"(?i)生日|出生|生于|生辰|诞生|出世|星座|生肖|属[鼠牛虎兔龙蛇马羊猴鸡狗猪]|周岁|大寿|寿辰|过寿|满月|百天"
    r"|降生|坠地|来到了?(?:这个)?世界|来到人间|来到世上|生下了?我|生的我"
    r"|born|birth|dob|d\.o\.b|b-?day|b'day|bday"
)
# 2016年4月12日生 / 1973/10/5的人: a birth reading right after the date.
_BIRTH_AFTER_CUE = re.compile(
    r"\s*(?:那天|当天)?(?:凌晨|早上|清晨|上午|中午|下午|傍晚|晚上|半夜|深夜)?\s*(?:\d{1,2}点(?:多|半)?)?\s*"
    r"(?:生(?![活意产成气效病])|年生|出生|的?[白金双巨狮处天射摩水][羊牛子蟹鱼女秤蝎手羯瓶]座)"
)  # (1995年3月12号的双鱼座: the star sign right after the date)
# "黄颖，1997年12月3日，…": the date follows a name-shaped field of a listing.
_NAME_FIELD = re.compile(
    r"(?:^|[，,：:;；\s]|叫|是)([\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{2,6}·[\u4e00-\u9fff]{2,6})[，,、\s]\s*$"
)
# "她叫毛子墨，96年01月21日的，": a date "of" a person (的 then a pause) after a name field.
_SELF_IS = re.compile(r"(?:(?:我|他|她|你|自己)也?|说(?:他|她|自己)?)是\s*$")  # 说是零四年二月二号的
_OF_PERSON = re.compile(r"\s*的(?=\s*[，,。.!！?？~～…]|$)")
# A profile listing: gender, ID-card fields, family members, patients/insured persons.
_PROFILE_CUE = re.compile(
    r"(?i)[，,、]\s*[男女]\s*[，,、]|性别|姓名|民族|籍贯|户口|户籍|身高|体重|年龄|血型|病人|患者|病历|体检|就诊|"
    r"入住人|投保人|被保险人|参保人|住院|手环|填表|要填|填写|居住证|现居住|个人信息|登记|报名|简历|儿子|女儿|孩子|宝宝|闺女|小孩|老人|爷爷|奶奶|外公|外婆|insured|patient|name\s*:"
)
# Words that make a date an event, not a birth (kept unless a birth cue is there).
_EVENT_CUE = re.compile(
    r"(?i)复查|复诊|预约|挂号|手术|到期|过期|有效期|截止|开学|考试|入学|入职|离职|结婚|领证|毕业|见面|认识|纪念|"
    r"发货|签收|签约|航班|出发|返回|开会|会议|上课|去世|逝世|报到|活动|入住(?!人)|退房|离店|check-?in|check-?out"
    r"|deadline|due|expir|appointment|meeting"
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



def _name_shaped(field: str) -> bool:
    """A listing field that starts with a surname (黄颖, 欧阳娜娜) or is a dotted minority name."""
    from ..country_specific.china._names import COMPOUND_SURNAMES, SURNAMES

    return "·" in field or field[:2] in COMPOUND_SURNAMES or (field[0] in SURNAMES and len(field) <= 3)


# Cheap test for a spaced-out run (one character, a blank, one character, a blank, …).
_SPACED_HINT = re.compile(r"(?:\S[ \t]){4}\S")


class DateOfBirthRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """DATE_OF_BIRTH: a plausible date next to a birth cue, or a past full date in a profile listing."""

    ENTITY = "DATE_OF_BIRTH"
    VALIDATED = False
    STRUCTURED = False
    PRIORITY = 200
    SURROGATE = "date_of_birth"
    PATTERNS = [Pattern(name, rx, 0.1) for name, (rx, _full) in FORMS.items()]
    _GATED = tuple((p, GATES[p.name]) for p in PATTERNS)
    CONTEXT: list[str] = []  # the score is decided here from the window (see class docstring)
    # Something date-shaped must occur: 年/月, a separated or compact numeric date, an English month.
    # (The lookahead lists the alternatives' first characters: positions where none starts are
    # skipped in one class test; same matches.)
    PRECHECK = re.compile(
        r"(?i)(?=[年月节夕\db生出d元平圣中国腊除jfmason])"
        r"(?:[年月节夕]|\d[/.-]\d|\d{8}|born|生日|出生|生于|birthday|dob|元旦|平安夜|圣诞|中秋|国庆|腊八|除夕"
        r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    )

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        """Pattern matches rescored by their window; a date typed one character at a time (8 6 年 的 1 . 1 0)
        is read with its spaces collapsed, cues around it included."""
        out = self._dates(text, entities, nlp_artifacts, regex_flags)
        if "  " in text or _SPACED_HINT.search(text):
            out += despaced_in_context(text, lambda t: self._dates(t, entities, nlp_artifacts, regex_flags))
        return out

    def _dates(self, text: str, entities, nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        """Pattern matches rescored by their window: birth cue, profile listing, or dropped."""
        text = to_simplified(text).translate(DAXIE)  # 號 → 号, 壹 → 一: same length, offsets hold
        # Only the forms whose gate occurs (several forms share a gate: each is searched once). The
        # engine is one per process and not shared across threads, so the per-call list is safe.
        hit: dict[int, bool] = {}
        for _p, g in self._GATED:
            if id(g) not in hit:
                hit[id(g)] = g.search(text) is not None
        self.patterns = [p for p, g in self._GATED if hit[id(g)]]
        out: list[RecognizerResult] = []
        dated: list[RecognizerResult] = []  # full dates with a year kept so far (see below)
        for r in super().analyze(text, entities, nlp_artifacts, regex_flags):
            form = (r.analysis_explanation.pattern_name if r.analysis_explanation else None) or ""
            if form in YEAR_FORMS:  # the cue is in the pattern: check the year only
                m = COMPILED[form].match(text, r.start)  # (not fullmatch: its lookahead must see past the end)
                y = year_of(m["y"]) if m and m.end() == r.end else None
                if y and 1900 <= y <= _dt.date.today().year:
                    r.score = SCORE_BIRTH
                    out.append(r)
                continue
            ymd = parse_date(form, text, r.start, r.end) if form in FORMS else None
            if ymd is None or not plausible_birth_date(*ymd):
                continue
            score = self._score(text, r.start, r.end, form, ymd[0])
            if score:
                r.score = score
                out.append(r)
            elif ymd[0] is not None and not _EVENT_CUE.search(text[max(0, r.start - _EVENT_BEFORE) : r.end + _EVENT_AFTER]):
                dated.append(r)
        # A message that states one birth date lists the others alike (他是1970年1月21日生的，我是七二年十月
        # 二十二号 / DOB 填 09/30/1988 还是 1995-12-08): its other dates with a year are birth dates too.
        if dated and any(r.score >= SCORE_BIRTH for r in out):
            for r in dated:
                r.score = SCORE_PROFILE
                out.append(r)
        return out

    @staticmethod
    def _score(text: str, start: int, end: int, form: str, year: int | None) -> float:
        near = text[max(0, start - _BIRTH_BEFORE) : start] + "\x00" + text[end : end + _BIRTH_AFTER]
        if form == "zh month day" and _DEICTIC.search(text[max(0, start - 4) : start]):
            if not BIRTH_CUE.search(text, end, end + 8):
                return 0.0  # 生日快乐，今天12月1号: a calendar date of today, not a stated birth date
            return SCORE_BIRTH  # 明天5月19号过八十大寿: the day itself is the birthday
        if BIRTH_CUE.search(near) or _BIRTH_AFTER_CUE.match(text, end):
            return SCORE_BIRTH
        if _OF_PERSON.match(text, end) and _SELF_IS.search(text, max(0, start - 5), start):
            return SCORE_BIRTH  # 我是1998年3月5号的: "I am of <date>"
        sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
        if BIRTH_CUE.search(text, sentence_start, start) and _PERSON_BEFORE.search(text[max(0, start - 6) : start]):
            return SCORE_BIRTH
        of_person = _OF_PERSON.match(text, end) is not None
        two_digit_year = form == "zh full date" and not re.match(rf"\s*{Y4}", text[start:end]) and not of_person
        if not FORMS[form][1] or two_digit_year or year is None:
            return 0.0
        event = text[max(0, start - _EVENT_BEFORE) : start] + "\x00" + text[end : end + _EVENT_AFTER]
        if _EVENT_CUE.search(event):
            return 0.0
        profile = text[max(0, start - _PROFILE_BEFORE) : start] + "\x00" + text[end : end + _PROFILE_AFTER]
        if _PROFILE_CUE.search(profile):
            return SCORE_PROFILE
        field = _NAME_FIELD.search(text[max(0, start - 12) : start])
        return SCORE_PROFILE if field and _name_shaped(field.group(1)) else 0.0
