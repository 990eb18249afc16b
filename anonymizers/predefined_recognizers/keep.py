"""Names de-identification keeps: the app's own AI characters and public figures (config/deid_keep.yaml),
and the few public DNS resolvers users paste when they talk about their network (8.8.8.8, 114.114.114.114):
the exact address of a public service identifies no user; any other IP address stays redacted.

Fail closed: a PERSON span is kept only when it lies wholly inside an exact occurrence of a listed name
(case-insensitive for Latin script; a Han name may be typed with spaces between its characters). A longer name that merely starts with one (林墨涵) is redacted, and
so is every name next to a listed one. A malformed file is an error, never an empty list.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

KEEP_FILE_ENV = "AIMATE_DEID_KEEP"
_DEFAULT = Path(__file__).resolve().parents[2] / "config" / "deid_keep.yaml"


class KeepConfig(BaseModel):
    """The validated contents of deid_keep.yaml."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    include_app_characters: bool = True
    characters: list[str] = Field(default_factory=list)
    public_figures: list[str] = Field(default_factory=list)
    brands: list[str] = Field(default_factory=list)
    public_resolvers: list[str] = Field(default_factory=list)

    @field_validator("public_resolvers")
    @classmethod
    def _addresses(cls, v: list[str]) -> list[str]:
        for addr in v:
            ipaddress.ip_address(addr)  # a typo is an error, never a silently wider keep
        return v

    @field_validator("characters", "public_figures", "brands")
    @classmethod
    def _names(cls, v: list[str]) -> list[str]:
        for name in v:
            if not isinstance(name, str) or not name.strip() or name != name.strip() or len(name) > 40:
                raise ValueError(f"name {name!r} must be a non-empty, trimmed name of at most 40 characters")
            if any(c.isdigit() for c in name):
                raise ValueError(f"name {name!r} contains a digit")
        if len(set(v)) != len(v):
            raise ValueError("the list names a name twice")
        return v


def keep_file() -> Path:
    """The keep list in use (env AIMATE_DEID_KEEP overrides config/deid_keep.yaml)."""
    return Path(os.environ.get(KEEP_FILE_ENV) or _DEFAULT)


def load_keep_config(path: Path | None = None) -> KeepConfig:
    """Read and validate the keep list; any problem is one clear ValueError naming the file."""
    p = path or keep_file()
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        return KeepConfig.model_validate(data)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ValueError(f"{p}: invalid de-identification keep list ({exc.__class__.__name__}: {exc})") from exc


def app_character_names() -> tuple[str, ...]:
    """Display names of the app's AI characters, from the character catalogue (one place)."""
    from transforms.synthetic.vocab import CHARACTERS

    return tuple(name for _id, name, _genre, _lang in CHARACTERS)


def person_shaped(name: str) -> bool:
    """A catalogue character's name that is also how users name real people (阿杰, 糖糖, 王老师, 林墨, Emma):
    keeping it would keep every real 阿杰 too, so only the keep file's explicit ``characters`` can keep such
    a name (fail closed). 云游道士, 效率小助手, Detective Hale stay kept."""
    from .country_specific.china._names import COMPOUND_SURNAMES, GIVEN_CHARS, ROLE_NOUNS, SURNAMES, TITLES
    from .generic.english_names import is_given

    if name.isascii():
        return any(is_given(w, alone=False) for w in name.split())
    if len(name) == 2 and (name[0] == name[1] or (name[0] in "阿小老" and (name[1] in GIVEN_CHARS or name[1] in SURNAMES))):
        return True  # 阿杰, 小暖, 糖糖
    sur = name[:2] if name[:2] in COMPOUND_SURNAMES else name[:1] if name[:1] in SURNAMES else ""
    rest = name[len(sur):]
    if sur and (rest in TITLES or rest in ROLE_NOUNS or rest in ("大厨", "大夫", "师傅")):
        return True  # 王老师, 李大厨
    return bool(sur) and 1 <= len(rest) <= 2 and all(c in GIVEN_CHARS for c in rest)  # 林墨, 顾星辰


@lru_cache(maxsize=4)
def kept_names(path: str | None = None) -> tuple[str, ...]:
    """Every kept name, longest first (so 顾星辰 is tried before any shorter name inside it)."""
    cfg = load_keep_config(Path(path) if path else None)
    catalogue = [n for n in app_character_names() if not person_shaped(n)] if cfg.include_app_characters else []
    app = catalogue + list(cfg.characters)
    names = list(cfg.public_figures) + list(cfg.brands) + app
    return tuple(sorted(set(names), key=lambda n: (-len(n), n)))


# What users type between the characters of a kept name: blanks, dots, dashes, an emoji (苏——沐, 小🌸暖, 苏 · 沐).
_NAME_SEP = r"[ \t*＊·~～_.\-\u2014\u2026\U0001F300-\U0001FAFF\u2600-\u27BF\ufe0f]{0,3}"


@lru_cache(maxsize=4)
def _patterns(path: str | None = None) -> dict[str, re.Pattern[str]]:
    """One alternation per first character (lowercased), longest name first: a few hundred names in
    one alternation would be tried at every position of every message."""
    groups: dict[str, list[str]] = {}
    for n in kept_names(path):
        esc = re.escape(n)
        # Latin names must stand alone (Leo is not in Leonard); Han names are matched as written.
        if n.isascii():  # L u n a, L.u.n.a: a one-word Latin name spelled out letter by letter
            # (or split once: Lu na, Xing ye)
            spelled = r"[ \t*._]?".join(re.escape(c) for c in n) if n.isalpha() and len(n) >= 3 else esc
            alt = rf"(?<![A-Za-z])(?:{esc}|{spelled})(?![A-Za-z])"
        else:  # 顾 星 辰, 苏*沐, 林~小~暖: the same name typed with a separator between its characters
            alt = _NAME_SEP.join(re.escape(c) for c in n)
        groups.setdefault(n[0].lower(), []).append(alt)
    return {c: re.compile("|".join(alts), re.IGNORECASE) for c, alts in groups.items()}


@lru_cache(maxsize=4)
def _addressed(path: str | None = None) -> re.Pattern[str] | None:
    """The catalogue characters named like people (阿杰, 王老师, Emma), matched only where the message
    addresses them: opening the message or a line (after a greeting) before a pause or 你, or closing it
    after a comma. A chat message is written to the AI character; 阿杰，你觉得… talks to it, while
    我问了下阿杰能不能先借我 talks about a person and is redacted."""
    cfg = load_keep_config(Path(path) if path else None)
    names = sorted({n for n in app_character_names() if person_shaped(n)} if cfg.include_app_characters else (),
                   key=len, reverse=True)
    if not names:
        return None
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(
        rf"(?im)(?:^[ \t]*(?:(?:早呀|早上好|早安|晚安|嗨|哈喽|哎|喂|hi|hey|hello|dear)[ \t,，~～!！]*)?(?P<a>{alt})"
        rf"(?=[ \t]*(?:[,，:：!！?？~～。.、]|你|您|$))|[,，][ \t]*(?P<b>{alt})[ \t]*[.。!！?？~～…]*[ \t]*$)"
    )


# A user naming themself ("I'm Leo", "我叫星野"): the name is theirs, not the app character's.
_SELF_NAMING = re.compile(
    r"(?i)(?:\b(?:my name is|my name's|i'm|i am|call me)|我叫|叫我|我的名字是|本人叫|真名(?:是|叫)|本名(?:是|叫)|"
    r"名字(?:也)?(?:是|叫)|也叫)[ \t:：]*$"
)
# Someone the user knows who shares a famous name (我妈叫王菲, 我同事王菲, 我邻居也叫刘德华): a public figure
# is kept only where the message talks about the figure, not after a naming cue or a relation word, and not
# in a message that says the person only shares the name (不是那个歌手, 同名).
_RELATION_NAMED = re.compile(
    r"(?:我|他|她)(?:的)?(?:女儿|儿子|孩子|女朋友|男朋友|老婆|老公|朋友|同学|同事|室友|闺蜜|妹妹|姐姐|哥哥|弟弟|表妹|表姐"
    r"|妈|爸|妈妈|爸爸|猫|狗)(?:也|还)?叫[ \t:：]*$"
)
_NAMED_SO = re.compile(r"(?:叫|名叫|叫做|名字是|名字叫)[ \t:：]*$")
_NOT_THE_FIGURE = re.compile(r"不是(?:那个|那位)?(?:歌手|明星|演员|运动员|作家|名人|本人)|同名|重名|撞名")


def kept_spans(text: str, path: str | None = None) -> list[tuple[int, int]]:
    """Spans of ``text`` that are exact occurrences of a kept name, unless the user names themself so, and of
    a person-named catalogue character where the message addresses it (``_addressed``)."""
    from .country_specific.china.t2s import to_simplified

    text = to_simplified(text)  # 周杰倫 is 周杰伦
    pats = _patterns(path)
    figures = _figures(path)
    shares_name = _NOT_THE_FIGURE.search(text) is not None
    out = []
    for i, ch in enumerate(text):
        p = pats.get(ch.lower())
        m = p.match(text, i) if p is not None else None
        if m and not _SELF_NAMING.search(text, max(0, i - 16), i):
            if m.group() in figures and (shares_name or _named_acquaintance(text, i)):
                continue
            if _RELATION_NAMED.search(text, max(0, i - 12), i):
                continue  # 我女儿叫星野, 我女朋友也叫Luna: a person the user knows, named like the character
            out.append((i, m.end()))
    addressed = _addressed(path)
    for m in addressed.finditer(text) if addressed is not None else ():
        out.append(m.span("a") if m.group("a") else m.span("b"))
    return out


@lru_cache(maxsize=4)
def _figures(path: str | None = None) -> frozenset[str]:
    """The public figures of the keep file (not the app's characters: 我朋友小暖 stays the character)."""
    cfg = load_keep_config(Path(path) if path else None)
    return frozenset(cfg.public_figures) - frozenset(cfg.characters)


def _named_acquaintance(text: str, i: int) -> bool:
    """A naming cue or a relation word (我同事, 我妈叫, 我的朋友) right before position ``i``."""
    from .country_specific.china._names import ROLE_NOUNS

    before = text[max(0, i - 12) : i].rstrip(" \t")
    if _NAMED_SO.search(before):
        return True
    before = re.sub(r"(?:也|还)?(?:是|叫)?$", "", before)
    return before.endswith(tuple(r for r in ROLE_NOUNS if len(r) >= 2)) or before.endswith(("我妈", "我爸", "我哥", "我姐"))


T = TypeVar("T")


def drop_kept_persons(text: str, results: Sequence[T], path: str | None = None) -> list[T]:
    """``results`` without the PERSON results lying wholly inside a kept name's occurrence."""
    if not any(getattr(r, "entity_type", None) == "PERSON" for r in results):
        return list(results)
    spans = kept_spans(text, path)
    return [r for r in results if not (getattr(r, "entity_type", None) == "PERSON" and _inside(r, spans, text))]


def _inside(r, spans: Iterable[tuple[int, int]], text: str = "") -> bool:
    """Wholly inside a kept name's occurrence, or that occurrence plus one character that cannot continue a
    name (苏沐里的, 苏沐劝劝我, 星野记一下: the scan took a word's first character along; 林墨涵 stays redacted)."""
    from .country_specific.china._names import GIVEN_CHARS

    return any(s <= r.start and (r.end <= e or (r.start == s and r.end == e + 1 and "\u4e00" <= text[e:e + 1] <= "\u9fff"
                                                and (text[e:e + 1] not in GIVEN_CHARS or text[e + 1 : e + 2] in _VERB_TAIL))
                                 or (r.start == s and r.end == e + 2 and text[e + 1 : e + 2] in _VERB_TAIL)
                                 or (r.start == s and r.end > e and _plain_word(text[e:r.end]))
                                 or (r.start == s and text[e:r.end] in _TITLE_TAILS))
               for s, e in spans)


def _plain_word(word: str) -> bool:
    """A dictionary word of two characters or more that is no name (哈利·波特|好看: the scan ran on)."""
    from .country_specific.china._names import GIVEN_CHARS
    from .country_specific.china.cn_address_view import place_tag

    tag = place_tag(word) if len(word) >= 2 else None  # (钟离|浩然: a word that is also a given name is not plain)
    return tag is not None and not tag.startswith("nr") and not all(c in GIVEN_CHARS for c in word)


# What follows a one-character verb (星野记|一下, 苏沐看|下): the scan took the verb along, not a given name.
_VERB_TAIL = frozenset("下一了着过")
# A kept name with a form of address after it is still the kept name (星野君, 小暖姐姐, 苏沐老师).
_TITLE_TAILS = frozenset({"君", "酱", "桑", "哥", "姐", "哥哥", "姐姐", "老师", "同学", "先生", "小姐", "大人", "宝宝"})


@lru_cache(maxsize=4)
def public_resolvers(path: str | None = None) -> frozenset[str]:
    """The exact public resolver addresses the keep file lists."""
    return frozenset(load_keep_config(Path(path) if path else None).public_resolvers)


def drop_public_resolvers(text: str, results: Sequence[T], path: str | None = None) -> list[T]:
    """``results`` without the IP_ADDRESS results whose whole text is a listed public resolver."""
    if not any(getattr(r, "entity_type", None) == "IP_ADDRESS" for r in results):
        return list(results)
    keep = public_resolvers(path)
    return [r for r in results
            if not (getattr(r, "entity_type", None) == "IP_ADDRESS" and text[r.start:r.end].strip() in keep)]
