"""WeChat ids: ``wxid_...`` anywhere, other ids only right after a WeChat cue (微信/vx/wx/绿泡泡/加v...)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from anonymizers.predefined_recognizers.declared import DeclaredPatternRecognizer

from ...precheck import PrecheckMixin

# People dodge keyword filters: 微x, 薇信, V信, 威信, 绿泡泡 (the green bubble icon), 加v/+v.
# A heart or a space inside the cue (薇❤, V❤, 微 信) and 绿色软件 (the green app) too.
_CUE = (
    r"(?:微\s?信号?|微x|威信|薇信|徽信|维信|卫星号|绿泡泡|绿色软件搜?|[薇微vV]\s?(?:❤️?|♥|💚)"
    r"|(?<![A-Za-z])(?:v信|vx|wx|weixin|wechat|wei xin|v号|v(?=是|:|：))"
    r"|加\s?v|\+\s?v(?![A-Za-z]))(?:\s*(?:id|号|号码|账号))?\s*(?:吧|呀)?\s*[，,]?\s*(?:是|为|:|：|=|is|加|搜)?\s*"
)
# An id followed by its cue (iris7289182818啊，薇信 / iris341993179，是薇❤不是企鹅).
_CUE_AFTER = r"(?=\s*[啊呀哦吧]?\s*[，,]?\s*(?:是|加)?\s*(?:微信|薇信|威信|vx|v信|薇\s?(?:❤️?|♥)|v\s?(?:❤️?|♥)))"


class WeChatIdRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """WECHAT_ID: 6-20 chars, starts with a letter, letters/digits/_/-, per WeChat's id rules."""

    ENTITY = "WECHAT_ID"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 40
    SURROGATE = "handle"
    PATTERNS = [
        Pattern("wxid", r"(?<![A-Za-z0-9_])wxid_[a-z0-9]{4,24}(?![A-Za-z0-9_])", 0.85),
        Pattern(
            "WeChat id after cue",
            r"(?<=" + _CUE + r")(?!wxid_)[A-Za-z][A-Za-z0-9_.-]{4,29}(?<![.-])(?![A-Za-z0-9_@-])",
            0.7,
        ),
        Pattern(
            "WeChat id before its cue",
            r"(?<![A-Za-z0-9_.@-])[A-Za-z][A-Za-z0-9_.-]{4,29}(?<![.-])" + _CUE_AFTER,
            0.7,
        ),
    ]
    CONTEXT = ["微信", "微信号", "vx", "wx", "wechat", "weixin", "加我", "绿泡泡", "薇信", "威信"]
    PRECHECK = re.compile(
        r"(?i)wxid_|微\s?信|微x|威信|薇|徽信|维信|卫星号|绿泡泡|绿色软件|v\s?(?:❤|♥|💚|信|是|:|：|x|号)|wx|weixin|wechat"
        r"|wei xin|加\s?v|\+\s?v"
    )

    def invalidate_result(self, pattern_text: str) -> bool:
        """A cue followed by an ordinary word ("wechat message") is not an id: require a digit/_/-."""
        lowered = pattern_text.lower()
        return not lowered.startswith("wxid_") and not any(c.isdigit() or c in "_-" for c in lowered)
