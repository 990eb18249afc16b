"""Planted PII: generators for values users paste into chats, and the validators tests use.

Every generator returns a `Planted` value: the surface form as it appears in the text (with the
separators, prefixes or full-width digits a real user types) and the normalised value, so detection
can be scored either on the exact span or on the canonical value.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from datetime import date, timedelta

from anonymizers.predefined_recognizers.checks import (
    gb11643_check_char,
    luhn_complete,
    luhn_ok,
)

# Entity type names used in the truth files (documented in transforms/synthetic/README.md).
CN_MOBILE = "CN_MOBILE"
CN_LANDLINE = "CN_LANDLINE"
CN_RESIDENT_ID = "CN_RESIDENT_ID"
CN_BANK_CARD = "CN_BANK_CARD"
WECHAT_ID = "WECHAT_ID"
QQ_NUMBER = "QQ_NUMBER"
PERSON = "PERSON"
CN_ADDRESS = "CN_ADDRESS"
EMAIL_ADDRESS = "EMAIL_ADDRESS"

ENTITY_TYPES = (
    CN_MOBILE,
    CN_LANDLINE,
    CN_RESIDENT_ID,
    CN_BANK_CARD,
    WECHAT_ID,
    QQ_NUMBER,
    PERSON,
    CN_ADDRESS,
    EMAIL_ADDRESS,
)

_FULLWIDTH = str.maketrans("0123456789+-() ", "０１２３４５６７８９＋－（）　")
_SPOKEN = dict(zip("0123456789", "零幺二三四五六七八九", strict=True))

# Real county-level division codes (GB/T 2260) with a readable label, so IDs look plausible.
REGION_CODES: tuple[tuple[str, str], ...] = (
    ("110101", "北京市东城区"),
    ("110105", "北京市朝阳区"),
    ("310104", "上海市徐汇区"),
    ("310115", "上海市浦东新区"),
    ("440305", "广东省深圳市南山区"),
    ("440106", "广东省广州市天河区"),
    ("330106", "浙江省杭州市西湖区"),
    ("320102", "江苏省南京市玄武区"),
    ("510107", "四川省成都市武侯区"),
    ("420106", "湖北省武汉市武昌区"),
    ("370102", "山东省济南市历下区"),
    ("410105", "河南省郑州市金水区"),
    ("350203", "福建省厦门市思明区"),
    ("430104", "湖南省长沙市岳麓区"),
    ("610113", "陕西省西安市雁塔区"),
    ("210102", "辽宁省沈阳市和平区"),
    ("500103", "重庆市渝中区"),
    ("120101", "天津市和平区"),
    ("340104", "安徽省合肥市蜀山区"),
    ("530102", "云南省昆明市五华区"),
)

_MOBILE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
    "156", "158", "159", "166", "173", "177", "181", "185", "186", "187", "188", "189", "191",
    "198", "199",
)  # fmt: skip
_LANDLINE_AREAS = ("010", "021", "020", "0755", "0571", "028", "027", "025", "029", "023")
_BANK_BINS = ("622202", "621700", "622848", "621661", "622588", "622700", "621226", "623668")
_EMAIL_DOMAINS_CN = ("qq.com", "163.com", "126.com", "foxmail.com", "sina.com")


@dataclass(frozen=True, slots=True)
class Planted:
    """A PII value as it appears in text (`surface`) and canonical (`normalized`)."""

    entity_type: str
    surface: str
    normalized: str
    fmt: str


def gb11643_check_digit(first17: str) -> str:
    """Check character of a PRC resident ID (GB 11643-1999, ISO 7064 MOD 11-2): the recognizer's rule."""
    return gb11643_check_char(first17)


def resident_id_valid(value: str) -> bool:
    """True when an 18-character ID has a valid check digit and a real birth date (any region)."""
    v = value.upper()
    if len(v) != 18 or not v[:17].isdigit():
        return False
    try:
        date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return False
    return v[17] == gb11643_check_digit(v[:17])


def luhn_check_digit(payload: str) -> str:
    """Digit that makes `payload + digit` pass the Luhn check (bank cards, IMEI)."""
    return luhn_complete(payload)[-1]


def luhn_valid(number: str) -> bool:
    """True when a digit string passes the Luhn check."""
    return luhn_ok(number)


def to_fullwidth(s: str) -> str:
    """Full-width digits and separators, as IMEs produce them."""
    return s.translate(_FULLWIDTH)


def digits_only(s: str) -> str:
    """Digits of a string, full-width folded to ASCII."""
    out = []
    for c in s:
        if "０" <= c <= "９":
            out.append(chr(ord(c) - 0xFEE0))
        elif c.isascii() and c.isdigit():
            out.append(c)
    return "".join(out)


class PiiFactory:
    """Seeded generator of realistic PII values; pools of names come from Faker (see population)."""

    def __init__(
        self,
        rng: random.Random,
        zh_names: list[str],
        en_names: list[str],
        streets: list[str],
        email_users: list[str],
    ) -> None:
        self.rng = rng
        self.zh_names = zh_names
        self.en_names = en_names
        self.streets = streets
        self.email_users = email_users

    # -- numbers -------------------------------------------------------------------------------
    def mobile_number(self) -> str:
        r = self.rng
        return r.choice(_MOBILE_PREFIXES) + "".join(r.choices(string.digits, k=8))

    def mobile(self, spoken: bool = False) -> Planted:
        r = self.rng
        n = self.mobile_number()
        if spoken:
            return Planted(CN_MOBILE, "".join(_SPOKEN[c] for c in n), n, "spoken_zh")
        fmt = r.choices(
            ("plain", "plus86_spaced", "plus86", "dashed", "spaced", "fullwidth", "paren86", "0086"),
            weights=(30, 14, 10, 12, 12, 10, 6, 6),
        )[0]
        surface = {
            "plain": n,
            "plus86_spaced": f"+86 {n[:3]} {n[3:7]} {n[7:]}",
            "plus86": f"+86{n}",
            "dashed": f"{n[:3]}-{n[3:7]}-{n[7:]}",
            "spaced": f"{n[:3]} {n[3:7]} {n[7:]}",
            "fullwidth": to_fullwidth(n),
            "paren86": f"(+86){n}",
            "0086": f"0086 {n}",
        }[fmt]
        return Planted(CN_MOBILE, surface, n, fmt)

    def landline(self) -> Planted:
        r = self.rng
        area = r.choice(_LANDLINE_AREAS)
        local = str(r.randint(2, 8)) + "".join(r.choices(string.digits, k=7 if len(area) == 3 else 6))
        fmt = r.choice(("dashed", "paren"))
        surface = f"{area}-{local}" if fmt == "dashed" else f"({area}){local}"
        return Planted(CN_LANDLINE, surface, area + local, fmt)

    def resident_id(self) -> Planted:
        r = self.rng
        region, _ = r.choice(REGION_CODES)
        born = date(1960, 1, 1) + timedelta(days=r.randint(0, 365 * 45))
        seq = f"{r.randint(0, 999):03d}"
        first17 = f"{region}{born:%Y%m%d}{seq}"
        value = first17 + gb11643_check_digit(first17)
        fmt = r.choices(("plain", "spaced", "lower_x"), weights=(75, 15, 10))[0]
        surface = value
        if fmt == "spaced":
            surface = f"{value[:6]} {value[6:14]} {value[14:]}"
        elif fmt == "lower_x":
            surface = value.lower()
            fmt = "lower_x" if value.endswith("X") else "plain"
        return Planted(CN_RESIDENT_ID, surface, value, fmt)

    def bank_card(self) -> Planted:
        r = self.rng
        length = r.choice((16, 19, 19))
        payload = r.choice(_BANK_BINS) + "".join(r.choices(string.digits, k=length - 7))
        value = payload + luhn_check_digit(payload)
        fmt = r.choices(("plain", "grouped"), weights=(55, 45))[0]
        surface = value if fmt == "plain" else " ".join(value[i : i + 4] for i in range(0, len(value), 4))
        return Planted(CN_BANK_CARD, surface, value, fmt)

    def qq(self) -> Planted:
        r = self.rng
        n = str(r.randint(1, 9)) + "".join(r.choices(string.digits, k=r.randint(6, 9)))
        return Planted(QQ_NUMBER, n, n, "plain")

    # -- handles and names ---------------------------------------------------------------------
    def wechat(self) -> Planted:
        r = self.rng
        if r.random() < 0.4:
            v = "wxid_" + "".join(r.choices(string.ascii_lowercase + string.digits, k=14))
            return Planted(WECHAT_ID, v, v, "wxid")
        base = r.choice(self.email_users).replace(".", "_")
        v = base + r.choice(("", "_", "")) + str(r.randint(1, 9999)) if r.random() < 0.7 else base
        if not v[0].isalpha():
            v = "a" + v
        v = v[:20] if len(v) >= 6 else v + "".join(r.choices(string.digits, k=6 - len(v)))
        return Planted(WECHAT_ID, v, v, "custom")

    def person_zh(self) -> Planted:
        v = self.rng.choice(self.zh_names)
        return Planted(PERSON, v, v, "zh")

    def person_en(self) -> Planted:
        v = self.rng.choice(self.en_names)
        return Planted(PERSON, v, v, "en")

    def address(self) -> Planted:
        r = self.rng
        _, region = r.choice(REGION_CODES)
        street = r.choice(self.streets)
        if not street.endswith(("路", "街", "道")):
            street += r.choice(("路", "街", "大道"))
        v = f"{region}{street}{r.randint(1, 399)}号"
        if r.random() < 0.5:
            v += f"{r.randint(1, 30)}栋{r.randint(1, 32)}0{r.randint(1, 8)}"
        return Planted(CN_ADDRESS, v, v, "zh")

    def email(self) -> Planted:
        r = self.rng
        if r.random() < 0.35:
            user = str(r.randint(10000, 9999999999))
            fmt = "qq_mail"
        else:
            user = r.choice(self.email_users) + (str(r.randint(1, 99)) if r.random() < 0.5 else "")
            fmt = "plain"
        domain = r.choice(_EMAIL_DOMAINS_CN + ("gmail.com", "outlook.com", "hotmail.com"))
        v = f"{user}@{domain}"
        return Planted(EMAIL_ADDRESS, v, v, fmt)


def imei(rng: random.Random) -> str:
    """A 15-digit IMEI with a real-looking TAC prefix and a Luhn check digit."""
    payload = rng.choice(("86", "35")) + "".join(rng.choices(string.digits, k=12))
    return payload + luhn_check_digit(payload)
