"""The one normalised view of a text that every recognizer (and every purpose) reads, offsets mapped back.

Users type identifiers the recognizers' patterns do not expect; the view undoes that, character by
character, so a span found in it maps back to the original string and is replaced in place:

* NFKC (full-width digits １３８, ideographic spaces) plus dash/space look-alikes NFKC leaves alone;
* Unicode format characters (category Cf: U+200B/C/D, U+2060, U+FEFF, bidi marks...) are dropped;
* numerals: in a run of at least ``MIN_NUMERALS`` numerals (possibly broken by fillers, see below),
  spoken (一二三, 幺, 两, 洞), daxie (壹贰叁) and Arabic digits are all read as digits, one for one;
* bridging: digit groups separated by short fillers (spaces one by one, emoji, punctuation, 呀/哦/啊/
  的/，...) are joined when the joined digits validate as an identifier (PRC mobile, resident ID,
  Luhn card, IMEI): ``138呀1234呀5678`` reads ``13812345678``. Fillers that do not join into a valid
  identifier stay, so ordinary numbers (prices, times) keep their shape. Spoken filler words (然后,
  就是, 下段) count as fillers; an IPv4 read out (192点168点1点1) or spaced around its dots reads as one;
* numerals right after a Latin letter (E肆柒壹贰...) or split by emoji need fewer than ``MIN_NUMERALS``;
* codes of letters and digits typed in pieces (spelled one by one, split after a messenger or
  identifier cue, validated groups): ``anonymizers.split_codes``.

``research`` and ``model_tuning`` use the same engine and therefore this same view: they find
exactly the same spans.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from .dodges import (
    HOMOPHONE_DIGIT,
    LATIN_DODGE,
    homophone_runs,
    latin_name_cuts,
    may_have_homophones,
    word_split_cuts,
)
from .predefined_recognizers.country_specific.china._checks import luhn_ok, valid_cn_mobile, valid_resident_id
from .split_codes import FILLER_WORDS, code_cuts, may_join, written_dots, written_underscores

# Characters that NFKC leaves alone but users type as separators inside numbers.
_EXTRA = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                        "\u2212": "-", "\u30fc": "-", "\uff0d": "-", "\u00a0": " ", "\u3000": " ",
                        "\u2795": "+", "\u2027": "·",  # ➕v (heavy plus), ‧ (hyphenation point)
                        # dingbat circled digits NFKC leaves alone (❶❺❶, ➀➁, ➊➋)
                        **{chr(0x2776 + k): str(k + 1) for k in range(9)}, **{chr(0x2780 + k): str(k + 1) for k in range(9)},
                        **{chr(0x278A + k): str(k + 1) for k in range(9)}, "\u24ff": "0", "\u24ea": "0",
                        # Cyrillic letters typed for Latin ones (lі.nа@163.com): the view reads them as Latin
                        **dict(zip("аеорсухіјѕԁАВЕКМНОРСТХІЈЅ", "aeopcyxijsdABEKMHOPCTXIJS", strict=True))})

# Spoken and daxie numerals, one character for one digit.
_NUMERAL_DIGIT = {
    **dict(zip("零〇一幺二两三四五六七八九洞拐勾", "0011223456789079", strict=True)),
    **dict(zip("壹贰貳叁參肆伍陆陸柒捌玖", "122334566789", strict=True)),
}
_NUMERALS = "".join(_NUMERAL_DIGIT)
MIN_NUMERALS = 7
MIN_CODE_NUMERALS = 4  # numerals right after a Latin letter or digit continue a code
# A filler between digit groups: space, punctuation, symbol/emoji, variation selector, or a particle.
# (and bopomofo letters, which nobody types between digits but to split them: 1ㄅ0ㄅ9ㄅ2…; a class range)
_FILLER_CHARS = "呀哦啊的嗯呢吧哈额噢喔耶欸啦嘛嘿嘻然和\u3105-\u312f"
# Emoji and particles between digit groups are deliberate obfuscation (nobody writes a price or a
# time that way): such a chain is joined even when no validator knows the joined number.
_OBFUSCATING = regex.compile(rf"[\p{{So}}\p{{Sk}}\p{{Co}}{_FILLER_CHARS}]|{FILLER_WORDS}", regex.V1)
_MIN_OBFUSCATED = 5
# Decorations dropped from the view like format characters: variation selectors, combining keycap.
_DROP = regex.compile(r"[\p{Cf}\p{Cs}\ufe00-\ufe0f\u20e3]")  # (a lone surrogate cannot be encoded: dropped too)
# Letters typed for digits inside a number (l38OO138OOO).
# (also in dash- or space-separated groups: I37 8l96 4346, o57I-489-OI98)
# (after a passport or permit series letter too: EO8827163 typed with the letter O; not the letters that start
# an IBAN country code with O: FO, NO, RO, DO, SO, JO)
_LOOKALIKE = regex.compile(r"(?<![A-Za-z0-9])(?:[EGPHMCKW](?=[Oo]))?(?=(?:[lIoO -]*\d){5})(?=[0-9lIoO -]*[lIoO])[0-9lIoO](?:[ -]?[0-9lIoO]){6,}(?![A-Za-z0-9])")
_LOOKALIKE_DIGIT = str.maketrans("lIoO", "1100")
# Digit groups split by markup (<b>139</b><i>1287</i>…, <span>1</span><span>3</span>…): the tags go when
# the digits joined validate.
_TAGGED_DIGITS = regex.compile(r"\d+(?:(?:</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]{0,30})?/?>)+\d+)+")
_TAG = regex.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]{0,30})?/?>")
# One S typed for a 5 between digits (l39l2876S43, 13O1234S678): read so when the number then validates.
_S_FOR_FIVE = regex.compile(r"(?<![A-Za-z0-9])[0-9lIoO]+S[0-9lIoO]+(?![A-Za-z0-9])")
_S_LOOKALIKE = str.maketrans("lIoOS", "11005")
# English number words read out one by one ("one three eight, one two three four ...").
_EN_DIGITS = {w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine".split())}
_EN_DIGITS["oh"] = "0"
# Digits read out in pinyin (yao qi san ba …), as voice transcripts write them.
_PINYIN_DIGITS = {"ling": "0", "dong": "0", "yao": "1", "yi": "1", "er": "2", "liang": "2", "san": "3", "si": "4",
                  "wu": "5", "liu": "6", "qi": "7", "guai": "7", "ba": "8", "jiu": "9", "gou": "9"}
_EN_DIGITS.update(_PINYIN_DIGITS)
_EN_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|" + "|".join(sorted(_PINYIN_DIGITS, key=len, reverse=True)) + ")"
# "double five" / "triple eight" read aloud stand for two / three digits.
_EN_TOKEN = rf"(?:(?:double|triple)[\s-]+)?{_EN_WORD}"
_EN_REPEAT = {"double": 2, "triple": 3}
# (Q glued to the first word, Qer ling liu…: the QQ cue typed against the number.)
# Digit groups may stand between the words (139 yi er ba qi 6543): a run of four tokens or more counts when
# it has seven number words, or two words and seven digits in all (``_read_out``).
_EN_RUN = regex.compile(
    rf"(?i)(?:\b|(?<=(?<![A-Za-z])[Qq]{{1,2}}))(?:{_EN_TOKEN}|\d{{1,4}})(?:[\s,-]+(?:{_EN_TOKEN}|\d{{1,4}})){{3,}}\b"
)
_TOKEN = regex.compile(rf"(?i){_EN_TOKEN}|\d+")


def _read_out(run: str) -> bool:
    """A run of number words (and digit groups) that reads out a number, not words that happen to be next
    to each other."""
    tokens = _TOKEN.findall(run)
    words = [t for t in tokens if not t.isdigit()]
    digits = sum(len(t) for t in tokens if t.isdigit()) + len(words)
    return len(words) >= 7 if len(words) == len(tokens) else len(words) >= 2 and 7 <= digits <= 19
# Not ':' (times, IPv6, MACs).
# Spoken filler words (然后, 就是, 下段...) count as one separator, spaces around a separator are free; so
# does an ellipsis (…… reads as six dots).
_SEP = rf"(?:[^\S\n]|(?<=\d)[xX×](?=\d)|[^\S\n]*(?:\.{{2,6}}|[\p{{P}}\p{{S}}\ufe0e\ufe0f{_FILLER_CHARS}--[:]]|{FILLER_WORDS})[^\S\n]*)"
_MAX_SEP = 3
# A chain of numeral groups joined by short fillers.
# (possessive digit runs, starting only where a run starts: a long run is never re-scanned from each digit)
_CHAIN = regex.compile(
    rf"(?<![0-9{_NUMERALS}])[0-9{_NUMERALS}]++(?:{_SEP}{{1,{_MAX_SEP}}}[0-9{_NUMERALS}]++(?:[Xx](?![0-9]))?)*", regex.V1
)
# The fast path's test: digit groups with a short separator, or a digit before a filler word.
_SEP_CHAR = rf"[^\S\n]|(?<=\d)[xX×](?=\d)|[\p{{P}}\p{{S}}\ufe0e\ufe0f{_FILLER_CHARS}--[:]]"
_ASCII_CHAIN = regex.compile(
    rf"(?<!\d)\d++(?:(?:{_SEP_CHAR}){{1,{_MAX_SEP}}}\d++(?:[Xx](?!\d))?)+|\d[^\S\n]*{FILLER_WORDS}", regex.V1
)
_GROUP = regex.compile(r"\d+(?:[Xx](?!\d))?")
_MAX_GROUP = 8  # users split long numbers into short groups; two long runs side by side are two numbers
_NEEDS_VIEW = regex.compile(
    rf"[{_NUMERALS}\ufe00-\ufe0f\u20e3\u2776-\u2793\u24ea\u24ff]|\p{{Cf}}|[0-9A-Fa-f]{{2}}[·・•。][0-9A-Fa-f]{{2}}[·・•。]|\d\s*[·。点]\s*\d|\d{{3}}[\p{{Han}}，,、:：]{{1,4}}\d{{3}}"
    r"|[A-Za-z][\p{So}\p{Sk}]|[0-9lIoO]S[0-9lIoO]|\d</?[A-Za-z]|[0-9][\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]|" + LATIN_DODGE.pattern
)
_MAX_JOINED = 19
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_SPACED_IPV4 = regex.compile(rf"{_OCTET}(?:\.{_OCTET}){{3}}")
# An IPv4 read out (点) or typed with spaces around ideographic dots.
_DEFANGED_SCHEME = regex.compile(r"(?i)(?<![A-Za-z])hxxps?://")
# A defanged dot between digits (47[.]98[.]201[.]15, 1(.)2): read as a dot.
_DEFANGED_DOT = regex.compile(r"(?<=\d)[\[(]\.[\])](?=\d)")
_SPOKEN_IPV4 = regex.compile(rf"(?<![0-9{_NUMERALS}点])[0-9{_NUMERALS}]{{1,3}}(?:点[0-9{_NUMERALS}]{{1,3}}){{3}}(?![0-9{_NUMERALS}]|点[0-9{_NUMERALS}])")
_TO_DIGIT = str.maketrans(_NUMERAL_DIGIT)
_WRITTEN_IPV4 = regex.compile(
    rf"(?<![\d.]){_OCTET}(?:\s*[点。·]\s*{_OCTET}|\s+\.\s*{_OCTET}|\s*(?i:dot)\s*{_OCTET}){{3}}(?![\d.])"
)


_SPACED_DASH = regex.compile(r"(?<=\d)[ \t]+-[ \t]*(?=\d)|(?<=\d)[ \t]*-[ \t]+(?=\d)")
# Digits spelled one by one with the number's own dashes and brackets kept (5 3 1 - 4 7 - 2 2 8 6,
# (2 1 2) 5 5 5 - 0 1 9 8): the blanks go, the dashes stay, so the number reads as it is usually written.
_SPELLED_GROUPED = regex.compile(r"(?<![\w(])\(?\d(?:(?:[ ]?[-)/][ ]?|[ ]?\(|[ ])\d){6,}\)?(?![\w])")  # (0 7 / 1 2 / 2 0 0 4)
_SPELLED_MIN_BLANKS = 4
# A MAC address typed with middle dots or ideographic dots (A4·5E·60·C1·2B·9F): read with colons.
_ODD_MAC = regex.compile(r"(?<![0-9A-Fa-f])[0-9A-Fa-f]{2}(?:[·・•。.][0-9A-Fa-f]{2}){5}(?![0-9A-Fa-f])")
# A date with the letter O for zero (O3/O9/2OOO): read with digits.
_LOOKALIKE_DATE = regex.compile(r"(?<![A-Za-z0-9])(?=[0-9/.-]*[Oo])[0-9Oo]{1,2}([/.-])[0-9Oo]{1,2}\1[12][0-9Oo]{3}(?![A-Za-z0-9])")
_UNIT_AFTER = frozenset("年月日号岁点时分秒元块个次天")
_DOTTED_QUAD = regex.compile(rf"(?<![\d.]){_OCTET}(?:\.{_OCTET}){{3}}(?![\d.])")
# The view of one non-ASCII character (None: dropped), a pure function of the character, kept as it
# is first met: a lookup table over the characters users type, not a cache of any text.
# Combining marks typed on digits (1̲4̲0̲8̲: a low line under each digit) decorate, they are not part of what
# was written; on letters they are accents and stay.
_COMBINING = frozenset(chr(c) for a, b in ((0x300, 0x36F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF),
                                            (0xFE20, 0xFE2F)) for c in range(a, b + 1))
_CHAR_VIEW: dict[str, str | None] = {}
_UNSEEN = object()


def _char_view(ch: str) -> str | None:
    n = None if _DROP.match(ch) else (unicodedata.normalize("NFKC", ch).translate(_EXTRA) or ch)
    _CHAR_VIEW[ch] = n
    return n


def bridges(digits: str) -> bool:
    """Joined digit groups worth joining: they validate as an identifier users split up."""
    n = len(digits)
    if n == 18 or (n == 15 and digits.isdigit() and not luhn_ok(digits)):
        return valid_resident_id(digits)
    if not digits.isdigit():
        return False
    if n in (11, 13, 15) and valid_cn_mobile(digits):
        return True
    return 15 <= n <= 19 and luhn_ok(digits)


def _odd_separators(chars: list[str], start: int, end: int) -> bool:
    """Separators no phone format uses (emoji, fillers, ``_``, ``，``): the grouping is obfuscation."""
    seps = "".join(c for c in chars[start:end] if not c.isdigit())
    return bool(regex.sub(r"[\s().-]", "", seps))


_PAUSES = regex.compile(r"\d{1,4}(?:[ ]?[，,][ ]?\d{1,4}){2,}")  # (not 、: 幺幺零、幺二零、幺幺九 is a list)


def _spoken_pauses(chars: list[str], start: int, end: int) -> bool:
    """Short groups with a transcript's comma pauses between them, 7 to 19 digits in all (a voice message
    reads a number out in twos and threes: 零九二八，六一三，五四七)."""
    seg = "".join(chars[start:end])
    return _PAUSES.fullmatch(seg) is not None and 7 <= sum(c.isdigit() for c in seg) <= _MAX_JOINED


def _bridge_cuts(chars: list[str], start: int, end: int) -> list[int]:
    """Positions (in ``chars``) of fillers to drop inside the chain chars[start:end]."""
    seg = "".join(chars[start:end])
    groups = [(m.start() + start, m.end() + start) for m in _GROUP.finditer(seg)]
    seps = [seg[a[1] - start : b[0] - start] for a, b in zip(groups, groups[1:], strict=False)]
    if len(groups) == 4 and all(s == "." for s in seps) and all(e - s <= 3 for s, e in groups):
        return []  # a dotted quad is an IP address, never a split mobile
    if " " in seg and _SPACED_IPV4.fullmatch(seg.replace(" ", "")):
        return [k for k in range(start, end) if chars[k] == " "]  # 114 . 212 . 198 . 168, 1 1 3 . 8 7 ...
    if len(groups) >= _MIN_OBFUSCATED and all(e - s == 1 for s, e in groups) and all(s == " " for s in seps):
        return [k for a, b in zip(groups, groups[1:], strict=False) for k in range(a[1], b[0])]  # 7 8 8 1 9 ...
    if len(groups) >= MIN_NUMERALS and all(e - s == 1 for s, e in groups) and len(set(seps)) == 1:
        return [k for a, b in zip(groups, groups[1:], strict=False) for k in range(a[1], b[0])]  # [1][6][3]…, 1-6-3-…
    unit_after = end < len(chars) and chars[end] in _UNIT_AFTER  # 1970的1月21: a date, not 19701
    if len(groups) >= 2 and all(_OBFUSCATING.search(s) for s in seps) and not unit_after:
        if sum(e - s for s, e in groups) >= _MIN_OBFUSCATED:
            return [k for a, b in zip(groups, groups[1:], strict=False) for k in range(a[1], b[0])]
    # 172.28.236.66和172.19.205.181: the dots of a dotted quad never join its octets into a mobile
    quad = {k for m in _DOTTED_QUAD.finditer(seg) for k in range(m.start() + start, m.end() + start)}
    cuts: list[int] = []
    i = 0
    while i < len(groups) - 1:
        best = None
        joined = "".join(chars[groups[i][0] : groups[i][1]])
        for j in range(i + 1, len(groups)):
            if max(groups[i][1] - groups[i][0], groups[j][1] - groups[j][0]) > _MAX_GROUP:
                break
            if groups[j - 1][1] in quad and groups[j][0] - 1 in quad:
                break
            joined += "".join(chars[groups[j][0] : groups[j][1]])
            if len(joined) > _MAX_JOINED:
                break
            if bridges(joined):
                best = j
        if best is None:
            i += 1
            continue
        for k in range(i, best):
            cuts.extend(range(groups[k][1], groups[k + 1][0]))
        i = best + 1
    return cuts


# A run of the view and what it reads as: (digit, first, last view position of the token it was read from).
Rewrite = tuple[int, int, list[tuple[str, int, int]]]


def _rewritten(chars: list[str], index: list[int], ends: list[int], runs: Iterable[Rewrite]) -> tuple[list, list, list]:
    """The view with each run replaced by its digits; a digit maps back to the whole token it was read from."""
    oc: list[str] = []
    oi: list[int] = []
    oe: list[int] = []
    pos = 0
    for start, end, digits in runs:
        oc += chars[pos:start]
        oi += index[pos:start]
        oe += ends[pos:start]
        for digit, a, b in digits:
            oc.append(digit)
            oi.append(index[a])
            oe.append(ends[b])
        pos = end
    if not pos:
        return chars, index, ends
    return oc + chars[pos:], oi + index[pos:], oe + ends[pos:]


def _english_digits(chars: list[str], index: list[int], ends: list[int]) -> tuple[list, list, list]:
    """Number words read one by one become one digit each (mapped to the whole word), ``double five``
    two; the spaces and commas between them go, so ``one three eight, one two ...`` reads ``138123...``."""
    text = "".join(chars)
    if not _EN_RUN.search(text):
        return chars, index, ends

    def digits(m: regex.Match) -> list[tuple[str, int, int]]:
        out = []
        for w in _TOKEN.finditer(m.group()):
            a, b = m.start() + w.start(), m.start() + w.end() - 1
            if w.group().isdigit():  # a digit group between the words keeps its own characters
                out += [(chars[k], k, k) for k in range(a, b + 1)]
                continue
            words = w.group().lower().replace("-", " ").split()
            out += [(_EN_DIGITS[words[-1]], a, b)] * _EN_REPEAT.get(words[0], 1)
        return out

    runs = [(m.start(), m.end(), digits(m)) for m in _EN_RUN.finditer(text) if _read_out(m.group())]
    return _rewritten(chars, index, ends, runs)


# Groups read with place values (一百三十九 一千二百八十七 六千五百四十三: 139 1287 6543), as voice input
# writes a number said in chunks: read as digits when the groups joined validate.
_PV_GROUP = r"(?:[一二两三四五六七八九]千)?(?:[零〇]?[一二两三四五六七八九]百)?(?:[零〇]?[一二三四五六七八九]?十)?(?:[零〇]?[一二三四五六七八九])?"
_PLACE_VALUE_RUN = regex.compile(rf"(?<![{_NUMERALS}]){_PV_GROUP}(?:[ \t,，、]+{_PV_GROUP}){{1,4}}(?![{_NUMERALS}])")
_PV_DIGIT = dict(zip("零〇一二两三四五六七八九", "001223456789", strict=True))


def _place_value(group: str) -> str | None:
    """一千二百八十七 → 1287 (None when the group has no place character)."""
    if not any(c in "千百十" for c in group):
        return None
    total, digit = 0, 0
    for c in group:
        if c in _PV_DIGIT:
            digit = int(_PV_DIGIT[c])
        else:
            total += (digit or (1 if c == "十" else 0)) * {"千": 1000, "百": 100, "十": 10}[c]
            digit = 0
    return str(total + digit)


def _place_value_digits(chars: list[str], index: list[int], ends: list[int]) -> tuple[list, list, list]:
    """Runs of place-value groups become their digits (each mapped to its whole group) when they validate."""
    text = "".join(chars)
    if "百" not in text and "千" not in text:
        return chars, index, ends
    runs = []
    for m in _PLACE_VALUE_RUN.finditer(text):
        groups = list(regex.finditer(r"[^ \t,，、]+", m.group()))
        values = [_place_value(g.group()) for g in groups]
        if any(v is None for v in values) or not bridges("".join(values)):
            continue
        runs.append((m.start(), m.end(), [(d, m.start() + g.start(), m.start() + g.end() - 1)
                                           for g, v in zip(groups, values, strict=True) for d in v]))
    return _rewritten(chars, index, ends, runs)


def _trim_word_numerals(chars: list[str], start: int, end: int) -> int:
    """End of a chain without a trailing Chinese numeral that starts a word (5一直 → 5 | 一直)."""
    k = end
    while k - 1 > start and chars[k - 1] in _NUMERAL_DIGIT and k < len(chars) and "\u4e00" <= chars[k] <= "\u9fff" \
            and chars[k] not in _NUMERAL_DIGIT and any(c.isdigit() for c in chars[start : k - 1]):
        k -= 1
    return k


_NUMERAL_RUN = regex.compile(rf"[0-9{_NUMERALS}]+")


def _obfuscated(chars: list[str], lo: int, hi: int) -> bool:
    """Every gap between the numerals of chars[lo:hi] is an emoji or a particle (九💫八💫七...):
    deliberate, so fewer numerals than ``MIN_NUMERALS`` already make a number."""
    gaps = _NUMERAL_RUN.split("".join(chars[lo:hi]))[1:-1]
    return bool(gaps) and all(_OBFUSCATING.search(g) for g in gaps)


def _counting(numerals: list[str]) -> bool:
    """一二三四五六七八九: counting aloud, not a number read out."""
    digits = [int(_NUMERAL_DIGIT.get(c, c)) for c in numerals if (c in _NUMERAL_DIGIT or c.isdigit())]
    return all(b - a == 1 for a, b in zip(digits, digits[1:], strict=False)) and len(set(numerals)) == len(numerals)


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """The normalised text and, for each of its characters, the index of its source character."""

    original: str
    text: str
    index: tuple[int, ...] | None  # None: identity mapping (text == original)
    ends: tuple[int, ...] | None = None  # end (exclusive) in the original of each view character

    @classmethod
    def of(cls, original: str, bridge: bool = True) -> NormalizedText:
        """Build the view; already-normalised text without split numbers costs a few C-level checks.

        ``bridge=False`` keeps fillers between digit groups (surrogates keep the typed grouping).
        """
        plain_ascii = not (
            _ASCII_CHAIN.search(original) or _LOOKALIKE.search(original) or _EN_RUN.search(original)
            or _DEFANGED_SCHEME.search(original) or _LOOKALIKE_DATE.search(original) or _DEFANGED_DOT.search(original)
            or may_have_homophones(original, _NUMERALS) or ("<" in original and _TAGGED_DIGITS.search(original))
        )
        if original.isascii():
            if plain_ascii and not may_join(original) and not LATIN_DODGE.search(original):
                return cls(original, original, None)
        elif (
            plain_ascii and unicodedata.is_normalized("NFKC", original) and original.translate(_EXTRA) == original
            and not _NEEDS_VIEW.search(original) and not may_join(original)
        ):
            return cls(original, original, None)
        chars: list[str] = []
        index: list[int] = []
        ends: list[int] = []
        view_of = _CHAR_VIEW.get
        for i, ch in enumerate(original):
            if ch > "\x7f":
                n = view_of(ch, _UNSEEN)
                if n is _UNSEEN:
                    n = _char_view(ch)
                if n is None or (ch in _COMBINING and chars and "0" <= chars[-1] <= "9"):
                    if ends:  # zero-width, format and decoration characters: not part of what was
                        ends[-1] = i + 1  # written; a span ending before one takes it along
                    continue
                if len(n) == 1:
                    chars.append(n)
                    index.append(i)
                    ends.append(i + 1)
                    continue
            else:
                n = ch
            for c in n:
                chars.append(c)
                index.append(i)
                ends.append(i + 1)
        chars, index, ends = _english_digits(chars, index, ends)
        chars, index, ends = _place_value_digits(chars, index, ends)
        for k in range(1, len(chars) - 1):  # 221·7·130·88, 192。168。1。1: dots typed as other dots
            if chars[k] in "·。" and chars[k - 1].isdigit() and chars[k + 1].isdigit():
                chars[k] = "."
        for m in _LOOKALIKE.finditer("".join(chars)):
            for k in range(m.start(), m.end()):
                chars[k] = chars[k].translate(_LOOKALIKE_DIGIT)
        for m in _S_FOR_FIVE.finditer("".join(chars)) if "S" in chars else ():
            if bridges(m.group().translate(_S_LOOKALIKE)):
                for k in range(m.start(), m.end()):
                    chars[k] = chars[k].translate(_S_LOOKALIKE)
        drop: set[int] = set()
        for m in _TAGGED_DIGITS.finditer("".join(chars)) if "<" in chars else ():
            if bridges(regex.sub(r"\D", "", m.group())):
                drop.update(m.start() + k for t in _TAG.finditer(m.group()) for k in range(t.start(), t.end()))
        for m in _DEFANGED_DOT.finditer("".join(chars)):
            chars[m.start() + 1] = "."
            drop.update((m.start(), m.end() - 1))
        for m in _ODD_MAC.finditer("".join(chars)):
            for k in range(m.start() + 2, m.end(), 3):
                chars[k] = ":"
        for m in _LOOKALIKE_DATE.finditer("".join(chars)):
            for k in range(m.start(), m.end()):
                chars[k] = chars[k].translate(_LOOKALIKE_DIGIT)
        for m in _DEFANGED_SCHEME.finditer("".join(chars)):  # hxxps://: a link typed past a link filter
            chars[m.start() + 1] = chars[m.start() + 2] = "t"
        for m in _SPOKEN_IPV4.finditer("".join(chars)):  # 幺幺九点二三三点幺六二点幺三六: an IP read out
            octets = [regex.sub(r"\D", "", g.translate(_TO_DIGIT)) for g in m.group().split("点")]
            if sum(map(len, octets)) >= MIN_NUMERALS and all(int(o) <= 255 for o in octets):
                for k in range(m.start(), m.end()):
                    chars[k] = _NUMERAL_DIGIT.get(chars[k], chars[k])
        for m in _WRITTEN_IPV4.finditer("".join(chars)):  # 192点168点3点21, 10 。 0 。 8 。 66, 113 dot 87 dot …
            for k in range(m.start(), m.end()):
                if chars[k] in "点。·" or (chars[k] in "dD" and "".join(chars[k : k + 3]).lower() == "dot"):
                    chars[k] = "."
                elif chars[k].isspace() and bridge:
                    drop.add(k)
                elif chars[k] in "oOtT" and k >= 1 and chars[k - 1] in ".oO" and not chars[k].isdigit():
                    drop.add(k)  # the o and t of a written dot
        if bridge:  # +65 8442 - 5070: spaces around a dash between digits are typing, not grouping
            for m in _SPACED_DASH.finditer("".join(chars)):
                drop.update(k for k in range(m.start(), m.end()) if chars[k].isspace())
            for m in _SPELLED_GROUPED.finditer("".join(chars)):
                if len(regex.findall(r"(?<=\d) (?=\d)", m.group())) >= _SPELLED_MIN_BLANKS:
                    drop.update(k for k in range(m.start(), m.end()) if chars[k] == " ")
        for a, b in homophone_runs("".join(chars), _NUMERALS):  # 溜尔尔尔溜尔腰伞…
            for k in range(a, b):
                chars[k] = HOMOPHONE_DIGIT.get(chars[k], chars[k])
        for m in _CHAIN.finditer("".join(chars)):
            lo, hi = m.start(), _trim_word_numerals(chars, m.start(), m.end())
            numerals = [c for c in chars[lo:hi] if c.isdigit() or c in _NUMERAL_DIGIT]
            coded = lo and chars[lo - 1].isascii() and (chars[lo - 1].isalnum() or chars[lo - 1] in "_-")  # E肆柒壹...
            coded = coded or (lo >= 2 and chars[lo - 1] == " " and chars[lo - 2].isascii() and chars[lo - 2].isalnum())  # 鲁 B 拐 两…
            least = MIN_CODE_NUMERALS if coded else _MIN_OBFUSCATED if _obfuscated(chars, lo, hi) else MIN_NUMERALS
            if len(numerals) < least or _counting(numerals):
                continue
            spoken = all(c in _NUMERAL_DIGIT for c in numerals)
            for k in range(lo, hi):
                chars[k] = _NUMERAL_DIGIT.get(chars[k], chars[k])
            if bridge and spoken and _spoken_pauses(chars, lo, hi):  # 九五，二八，六一，零三，七: a number read out
                drop.update(k for k in range(lo, hi) if not chars[k].isdigit())
                continue
            # +1 305 703 8247 keeps its own grouping; +86 185🔥8450🔥8957 or (+86)180_4804_4262 does not
            plus = lo and chars[lo - 1] == "+"
            if bridge and (not plus or _odd_separators(chars, lo, hi)):
                drop.update(_bridge_cuts(chars, lo, hi))
            if bridge and plus and _odd_separators(chars, lo, hi):  # +61-407🌙487💕212: the emoji go, the dash stays
                drop.update(k for k in range(lo, hi) if not chars[k].isdigit() and _OBFUSCATING.match(chars[k]))
        if bridge:
            view = "".join(chars)
            drop.update(word_split_cuts(view))
            drop.update(latin_name_cuts(view))
        for a, b in written_dots("".join(chars)):  # weibo点com, shop(dot)com: one "." for the written dot
            chars[a] = "."
            drop.update(range(a + 1, b))
        for a, b in written_underscores("".join(chars)):  # chen 下划线 xiao: one "_" for the spoken one
            chars[a] = "_"
            drop.update(range(a + 1, b))
        if bridge:
            drop.update(code_cuts("".join(chars), lambda k: ord(original[index[k]]) > 127))
        if drop:
            keep = [k for k in range(len(chars)) if k not in drop]
            chars = [chars[k] for k in keep]
            index = [index[k] for k in keep]
            ends = [ends[k] for k in keep]
        text = "".join(chars)
        if text == original:
            return cls(original, original, None)
        return cls(original, text, tuple(index), tuple(ends))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the original text."""
        if self.index is None:
            return start, end
        if end <= start:
            o = self.index[start] if start < len(self.index) else len(self.original)
            return o, o
        return self.index[start], (self.ends[end - 1] if self.ends else self.index[end - 1] + 1)
