"""Codes typed in pieces, read joined in the normalised view (a step of ``anonymizers.normalize``).

``normalize`` bridges digit groups whose joined digits validate; this module covers letters and
digits together, where people split a handle or a document number to dodge filters:

* spelled one by one: at least five single letters/digits with one repeated separator
  (``E K 1 1 8 3 7 1 1``, ``C.D.E.3.6.0.5``, ``3_2_1_3_6...``) and at least two digits, so plain
  letters spelled out for emphasis stay;
* right after a messenger cue (微信, vx, 加v, 绿泡泡, QQ, ✉ ...): pieces split by emoji, symbols or
  filler words always; split by spaces when every piece is one character, or (in Chinese text or
  typed full-width) when the pieces carry a digit or ``_`` (``ｘｉａｏ　Ｐ４８　ｃｕｚｉ``). English words
  after a cue stay;
* right after an identifier noun (护照, 通行证, 社保卡, 信用代码, 工号 ...) or a QQ cue: pieces split
  also by ``.``, ``-`` or ``_`` that each carry a digit or are one letter or two capitals (``CK02 429 09``, ``W692就是7021然后5``);
* anywhere: groups split by any short separator whose join validates as a GB 32100 credit code or a VIN,
  a URL scheme typed apart (``h t t p s://``) and an e-mail address spelled out (``3 8 2 9 @ q q . c o m``);
* a host whose dots are written out (``weibo点com``, ``shop(dot)com``): ``written_dots`` for the caller.

Only separators are dropped; the caller maps view offsets back to the original.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import regex

from .predefined_recognizers.checks import (
    luhn_ok,
    valid_btc,
    valid_resident_id,
    valid_tron,
    valid_uscc,
    valid_vin,
)
from .predefined_recognizers.country_specific._cues import (
    CONTACT_SYMBOL_CUE,
    CUE_GLUE,
    ID_NOUNS,
    PLATFORM_CUE,
    PLATFORMS,
    WECHAT_CUE,
    WORD_PLATFORMS,
)

# Spoken filler words and particles people put between the pieces of a number read out.
FILLER_WORDS = r"(?:(?:然后|接着|后面)是?|就是|还有|最后|下段|等下|那个|这个|再|对|\(空格?\)|空格|(?<= )then(?= )|[呀哦啊嗯呢吧哈额噢喔耶欸诶哎啦嘛嘿嘻])"
_SYMBOL = r"[\p{So}\p{Sk}\p{Co}\ufe0e\ufe0f·•/|]"
# One line break too: a handle or a number typed over two lines right after its cue (微信xiaoming⏎_tang5576).
_SEP = rf"(?:[^\S\n]|\n(?=[A-Za-z0-9_])|{_SYMBOL}|{FILLER_WORDS})"
_PIECE = r"[A-Za-z0-9_-]+"
_PIECES = rf"{_PIECE}(?:{_SEP}{{1,4}}{_PIECE})+"
# Document and account numbers have no '-', '_' or '.' of their own: there those separate pieces too.
_NUM_PIECE = r"[A-Za-z0-9]+"
_NUM_SEP = rf"(?:[^\S\n]|\n(?=[A-Za-z0-9])|{_SYMBOL}|{FILLER_WORDS}|[._-])"
_NUM_PIECES = rf"{_NUM_PIECE}(?:{_NUM_SEP}{{1,4}}{_NUM_PIECE})+"
_NUM_PIECE_RE = regex.compile(_NUM_PIECE)
# Every cue starts with one of these characters (WeChat dodges, contact symbols, platform names): the
# lookahead skips, in one class test, positions where no cue alternative can start. Same matches.
_MESSENGER_FIRST = "微威薇徽维卫绿加+vVw✉📧📩📱☎📞" + "".join(p[0] for p in PLATFORMS + WORD_PLATFORMS)
_MESSENGER = regex.compile(
    rf"(?=[{regex.escape(''.join(sorted(set(_MESSENGER_FIRST))))}])"
    rf"(?:{WECHAT_CUE}|{CONTACT_SYMBOL_CUE}|(?:{PLATFORM_CUE}){CUE_GLUE})(?P<v>{_PIECES})", regex.V1 | regex.I
)
# Necessary conditions for _MESSENGER and _NOUN, cheap to test (the cue alternations with their
# lookbehinds are not): Han/emoji cues as they are, Latin cues on the lower-cased text (re's
# IGNORECASE is several times slower).
class _Hint:
    def __init__(self, han: str, latin: str) -> None:
        self.han, self.latin = re.compile(han), re.compile(latin)

    def search(self, text: str) -> bool:
        return bool(self.han.search(text) or self.latin.search(text.lower()))


_MESSENGER_HINT = _Hint(
    "微|威信|薇|徽信|维信|卫星|绿|加|扣|抠|企鹅|🐧|球球|✉|📧|📩|📱|☎|📞|" + "|".join(p for p in PLATFORMS if not p.isascii()),
    r"(?<![a-z])(?:vx|wx|v信|v号|v\s?[:：是❤♥💚]|we\s?chat|wei\s?xin|\+\s?v|"
    + "|".join(p for p in PLATFORMS if p.isascii()) + ")",
)
_NOUN_HINT = _Hint(
    "|".join(n for n in ID_NOUNS if not n.isascii()) + "|扣|抠|企鹅|🐧|球球",
    r"(?<![a-z])(?:" + "|".join([r"q\s?q", "q[号:：是]", r"q\s?\d"] + [n.lower() for n in ID_NOUNS if n.isascii()]) + ")",
)
# QQ cues explicit enough to rewrite the view (a bare "Q" before digits also occurs inside codes: IBANs).
_QQ_JOIN_CUE = r"(?:(?<![A-Za-z])q\s?q|扣扣|企鹅号?|🐧|(?<![A-Za-z])q(?=号|是|:|：)|球球号)(?:\s*(?:号码?|账号|号是))?\s*(?:是|为|:|：|=|is)?"
_NOUNS = "|".join(rf"(?<![A-Za-z]){n}(?![a-z])" if n.isascii() else n for n in ID_NOUNS)
_NOUN = regex.compile(
    rf"(?:(?:{_NOUNS})(?:号码|号|卡号|编号)?\s*(?:是|为|:|：|is\s)?|{_QQ_JOIN_CUE})\s*[，,]?\s*(?P<v>{_NUM_PIECES})", regex.V1 | regex.I
)
# (a handle's own symbols may be among the pieces: @ y a n g 6 6 1 7, j i n g _ s o n g 6 9 9 0 # 9 0 1 7)
_SPELLED = re.compile(
    r"(?<![A-Za-z0-9@#_])[A-Za-z0-9@](?P<s>[ ._/|·-])[A-Za-z0-9](?:(?P=s)(?!(?P=s))[A-Za-z0-9@#_.]){3,}(?<![@#_.])(?![A-Za-z0-9])"
)
# Cheap conditions for _VGROUPS: six digits close together, 17 letters/digits within a short stretch.
_SIX_DIGITS = re.compile(r"\d(?:[^\d\n]{0,8}\d){5}")
_LONG = re.compile(r"(?:[A-Z0-9][^A-Za-z0-9\n]{0,3}){17}")  # codes are typed in capitals
_PIECE_RE = regex.compile(_PIECE)
# Long codes whose join validates (GB 32100, ISO 3779), split by anything short.
_VGROUPS = regex.compile(rf"(?<![A-Za-z0-9])[A-Za-z0-9]{{1,9}}(?:{_NUM_SEP}{{1,3}}[A-Za-z0-9]{{1,9}}){{1,8}}(?![A-Za-z0-9])", regex.V1)
# An e-mail address spelled one character at a time (3 8 2 9 @ q q . c o m).
_SPELLED_EMAIL = re.compile(r"(?<![A-Za-z0-9])(?:[A-Za-z0-9._-] ){1,63}@(?: [A-Za-z0-9._-]){3,}(?![A-Za-z0-9])")
# A host whose dots are written out (weibo点com, nanashop(dot)com, www。nana。cn): read with dots.
_HOST_TLD = r"(?:com|net|org|cn|hk|tw|io|me|co|top|vip|xyz|cc|info|biz|edu|gov)"
# Not ". " alone: a sentence ending before "Me and my wife" is no host.
_WRITTEN_DOT = r"(?:\s*(?:点|。|[(\[（{]\s*(?:dot|\.)\s*[)\]）}])\s*|\s+dot\s+|\s+\.\s+)"  # 点, (dot), [.]
_WRITTEN_HOST = re.compile(
    rf"(?i)(?<![A-Za-z0-9.@-])[a-z0-9][a-z0-9-]{{0,62}}(?:(?:{_WRITTEN_DOT}|\.)[a-z0-9-]{{1,63}}){{0,6}}"
    rf"(?:{_WRITTEN_DOT}|\.){_HOST_TLD}(?![A-Za-z0-9])"
)
_WRITTEN_DOT_RE = re.compile(rf"(?i){_WRITTEN_DOT}")
_SPACED_SCHEME = re.compile(r"(?i)(?<![a-z])h\s+t\s*t\s*p\s*(?:s\s*)?:\s*/\s*/|(?<![a-z])https?\s+:\s*/\s*/")
_HAN = regex.compile(r"\p{Han}")
# A Bitcoin or TRON address typed in two or more groups of up to 20 (joined 26-62 characters; validated).
_SPACED_WALLET = re.compile(
    r"(?<![0-9A-Za-z])(?:bc1|[13T])[0-9A-Za-z]{0,19}(?:[ -][0-9A-Za-z]{1,20}){1,12}(?![0-9A-Za-z])"
)


def _valid_wallet(joined: str) -> bool:
    if not 26 <= len(joined) <= 62:
        return False
    if joined[0] == "T":
        return len(joined) == 34 and valid_tron(joined)
    return valid_btc(joined)


# An Ethereum address typed in groups: 0x + hex groups of up to 8 separated by single spaces.
_SPACED_HEX = re.compile(r"(?<![0-9A-Za-z])0[xX] ?[0-9a-fA-F]{1,8}(?:[ -][0-9a-fA-F]{1,8}){2,12}(?![0-9A-Za-z])")


# A code broken over two lines (0x126c…73af⏎40ad…c59b, 91310115MA1K⏎4TXR2X): joined when the join validates.
_LINE_SPLIT = regex.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]{4,}[ \t]*\n[ \t]*[0-9A-Za-z]{4,}(?![0-9A-Za-z])")


_IMEI_CUE = regex.compile(r"(?i)imei|串号|串號")


def _valid_joined_code(joined: str) -> bool:
    if joined[:2] in ("0x", "0X"):
        return len(joined) == 42 and regex.fullmatch(r"[0-9a-fA-F]{40}", joined[2:]) is not None
    return (len(joined) == 18 and (valid_uscc(joined) or valid_resident_id(joined))) \
        or (len(joined) == 17 and valid_vin(joined)) or _valid_wallet(joined)


def _gaps(text: str, start: int, end: int, piece: regex.Pattern = _PIECE_RE) -> list[tuple[int, int]]:
    """The separator stretches between the pieces of text[start:end]."""
    pieces = [(m.start(), m.end()) for m in piece.finditer(text, start, end)]
    return [(a[1], b[0]) for a, b in zip(pieces, pieces[1:], strict=False)]


def _messenger_ok(text: str, start: int, end: int, wide: Callable[[int], bool]) -> bool:
    pieces = _PIECE_RE.findall(text, start, end)
    if sum(c.isalnum() for p in pieces for c in p) < 4:
        return False
    gaps = [text[a:b] for a, b in _gaps(text, start, end)]
    if all(g.strip() or "\n" in g for g in gaps):  # emoji, symbols, fillers, a line break: deliberate
        return True
    if all(len(p) == 1 for p in pieces):  # spelled one by one
        return True
    cjk = bool(_HAN.search(text)) or any(wide(k) for k in range(start, end))  # Chinese text, full-width value
    return cjk and any(c.isdigit() or c == "_" for p in pieces for c in p)


def _noun_ok(text: str, start: int, end: int) -> bool:
    pieces = _NUM_PIECE_RE.findall(text, start, end)
    if sum(len(p) >= 12 for p in pieces) >= 2:
        return False  # 身份证 110101199003074514 11010519491231002X: two whole numbers, not one in pieces
    digits = sum(c.isdigit() for p in pieces for c in p)
    return digits >= 3 and sum(len(p) for p in pieces) >= 5 and all(
        any(c.isdigit() for c in p) or len(p) == 1 or (len(p) == 2 and p.isupper()) for p in pieces
    )


def may_join(text: str) -> bool:
    """Cheap test: could ``code_cuts`` find anything (the normaliser's fast path asks this)?"""
    if _MESSENGER_HINT.search(text) and _MESSENGER.search(text):
        return True
    if _NOUN_HINT.search(text) and _NOUN.search(text):
        return True
    if _SIX_DIGITS.search(text) and _LONG.search(text):
        return True
    if _WRITTEN_DOT_RE.search(text) and _WRITTEN_HOST.search(text):
        return True
    if "\n" in text and _LINE_SPLIT.search(text):
        return True
    return any(r.search(text) for r in (_SPELLED, _SPACED_SCHEME, _SPELLED_EMAIL, _SPACED_WALLET, _WRITTEN_UNDERSCORE))


# An underscore said aloud inside a handle (chen 下划线 xiao 下划线 mo 1998): read as one ``_``.
_WRITTEN_UNDERSCORE = regex.compile(r"(?<=[A-Za-z0-9])[ \t]*(?:下划线|下劃線|底线|底線|(?i:underscore))[ \t]*(?=[A-Za-z0-9])")


def written_underscores(text: str) -> list[tuple[int, int]]:
    """Spans of underscores written out between the parts of a handle, to read as one ``_``."""
    return [(m.start(), m.end()) for m in _WRITTEN_UNDERSCORE.finditer(text)]


def written_dots(text: str) -> list[tuple[int, int]]:
    """Spans of dots written out inside a host name (``点``, ``(dot)``, `` . ``), to read as one ``.``."""
    out: list[tuple[int, int]] = []
    for m in _WRITTEN_HOST.finditer(text) if _WRITTEN_DOT_RE.search(text) else ():
        out.extend((d.start(), d.end()) for d in _WRITTEN_DOT_RE.finditer(text, m.start(), m.end()))
    return out


def code_cuts(text: str, wide: Callable[[int], bool] = lambda k: False) -> set[int]:
    """Positions of separators to drop so that split codes read joined; ``wide(k)`` says whether
    view character ``k`` was typed full-width (or otherwise non-ASCII)."""
    cuts: set[int] = set()

    def take(a: int, b: int, piece: regex.Pattern = _PIECE_RE) -> None:
        for s, e in _gaps(text, a, b, piece):
            cuts.update(range(s, e))

    for m in _SPELLED.finditer(text):
        if sum(c.isdigit() for c in m.group()) >= 2:
            cuts.update(range(m.start() + 1, m.end(), 2))  # every other character is the separator
    for m in _MESSENGER.finditer(text) if _MESSENGER_HINT.search(text) else ():
        if _messenger_ok(text, m.start("v"), m.end("v"), wide):
            take(m.start("v"), m.end("v"))
    for m in _NOUN.finditer(text) if _NOUN_HINT.search(text) else ():
        if _noun_ok(text, m.start("v"), m.end("v")):
            take(m.start("v"), m.end("v"), _NUM_PIECE_RE)
    for m in _SPELLED_EMAIL.finditer(text) if "@" in text else ():
        cuts.update(k for k in range(m.start(), m.end()) if text[k] == " ")
    for m in _SPACED_SCHEME.finditer(text):  # h t t p s :// typed apart
        cuts.update(k for k in range(m.start(), m.end()) if text[k].isspace())
    for m in _SPACED_HEX.finditer(text) if "0x" in text or "0X" in text else ():  # 0xde 2042 86eb … (40 hex)
        if len(regex.sub(r"[ -]", "", m.group())) == 42:
            cuts.update(k for k in range(m.start(), m.end()) if text[k] in " -")
    for m in _SPACED_WALLET.finditer(text):  # 1AiH cs94 e4Ti …, bc1q qcch j9nx …: joined, the checksum holds
        groups = regex.split(r"[ -]", m.group())  # (or dashes: 1dvHdjg8-yPGJUtoD-…)
        for n in range(len(groups), 1, -1):  # the words after it (… B6JaJNDcHi or BTC) may be taken along
            if _valid_wallet("".join(groups[:n])):
                end = m.start() + sum(map(len, groups[:n])) + n - 1
                cuts.update(k for k in range(m.start(), end) if text[k] in " -")
                break
    for m in _LINE_SPLIT.finditer(text) if "\n" in text else ():
        joined = regex.sub(r"\s", "", m.group())
        imei = len(joined) == 15 and joined.isdigit() and luhn_ok(joined) and _IMEI_CUE.search(text) is not None
        if imei or _valid_joined_code(joined):
            cuts.update(k for k in range(m.start(), m.end()) if text[k].isspace())
    for m in _VGROUPS.finditer(text) if _SIX_DIGITS.search(text) and _LONG.search(text) else ():
        joined = "".join(_NUM_PIECE_RE.findall(m.group()))
        if len(joined) in (17, 18) and (valid_uscc(joined) or valid_vin(joined)):
            take(m.start(), m.end(), _NUM_PIECE_RE)
    return cuts
