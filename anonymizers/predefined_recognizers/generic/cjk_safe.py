"""Presidio's own generic recognizers made safe next to Chinese characters.

Python's ``\\b`` counts Han characters as word characters, so ``卡号4111111111111111谢谢`` had no
boundary and ``邮箱a@b.com谢谢`` matched whole. Compiling the same patterns with ``regex.ASCII``
makes ``\\b``/``\\w`` ASCII-only: a Han character then *is* a boundary. Patterns are copied, not
shared, so a vanilla engine in the same process keeps its own compiled regexes.
"""

from __future__ import annotations

import re

import regex
import tldextract
from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IpRecognizer,
    MacAddressRecognizer,
    UrlRecognizer,
)

from ..country_specific._cues import latin_boundary
from ..declared import Declared
from ..precheck import SEVEN_DIGITS, PrecheckMixin
from .negative_cues import CHECKSUM_NEGATIVE_CUES

CJK_SAFE_FLAGS = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE | regex.ASCII
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"

# Bundled public-suffix snapshot only: never a network fetch, never a logged download error.
OFFLINE_TLD = tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


def _copy(patterns: list[Pattern], fix=lambda r: r) -> list[Pattern]:
    return [Pattern(p.name, fix(p.regex), p.score) for p in patterns]


_OPEN, _CLOSE = r"[(\[{<（【]", r"[)\]}>）】]"
_AT = (
    rf"(?:\s*{_OPEN}\s*(?:at|a)\s*{_CLOSE}\s*|\s+at\s+|-at-|_at_|\s*(?:艾特|圈a|小老鼠|#|＃)\s*|\s*@\s*)"
)
_DOT = rf"(?:\s*{_OPEN}\s*dot\s*{_CLOSE}\s*|\s+dot\s+|-dot-|_dot_|\s*(?:点|句号)\s*|\.|。)"
# The obfuscated form ends in a common mail TLD: a free-text TLD would let "me at nancy dot huang"
# match first and hide the real address that follows.
_MAIL_TLD = r"(?:com|net|org|edu|gov|cn|hk|tw|mo|me|io|co|info|biz|uk|us|jp|kr|sg|de|fr|ru|xyz|top|vip|cc)"
_LOCAL = r"[A-Za-z0-9][A-Za-z0-9_%+-]{0,63}"
# Mail domains read out in numerals (艾特 一六三 点 com): the view turns only longer numeral runs into digits.
_DOMAIN_NUMERALS = "零〇一幺二两三四五六七八九"
_NUMERAL_TO_DIGIT = str.maketrans(_DOMAIN_NUMERALS, "0011223456789")
_OBF_EMAIL = (
    # (bounded repeats: an unbounded one is retried from every letter of a long "a点a点…" run, quadratic)
    rf"(?<![A-Za-z0-9._%+-]){_LOCAL}(?:(?:{_DOT}){_LOCAL}){{0,6}}{_AT}"
    rf"[A-Za-z0-9{_DOMAIN_NUMERALS}-]{{1,63}}(?:{_DOT}[A-Za-z0-9-]{{1,63}}){{0,4}}?{_DOT}{_MAIL_TLD}(?![A-Za-z0-9])"
)
_OBF_AT = re.compile(r"(?i)" + _AT)
_OBF_DOT = re.compile(r"(?i)" + _DOT)


def deobfuscate_email(text: str) -> str:
    """``name at qq dot com`` / ``name(at)gmail(dot)com`` / ``name艾特163点com`` -> ``name@qq.com``."""
    plain = _OBF_DOT.sub(".", _OBF_AT.sub("@", text.replace("@", " @ "), count=1)).replace(" ", "")
    return plain.translate(_NUMERAL_TO_DIGIT)


class CjkSafeEmailRecognizer(PrecheckMixin, Declared, EmailRecognizer):
    """EMAIL_ADDRESS with ASCII word boundaries and an offline TLD check, written plainly or
    obfuscated the way people dodge scrapers (`` at ``/``(at)``/``[at]``/艾特/``#`` for @,
    `` dot ``/``(dot)``/点 for the dots); the de-obfuscated address must still end in a public suffix."""

    ENTITY = "EMAIL_ADDRESS"
    VALIDATED = True
    STRUCTURED = True
    PRIORITY = 70
    SURROGATE = "email"

    PRECHECK = re.compile(r"(?i)@|at\b|\(a\)|艾特|圈a|小老鼠|#|＃")
    OBFUSCATED = Pattern("Email (obfuscated)", _OBF_EMAIL, 0.5)

    def __init__(self, supported_language: str = "zh", **kwargs) -> None:
        pats = _copy(EmailRecognizer.PATTERNS) + [self.OBFUSCATED]
        super().__init__(patterns=pats, supported_language=supported_language, **kwargs)
        self.global_regex_flags = CJK_SAFE_FLAGS

    def validate_result(self, pattern_text: str) -> bool:
        """The (de-obfuscated) domain must end in a known public suffix (snapshot, offline)."""
        plain = deobfuscate_email(pattern_text)
        return plain.count("@") == 1 and OFFLINE_TLD(plain.split("@", 1)[1]).fqdn != ""


class CjkSafeUrlRecognizer(PrecheckMixin, Declared, UrlRecognizer):
    """URL whose path stops at the first CJK character instead of swallowing the sentence."""

    ENTITY = "URL"
    VALIDATED = False
    STRUCTURED = True
    PRIORITY = 75
    SURROGATE = "url"

    # A dotted host, or a scheme before a non-ASCII (IDN) host. Not any "://": a scheme before an IP
    # literal (http://[2001:db8::1]:80) is left to the IP recognizer, as Presidio does.
    PRECHECK = re.compile(r"(?i)[a-z0-9-]\.[a-z]{2}|://[^\s/]*[^\x00-\x7f]")

    def __init__(self, supported_language: str = "zh", **kwargs) -> None:
        # Path stops at CJK; the TLD must end the host (Presidio's alternation takes "bi" of "biz").
        # A host starts a token: without this the TLD alternation is retried at every character.
        pats = _copy(
            UrlRecognizer.PATTERNS,
            lambda r: r.replace("(?:/[^\\s()<>\\\"']*)?", f"(?![a-z0-9-])(?:/[^\\s()<>\\\"',{_CJK}]*)?").replace(
                "(?i)((www", "(?i)(?<![a-z0-9.@/-])((www"
            ),
        )
        # With a scheme any host is a URL, whatever its TLD (Presidio's list lacks e.g. .biz).
        pats.append(Pattern("Any scheme URL", rf"\bhttps?://[^\s()<>\"',{_CJK}]*[^\s()<>\"',.;:!?{_CJK}]", 0.6))
        # Internationalised hosts: Han labels after a scheme (the path may be Han too, up to a space or
        # CJK punctuation), and punycode labels (xn--) without one.
        pats.append(Pattern(
            "IDN URL", r"\bhttps?://(?=[^\s/]*[^\x00-\x7f])[^\s/()<>\"',\u3000-\u303f\uff01-\uff0f]+"
            r"(?:/[^\s()<>\"',\u3000-\u303f\uff01-\uff0f]*)?", 0.6))
        pats.append(Pattern(
            "Punycode host", rf"(?<![a-z0-9.@/-])(?=[a-z0-9.-]*xn--)[a-z0-9-]+(?:\.[a-z0-9-]+)+"
            rf"(?:/[^\s()<>\"',{_CJK}]*)?", 0.6))
        super().__init__(patterns=pats, supported_language=supported_language, **kwargs)
        self.global_regex_flags = CJK_SAFE_FLAGS


class CjkSafeIpRecognizer(PrecheckMixin, Declared, IpRecognizer):
    """IP_ADDRESS with ASCII boundaries; an IPv4 may follow a glued ``IP`` cue (``IP39.140.134.19``);
    the unspecified address ``::`` standing alone as a value (``src=::``) is one too, not only after
    an ``ipv6`` cue (Presidio scores it 0.1, under the threshold: fail closed)."""

    ENTITY = "IP_ADDRESS"
    VALIDATED = True
    STRUCTURED = True
    PRIORITY = 80
    SURROGATE = "ip"

    PRECHECK = re.compile(r"\d{1,3}\.\d{1,3}\.\d|[0-9a-fA-F]{0,4}:[0-9a-fA-F]{0,4}:")

    STANDALONE_UNSPECIFIED = Pattern(
        "IPv6 unspecified, standalone value", r"(?<![^\s=\[(,'\"])::(?:/\d{1,3})?(?![^\s\]),'\"])", 0.5
    )

    def __init__(self, supported_language: str = "zh", **kwargs) -> None:
        glued = latin_boundary("ip", "ipv4", "addr", "address")
        pats = _copy(IpRecognizer.PATTERNS, lambda r: glued + r[2:] if r.startswith(r"\b(?:25") else r)
        pats.append(self.STANDALONE_UNSPECIFIED)
        super().__init__(patterns=pats, supported_language=supported_language, **kwargs)
        self.global_regex_flags = CJK_SAFE_FLAGS

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        out = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in out if not _lan_address(text, r.start, r.end)]


# A private or loopback IPv4 the text itself places on a local network (路由器后台192.168.0.1, 内网10.0.3.87):
# it identifies a device behind some router, not a person. Without such a cue it is redacted (fail closed).
# Chinese cues only: Presidio's own test vectors label private addresses after router / gateway as IPs.
_LAN_CUE = re.compile(r"内网|局域网|路由器?|网关|光猫|交换机|本机|后台")
# A private address as a service endpoint in a log or a command (upstream 10.0.3.15:8080, ssh to
# 192.168.31.20, Connection refused at 172.16.30.201:8080): a machine, not a person.
# (Not "localhost": Presidio's vectors label "localhost 127.0.0.1" an IP address.)
_SERVICE_CUE = re.compile(r"(?i)\b(?:ssh|upstream|nginx|docker|kubectl|curl|ping|connection refused|listen(?:ing)? on)\b")
_LAN_WINDOW = 48


def _lan_address(text: str, start: int, end: int) -> bool:
    import ipaddress

    try:
        ip = ipaddress.ip_address(text[start:end])
    except ValueError:
        return False
    if ip.version != 4 or not (ip.is_private or ip.is_loopback) or ip.is_unspecified:
        return False
    if re.match(r":\d{2,5}(?!\d)", text[end : end + 6]) or _SERVICE_CUE.search(text, max(0, start - _LAN_WINDOW), start):
        return True  # a service endpoint (host:port, after ssh / upstream ...)
    return _LAN_CUE.search(text, max(0, start - _LAN_WINDOW), start) is not None


class CjkSafeCreditCardRecognizer(PrecheckMixin, Declared, CreditCardRecognizer):
    """CREDIT_CARD (Luhn) with ASCII boundaries."""

    ENTITY = "CREDIT_CARD"
    VALIDATED = True
    STRUCTURED = True
    PRIORITY = 35
    SURROGATE = "credit_card"

    PRECHECK = SEVEN_DIGITS

    # Presidio's pattern predates Mastercard's 2221-2720 range (issued since 2017).
    MASTERCARD_2_SERIES = Pattern(
        "Mastercard 2-series",
        r"\b(?:222[1-9]|22[3-9]\d|2[3-6]\d{2}|27[01]\d|2720)[- ]?\d{4}[- ]?\d{4}[- ]?\d{4}\b",
        0.3,
    )
    NEGATIVE_CONTEXT = CHECKSUM_NEGATIVE_CUES

    def __init__(self, supported_language: str = "zh", **kwargs) -> None:
        pats = _copy(CreditCardRecognizer.PATTERNS) + _copy([self.MASTERCARD_2_SERIES])
        super().__init__(patterns=pats, supported_language=supported_language, **kwargs)
        self.global_regex_flags = CJK_SAFE_FLAGS


class CjkSafeMacAddressRecognizer(PrecheckMixin, Declared, MacAddressRecognizer):
    """MAC_ADDRESS with ASCII boundaries, also as spaced pairs and as 12 bare hex digits after a cue."""

    ENTITY = "MAC_ADDRESS"
    VALIDATED = True
    STRUCTURED = True
    PRIORITY = 85
    SURROGATE = "mac"

    PRECHECK = re.compile(r"[0-9A-Fa-f]{2}\s?[:\s~_|/-]\s?[0-9A-Fa-f]{2}\s?[:\s~_|/-]|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}|(?i:mac)")
    NEGATIVE_CONTEXT = ["快递", "运单", "单号", "tracking", "parcel"]  # SF.1427.3690.8521 is a waybill

    # Spaced pairs need a hex letter (six 2-digit groups are a lottery draw); the bare 12-hex form a cue.
    SPACED = Pattern("MAC, pairs spaced", r"\b(?=[0-9a-f ]{0,16}[a-f])[0-9a-f]{2}(?: [0-9a-f]{2}){5}\b", 0.5)
    # E4 : 5F : 01 : B1 : CD : 66: the separators typed with spaces around them.
    SPACED_SEPS = Pattern("MAC, spaced separators", r"\b[0-9a-f]{2}(?:\s+[:-]\s+[0-9a-f]{2}){5}\b", 0.5)
    # DC~A6~32~8C~B0~1B: one odd separator repeated (the check below takes it out)
    ODD_SEPS = Pattern("MAC, odd separator", r"\b[0-9a-f]{2}([~_|/])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}\b", 0.5)
    BARE = Pattern(
        "MAC, bare after cue", r"(?<=mac\s?(?:地址|address|addr)?\s?(?:是|为|:|：|=|is)?\s?)(?=[0-9]*[a-f])[0-9a-f]{12}\b", 0.6
    )

    def __init__(self, supported_language: str = "zh", **kwargs) -> None:
        glued = latin_boundary("mac", "address", "addr")  # MAC00:1A:2B:...: the cue glued to the value
        pats = _copy(MacAddressRecognizer.PATTERNS, lambda r: glued + r[2:] if r.startswith(r"\b") else r)
        pats += [self.SPACED, self.SPACED_SEPS, self.ODD_SEPS, self.BARE]
        super().__init__(patterns=pats, supported_language=supported_language, **kwargs)
        self.global_regex_flags = CJK_SAFE_FLAGS

    def invalidate_result(self, pattern_text: str) -> bool:
        """Presidio's check (12 hex digits, not broadcast/zero) with the spaces of the spaced form gone."""
        return super().invalidate_result(pattern_text.replace(" ", "").translate(str.maketrans("~_|/", "::::")))
