"""WeChat ids: ``wxid_...`` anywhere, other ids only right after a WeChat cue (微信/vx/wx/绿泡泡/加v...)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from anonymizers.predefined_recognizers.declared import DeclaredPatternRecognizer

from ...precheck import PrecheckMixin
from .._cues import PLATFORM_CUE, WECHAT_CUE
from .._handles import handle_after_cue

_CUE = WECHAT_CUE
_AFTER_CUE = "WeChat id after cue"
# An id followed by its cue (iris7289182818啊，薇信 / iris341993179，是薇❤不是企鹅).
_AFTER_VERB = "handle after an add or search verb"
_CAMEL_WORD = re.compile(r"[a-z][A-Z]")
# 加我 after another platform's name is that platform's account (Discord 加我 lin_yu88): MESSENGER_ID's.
_OTHER_PLATFORM = re.compile(rf"(?i){PLATFORM_CUE}|(?<![a-z])(?:line|whatsapp|qq)(?![a-z])|扣扣|企鹅")


def _account_shaped(value: str) -> bool:
    """After 加我 / 搜 an account, not a product searched for (iPhone15, python3): three digits or an
    underscore, and no camel-case."""
    return (sum(c.isdigit() for c in value) >= 3 or "_" in value) and not _CAMEL_WORD.search(value)


_CUE_AFTER = r"(?=\s*[啊呀哦吧]?\s*[，,]?\s*(?:是|加)?\s*(?:微信|薇信|威信|vx|v信|薇\s?(?:❤️?|♥)|v\s?(?:❤️?|♥)))"

_TRAILING_DIGITS = re.compile(r"[ \t]\d{2,6}(?=[\s,，。.!！?？;；)）]|$)")


def _pattern(r) -> str:
    return getattr(r.analysis_explanation, "pattern_name", "") or ""


def _handle_ok(text: str, start: int, end: int, after_cue: bool) -> bool:
    """``wxid_`` ids always; after a cue see ``handle_after_cue``; before its cue digits, ``_`` or ``-``."""
    value = text[start:end]
    if value.lower().startswith("wxid_"):
        return True
    return after_cue and handle_after_cue(text, start, end) or any(c.isdigit() or c in "_-" for c in value)


class WeChatIdRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """WECHAT_ID: 6-20 chars, starts with a letter, letters/digits/_/-, per WeChat's id rules."""

    ENTITY = "WECHAT_ID"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 40
    SURROGATE = "handle"
    PATTERNS = [
        Pattern("wxid", r"(?<![0-9_])wxid_[a-z0-9]{4,24}(?![A-Za-z0-9_])", 0.85),
        Pattern(
            _AFTER_CUE,
            # a trailing dash is the user's (XtTGoSgR-); 4 characters after a cue is still a handle (yhan)
            r"(?<=" + _CUE + r")(?!wxid_)[A-Za-z][A-Za-z0-9_.-]{3,29}(?<![.-])(?![A-Za-z0-9_@]|-[A-Za-z0-9])",
            0.7,
        ),
        # fd ling 8899, dz_ mei ren yu 88（去掉空格）: lower-case pieces with blanks between them after a cue,
        # one with a digit, running to the end of the clause: typed apart so a filter misses it
        Pattern(
            "spaced WeChat id after cue",
            r"(?<=" + _CUE + r")(?=[a-z0-9_ ]*\d)[a-z][a-z0-9_]{0,11}(?: [a-z0-9_]{1,12}){1,4}(?=\s*(?:[（(，,。.!！?？;；]|$))",
            0.5,
        ),
        # 加我 cindy0312, 搜 cindy0312 加我, 我的小号 cindy0312, 微信号在我主页，cindy0312: an add / search verb
        # or a WeChat cue earlier in the sentence, then a handle with a digit (checked in analyze)
        Pattern(
            _AFTER_VERB,
            r"(?<=(?:加我|加一下|搜一下|搜索|搜|小号|大号)[ \t:：]*|(?:微信|vx|wx|v信)号?[^\n。！？!?]{0,12}[:：，,][ \t]*)"
            r"(?!wxid_)[A-Za-z][A-Za-z0-9_-]{3,29}(?![A-Za-z0-9_@.-])",
            0.6,
        ),
        Pattern(
            "WeChat id before its cue",
            r"(?<![A-Za-z0-9_.@-])[A-Za-z][A-Za-z0-9_.-]{4,29}(?<![.-])" + _CUE_AFTER,
            0.7,
        ),
    ]
    CONTEXT = ["微信", "微信号", "vx", "wx", "wechat", "weixin", "加我", "绿泡泡", "薇信", "威信"]
    # (The lookahead lists the alternatives' first characters; same matches, fewer tries.)
    PRECHECK = re.compile(
        r"(?i)(?=[w微威薇徽维卫绿v加+➕搜小大])"
        r"(?:wxid_|[微威薇]\s?(?:❤|♥|💚)|微\s?信|[微威维]x|威信|薇|徽信|维信|卫星|绿泡泡|绿色软件|v\s?(?:❤|♥|💚|信|是|:|：|x|号)|wx|weixin|wechat"
        r"|wei xin|加我?\s?v|\+\s?v|[+➕加]\s?🟩|加(?:我|这个|一下)?[A-Za-z]|v[ \t][a-z]|加我|搜|[小大]号)"
    )

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        out = [r for r in super().analyze(text, entities, nlp_artifacts, regex_flags)
               if _handle_ok(text, r.start, r.end, _pattern(r) == _AFTER_CUE)
               and (_pattern(r) != _AFTER_VERB or (_account_shaped(text[r.start : r.end])
                                                   and not _OTHER_PLATFORM.search(text, max(0, r.start - 16), r.start)))]
        for r in out:  # chen_xiao_mo 1998: an underscored handle's digits typed after a blank are its own
            if "_" in text[r.start : r.end] and (m := _TRAILING_DIGITS.match(text, r.end)):
                r.end = m.end()
        return out
