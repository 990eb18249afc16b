"""Template rendering that records where every planted PII value and hard negative sits in the text.

Offsets are Python string indexes (code points) into the final text, so a detector's findings can be
compared span by span with the truth.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache

from transforms.synthetic import pii, vocab

_SLOT = re.compile(r"\{(\w+)\}")
_VOICE_STRIP = str.maketrans("", "", "，。！？、：；,.!?:;～")

NEGATIVE_SLOTS = ("price", "order_no", "version", "time", "score", "steps")


@dataclass(frozen=True, slots=True)
class Span:
    """A planted value: `kind` is an entity type (PII) or a hard-negative kind."""

    kind: str
    value: str
    start: int
    end: int
    normalized: str
    fmt: str


@lru_cache(maxsize=4096)
def parse(template: str) -> tuple[str, ...]:
    """Alternating literal, slot, literal, ... (cached: templates are few, renders are many)."""
    return tuple(_SLOT.split(template))


class Renderer:
    """Fills templates; one instance per record stream so each stream is seeded independently."""

    def __init__(self, rng: random.Random, factory: pii.PiiFactory) -> None:
        self.rng = rng
        self.pii = factory

    def render(
        self, template: str, *, voice: bool = False, char_name: str = ""
    ) -> tuple[str, list[Span], list[Span]]:
        parts = parse(template)
        out: list[str] = []
        pos = 0
        found: list[Span] = []
        negatives: list[Span] = []
        for i, part in enumerate(parts):
            if i % 2 == 0:
                lit = part.translate(_VOICE_STRIP) if voice else part
                out.append(lit)
                pos += len(lit)
                continue
            planted = self._pii(part)
            if planted is not None:
                found.append(
                    Span(
                        planted.entity_type,
                        planted.surface,
                        pos,
                        pos + len(planted.surface),
                        planted.normalized,
                        planted.fmt,
                    )
                )
                value = planted.surface
            elif part in NEGATIVE_SLOTS:
                value = self._negative(part)
                negatives.append(Span(part, value, pos, pos + len(value), value, part))
            elif part == "char":
                value = char_name
            else:
                value = self.rng.choice(vocab.FILLERS[part])
            out.append(value)
            pos += len(value)
        return "".join(out), found, negatives

    def _pii(self, slot: str) -> pii.Planted | None:
        f = self.pii
        match slot:
            case "phone":
                return f.mobile()
            case "phone_spoken":
                return f.mobile(spoken=True)
            case "landline":
                return f.landline()
            case "id_card":
                return f.resident_id()
            case "bank_card":
                return f.bank_card()
            case "qq":
                return f.qq()
            case "wechat":
                return f.wechat()
            case "name_zh":
                return f.person_zh()
            case "name_en":
                return f.person_en()
            case "address":
                return f.address()
            case "email":
                return f.email()
        return None

    def _negative(self, slot: str) -> str:
        r = self.rng
        match slot:
            case "price":
                return r.choice(
                    (
                        str(r.randint(9, 20000)),
                        f"{r.randint(1, 99)},{r.randint(0, 999):03d}",
                        f"{r.randint(1, 999)}.{r.randint(0, 99):02d}",
                    )
                )
            case "order_no":
                return order_number(r)
            case "version":
                return r.choice(
                    (
                        f"v{r.randint(2, 4)}.{r.randint(0, 9)}.{r.randint(0, 20)}",
                        f"V3.{r.randint(0, 9)}.{r.randint(0, 9)}.{r.randint(1000, 9999)}",
                        f"iOS {r.randint(15, 18)}.{r.randint(0, 6)}.{r.randint(1, 3)}",
                    )
                )
            case "time":
                return f"{r.randint(5, 23)}:{r.choice(('00', '15', '30', '45'))}"
            case "score":
                return str(r.randint(38, 150))
            case "steps":
                return str(r.randint(1200, 35000))
        raise KeyError(slot)


def order_number(rng: random.Random) -> str:
    """An order number that is deliberately not a valid bank card, resident ID or mobile."""
    if rng.random() < 0.4:
        return (
            rng.choice(("E", "SO", "JD"))
            + "2026"
            + "".join(rng.choices("0123456789", k=rng.choice((10, 12))))
        )
    n = rng.choice(("2026", "4200")) + "".join(rng.choices("0123456789", k=rng.choice((12, 15, 16))))
    if pii.luhn_valid(n):
        n = n[:-1] + str((int(n[-1]) + 1) % 10)
    return n
