"""An identifier check that shares nothing with the de-identification engine.

The residual-PII gate used to re-run the engine's own recognizers on the output, so it shared their
blind spots: a phone number split by zero-width spaces, a `微x` id or an `at … dot com` e-mail typed by
hundreds of users passed both. This check is deliberately dumb and strict, written from the shapes
identifiers take rather than from the recognizers:

- **digits**: after folding Chinese, capital (daxie), Hangzhou and spoken numerals and dropping every
  non-digit, a string holding `MAX_DIGITS` or more digits is rejected (phones, QQ numbers, ID and card
  numbers however they are spelled or split: numerals separated by symbols, emoji or Latin letters
  still form one run; only another Chinese character breaks it);
- **e-mail**: `@`/`＠`/`at`/`艾特`/`圈a` and `.`/`dot`/`点`/`。` spellings are folded before the
  shape `x@y.z` (or a bare `y.com`) is looked for;
- **messenger ids**: a messenger word (微信, 微x, vx, wx, 加v, V, Q, QQ, Q号, 扣扣, 企鹅号, 绿泡泡, 抖音,
  tg, line, …) next to any Latin/digit token, or a `wxid_` shaped token;
- **handles** (free text only): a Latin/digit token with an underscore or letters mixed with two or
  more digits (`happy_tiger`, `tiger1990`), or `@` before a token — account names made of dictionary
  words pass the allow-list, not this;
- **Latin/pinyin tokens** (free text only): every Latin-letter token must be in an allow-list of
  public vocabulary (`allowlist.py`); a pinyin name or an account handle is not.

Text is NFKC-normalised and stripped of format characters (zero-width spaces, joiners, BOMs) first.
It fails closed: anything it cannot rule out is a finding.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_DIGITS = 6  # 6+ digits in one string: a QQ number, a phone, an id, a card, a date-time stamp

# numerals that stand for one digit each (Chinese lower case, daxie, spoken 幺/两, circled forms)
_DIGIT_CHARS = {
    **{c: str(i) for i, c in enumerate("零一二三四五六七八九")},
    **{c: str(i) for i, c in enumerate("〇壹贰叁肆伍陆柒捌玖")},
    "貳": "2", "參": "3", "陸": "6", "兩": "2", "两": "2", "幺": "1", "洞": "0", "拐": "7", "勾": "9",
    "○": "0", "Ｏ": "0",
}
# spoken or written digit words in Latin letters (English and pinyin), one digit each
_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ling": "0", "yao": "1", "yi": "1", "er": "2", "liang": "2",
    "san": "3", "si": "4", "wu": "5", "liu": "6", "qi": "7", "ba": "8", "jiu": "9",
}
_AT = r"(?:@|＠|\(at\)|\[at\]|\{at\}|<at>|\bat\b|艾特|圈a|小老鼠|#)"
_DOT = r"(?:\.|。|．|\(dot\)|\[dot\]|\{dot\}|\bdot\b|点|點)"
_TLD = r"(?:com|cn|net|org|edu|gov|io|me|co|info|top|xyz|vip|cc|tv|hk|tw|jp|uk|us|de)"
_EMAIL = re.compile(rf"[a-z0-9][a-z0-9._+\-]*\s*{_AT}\s*[a-z0-9][a-z0-9\-]*(?:\s*{_DOT}\s*[a-z0-9\-]+)+",
                    re.IGNORECASE)
_DOMAIN = re.compile(rf"[a-z0-9][a-z0-9\-]*\s*{_DOT}\s*{_TLD}\b", re.IGNORECASE)
_MESSENGER_WORD = re.compile(
    r"(微信|微x|威信|薇信|维信|v信|徽信|加\s*v|\+\s*v|加微|加薇|薇|q号|扣扣|企鹅号?|球球|绿泡泡|抖音号?|dy号|"
    r"快手号?|电报|飞书|钉钉|微博|小红书号?|b站|闲鱼|账号|帐号|"
    r"(?<![a-z])(?:v\s*x|w\s*x|q\s*q|v|q|weixin|wechat|wei\s*xin|tg|telegram|line|whatsapp|skype|weibo|id)"
    r"(?![a-z]))",
    re.IGNORECASE)
_HANDLE = re.compile(r"[a-z0-9][a-z0-9_\-.]{3,}", re.IGNORECASE)
# Between a messenger word and its account: separators and a few linking words ("微信号：", "wx是", "wechat is").
_LINK = re.compile(r"(?:[\s:：=\-—>＞~～]|是|为|號|号|的|(?<![a-z])(?:is|me|at)(?![a-z]))*", re.IGNORECASE)
# Messenger words that are also ordinary words or letters ("ID card", "line up", "v2.9", "Q&A"): in the
# adjacent mode the account after them must look like one (digits, underscore) or be no public word.
_WEAK_MESSENGER = frozenset({"v", "q", "id", "line", "tg", "账号", "帐号"})
_WXID = re.compile(r"wxid_?[a-z0-9]{3,}", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]+", re.IGNORECASE)
_TOKEN = re.compile(r"@?[a-z0-9_]+", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"<[A-Z][A-Z0-9_]*>")  # the engine's own replacement (<EMAIL_ADDRESS>): not a handle
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class IdentifierFinding:
    """One reason a string may hold an identifier; `kind` is a stable name for reports."""

    kind: str  # DIGIT_SEQUENCE, EMAIL_SHAPE, MESSENGER_ID, HANDLE_SHAPE, UNLISTED_TOKEN
    detail: str


def normalise(text: str) -> str:
    """NFKC (full-width forms) and no format characters (zero-width space/joiner, BOM, bidi marks)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def _numeral(ch: str) -> bool:
    """A character standing for one digit that `str.isdigit` misses: Chinese/daxie numerals and
    number characters (Hangzhou 〡〢〣, ideographic 〇) whose value is a single digit."""
    if ch in _DIGIT_CHARS:
        return True
    if ch.isdigit() or not unicodedata.category(ch).startswith("N"):
        return False
    value = unicodedata.numeric(ch, None)
    return value is not None and value in range(10)


def _breaks_run(ch: str) -> bool:
    """Only a letter of a non-Latin script (another Chinese character, kana, hangul) separates two
    numerals; spaces, punctuation, symbols, emoji and Latin letters do not."""
    return unicodedata.category(ch).startswith("L") and not ch.isascii()


def digit_count(text: str) -> int:
    """Digits left once numerals are folded and everything else is dropped.

    Every digit counts; a Chinese, daxie or other numeral counts inside a run of two or more numerals
    or digits, where anything but another non-Latin letter may stand between them (so "一起" is not a
    digit, "幺三八 一二三四" is seven and "一~三~八" or "一😀三" three); digit words count per token.
    """
    count = sum(ch.isdigit() for ch in text)
    runs: list[list[str]] = [[]]
    for ch in text:
        if _numeral(ch) or ch.isdigit():
            runs[-1].append(ch)
        elif _breaks_run(ch) and runs[-1]:
            runs.append([])
    count += sum(sum(not c.isdigit() for c in run) for run in runs if len(run) >= 2)
    for word in _LATIN.findall(text):
        count += _spoken_digits(word.lower())
    return count


def _spoken_digits(word: str) -> int:
    """Digits spelled as words inside one Latin token ('sanliuba' = 3 digits, 'one' = 1)."""
    if word in _DIGIT_WORDS:
        return 1
    n, i = 0, 0
    words = sorted(_DIGIT_WORDS, key=len, reverse=True)
    while i < len(word):
        for w in words:
            if word.startswith(w, i):
                n, i = n + 1, i + len(w)
                break
        else:
            return 0  # not wholly made of digit words: an ordinary token (the allow-list judges it)
    return n if n >= 3 else 0


def is_free_text(text: str) -> bool:
    """Text a person typed (CJK or several words), as opposed to a code-like dimension value."""
    return bool(_CJK.search(text)) or " " in text.strip()


def findings(text: str, *, free_text: bool | None = None, allowed: frozenset[str] | None = None,
             adjacent_handles: bool = False) -> list[IdentifierFinding]:
    """Every reason `text` may hold an identifier. `free_text=None` decides by `is_free_text`.

    `adjacent_handles` (the clean-zone scan): a messenger id counts only right after its messenger word
    ("微信reneesimmons", "wx是 annaodom"), not anywhere in the string. Publishing keeps the strict default:
    a messenger word and any account-like token anywhere."""
    if not text:
        return []
    t = normalise(text)
    out: list[IdentifierFinding] = []
    n = digit_count(t)
    if n >= MAX_DIGITS:
        out.append(IdentifierFinding("DIGIT_SEQUENCE", f"{n} digits once numerals are folded"))
    if _EMAIL.search(t) or _DOMAIN.search(t):
        out.append(IdentifierFinding("EMAIL_SHAPE", "an address or domain in some spelling"))
    near = _handle_after_messenger if adjacent_handles else _handle_near_messenger
    if _WXID.search(t) or (_MESSENGER_WORD.search(t) and near(t, allowed)):
        out.append(IdentifierFinding("MESSENGER_ID", "a messenger word with an account-like token"))
    if free_text if free_text is not None else is_free_text(t):
        if any(_handle_shaped(tok) for tok in _TOKEN.findall(_PLACEHOLDER.sub(" ", t))):
            out.append(IdentifierFinding("HANDLE_SHAPE", "an account-like token (underscore, letters with "
                                                         "digits, or @name)"))
        from transforms.publish.allowlist import public_vocabulary

        vocab = allowed if allowed is not None else public_vocabulary()
        unlisted = sorted({w.lower() for w in _LATIN.findall(t)} - vocab)
        if unlisted:
            out.append(IdentifierFinding("UNLISTED_TOKEN", f"{len(unlisted)} Latin/pinyin token(s) not in "
                                                           "the public vocabulary"))
    return out


def _handle_shaped(token: str) -> bool:
    """`happy_tiger`, `tiger1990`, `@tiger`: shapes of account names, whatever their words."""
    if token.startswith("@"):
        return len(token) >= 4
    letters = sum(ch.isalpha() for ch in token)
    digits = sum(ch.isdigit() for ch in token)
    return letters >= 1 and (("_" in token.strip("_") and len(token) >= 4) or (letters >= 2 and digits >= 2))


def _handle_near_messenger(t: str, _allowed: frozenset[str] | None = None) -> bool:
    """A messenger word plus any token that could be an account (≥ 4 letters/digits), or digits."""
    rest = _MESSENGER_WORD.sub(" ", t)
    return bool(_HANDLE.search(rest)) or digit_count(rest) >= 4


def _handle_after_messenger(t: str, allowed: frozenset[str] | None = None) -> bool:
    """An account right after a messenger word: ≥ 4 letters/digits, or ≥ 4 digits in any spelling.

    After a word that is also ordinary ("ID", "line", "v"), a token made of one public word is not
    an account ("ID or card", "line up"); a handle shape or an unlisted token still is."""
    for m in _MESSENGER_WORD.finditer(t):
        start = _LINK.match(t, m.end()).end()
        weak = m.group(0).lower().replace(" ", "") in _WEAK_MESSENGER
        if not weak and digit_count(t[start:start + 24]) >= 4:  # spelled or split digits after 微信/QQ
            return True
        handle = _HANDLE.match(t, start)
        if not handle:
            continue
        token = handle.group(0).rstrip(".-")
        if not weak or _handle_shaped(token) or sum(ch.isdigit() for ch in token) >= 4:
            return True
        if not re.fullmatch(r"[a-z]+", token, re.IGNORECASE):
            return True
        from transforms.publish.allowlist import public_vocabulary

        if token.lower() not in (allowed if allowed is not None else public_vocabulary()):
            return True
    return False


def check(text: str, **kw: object) -> bool:
    """True when the string is clean."""
    return not findings(text, **kw)  # type: ignore[arg-type]
