"""WeChat ids: ``wxid_...`` anywhere, other ids only right after a WeChat cue (微信/vx/wx/绿泡泡/加v...)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from anonymizers.predefined_recognizers.declared import DeclaredPatternRecognizer

from ...precheck import PrecheckMixin

# People dodge keyword filters: 微x, 薇信, V信, 威信, 绿泡泡 (the green bubble icon), 加v/+v.
_CUE = (
    r"(?:微信号?|微x|威信|薇信|徽信|维信|卫星号|绿泡泡|(?<![A-Za-z])(?:v信|vx|wx|weixin|wechat|wei xin|v号)"
    r"|加\s?v|\+\s?v(?![A-Za-z]))(?:\s*(?:id|号|号码|账号))?\s*(?:是|为|:|：|=|is|加)?\s*"
)


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
            r"(?<=" + _CUE + r")(?!wxid_)[A-Za-z][A-Za-z0-9_-]{5,19}(?![A-Za-z0-9_@.-])",
            0.7,
        ),
    ]
    CONTEXT = ["微信", "微信号", "vx", "wx", "wechat", "weixin", "加我", "绿泡泡", "薇信", "威信"]
    PRECHECK = re.compile(r"(?i)wxid_|微信|微x|威信|薇信|徽信|维信|卫星号|绿泡泡|v信|vx|wx|weixin|wechat|wei xin|v号|加\s?v|\+\s?v")

    def invalidate_result(self, pattern_text: str) -> bool:
        """A cue followed by an ordinary word ("wechat message") is not an id: require a digit/_/-."""
        lowered = pattern_text.lower()
        return not lowered.startswith("wxid_") and not any(c.isdigit() or c in "_-" for c in lowered)
