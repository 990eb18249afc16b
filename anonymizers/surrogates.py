"""Consistent keyed surrogates: HMAC(key, type|canonical value) seeds a realistic fake of the same kind.

* Same value (however it was typed: full width, spaces, +86) → same surrogate under one key version;
  a new key version changes every surrogate; without the key a surrogate cannot be linked back.
* Surrogates are plausible but deliberately *not* real: mobiles use the unallocated 140-144
  segments, resident IDs the non-existent region 99, cards fail Luhn, IMEIs use the test TAC range
  00, e-mail/URL hosts the reserved ``.example`` TLD, IPs private ranges (10/8, fd00::/8), MACs the RFC 7042 documentation
  ranges, foreign phones the fictional 555-01xx / Ofcom drama numbers. The engine has no allow-list
  (privacy errs towards redaction), so surrogates that are well-formed (IPs, MACs, phones, names,
  addresses, QQ numbers, dates) are re-detected by our own recognizers; a residual scan must expect that.
* The kind of surrogate comes from the recognizer's ``SURROGATE`` declaration (``KINDS`` below); an
  entity without a declaration, an unknown kind or a value a kind cannot rewrite gets a typed
  placeholder ``<ENTITY>`` — never the original.
* Values are rewritten from their normalised view (``normalize.NormalizedText``): zero-width
  characters dropped, spoken and daxie numerals read as digits, so a card read aloud gets a digit
  surrogate of the same length.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import re

from .normalize import NormalizedText
from .predefined_recognizers.country_specific.china._checks import gb11643_check_char, luhn_complete
from .predefined_recognizers.country_specific.china._names import COMPOUND_SURNAMES
from .predefined_recognizers.declared import by_entity

_FAKE_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国文志晨宇浩然欣怡子涵梓轩雨婷嘉琪佳慧"
_EN_FIRST = (
    "James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda", "William", "Elizabeth",
    "Thomas", "Sarah", "Daniel", "Karen", "Matthew", "Nancy", "Andrew", "Laura", "Kevin", "Emily",
)
_EN_LAST = (
    "Walker", "Harris", "Clark", "Lewis", "Young", "Allen", "King", "Wright", "Scott", "Green",
    "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans",
)
_SYLLABLES = ("xiao", "ming", "yu", "lan", "feng", "yue", "chen", "hao", "qing", "xin", "tian", "jia", "mei", "li")
_CITIES = ("临江", "青川", "安宁", "长平", "云溪", "白沙", "东阳", "南屏")
_ROADS = ("和平", "建设", "人民", "解放", "中山", "新华", "文化", "友谊")
_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
_DIGITS = re.compile(r"\d")
_DIGIT_GROUP = re.compile(r"\d+")
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")
_EN_MONTH = re.compile(
    r"(?i)(?<![a-z])(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])"
)


def _worded_date() -> re.Pattern[str]:
    from .predefined_recognizers.generic.dob_forms import FESTIVALS

    # a season or 份 between the parts (1987年秋天的4月18日) tells the month too: the date is replaced whole
    return re.compile("[零〇一二两三四五六七八九十廿初正冬腊壹贰叁肆伍陆柒捌玖拾春夏秋]|农历|阴历|旧历|月份|年[底中末]|"
                      + "|".join(FESTIVALS))


_WORDED_DATE = _worded_date()
_HAN = re.compile(r"[\u4e00-\u9fff]")

# Surrogate kinds (the values a recognizer may declare as SURROGATE) -> generator method.
KINDS = {
    "mobile": "_cn_mobile", "phone": "_phone_number", "landline": "_cn_landline",
    "resident_id": "_cn_resident_id", "bank_card": "_cn_bank_card", "credit_card": "_credit_card",
    "imei": "_imei", "digits": "_digits", "alnum": "_alnum", "email": "_email_address", "url": "_url",
    "ip": "_ip_address", "mac": "_mac_address", "handle": "_wechat_id", "passport_cn": "_cn_passport",
    "plate_cn": "_cn_license_plate", "date_of_birth": "_date_of_birth", "person": "_person",
    "person_zh": "_person", "address": "_address", "address_zh": "_address", "placeholder": "",
}
# Kinds whose canonical form is their digits: however a number is typed, one surrogate.
_NUMERIC_KINDS = frozenset({"mobile", "landline", "resident_id", "bank_card", "credit_card", "imei", "digits"})
_CASELESS_KINDS = frozenset({"email", "url", "handle", "mac", "ip", "alnum"})


def surrogate_kind(entity_type: str) -> str:
    """The declared surrogate kind of an entity type ("placeholder" when it has no declaration)."""
    d = by_entity().get(entity_type)
    return d.surrogate if d is not None and d.surrogate in KINDS else "placeholder"


def canonical(entity_type: str, value: str) -> str:
    """The form of a value that decides its surrogate (typing variants collapse to one)."""
    kind = surrogate_kind(entity_type)
    v = NormalizedText.of(value).text.strip()
    if kind in _NUMERIC_KINDS:
        v = re.sub(r"[^0-9Xx]", "", v).upper()
        if kind == "mobile":
            v = v[4:] if v.startswith("0086") else v[2:] if len(v) == 13 and v.startswith("86") else v
    elif kind in _CASELESS_KINDS:
        v = v.casefold()
        if kind == "mac":
            v = re.sub(r"[^0-9a-f]", "", v)
    return v


def _fill_digits(template: str, digits: str) -> str:
    """Write ``digits`` into the digit positions of ``template`` (keeps +86, spaces, dashes)."""
    it = iter(digits)
    return _DIGITS.sub(lambda _m: next(it), template)


_DRAWS = 8  # a kind that keeps part of a value (a date's decade) may draw the original: draw again


def _reproduces(entity_type: str, value: str, v: str, out: str) -> bool:
    """Does the surrogate give the original back, in any case, or a part of it: a first or last name,
    a character of a Chinese name, a birth year?"""
    low = out.lower()
    if value.lower() in low or v.lower() in low:
        return True
    if entity_type == "PERSON":
        if _HAN.search(v):
            name = v[1:] if len(v) == 2 and v[0] in "小老阿" else v  # 小张 -> 小李 keeps only the nickname's 小
            return any(c in out for c in name if _HAN.match(c))
        words = {w for w in re.findall(r"[a-z]{2,}", low)}
        return any(w in words for w in re.findall(r"[a-z]{2,}", v.lower()))
    if entity_type == "DATE_OF_BIRTH":
        return any(y in out for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", v))
    return False


class SurrogateGenerator:
    """Keyed, deterministic surrogate values. Holds the key; never prints or logs it."""

    def __init__(self, key: bytes, version: str) -> None:
        self._key = key
        self.version = version

    def __repr__(self) -> str:  # never show key material
        return f"SurrogateGenerator(version={self.version!r})"

    def rng(self, entity_type: str, value: str) -> random.Random:
        """A PRNG seeded by HMAC-SHA256(key, type|canonical value)."""
        msg = f"{entity_type}\x1f{canonical(entity_type, value)}".encode()
        return random.Random(hmac.new(self._key, msg, hashlib.sha256).digest())

    def __call__(self, entity_type: str, value: str) -> str:
        """The surrogate of ``value``; a typed placeholder when its kind cannot rewrite it."""
        method = KINDS.get(surrogate_kind(entity_type), "")
        if not method:
            return f"<{entity_type}>"
        v = NormalizedText.of(value, bridge=False).text
        r = self.rng(entity_type, value)
        for _ in range(_DRAWS):
            try:
                out = getattr(self, method)(r, v)
            except (ValueError, IndexError, StopIteration, AssertionError):  # a shape this kind cannot keep
                return f"<{entity_type}>"
            # never the original, nor a string holding it ("12 May 1989" for "2 May 1989"), nor a part of it
            if out and not _reproduces(entity_type, value, v, out):
                return out
        return f"<{entity_type}>"

    # -- numbers ------------------------------------------------------------------------------
    @staticmethod
    def _rand_digits(r: random.Random, n: int) -> str:
        return "".join(r.choice("0123456789") for _ in range(n))

    def _cn_mobile(self, r: random.Random, v: str) -> str:
        d = _DIGITS.findall(v)
        prefix = "".join(d[: len(d) - 11])  # 86 / 0086 kept as typed
        national = "14" + r.choice("01234") + self._rand_digits(r, 8)  # 140-144: not allocated
        if prefix not in ("", "86", "0086"):  # Presidio merged two numbers typed side by side: replace all
            fresh = "".join("14" + r.choice("01234") + self._rand_digits(r, 8) for _ in range(len(prefix) // 11 + 1))
            prefix = fresh[-len(prefix):]
        return _fill_digits(v, prefix + national)

    def _phone_number(self, r: random.Random, v: str) -> str:
        """Fictional numbers: only a written ``+`` country code is kept, never a local prefix
        (Presidio merges adjacent phones into one span, so a kept prefix could be a whole number)."""
        d = "".join(_DIGITS.findall(v))
        if d.startswith("44") and v.lstrip().startswith("+") and len(d) >= 12:
            return "+44 7700 900" + self._rand_digits(r, 3)  # Ofcom drama range
        first = _DIGIT_GROUP.search(v)
        keep = len(first.group()) if v.lstrip().startswith("+") and first and len(first.group()) <= 3 else 0
        if len(d) - keep < 7:
            return _fill_digits(v, d[:keep] + self._rand_digits(r, len(d) - keep))
        body = self._rand_digits(r, len(d) - keep - 7) + "55501" + self._rand_digits(r, 2)  # NANP 555-01xx
        return _fill_digits(v, d[:keep] + body)

    def _cn_landline(self, r: random.Random, v: str) -> str:
        d = "".join(_DIGITS.findall(v))
        lead = 2 if d.startswith("86") else 4 if d.startswith("0086") else 0
        area = 3 if d[lead:].startswith(("010", "02")) else 4
        keep = lead + area
        return _fill_digits(v, d[:keep] + "1" + self._rand_digits(r, len(d) - keep - 1))

    def _cn_resident_id(self, r: random.Random, v: str) -> str:
        n = len(re.sub(r"[^0-9Xx]", "", v))
        birth = f"{r.randint(1950, 2005)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
        if n == 15:
            body = "99" + self._rand_digits(r, 4) + birth[2:] + self._rand_digits(r, 3)
        else:
            first17 = "99" + self._rand_digits(r, 4) + birth + self._rand_digits(r, 3)
            body = first17 + gb11643_check_char(first17)
        it = iter(body)
        return re.sub(r"[0-9Xx]", lambda _m: next(it), v)

    def _card(self, r: random.Random, v: str, keep: int) -> str:
        d = "".join(_DIGITS.findall(v))
        if len(d) < keep + 2:
            raise ValueError("too few digits for a card")
        valid = luhn_complete(d[:keep] + self._rand_digits(r, len(d) - keep - 1))
        wrong = valid[:-1] + str((int(valid[-1]) + 1 + r.randrange(9)) % 10)  # never Luhn-valid
        return _fill_digits(v, wrong)

    def _cn_bank_card(self, r: random.Random, v: str) -> str:
        return self._card(r, v, 2)

    def _credit_card(self, r: random.Random, v: str) -> str:
        return self._card(r, v, 1)

    def _imei(self, r: random.Random, v: str) -> str:
        return _fill_digits(v, luhn_complete("00" + self._rand_digits(r, 12)))  # TAC 00xxxxxx: test range

    def _digits(self, r: random.Random, v: str) -> str:
        """Keyed fake digits, same length and grouping; a leading non-zero stays non-zero."""
        n = len(_DIGITS.findall(v))
        if n == 0:
            raise ValueError("no digits")
        first = "0" if _DIGITS.search(v).group() == "0" else r.choice("123456789")
        return _fill_digits(v, first + self._rand_digits(r, n - 1))

    def _alnum(self, r: random.Random, v: str) -> str:
        """Keyed fake letters and digits, same length, case and separators."""
        def one(c: str) -> str:
            if c.isdigit():
                return r.choice("0123456789")
            if c.isascii() and c.isalpha():
                ch = r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ")
                return ch if c.isupper() else ch.lower()
            return c

        return "".join(one(c) for c in v)

    # -- network ----------------------------------------------------------------------------
    def _email_address(self, r: random.Random, v: str) -> str:
        return f"{r.choice(_SYLLABLES)}{r.choice(_SYLLABLES)}{r.randint(1, 99)}@mail.example"

    def _url(self, r: random.Random, v: str) -> str:
        scheme = "https://" if v.lower().startswith("https") else "http://" if v.lower().startswith("http") else ""
        return f"{scheme}{r.choice(_SYLLABLES)}{r.choice(_SYLLABLES)}.example/{r.getrandbits(32):08x}"

    def _ip_address(self, r: random.Random, v: str) -> str:
        """A random address of the same family, written out in full (never a compressed ``::``
        that the original could be a substring of)."""
        if ":" in v and "." not in v:
            return "fd" + f"{r.randrange(256):02x}:" + ":".join(f"{r.getrandbits(16):04x}" for _ in range(7))
        return f"10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"

    def _mac_address(self, r: random.Random, v: str) -> str:
        sep = "-" if "-" in v else ":"
        return sep.join(["00", "00", "5e", "00", "53", f"{r.randrange(256):02x}"])

    # -- ids and names ----------------------------------------------------------------------
    def _wechat_id(self, r: random.Random, v: str) -> str:
        return "".join(r.choice(_SYLLABLES) for _ in range(3))[:16]  # letters only, like many real ids

    def _cn_passport(self, r: random.Random, v: str) -> str:
        return "EI" + self._rand_digits(r, 7)

    def _cn_license_plate(self, r: random.Random, v: str) -> str:
        n = sum(c.isalnum() and c.isascii() for c in v[2:])  # 5 ordinary, 6 new-energy
        sep = next((c for c in v[2:3] if not c.isalnum()), "")
        rest = "".join(r.choice(_PLATE_LETTERS) for _ in range(max(n - 1, 4)))
        return v[0] + "I" + sep + r.choice("0123456789") + rest  # letter I is never issued

    def _date_of_birth(self, r: random.Random, v: str) -> str:
        """Digits redrawn in place (1998-03-05 keeps its shape); a date in words (五月初一, 情人节, 农历…)
        is replaced whole, since its words carry the month and day; English month names are redrawn."""
        if _WORDED_DATE.search(v):
            return f"{r.randint(1950, 2005)}年{r.randint(1, 12)}月{r.randint(1, 28)}日"

        def repl(m: re.Match[str]) -> str:
            g = m.group()
            if len(g) == 4:
                return str(int(g) // 10 * 10 + r.randrange(10))
            return f"{r.randint(1, 12):0{len(g)}d}"

        def month(m: re.Match[str]) -> str:
            name = r.choice(_EN_MONTHS)
            name = name[:3] if len(m.group()) <= 3 else name
            return name.upper() if m.group().isupper() else name if m.group()[0].isupper() else name.lower()

        return _EN_MONTH.sub(month, _DIGIT_GROUP.sub(repl, v))

    def _person(self, r: random.Random, v: str) -> str:
        if _HAN.search(v):
            if len(v) == 2 and v[0] in "小老阿":
                return v[0] + r.choice(_FAKE_SURNAMES)
            sur_len = 2 if v[:2] in COMPOUND_SURNAMES else 1
            given = len(v) - sur_len
            return r.choice(_FAKE_SURNAMES) + "".join(r.choice(_GIVEN) for _ in range(max(given, 0)))
        parts = v.split()
        if len(parts) <= 1:
            return r.choice(_EN_FIRST)
        return " ".join([r.choice(_EN_FIRST)] + [r.choice(_EN_LAST) for _ in parts[1:]])

    def _address(self, r: random.Random, v: str) -> str:
        if not _HAN.search(v):
            return f"{r.randint(1, 999)} {r.choice(_EN_LAST)} Street, {r.choice(_EN_LAST)}ville"
        return f"{r.choice(_CITIES)}市{r.choice(_ROADS)}路{r.randint(1, 300)}号"
