"""Values shaped like identifiers that name no person: software versions, the service mailboxes of a
platform and the title of a work. Each rule is one keep filter (see ``engine.KEEP_FILTERS``).

These are not an allow-list of documentation values (192.0.2.1, 555-0100 and example.com stay redacted),
and every IP address stays redacted, loopback and netmasks too (Presidio's own vectors count 0.0.0.0 and ::1
as addresses): ``Chrome 124.0.6367.91`` is a build, ``noreply@github.com`` nobody's mailbox.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

_DOTTED = re.compile(r"[vV]?\d{1,6}(?:\.\d{1,6}){1,4}")
# A version cue in the words right before the number (固件版本 1.0.8.26, Windows Build 22631.3447).
_VERSION_CUE = re.compile(r"(?i)(?:版本号?|版號|固件|系统|內核|内核|更新到|升级到|\bversion|\bver\.?|\bbuild|\bfirmware|\bkernel|\brelease)"
                          r"[ \t:：是为]*$")
# Operating systems, browsers and runtimes whose name is followed by a version (MIUI 14.0.5.0 is no IP address).
_SOFTWARE = re.compile(
    r"(?i)(?:\b(?:chrome|chromium|firefox|edge|safari|opera|windows|win|macos|ios|ipados|android|miui|hyperos|emui|"
    r"harmonyos|coloros|originos|oneui|ubuntu|debian|centos|linux|python|node|nodejs|java|jdk|go|rust|gcc|nginx|"
    r"docker|kubernetes|k8s|postgres|postgresql|mysql|redis|aimate|app)|鸿蒙|微信|安卓|苹果系统)[ \t]*$"
)
_WORD_BEFORE = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}[ \t]+$")
_NUMBER_KINDS = frozenset({"PHONE_NUMBER", "IP_ADDRESS", "GENERIC_ID", "CN_LANDLINE", "UK_NHS", "US_BANK_NUMBER"})


def _is_ipv4(value: str) -> bool:
    try:
        return isinstance(ipaddress.ip_address(value), ipaddress.IPv4Address)
    except ValueError:
        return False


def is_version(text: str, start: int, end: int) -> bool:
    """A dotted number after a version cue or a software name, or any four-part dotted number that is no
    IPv4 address right after a product's name (AIMate 2.10.4.1203, Chrome 124.0.6367.91)."""
    value = text[start:end]
    if not _DOTTED.fullmatch(value):
        return False
    before = text[max(0, start - 16) : start]
    if _VERSION_CUE.search(before) or _SOFTWARE.search(before):
        return True
    return value.count(".") >= 3 and not _is_ipv4(value.lstrip("vV")) and _WORD_BEFORE.search(before) is not None


def drop_version_numbers(text: str, results: Sequence[T]) -> list[T]:
    """``results`` without the number-kind results that are a software version."""
    return [r for r in results
            if not (getattr(r, "entity_type", None) in _NUMBER_KINDS and is_version(text, r.start, r.end))]


# A platform's sending-only mailboxes, and git's SSH user (git@github.com:org/repo.git): nobody's mailbox.
_SERVICE_MAILBOX = re.compile(r"(?i)(?:no-?reply|do-?not-?reply|donotreply|mailer-daemon|postmaster)@[A-Za-z0-9.-]+")
_GIT_REMOTE = re.compile(r"git@[A-Za-z0-9.-]+(?=:[A-Za-z0-9_.-]+/)")


def drop_service_mailboxes(text: str, results: Sequence[T]) -> list[T]:
    """``results`` without the EMAIL_ADDRESS results that are a no-reply mailbox or a git remote's user."""
    def service(r) -> bool:
        value = text[r.start : r.end]
        git = _GIT_REMOTE.match(text, r.start)
        return _SERVICE_MAILBOX.fullmatch(value) is not None or (git is not None and git.end() == r.end)

    return [r for r in results if not (getattr(r, "entity_type", None) == "EMAIL_ADDRESS" and service(r))]


# 《余生请多指教》, 《沁园春·雪》: a title of a book, drama or song names a work, not a person in the chat.
_TITLE = re.compile(r"《[^《》\n]{1,30}》")


def drop_titles_of_works(text: str, results: Sequence[T]) -> list[T]:
    """``results`` without the PERSON results inside a 《title》."""
    if "《" not in text:
        return list(results)
    titles = [m.span() for m in _TITLE.finditer(text)]
    return [r for r in results if not (getattr(r, "entity_type", None) == "PERSON"
                                       and any(a < r.start and r.end < b for a, b in titles))]
