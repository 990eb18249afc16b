"""Recall-first safety net: a long digit run right after an account/number cue is an identifier.

Specific recognizers only fire when a format validates; a member number, a foreign bank account or a
card with an unknown prefix would pass. Here a run of at least ``MIN_DIGITS`` digits (in the
normalised view: spoken numerals and split groups already joined) within a few characters after a
cue (账户, 卡号, 号码, 电话, number, account, id...) is redacted as GENERIC_ID, with the lowest priority so
any specific type wins the span. Hard negatives are kept: an order / tracking / verification / meeting
cue before the run (``negative_cues``), or a price, time, version or percentage shape.

Right after an identifier noun (工号, 会员号, 住院号, 病历号, 序列号, UID, member no ...), a code of letters and
digits is one too: a letter prefix and at least four digits (``A10293``, ``ZY20261130028``, ``GZ-65637``)
or a mixed code with at least three digits (``F2LXK0ABHG7J``). A Latin cue glued to the value
(``ID9382716``, ``UIDSH-24502``) does not hide it.

Without any cue, a lowercase handle ending in a long digit run (``nancy132848515``,
``cherry.wang534350372``) is an account name on some platform: also GENERIC_ID. Tracking and order
codes are upper case (SF1234567890123) and negative cues still apply.
"""

from __future__ import annotations

import re

import regex
from presidio_analyzer import LocalRecognizer, RecognizerResult

from ..checks import business_hotline, digits_only
from ..country_specific._cues import latin_boundary
from ..country_specific.china.t2s import to_simplified
from ..declared import Declared
from .negative_cues import NUMBER_NEGATIVE_CUES, is_amount

MIN_DIGITS = 7
CUES = (
    "账户", "帐户", "账号", "帐号", "卡号", "卡", "号码", "电话", "手机", "证件", "尾号", "会员号", "会员卡", "客户号",
    "工号", "学号", "户号", "编号", "身份", "社保", "医保", "银行卡", "存折", "联系方式", "打给", "拨打", "致电",
    "住院号", "病历号", "门诊号", "准考证", "考生号", "联系", "新号", "换号", "小号",
    "护照", "通行证", "台胞证", "驾驶证", "档案", "学籍", "证号",  # (traditional text is read simplified: 台胞證號碼)
    "number", "account", "acct", "a/c", "id", "no.", "no:", "member", "card", "phone", "tel", "mobile",
    "customer", "passport", "licence", "license", "#",
)
_CUE_WINDOW = 12
_GLUED = latin_boundary("id", "uid", "no", "acct", "tel", "card", "number", "account")
_SEVEN = re.compile(rf"\d(?:[ /-]?\d){{{MIN_DIGITS - 1}}}")  # cheap necessary condition for _RUN
# (a one-letter series prefix belongs to the number: 学籍号 G440304201806030028)
_RUN = regex.compile(rf"(?<!\.)(?:{_GLUED}|(?<![0-9A-Za-z])[A-Z])\d(?:[ /-]?\d){{{MIN_DIGITS - 1},29}}(?![0-9]|\.\d|[%％])")
# Nouns right before a letters-and-digits code (with what people type in between).
CODE_CUES = (
    "工号", "员工号", "职工号", "工牌", "学号", "学籍号", "考生号", "会员号", "会员卡", "卡号", "编号", "住院号", "病历号",
    "病案号", "门诊号", "就诊卡", "就诊号", "复诊号", "员工编号", "医保号", "档案号", "序列号", "证号", "证件", "账号", "帐号", "客户号", "用户名",
    "社保号", "社保电脑号", "电脑号", "准考证号", "警号", "警官证", "保单号", "保单", "体检号", "年卡", "发动机号", "policy",
    "uid", "id", "member", "account", "customer", "serial", "patient", "employee", "student", "mrn", "dl",
)
# Cheap necessary conditions for _CODE: a letter next to a digit, and a cue word.
_LETTER_DIGIT = re.compile(r"[A-Za-z][-_ ]?\d|\d[A-Za-z]")
_CODE_HINT = re.compile(
    "|".join(re.escape(c) for c in CODE_CUES if not c.isascii())
    + "|(?i:" + "|".join(c for c in CODE_CUES if c.isascii() and c != "uid") + ")"
)
# (工号分别是 A3307、A3312、A3405: after 分别 every code of the list is announced by the one cue)
_CODE_CUE = re.compile(
    r"(?i)(?:" + "|".join(re.escape(c) for c in CODE_CUES) + r")(?:\s*(?:no\.?|number|号|码))?\s*(?:分别)?(?:是|为|:|：|=|#|is)?\s*"
    r"(?:[A-Za-z]{1,4}[-_ ]?\d{3,20}\s*[、,，/]\s*){0,6}$"
)
_CODE = regex.compile(
    # 账号zihan_700: an account name with '_' or '.' counts as a code too
    # (SHDR-AP-73018842, TJ20241108-0392, JX-7041-176: letter groups, then digit groups, dash-separated)
    _GLUED + r"(?:[A-Za-z]{1,4}(?:-[A-Za-z]{1,4}){0,2}-\d{3,12}(?:-\d{2,8}){0,3}|[A-Za-z]{1,4}\d{4,12}(?:-\d{2,8}){1,3}"
    r"|[A-Za-z]{1,4}[-_]?\d{4,20}[A-Za-z0-9]{0,4}|[A-Z]{1,2} \d{4,12}|(?=(?:[A-Za-z_.]*\d){3})(?=[0-9]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9_.]{5,19})"
    r"(?![0-9A-Za-z])"
)
_CODE_WINDOW = 40
# A staff, student or member number is short (工号136556): five or six digits right after such a noun.
_SHORT_NUMBER = regex.compile(r"(?<=(?:工号|员工号|职工号|工牌号?|学号|会员号|警号|病历号|住院号|门诊号)\s*(?:是|为|:|：)?\s*)\d{5,6}(?![0-9])")
# Code cues that hold a negative cue's letters (保单号 holds 单号): read without them for the negative check.
_CODE_CUE_WORD = re.compile("|".join(
    re.escape(c) for c in sorted(CODE_CUES, key=len, reverse=True)
    if any(n in c for n in NUMBER_NEGATIVE_CUES) and c not in NUMBER_NEGATIVE_CUES
))
_HANDLE = re.compile(r"(?<![A-Za-z0-9_.@/-])[a-z][a-z._-]{1,24}\d{6,15}(?![A-Za-z0-9@])")
_CUE = re.compile("|".join(re.escape(c) for c in CUES), re.IGNORECASE)


_CLAUSE_BREAK = re.compile(r"[，,。.;；!！?？]")


def _positive_nearer(before: str) -> bool:
    """An account cue before the run, and no negative cue in the same clause before it (您的快递丢失，请联系
    专员1…: the 联系 is about the number, the 快递 about the story; 订单号码 is one cue, a negative one)."""
    positive = list(_CUE.finditer(before))
    if not positive:
        return False
    negative = max((before.rfind(c) + len(c) for c in NUMBER_NEGATIVE_CUES if c in before), default=-1)
    if negative < 0:
        return True
    start = positive[-1].start()
    return start > negative and _CLAUSE_BREAK.search(before, negative, start) is not None


class GenericIdRecognizer(Declared, LocalRecognizer):
    """GENERIC_ID: a cued long digit run no specific validator claimed (lowest priority)."""

    ENTITY = "GENERIC_ID"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 900
    SURROGATE = "alnum"
    SCORE = 0.31  # just above the threshold: any specific type scores higher and wins the span

    def __init__(self, supported_language: str = "zh", **kwargs) -> None:
        super().__init__(supported_entities=[self.ENTITY], supported_language=supported_language, **kwargs)

    def load(self) -> None:  # noqa: D102 - nothing to load
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """Cued runs of ``MIN_DIGITS``+ digits that are not prices or negative-cued numbers."""
        out: list[RecognizerResult] = []
        lowered: str | None = None
        cues_in = text if text.isascii() else to_simplified(text)  # 會員編號 is 会员编号 (same length)
        for m in _RUN.finditer(text) if _SEVEN.search(text) else ():
            if lowered is None:
                lowered = cues_in.lower()
            before = lowered[max(0, m.start() - _CUE_WINDOW) : m.start()]
            if not _positive_nearer(before):
                continue
            if is_amount(text, m.start(), m.end()) or business_hotline(digits_only(m.group())):
                continue
            out.append(self._result(m.start(), m.end()))
        coded = _LETTER_DIGIT.search(text) and _CODE_HINT.search(cues_in)
        for m in _CODE.finditer(text) if coded else ():
            if lowered is None:
                lowered = cues_in.lower()
            before = lowered[max(0, m.start() - _CODE_WINDOW) : m.start()]
            # (the cue itself may hold a negative cue's letters: 保单号 is not 单号)
            if _CODE_CUE.search(before) and not any(c in _CODE_CUE_WORD.sub("", before) for c in NUMBER_NEGATIVE_CUES):
                out.append(self._result(m.start(), m.end()))
        for m in _SHORT_NUMBER.finditer(cues_in) if "号" in cues_in or "工牌" in cues_in else ():
            out.append(self._result(m.start(), m.end()))
        for m in _HANDLE.finditer(text):
            if lowered is None:
                lowered = cues_in.lower()
            if not any(c in lowered[max(0, m.start() - _CUE_WINDOW) : m.start()] for c in NUMBER_NEGATIVE_CUES):
                out.append(self._result(m.start(), m.end()))
        return out

    def _result(self, start: int, end: int) -> RecognizerResult:
        return self.declared_result(start, end, self.SCORE)
