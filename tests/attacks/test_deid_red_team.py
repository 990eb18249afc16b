"""Red-team findings against the de-identification engine (branch attack5).

Each case is a small input that a user would write or an operator could receive. Findings the engine
does not handle yet are ``xfail(strict=True)``: they fail today and start passing (XPASS, which
strict turns into a failure to notice) once the engine is fixed, so the xfail mark must then go.

1. Presidio's anonymizer merges two same-type spans separated by whitespace into one span; the
   model_tuning mobile surrogate keeps "the digits before the last 11" as a country prefix, so the
   first of two space-separated mobiles comes out verbatim.
2. Two resident IDs separated by a space after an ID cue are not detected at all (or only part of
   the first one, as GENERIC_ID, leaving its check character and the whole second ID).
3. Quadratic regexes: ``a点`` repeated before an ``@`` (obfuscated e-mail / written host patterns)
   and a plain long digit run (the normaliser's chain fast-path test) grow super-linearly.
4. A lone surrogate code point inside a Latin word makes the row fail closed (spaCy cannot encode it)
   although the rest of the message is ordinary; one such row also sends the whole batch row by row.
5. model_tuning name / date surrogates that reproduce the original (case-insensitively) or part of it.
"""

from __future__ import annotations

import re
import time

import pytest

from anonymizers.deidentifier import Deidentifier
from anonymizers.surrogates import SurrogateGenerator


class _FixedKeyRing:
    """A keyring with one fixed surrogate key, so keyed findings reproduce exactly."""

    def __init__(self, key: bytes, version: str = "rt1") -> None:
        self._key, self._version = key, version

    def current(self, name: str) -> tuple[str, bytes]:
        return self._version, self._key


@pytest.fixture(scope="module")
def engine():
    from anonymizers.engine import get_engine

    return get_engine()


@pytest.fixture(scope="module")
def research(engine):
    return Deidentifier("research", engine=engine)


@pytest.fixture(scope="module")
def tuning(engine):
    return Deidentifier("model_tuning", engine=engine, keyring=_FixedKeyRing(b"red-team-fixed-key-0123456789abc"))


def _mobiles(text: str) -> list[str]:
    return re.findall(r"1[3-9]\d{9}", text)


# -- 1. two space-separated mobiles: the first survives model_tuning verbatim --------------------------
TWO_MOBILES = [
    "手机号13912345678 13712345678",
    "我的手机号是 13912345678 13712345678",
    "电话13812345678 13987654321",
    "+86 13812345678 +86 13987654321",
]


# Fixed: a merged span's digits before the last 11 are kept only when they are 86 / 0086.
@pytest.mark.parametrize("text", TWO_MOBILES)
def test_two_space_separated_mobiles_both_replaced_in_model_tuning(tuning, text):
    out = tuning.deidentify([text])[0].text
    assert out is not None
    leaked = [m for m in _mobiles(text) if m in out]
    assert leaked == [], f"{text!r} -> {out!r}"


@pytest.mark.parametrize("text", TWO_MOBILES)
def test_two_space_separated_mobiles_research_redacts_both(research, text):
    out = research.deidentify([text])[0].text
    assert out is not None and not any(m in out for m in _mobiles(text)), out


# -- 2. two resident IDs side by side after an ID cue ------------------------------------------------
ID_A, ID_B = "110101199003074514", "11010519491231002X"  # both valid (GB 11643 check characters)
TWO_IDS = [
    f"身份证 {ID_A} {ID_B}",
    f"身份证 {ID_B} {ID_A}",
    f"身份证 {ID_A} {ID_A}",
    f"我和我老婆的身份证：{ID_A} {ID_B}",
]


# Fixed: after an identifier noun, two pieces of 12+ characters each are two numbers, never joined.
@pytest.mark.parametrize("text", TWO_IDS)
def test_two_resident_ids_after_cue_are_redacted(research, tuning, text):
    for d in (research, tuning):
        out = d.deidentify([text])[0].text
        assert out is not None
        assert ID_A not in out and ID_B[:17] not in out, f"{d.purpose}: {text!r} -> {out!r}"


@pytest.mark.parametrize("text", [f"身份证{ID_A}，{ID_B}", f"{ID_B}\n{ID_A}"])
def test_two_resident_ids_other_separators_are_redacted(research, text):
    out = research.deidentify([text])[0].text
    assert ID_A not in out and ID_B[:17] not in out, out


# -- 3. catastrophic (super-linear) regex time --------------------------------------------------------
def _fill(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _seconds(d: Deidentifier, text: str) -> float:
    t = time.perf_counter()
    d.deidentify([text])
    return time.perf_counter() - t


# (name, builder of a text of about n characters). Measured on the dev box at 4,990 characters:
# a点…@ 2.7-3.2 s, 1a点…@ 3.1 s, a。…@ 2.8 s, 1×4999 1.7-2.5 s; at 20,000 characters (MAX_TEXT_CHARS)
# 1×19999 takes 33 s.
SLOW_SHAPES = [
    ("a点 repeated before @", lambda n: _fill("a点", n) + "@"),
    ("1a点 repeated before @", lambda n: _fill("1a点", n) + "@"),
    ("a。 repeated before @", lambda n: _fill("a。", n) + "@"),
    ("@ then a点 repeated", lambda n: "x@" + _fill("a点", n)),
    ("one long digit run", lambda n: "1" * n),
    ("long digit run then -", lambda n: "1" * n + "-"),
]


@pytest.mark.slow
# Fixed: bounded repeats in the obfuscated e-mail and written-host patterns, possessive digit runs that start only
# where a run starts.
@pytest.mark.parametrize("name,build", SLOW_SHAPES, ids=[s[0] for s in SLOW_SHAPES])
def test_deidentify_time_grows_linearly(research, name, build):
    small, big = build(1240), build(4960)
    assert len(big) < 5000
    t_small = min(_seconds(research, small) for _ in range(2))
    t_big = _seconds(research, big)
    # 4x the text: linear code takes about 4x; allow 2.5x slack. Quadratic code takes 16-25x here.
    assert t_big < max(10 * t_small, 0.2) and t_big < 2.0, f"{name}: {t_small:.2f}s -> {t_big:.2f}s"


# -- 4. a lone surrogate code point fails the row closed ---------------------------------------------
LONE_SURROGATE = ["abc\udc00def 13812345678", "hi\ud800there 我的手机13912345678"]


# Fixed: the normalised view drops lone surrogates like format characters, so NER never sees one.
@pytest.mark.parametrize("text", LONE_SURROGATE)
def test_lone_surrogate_row_is_deidentified_not_dropped(research, text):
    out = research.deidentify([text])[0]
    assert out.text is not None, out.error
    assert not _mobiles(out.text)


@pytest.mark.parametrize("text", ["\ud83d手机13812345678", "hello \ud800 13912345678"])
def test_lone_surrogate_outside_latin_words_is_handled(research, text):
    out = research.deidentify([text])[0]
    assert out.text is not None and not _mobiles(out.text)


# -- 5. model_tuning name and date surrogates that reproduce the original ----------------------------
# Fixed: a surrogate is drawn again when it gives back the original in any case or a part of it.
def test_lowercase_name_surrogate_is_not_the_same_name(engine):
    tuning = Deidentifier("model_tuning", engine=engine, keyring=_FixedKeyRing(b"red-team-key-041xxxxxxxxxxxxxxxx"))
    out = tuning.deidentify(["my name is mary"])[0].text
    assert out is not None and "mary" not in out.casefold(), out


GEN = SurrogateGenerator(b"red-team-fixed-key-0123456789abc", "rt1")
PARTIAL = [  # (entity, original, what of it must not survive) under GEN's key
    ("PERSON", "Linda Scott", "Linda"),  # -> Linda Hill
    ("PERSON", "Robert Allen", "Robert"),  # -> Robert Baker
    ("PERSON", "Robert King", "King"),  # -> James King
    ("PERSON", "张丽敏", "张_敏"),  # -> 张晨敏: surname and last given character in place
    ("PERSON", "王艳艳", "王_艳"),  # -> 王琪艳
    ("DATE_OF_BIRTH", "1990年3月5日", "1990"),  # -> 1990年5月3日: the exact birth year
    ("DATE_OF_BIRTH", "1985年3月5日", "1985"),  # -> 1985年2月7日
]


def _kept(original_part: str, surrogate: str) -> bool:
    if "_" in original_part:  # positional: characters at the same places
        return len(surrogate) == len(original_part) and all(
            a == "_" or a == b for a, b in zip(original_part, surrogate, strict=True))
    return re.search(rf"(?<![A-Za-z0-9]){re.escape(original_part)}(?![A-Za-z0-9])", surrogate) is not None


@pytest.mark.parametrize("entity,original,part", PARTIAL)
def test_surrogate_does_not_reproduce_part_of_original(entity, original, part):
    s = GEN(entity, original)
    assert not _kept(part, s), f"{original} -> {s}"
