"""A link in a scam or mass SMS the user pastes to ask about it is the sender's site, not the user's.

"收到短信：【ETC】您的ETC认证已失效，请点击 etc-renzheng.top/u 重新认证…这个是诈骗吧？": the domain belongs
to whoever sent the message to thousands of people; every blind writer keeps it. Kept only when the
message reads as such an SMS (a scam word, 【sender】, 尊敬的用户, 退订) and the link carries nothing that
could be tied to the recipient: no digit or mixed-case token in its path (a short link like t.cn/A6xYz9Qp
may be unique per recipient), no query string, no user-page path (/u/, /user/, /profile). Otherwise the
URL stays redacted: fail closed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

_MASS_MESSAGE = re.compile(r"诈骗|骗子|骗人|是骗|钓鱼|可疑|假的|短信|【[^】\n]{1,10}】|尊敬的(?:用户|客户|会员)|退订|(?i:scam|phishing)")
_HOST_PATH = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9.-]+\.[a-z]{2,10})(/[a-z/_.-]*)?$")
_USER_PAGE = re.compile(r"/(?:u|user|users|profile|home|people|space)/[^/]+")


def drop_reported_links(text: str, results: Sequence[T]) -> list[T]:
    """``results`` without the URL results of a pasted scam or mass SMS that carry no per-user token."""
    if not any(getattr(r, "entity_type", None) == "URL" for r in results) or not _MASS_MESSAGE.search(text):
        return list(results)

    def reported(r) -> bool:
        if getattr(r, "entity_type", None) != "URL":
            return False
        m = _HOST_PATH.match(text[r.start : r.end].strip())  # lower-case only: a mixed-case path is a token
        return m is not None and not any(c.isdigit() for c in m.group(2) or "") \
            and not _USER_PAGE.search(m.group(2) or "")

    return [r for r in results if not reported(r)]
