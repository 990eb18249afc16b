"""An e-mail address given without its full domain (lixiaoyu1996@163, xxx@163 。com, 163邮箱 xxx).

Users drop or break the ending on purpose (``@163 .com``, ``@163,com``, ``at 163``) or name only the
provider (``gmail: xxx``, ``QQ邮箱前缀是 xxx``): the mailbox is still theirs. The local part is redacted
after a known mail provider, or right after a mailbox cue; a full, well-formed address is left to the
e-mail recognizer.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ..declared import DeclaredPatternRecognizer
from ..precheck import PrecheckMixin

_PROVIDERS = r"(?:163|126|yeah|qq|foxmail|gmail|googlemail|sina|sohu|aliyun|outlook|hotmail|live|yahoo|icloud|139|189|protonmail)"
_LOCAL = r"[A-Za-z0-9][A-Za-z0-9._%+-]{2,63}"
# name@163, name @163 。com, name@163,com, name at 163 (the ending missing or broken by a blank or a comma)
# (with " at " the local part must hold a digit, '.' or '_': "look at 163 pages" is English)
_AT_PROVIDER = (
    rf"(?<![A-Za-z0-9._%+-])(?:{_LOCAL}\s*[@＠]\s*|(?=[A-Za-z]*[0-9._]){_LOCAL}\s+at\s+){_PROVIDERS}"
    r"(?:(?:\s*[.。,，点]\s*|\s+)(?:com|cn|net)(?:\s*[.。]\s*cn)?)?(?![A-Za-z0-9])"
)
# 163邮箱 name, QQ邮箱前缀是 name, gmail: name, 邮箱前缀 name, 邮箱是 name.53 (domain said later)
_AFTER_CUE = (
    rf"(?<=(?:{_PROVIDERS}|网易|新浪|谷歌)(?i:邮箱|mail|信箱)(?:前缀|账号|用户名)?(?:是|为)?[ \t:：]*"
    rf"|(?<![A-Za-z])(?i:gmail|outlook|hotmail)[ \t]*[:：][ \t]*"
    rf"|邮箱前缀(?:是|为)?[ \t:：]*)"
    rf"{_LOCAL}(?![A-Za-z0-9@._%+-])"
    # 邮箱是chen.siyuan53 后面@163的: the local part after the cue, the domain said apart (a digit, '.' or '_' in it)
    rf"|(?<=邮箱(?:地址|账号)?(?:是|为|[:：])[ \t]*)(?=[A-Za-z]*[0-9._]){_LOCAL}(?![A-Za-z0-9@._%+-])"
)


class PartialEmailRecognizer(PrecheckMixin, DeclaredPatternRecognizer):
    """EMAIL_ADDRESS: a mailbox named by its local part and provider, the full domain missing or broken."""

    ENTITY = "EMAIL_ADDRESS"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 72
    SURROGATE = "email"
    PATTERNS = [
        Pattern("mailbox at a provider, ending missing", _AT_PROVIDER, 0.6),
        Pattern("mailbox after a provider cue", _AFTER_CUE, 0.6),
    ]
    CONTEXT = ["邮箱", "email", "mail"]
    PRECHECK = re.compile(r"(?i)@|＠|\bat\b|邮箱|mail|信箱")
