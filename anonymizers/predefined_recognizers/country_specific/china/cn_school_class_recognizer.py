"""A child's school and class (杭州市学军小学三年级二班, 西安市铁一中高一8班, 成都七中高三2班).

A school alone is a coarse attribute and stays; school + grade + class points at a few dozen
children, most of them minors (policy: children under 14 are protected), so it is an ADDRESS.
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, RecognizerResult

from ...declared import DeclaredPatternRecognizer
from ...precheck import PrecheckMixin
from .cn_address_recognizer import han_except
from .t2s import to_simplified

_N = han_except("的了是在我你他她它们住到去跟从往把被给让要就也还很这那个些说想找离近附上读念考转")
_NUM = "0-9一二三四五六七八九十"
_SCHOOL = (
    rf"(?:{_N}|\d){{1,12}}?(?:小学|中学|学校|幼儿园|附中|附小|[{_NUM}]{{1,3}}中(?!学)|实验学校|外国语学校|职高|中专|技校|学院|大学)"
)
_GRADE = r"(?:[一二三四五六]年级|初[一二三]|高[一二三]|[小中大][一二三四五六七八九十]?班|预备班|(?:19|20)?\d{2}级)"
_CLASS = rf"(?:[{_NUM}]{{1,2}}班|\([{_NUM}]{{1,2}}\)班|（[{_NUM}]{{1,2}}）班)"
# A faculty or department inside a university (四川大学计算机学院2020级5班).
_FACULTY = rf"(?:{_N}{{1,8}}?(?:学院|系|专业))?"
SCHOOL_CLASS_REGEX = rf"(?P<school>{_SCHOOL}{_FACULTY})(?P<grade>{_GRADE})?(?P<cls>{_CLASS})?"
_FULL = regex.compile(SCHOOL_CLASS_REGEX)
_TRIGGER = regex.compile(rf"年级|[初高][一二三]|[{_NUM}]班|幼儿园")
_LEFT_CUES = ("孩子学校", "学校是", "班级是", "地址是", "学校", "班级", "地址")


class CnSchoolClassRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """ADDRESS: a school followed by a grade and/or class."""

    ENTITY = "ADDRESS"
    VALIDATED = False
    STRUCTURED = False
    PRIORITY = 310
    SURROGATE = "address"
    PATTERNS = [Pattern("CN school and class", SCHOOL_CLASS_REGEX, 0.6)]
    CONTEXT = ["学校", "班级", "读书", "上学", "家长"]
    PRECHECK = _TRIGGER

    def validate_result(self, pattern_text: str) -> bool | None:
        """A grade or a class must follow the school."""
        m = _FULL.fullmatch(pattern_text)
        return None if m and (m["grade"] or m["cls"]) else False

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        """The school regex, with a cue word it swallowed on the left cut off (孩子学校西安市… → 西安市…)."""
        text = to_simplified(text)
        out = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in out:
            span = text[r.start : r.end]
            cut = max((span.find(c) + len(c) for c in _LEFT_CUES if c in span[:8]), default=0)
            if cut and len(span) - cut >= 5:
                r.start += cut
        return out
