"""Seeded labeled evaluation set: templates × value generators, with span labels and hard negatives.

Values come from Faker (zh_CN/en_US: names, resident IDs with real check digits, phone numbers) and
small generators here (typing variants: spaces, dashes, +86, full width). Nothing here calls the
recognizers, so the labels do not depend on what the engine finds.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from faker import Faker

from ..predefined_recognizers.country_specific.china._checks import gb11643_check_char, luhn_complete


@dataclass(frozen=True, slots=True)
class Span:
    """A labeled span: ``label`` is an entity type, or ``None`` for a hard negative to be preserved."""

    label: str | None
    start: int
    end: int
    value: str

    @property
    def key(self) -> str:
        """Metric key: PERSON split by script (PERSON_ZH / PERSON_EN), other types as is."""
        if self.label == "PERSON":
            return "PERSON_ZH" if re.search(r"[\u4e00-\u9fff]", self.value) else "PERSON_EN"
        return self.label or "NEGATIVE"


@dataclass(frozen=True, slots=True)
class Example:
    """One message: text, language bucket (zh/en/mixed), labeled entity spans and negatives."""

    text: str
    lang: str
    spans: tuple[Span, ...]

    @property
    def entities(self) -> tuple[Span, ...]:
        return tuple(s for s in self.spans if s.label)

    @property
    def negatives(self) -> tuple[Span, ...]:
        return tuple(s for s in self.spans if s.label is None)


Piece = tuple[str, str | None]  # (text, label) — label "" = plain text, None = hard negative

_FW = str.maketrans("0123456789+-", "０１２３４５６７８９＋－")


class _Gen:
    """Value generators; every method returns a list of pieces."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.zh = Faker("zh_CN")
        self.en = Faker("en_US")
        self.zh.seed_instance(seed)
        self.en.seed_instance(seed + 1)

    def digits(self, n: int) -> str:
        return "".join(self.r.choice("0123456789") for _ in range(n))

    # --- entities --------------------------------------------------------------------------
    def mobile(self) -> list[Piece]:
        m = self.zh.phone_number()
        style = self.r.randrange(8)
        if style == 1:
            m = f"{m[:3]} {m[3:7]} {m[7:]}"
        elif style == 2:
            m = f"{m[:3]}-{m[3:7]}-{m[7:]}"
        elif style == 3:
            m = "+86 " + m
        elif style == 4:
            m = "+86-" + f"{m[:3]}-{m[3:7]}-{m[7:]}"
        elif style == 5:
            m = "0086" + m
        elif style == 6:
            m = m.translate(_FW)
        elif style == 7:
            m = f"{m[:3]} {m[3:7]} {m[7:]}".translate(_FW).replace(" ", "\u3000")
        return [(m, "CN_MOBILE")]

    def intl_phone(self) -> list[Piece]:
        area = self.r.choice(["212", "415", "312", "617", "206", "303", "404", "713", "305", "646"])
        exch = str(self.r.randint(200, 999))
        while exch in ("555", "911") or exch[1:] == "11":
            exch = str(self.r.randint(200, 999))
        line = self.digits(4)
        style = self.r.randrange(5)
        v = [f"({area}) {exch}-{line}", f"{area}-{exch}-{line}", f"+1 {area} {exch} {line}",
             f"{area}.{exch}.{line}", f"+44 20 7{self.digits(3)} {self.digits(4)}"][style]
        return [(v, "PHONE_NUMBER")]

    def landline(self) -> list[Piece]:
        area = self.r.choice(["010", "021", "020", "022", "023", "0755", "0571", "028", "027", "029", "0512"])
        sub = self.r.choice("2345678") + self.digits(7 if len(area) == 3 else self.r.choice([6, 7]))
        style = self.r.randrange(3)
        v = f"{area}-{sub}" if style == 0 else f"({area}){sub}" if style == 1 else f"{area} {sub[:4]} {sub[4:]}"
        return [(v, "CN_LANDLINE")]

    def resident_id(self) -> list[Piece]:
        v = self.zh.ssn()
        if self.r.random() < 0.15:
            v = f"{v[:6]} {v[6:14]} {v[14:]}"
        return [(v, "CN_RESIDENT_ID")]

    def passport(self) -> list[Piece]:
        v = "E" + self.digits(8) if self.r.random() < 0.6 else "E" + self.r.choice("ABCDEFGH") + self.digits(7)
        return [(v, "CN_PASSPORT")]

    def bank_card(self) -> list[Piece]:
        n = self.r.choice([16, 19, 19])
        v = luhn_complete("62" + self.r.choice(["22", "28", "17", "14", "25"]) + self.digits(n - 5))
        if self.r.random() < 0.3:
            v = " ".join(v[i : i + 4] for i in range(0, len(v), 4))
        return [(v, "CN_BANK_CARD")]

    def credit_card(self) -> list[Piece]:
        v = self.en.credit_card_number(card_type=self.r.choice(["visa16", "mastercard", "amex"]))
        return [(v, "CREDIT_CARD")]

    def plate(self) -> list[Piece]:
        prov = self.r.choice("京津沪渝冀豫云辽黑湘皖鲁苏浙赣鄂桂甘晋陕吉闽贵粤川")
        auth = self.r.choice("ABCDEFGHJKLMNPQ")
        kind = self.r.randrange(3)
        if kind == 0:
            v = self.zh.license_plate()
            while v[1] == "I":  # Faker occasionally emits authority letter I, which is never issued
                v = self.zh.license_plate()
        elif kind == 1:
            v = prov + auth + self.r.choice(["·", ""]) + self.r.choice("DF") + self.digits(5)
        else:
            v = prov + auth + self.digits(5) + self.r.choice("DF")
        return [(v, "CN_LICENSE_PLATE")]

    def wechat(self) -> list[Piece]:
        if self.r.random() < 0.4:
            return [("wxid_" + "".join(self.r.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(10)), "WECHAT_ID")]
        name = self.en.user_name()[:12]
        name = re.sub(r"[^A-Za-z0-9_]", "", name) or "user"
        if not name[0].isalpha():
            name = "a" + name
        return [(name + self.r.choice(["", "_", "-"]) + self.digits(self.r.randint(2, 4)), "WECHAT_ID")]

    def qq(self) -> list[Piece]:
        return [(self.r.choice("123456789") + self.digits(self.r.randint(4, 10)), "QQ_NUMBER")]

    def imei(self) -> list[Piece]:
        v = luhn_complete(self.r.choice(["35", "86", "01", "99"]) + self.digits(12))
        if self.r.random() < 0.3:
            v = f"{v[:2]}-{v[2:8]}-{v[8:14]}-{v[14]}"
        return [(v, "IMEI")]

    def mac(self) -> list[Piece]:
        v = self.en.mac_address()
        if self.r.random() < 0.5:
            v = v.upper()
        if self.r.random() < 0.3:
            v = v.replace(":", "-")
        return [(v, "MAC_ADDRESS")]

    def email(self) -> list[Piece]:
        return [(self.r.choice([self.en.email(), self.en.free_email(), self.en.company_email()]), "EMAIL_ADDRESS")]

    def ip(self) -> list[Piece]:
        return [(self.en.ipv4_public() if self.r.random() < 0.85 else self.en.ipv6(), "IP_ADDRESS")]

    def url(self) -> list[Piece]:
        v = self.en.url()
        if self.r.random() < 0.5:
            v = v.rstrip("/") + "/" + self.en.uri_path()
        return [(v, "URL")]

    def dob_zh(self) -> list[Piece]:
        d = self.zh.date_of_birth(minimum_age=14, maximum_age=80)
        v = self.r.choice([f"{d.year}年{d.month}月{d.day}日", f"{d:%Y-%m-%d}", f"{d.year}/{d.month}/{d.day}", f"{d.month}月{d.day}号"])
        return [(v, "DATE_OF_BIRTH")]

    def dob_en(self) -> list[Piece]:
        d = self.en.date_of_birth(minimum_age=14, maximum_age=80)
        v = self.r.choice([f"{d:%B} {d.day}, {d.year}", f"{d.day} {d:%B} {d.year}", f"{d:%m/%d/%Y}"])
        return [(v, "DATE_OF_BIRTH")]

    def person_zh(self) -> list[Piece]:
        return [(self.zh.name(), "PERSON")]

    def nick(self) -> list[Piece]:
        return [(self.r.choice("小老") + self.zh.last_name(), "PERSON")]

    def surname_title(self) -> list[Piece]:
        return [(self.zh.last_name(), "PERSON"), (self.r.choice(["先生", "女士", "老师", "经理", "医生"]), "")]

    def person_en(self) -> list[Piece]:
        return [(self.r.choice([self.en.name(), self.en.name(), self.en.first_name() + " " + self.en.last_name()]), "PERSON")]

    def address(self) -> list[Piece]:
        z = self.zh
        street = z.street_name()
        kind = self.r.randrange(3)
        if kind == 0:
            v = f"{z.province()}{z.city_name()}市{z.district()}区{street}{self.r.randint(1, 999)}号"
        elif kind == 1:
            v = f"{z.city_name()}市{z.district()}区{street}{self.r.randint(1, 999)}号{self.r.randint(1, 30)}栋{self.r.randint(101, 2505)}室"
        else:
            v = f"{self.r.choice(['阳光', '幸福', '金色', '翠湖', '锦绣', '碧桂'])}{self.r.choice(['花园', '小区', '家园'])}{self.r.randint(1, 30)}栋{self.r.randint(1, 6)}单元{self.r.randint(101, 2505)}室"
        return [(v, "ADDRESS")]

    # --- hard negatives ----------------------------------------------------------------------
    def price(self) -> list[Piece]:
        n = self.r.randint(10, 99999)
        return [(self.r.choice([f"¥{n}", f"{n}元", f"￥{n:,}", f"{n}块", f"RMB {n}"]), None)]

    def order(self) -> list[Piece]:
        if self.r.random() < 0.6:
            v = f"{self.r.randint(2019, 2025)}{self.r.randint(1, 12):02d}{self.r.randint(1, 28):02d}" + self.digits(self.r.randint(8, 12))
        else:
            v = self.r.choice("123456789") + self.digits(self.r.randint(11, 17))
        return [(v, None)]

    def version(self) -> list[Piece]:
        return [(self.r.choice(["v", "V", "版本", ""]) + f"{self.r.randint(1, 20)}.{self.r.randint(0, 30)}.{self.r.randint(0, 200)}", None)]

    def time(self) -> list[Piece]:
        return [(self.r.choice([f"{self.r.randint(0, 23):02d}:{self.r.randint(0, 59):02d}", f"{self.r.randint(1, 12)}点{self.r.randint(1, 59)}分"]), None)]

    def year(self) -> list[Piece]:
        return [(f"{self.r.randint(1990, 2030)}年", None)]

    def qty(self) -> list[Piece]:
        return [(f"{self.r.randint(2, 99999)}{self.r.choice(['个', '件', '人', '公里', '步', '次'])}", None)]

    def non_mobile(self) -> list[Piece]:
        return [(self.r.choice(["10", "11", "12"]) + self.digits(9), None)]

    def bad_id(self) -> list[Piece]:
        v = self.zh.ssn()
        good = gb11643_check_char(v[:17])
        bad = self.r.choice([c for c in "0123456789X" if c != good])
        return [(v[:17] + bad, None)]

    def plain_date(self) -> list[Piece]:
        d = self.zh.date_between(start_date="-5y", end_date="today")
        return [(self.r.choice([f"{d.year}年{d.month}月{d.day}日", f"{d:%Y-%m-%d}"]), None)]


# Templates: {slot} is filled by _Gen.<slot>(). Lists by language bucket.
ZH_TEMPLATES = [
    "我的手机号是{mobile}，有事打我",
    "加我微信{wechat}，或者打{mobile}",
    "你好，我是{person_zh}，电话{mobile}",
    "{person_zh}说他明天不来了",
    "昨天{person_zh}和{person_zh}一起去吃饭了",
    "帮我问问{nick}，他那边怎么样",
    "{nick}刚才打电话来",
    "请联系{surname_title}，座机{landline}",
    "身份证号{resident_id}，名字{person_zh}",
    "我的身份证是{resident_id}，麻烦帮我查一下",
    "护照号{passport}，下周出发去日本",
    "我的卡号{bank_card}，转账的时候备注一下",
    "银行卡{bank_card}谢谢",
    "车牌号{plate}，停在地下车库",
    "微信号：{wechat}",
    "我的QQ是{qq}，加我一起玩",
    "扣扣{qq}",
    "手机串号{imei}，帮我查下保修",
    "路由器MAC地址{mac}连不上",
    "我的邮箱{email}谢谢",
    "服务器IP是{ip}，不要外传",
    "打开这个链接{url}看看",
    "我的生日是{dob_zh}",
    "我{dob_zh}出生的，属马",
    "快递寄到{address}，收件人{person_zh}",
    "我住在{address}，有空来玩",
    "地址：{address}，电话{mobile}",
    "这件衣服{price}，太贵了",
    "订单号{order}，什么时候发货",
    "更新到{version}之后老是闪退",
    "我们{time}在公司门口见",
    "{year}是个好年份，马上就要过年了",
    "今天走了{qty}，周末去爬山",
    "这个号码{non_mobile}好像不对",
    "身份证{bad_id}好像输错了",
    "{plain_date}发布了新功能，黄金价格也涨了",
    "订单{order}已经付了{price}",
    "高兴得不得了，方便的话{time}见",
    "老师说{year}的考试在{time}开始",
    "我和{person_zh}在{address}见面，电话{mobile}，邮箱{email}",
    # ordinary chat with surname characters and place words, no PII: precision checks
    "马上就到，高速有点堵，方便的话先点菜",
    "周末去江边走走，白天太热了",
    "王者荣耀今晚开黑吗？常常输，明白了",
    "黄色那件好看还是金色那件？",
    "安全第一，向前看，和平万岁",
    "石头剪刀布，谁输谁请客",
    "老师布置的作业太多了，小说也没时间看",
    "我们公司在市中心，离地铁站很近",
    "林子里有很多鸟，叶子都黄了",
    "宋朝的历史很有意思，唐诗宋词都喜欢",
    "他说马上要去北京出差，下周回来",
    "高兴得不得了，明天继续加油",
]
EN_TEMPLATES = [
    "Hi, I'm {person_en}, you can reach me at {email}",
    "{person_en} called yesterday about the invoice",
    "Please ask {person_en} and {person_en} to join the call",
    "My card number is {credit_card}, expires next year",
    "The server at {ip} keeps timing out",
    "Check out {url} for details",
    "My birthday is {dob_en}",
    "I was born on {dob_en} in a small town",
    "My device MAC is {mac}",
    "My WeChat is {wechat}",
    "Text me on {mobile}, thanks",
    "The price went up to {price} after the update to {version}",
    "Order {order} shipped at {time}",
    "We met {person_en} in {year} at the conference",
    "Contact {person_en} ({email}) before {time}",
    "Text me at {intl_phone} after {time}",
    "My office line is {intl_phone}, ask for {person_en}",
    "Meet me at the Apple Store near Central Park",
    "Microsoft Teams keeps crashing on my iPhone 15 Pro",
    "Starbucks on Main Street has the best latte",
    "Thanks for the help, see you on Monday!",
]
MIXED_TEMPLATES = [
    "我和{person_en}明天见，他的邮箱是{email}",
    "{person_en}的手机号是{mobile}",
    "把报告发给{person_en}，抄送{person_zh}",
    "My name is {person_zh}, 手机{mobile}",
    "Hi {person_en}，我的微信是{wechat}",
    "请把{url}转给{person_zh}",
    "The IMEI is {imei}，帮我查一下",
    "我的QQ号是{qq}, add me please",
    "订单{order} costs {price}，{person_en} will pay",
    "Meeting at {time}，{nick}也来",
    "I live at {address}, call {mobile}",
    "我在美国的电话是{intl_phone}，微信{wechat}",
    "{person_zh} said the card {bank_card} was declined",
]
_BUCKETS = (("zh", ZH_TEMPLATES, 0.6), ("en", EN_TEMPLATES, 0.2), ("mixed", MIXED_TEMPLATES, 0.2))
_SLOT = re.compile(r"\{(\w+)\}")


def _fill(template: str, gen: _Gen) -> tuple[str, list[Span]]:
    text, spans, pos = [], [], 0
    for part in _SLOT.split(template):
        pieces: list[Piece]
        if hasattr(gen, part) and isinstance(getattr(gen, part), Callable):  # a slot name
            pieces = getattr(gen, part)()
        else:
            pieces = [(part, "")]
        for value, label in pieces:
            if label != "":
                spans.append(Span(label, pos, pos + len(value), value))
            text.append(value)
            pos += len(value)
    return "".join(text), spans


def generate(n: int = 2000, seed: int = 20261129) -> list[Example]:
    """``n`` examples, reproducible for a seed; zh 60 %, en 20 %, mixed 20 %."""
    gen = _Gen(seed)
    out: list[Example] = []
    for i in range(n):
        x = gen.r.random()
        acc, lang, templates = 0.0, "mixed", MIXED_TEMPLATES
        for lang, templates, share in _BUCKETS:  # noqa: B007 - the loop variables are the result
            acc += share
            if x < acc:
                break
        template = templates[i % len(templates)] if i < 3 * len(templates) else gen.r.choice(templates)
        text, spans = _fill(template, gen)
        out.append(Example(text, lang, tuple(spans)))
    return out
