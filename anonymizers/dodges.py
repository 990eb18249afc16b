"""Dodges the normalised view undoes besides numerals (a step of ``anonymizers.normalize``).

* sound-alike characters typed for digits (溜尔尔尔溜尔腰伞…), read only inside a run of seven;
* digit groups split by a short word (145打电话8226我的0722), joined only when the join is a valid mobile
  or resident ID;
* dodges inside Latin words, names above all: an emoji between two letters (Tiffany N💕guyen), a run of
  blanks between two words (LUO  Chenxi), a capitalised word spelled out (K e v i n).

Each function returns view positions to change or drop; the caller maps offsets back to the original.
"""

from __future__ import annotations

import regex

from .predefined_recognizers.checks import valid_cn_mobile, valid_resident_id


def homophone_runs(text: str, numerals: str) -> list[tuple[int, int]]:
    """Spans of runs of at least seven digits, ``numerals`` and sound-alikes (single spaces between them allowed)
    with three sound-alikes or more (two among radio digits)."""
    run = _homophone_run(numerals)
    return [(m.start(), m.end()) for m in run.finditer(text)
            if sum(c in HOMOPHONE_DIGIT for c in m.group()) >= (2 if _RADIO.search(m.group()) else 3)]


# Radio digits (幺 洞 拐 勾) say a number is being read out: two sound-alikes among them are enough
# (幺八六 洞拐 巴巴 勾两 洞幺).
_RADIO = regex.compile("[幺洞拐勾]")


def may_have_homophones(text: str, numerals: str) -> bool:
    return _homophone_run(numerals).search(text) is not None


_RUNS: dict[str, regex.Pattern[str]] = {}


def _homophone_run(numerals: str) -> regex.Pattern[str]:
    if numerals not in _RUNS:
        cls = "[0-9" + "".join(HOMOPHONE_DIGIT) + numerals + "]"
        _RUNS[numerals] = regex.compile(f"{cls}(?:[ ]?{cls}){{6,}}")  # 衣舞巴 尔溜伞似: grouped by single spaces too
    return _RUNS[numerals]


# Sound-alike characters typed for digits (溜尔尔尔溜尔腰伞…: 6 2 2 2 6 2 1 3), read only inside a run of
# at least seven such characters or digits: nobody writes seven of them in a row otherwise.
HOMOPHONE_DIGIT = {
    **dict(zip("灵腰尔伞思雾溜妻巴酒", "0123456789", strict=True)),
    # more of them (妖2山8, 吾舞 for 5, 扒 for 8, 似寺 for 4, 漆 for 7, 久 for 9, 铃 for 0)
    **dict(zip("铃妖山似寺吾舞武漆扒久", "01344557789", strict=True)),
    **dict(zip("衣依耳饵", "1122", strict=True)),  # 衣舞巴 (158), 耳 for 2
    **dict(zip("令散而期死要", "032741", strict=True)),  # 腰散酒 令舞妻而 (139 0572), 尔期死溜 (2746)
    **dict(zip("饿无午琪凌", "25570", strict=True)),  # 要饿扒 (128), 舞思散/无思散 (543), 山琪 (37), 酒凌 (90)
}
# Digit groups split by a short word (145打电话8226我的0722, 360731，接着是200510108777): joined only when
# the join is a valid mobile or resident ID (a random join passes neither check).
_WORD_SPLIT = regex.compile(r"(?<![0-9])\d{2,12}(?:[\p{Han}，,、:：\s]{1,4}\d{2,12}[Xx]?){1,3}(?![0-9])")
# not after a lone v (v❤chenk05: the heart is part of a WeChat cue)
_EMOJI_IN_WORD = regex.compile(r"(?<=[A-Za-z])(?<!(?<![A-Za-z])[vV])[\p{So}\p{Sk}\u200d]+(?=[A-Za-z])")
_WIDE_GAP = regex.compile(r"(?<=[A-Za-z])[ \t]{2,}(?=[A-Za-z])")
_SPELLED_WORD = regex.compile(r"(?<![A-Za-z])(?<!(?:^|\s)[A-Za-z] )[A-Z](?: [a-z]){2,}(?![A-Za-z])")
# A lower-case word spelled out (b r a n d o n): joined only when the word is a given name.
_SPELLED_LOWER = regex.compile(r"(?<![A-Za-z])(?<!(?:^|\s)[A-Za-z] )[a-z](?: [a-z]){3,}(?![A-Za-z])")
# Letters joined by one repeated symbol, one or two words (X_i_e_ _T_i_a_n_y_i, S*u*n* *W*e*i).
_SYMBOL_SPELLED = regex.compile(
    r"(?<![A-Za-z0-9_*])[A-Za-z]([_*])[A-Za-z]"
    r"(?:(?:\1[A-Za-z])+(?:\1?[ ]\1?[A-Za-z](?:\1[A-Za-z])+)?|\1?[ ]\1?[A-Za-z](?:\1[A-Za-z])+)(?![A-Za-z0-9])"
)
LATIN_DODGE = regex.compile(r"[A-Za-z][ \t]{2,}[A-Za-z]|[A-Z] [a-z] [a-z]|[a-z] [a-z] [a-z] [a-z]|[A-Za-z][_*][A-Za-z][_*][A-Za-z]")


def latin_name_cuts(text: str) -> list[int]:
    """Dodges inside Latin words, for names above all: an emoji between two letters (Tiffany N💕guyen),
    a run of blanks between two words (LUO  Chenxi: one stays), a capitalised word spelled out (K e v i n) or joined by a symbol (S*u*n* *W*e*i)."""
    cuts: list[int] = []
    for m in _EMOJI_IN_WORD.finditer(text):
        cuts.extend(range(m.start(), m.end()))
    for m in _WIDE_GAP.finditer(text):
        cuts.extend(range(m.start() + 1, m.end()))
    for m in _SPELLED_WORD.finditer(text):
        cuts.extend(range(m.start() + 1, m.end(), 2))
    for m in _SPELLED_LOWER.finditer(text):
        if _given_name(m.group().replace(" ", "")):
            cuts.extend(range(m.start() + 1, m.end(), 2))
    for m in _SYMBOL_SPELLED.finditer(text):
        cuts.extend(m.start() + k for k, c in enumerate(m.group()) if c == m.group(1))
    return sorted(set(cuts))


def _given_name(word: str) -> bool:
    from .predefined_recognizers.generic.english_names import is_given

    return is_given(word, alone=False)


def word_split_cuts(text: str) -> list[int]:
    """Positions of the short words between digit groups when all the groups together are a valid mobile or
    resident ID (a part of them is not enough: 13000000，电话138 0000 0000 is a number and a phone)."""
    cuts: list[int] = []
    for m in _WORD_SPLIT.finditer(text):
        groups = [(g.start(), g.end()) for g in regex.finditer(r"\d+[Xx]?", m.group())]
        joined = "".join(m.group()[a:b] for a, b in groups)
        if (len(joined) == 11 and valid_cn_mobile(joined)) or (len(joined) == 18 and valid_resident_id(joined)):
            cuts.extend(m.start() + k for (_, a), (b, _) in zip(groups, groups[1:], strict=False) for k in range(a, b))
    return cuts


