"""Chinese person names from jieba segmentation + POS dictionary + a surname list + cues.

Why not jieba.posseg alone: its HMM tagging costs ~1 ms per message and still misses ~12 % of names
in our tests. Plain ``jieba.cut`` (fast) groups unknown names into one token; the dictionary's POS
tags (``nr`` = person) tell a known name from an ordinary word starting with a surname character
(黄金, 方便, 马上). Nicknames (小王/老李) and titles (王先生) are recognised as cues.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator

from presidio_analyzer import LocalRecognizer, RecognizerResult

from anonymizers import batch_memo
from anonymizers.predefined_recognizers.declared import Declared

from ._names import (
    COMPOUND_SURNAMES,
    GIVEN_CHARS,
    NAME_CUES,
    NICKNAME_CUES,
    NICKNAME_SURNAMES,
    NOT_GIVEN_START,
    NOT_NAMES,
    ROLE_NOUNS,
    SURNAMES,
    TAIL_STOP,
    TITLES,
)
from .cn_name_chat import chat_names, list_neighbours
from .cn_name_cued import FREQUENT, cued_names, listed_names, paired_names
from .cn_name_japanese import japanese_names
from .cn_name_latin import latin_names
from .cn_name_minority import minority_names
from .cn_name_mixed import mixed_names
from .cn_name_role import hangul_names, kin_title_names, mention_names, role_given_names
from .cn_name_scan import (
    dotted_names,
    full_names,
    nickname_title_end,
    nicknames,
    right_boundary,
    surname_title_end,
)
from .cn_name_separated import separated_names, spaced_doubled, spaced_nicknames, symbol_split_names
from .cn_name_subject import subject_names, time_word_names
from .t2s import to_simplified

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_HAN_CHAR = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]+$")
_LOCK = threading.Lock()
_COMPOUND = frozenset(COMPOUND_SURNAMES)
_NOT_BEFORE_TITLE = frozenset("们个这那每各本全")  # 我们|班|同学: a class, not 班 + 同学
_ROLES = frozenset(ROLE_NOUNS)  # 师傅, 老师: jieba tags some as person names
_ROLES_2 = tuple(r for r in _ROLES if len(r) >= 2)
_ROLE_LENGTHS = tuple(sorted({len(r) for r in _ROLES_2}))
# Daxie numerals: 伍/陆 are surnames too, but 玖仟壹佰伍拾元 and 贰零贰陆年陆月 are amounts and dates.
_DAXIE = frozenset("零壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万亿")
_NUMERAL_NEXT = frozenset("拾佰仟万亿元角分月日号年")


def _before_latin(nxt: str, prev: str) -> bool:
    """A dictionary word before a blank or Latin text and not after a count (张宁 said…, not 五连胜)."""
    return bool(nxt) and nxt[0].isascii() and (nxt[0].isspace() or nxt[0].isalnum()) and prev[-1:] not in _COUNT


def _numeral(text: str, start: int, end: int) -> bool:
    """A span that is part of a number written in daxie (伍拾, 陆月 after 贰零贰陆年)."""
    if text[start] not in _DAXIE:
        return False
    before = text[start - 1] if start else ""
    return (end - start > 1 and text[start + 1] in _NUMERAL_NEXT) or before in _DAXIE or before == "年"


_PLACE_SUFFIX = frozenset("区县市省镇乡路街")
_WEEKDAY_NAME = re.compile(r"[周高][一二三四五六日天]")
_PET_NAMED = re.compile(r"(?:狗|猫|狗狗|猫猫|猫咪|宠物|仓鼠|兔子|鹦鹉|金毛|柯基|泰迪|柴犬|布偶|比熊|博美|哈士奇|边牧|橘猫|英短)"
                        r"(?:[，,、 ]?(?:的名字|的小名|名字|小名))?[，,、 ]?(?:叫|名叫|叫做|就叫)[ \t]*$")  # 寻狗启事：柯基，名叫豆包
# jieba tags many ordinary words nr (文明, 阳光, 桂林, 米粉, 明星: thousands of occurrences in its corpus); the
# names users write are rare there (张伟 0, 王伟 0; 李强 159 and 李娜 438 are famous). Inside Chinese running text
# such a word is a name only after a cue; standing before a blank or Latin text (张宁 said…) it is one.
ORDINARY_NR = 100
_COUNT = frozenset("一二三四五六七八九十两几")  # 五连胜, 三连冠: a count, not a name
# Institutions and places named after a word that looks like a name: 金沙大酒店, 西南交通大学, 曾厝垵景区.
_ORG_AFTER = ("大酒店", "酒店", "宾馆", "饭店", "大厦", "商场", "支行", "分行", "银行", "地铁站", "火车站", "机场", "景区")
# Verbs and prepositions that 于 completes (毕业于, 位于, 生于, 来自于): the 于 is no surname there.
_BEFORE_YU = ("毕业", "位", "生", "出生", "来自", "属", "由", "对", "关", "处", "至", "终", "基", "用", "死", "始", "等", "鉴",
              "致力", "成立", "建", "创", "产", "源", "归", "取决", "相当", "有助", "在")
_SCHOOL_AFTER = ("大学", "学院", "交通大学", "中学", "小学", "医院", "公园", "广场")
_NOUN_SUFFIX = frozenset("书表单费卡证机器厂店馆局院所站系科部会法品物率型量性化式案期件程")


# Hong Kong, Macau, Taiwan and Malaysian places jieba does not know as places (我個仔喺沙田讀K2, 高雄夜市).
_HK_PLACES = frozenset("沙田 荃湾 屯门 元朗 观塘 旺角 铜锣湾 尖沙咀 深水埗 九龙 西贡 大埔 北角 将军澳 黄大仙 葵涌 天水围 上水 "
                       "粉岭 柴湾 筲箕湾 红磡 油麻地 太子 马鞍山 东涌 氹仔 路环 高雄 台中 台南 新竹 嘉义 桃园 基隆 屏东 宜兰 "
                       "花莲 台东 彰化 云林 南投 苗栗 澎湖 金门 吉隆坡 吉隆 槟城 新山 怡保 马六甲 古晋 亚庇".split())


def _place_name(text: str, start: int, end: int) -> bool:
    """武侯区, 江宁|区: a Han span ending with, or right before, a district or road suffix names a place."""
    if text[start:end] in _HK_PLACES:
        return True
    return _HAN_CHAR.match(text[start]) is not None and (
        text[end - 1] in _PLACE_SUFFIX or text[end : end + 1] in ("区", "县"))  # not 市场, 路上, 街上


def _extended(text: str, r: RecognizerResult, tag_of=None) -> RecognizerResult:
    """Surname + one given character followed by one more given character and a boundary (贺雨|萱医生,
    jieba cut the name short; 陈家|俊轮流陪: a verb after it is a boundary too): the whole name."""
    if r.end - r.start == 2 and text[r.start] in SURNAMES and r.end < len(text):
        nxt = text[r.end]
        if nxt in GIVEN_CHARS and nxt not in NOT_GIVEN_START and (
                right_boundary(text, r.end + 1, tag_of) or _word_follows(text, r.start, tag_of)):
            r.end += 1
    return r


def _word_follows(text: str, start: int, tag_of) -> bool:
    """After surname + two given characters a dictionary word of two characters starts (陈家俊|轮流, 郑以诺|弟兄,
    朴成浩|民间), and the two given characters are no word of their own (not 王|明天)."""
    if tag_of is None:
        return False
    return tag_of(text[start + 3 : start + 5]) is not None and tag_of(text[start + 1 : start + 3]) is None \
        and tag_of(text[start : start + 3]) is None


def _with_title(text: str, r: RecognizerResult) -> RecognizerResult:
    """A surname takes the title right after it along (吕主任), as English names take their honorific."""
    r.end = nickname_title_end(text, r.start, surname_title_end(text, r.start, r.end))
    return r


def _surname_of(word: str) -> str | None:
    if word[:2] in _COMPOUND:
        return word[:2]
    return word[0] if word and word[0] in SURNAMES else None


def _speaker_at(text: str, start: int, end: int) -> bool:
    """The span opens a line and a colon follows it: a pasted chat log's speaker label."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and text[end : end + 2].lstrip(" \t")[:1] in (":", "：")


class ChinesePersonRecognizer(Declared, LocalRecognizer):
    """PERSON in Chinese text: full names, 小王/老李 nicknames, 王先生-style surname + title."""

    ENTITY = "PERSON"
    VALIDATED = False
    STRUCTURED = False
    PRIORITY = 400
    SURROGATE = "person"
    ENTITIES = [ENTITY]
    CONTEXT = list(NAME_CUES)
    SCORE_DICT_NAME = 0.85
    SCORE_NEW_WORD = 0.7
    SCORE_CUE = 0.75

    def __init__(self, supported_language: str = "zh", supported_entities: list[str] | None = None, **kw) -> None:
        self._tok = None
        self._tags: dict[str, str] = {}
        super().__init__(
            supported_entities=supported_entities or self.ENTITIES,
            supported_language=supported_language,
            context=self.CONTEXT,
            **kw,
        )

    def load(self) -> None:
        """Load jieba's dictionary once per process (jieba logs its own progress: silenced)."""
        with _LOCK:
            if self._tok is not None:
                return
            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            self._tok = jieba.dt
            self._tags = jieba.posseg.dt.word_tag_tab

    def _tag(self, w: str) -> str | None:
        return self._tags.get(w)

    def _is_given(self, w: str) -> bool:
        """Plausible given name: 1-2 Han chars, not an ordinary dictionary word (unless tagged nr)."""
        if not (1 <= len(w) <= 2 and _HAN_CHAR.match(w)) or w[0] in NOT_GIVEN_START:
            return False
        tag = self._tag(w)
        return tag is None or tag.startswith("nr") or (len(w) == 1 and tag in {"zg", "ng", "ag", "g", "tg", "vg"})

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """Scan each Han run of ``text``; offsets are in ``text``."""
        if "PERSON" not in entities:
            return []
        if self._tok is None:
            self.load()
        text = to_simplified(text)  # 陳大文 is scanned as 陈大文 (same length: offsets hold)
        out: list[RecognizerResult] = []
        for run in _HAN_RUN.finditer(text):
            out.extend(self._scan(run.group(), run.start(), text))
        out.extend(self._cued(text))
        if _HAN_RUN.search(text) is None:  # English-only: the Han scans cannot find anything
            scans: tuple = (latin_names(text), hangul_names(text))
        else:
            scans = (
                full_names(text, self._tag), nicknames(text, self._tag), dotted_names(text), latin_names(text),
                separated_names(text), spaced_nicknames(text), spaced_doubled(text), mixed_names(text), minority_names(text),
                japanese_names(text, self._tag), subject_names(text, self._tag, self._tok.FREQ.get),
                time_word_names(text, self._tag),
                role_given_names(text, self._tag, self._tok.FREQ.get), kin_title_names(text, self._tag), hangul_names(text),
                symbol_split_names(text, self._collapsed_scans), mention_names(text),
                chat_names(text, self._tag, self._tok.FREQ.get),
            )
        out.extend(self._result(s, e, score) for spans in scans for s, e, score in spans)
        best: dict[tuple[int, int], RecognizerResult] = {}
        for r in (_with_title(text, _extended(text, r, self._tag)) for r in out
                  if not _numeral(text, r.start, r.end) and not _place_name(text, r.start, r.end)):
            if (r.start, r.end) not in best or r.score > best[(r.start, r.end)].score:
                best[(r.start, r.end)] = r
        for key in [k for k in best if self._not_a_name(text, *k)]:
            del best[key]
        found = list(best)
        freq = self._tok.FREQ.get
        for s, e in (*listed_names(text, found, self._tag, freq), *paired_names(text, found, self._tag, freq)):
            best.setdefault((s, e), self._result(s, e, self.SCORE_CUE))
        for s, e in list_neighbours(text, list(best), self._tag, freq):
            best.setdefault((s, e), self._result(s, e, self.SCORE_CUE))
        # A name found once is redacted wherever else the message repeats it (我小名叫糯米…叫我糯米就好).
        for s, e in list(best):
            name = text[s:e]
            named = text[max(0, s - 3) : s].endswith(("叫", *NICKNAME_CUES))  # an ordinary word given as a name
            named = named or _speaker_at(text, s, e)  # 建华：收到 … 建华你早点来: a chat speaker's name
            if len(name) >= 2 and _HAN_CHAR.match(name) and (self._tok.FREQ.get(name, 0) < FREQUENT or named
                                                              or (self._tag(name) or "").startswith("nr")):
                k = text.find(name)
                while k >= 0:
                    if not any(a <= k < b or a < k + len(name) <= b for a, b in best):
                        best[(k, k + len(name))] = self._result(k, k + len(name), self.SCORE_CUE)
                    k = text.find(name, k + 1)
        return sorted(best.values(), key=lambda r: (r.start, r.end))

    def _not_a_name(self, text: str, start: int, end: int) -> bool:
        """A role noun on its own (母亲, 房东), a surname character that ends a role noun begun before it
        (宿|管阿姨), or surname + an ordinary noun with a noun suffix (韦|药店): words, not names."""
        word = text[start:end]
        if _PET_NAMED.search(text, max(0, start - 12), start):
            return True  # 我家狗狗叫旺财: a pet's name
        if len(word) == 3 and self._tag(word[:2]) == "t" and not _WEEKDAY_NAME.match(word):
            return True  # 明天|春游: a time word and the start of the next word (not 周一|鸣: time_word_names)
        if word in _ROLES or text[max(0, start - 1) : start + 1] in _ROLES or text[max(0, start - 2) : start + 1] in _ROLES:
            return True
        # 房东|岳先生: a role noun and the start of the name it announces (孙子涵 stays: 涵 is no surname)
        if any(len(word) > n and word[:n] in _ROLES and (word[n] in SURNAMES or word[n] not in GIVEN_CHARS)
               for n in _ROLE_LENGTHS):
            return True
        if word.endswith("某") or text.startswith("某", end):
            return True  # 刘某某, 王某: a name already withheld by the writer
        if text.startswith(_ORG_AFTER, end) or word.endswith(("商行", "银行")):
            return True  # 金沙|大酒店, 农商行: an institution's name, not a person's
        if text.startswith(_SCHOOL_AFTER, end) and (self._tag(word) or "nr")[:2] != "nr":
            return True  # 西南|交通大学, 中山|医院: a place word (not 张伟|大学毕业了)
        if word[0] == "于" and text[max(0, start - 2) : start].endswith(_BEFORE_YU):
            return True  # 毕业|于西南, 位于, 生于: the preposition of the word before, not the surname 于
        return len(word) == 3 and word[2] in _NOUN_SUFFIX and self._tok.FREQ.get(word[1:], 0) >= FREQUENT \
            and not (self._tag(word[1:]) or "").startswith("nr")

    def _collapsed_scans(self, text: str) -> Iterator[tuple[int, int, float]]:
        """The character-level scans, for the view with emoji between Han characters taken out."""
        for run in _HAN_RUN.finditer(text):
            yield from ((r.start, r.end, r.score) for r in self._scan(run.group(), run.start(), text))
        yield from full_names(text, self._tag)
        yield from nicknames(text, self._tag)
        yield from mixed_names(text)
        yield from minority_names(text)
        yield from dotted_names(text)
        yield from ((s, e, self.SCORE_CUE) for s, e in cued_names(text, self._tag, self._tok.FREQ.get))

    def _cued(self, text: str) -> list[RecognizerResult]:
        """Names announced by a strong cue, a kinship word, 我叫 or a phone number (``cn_name_cued``)."""
        return [self._result(s, e, self.SCORE_CUE) for s, e in cued_names(text, self._tag, self._tok.FREQ.get)]

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return self.declared_result(start, end, score)

    def _scan(self, run: str, base: int, text: str) -> list[RecognizerResult]:
        memo = batch_memo.table("jieba.cut")
        words = memo.get(run) if memo is not None else None
        if words is None:  # segmentation depends on the run alone: once per distinct run of a batch
            words = tuple(self._tok.cut(run, HMM=True))
            if memo is not None:
                memo[run] = words
        res: list[RecognizerResult] = []
        pos = 0
        i = 0
        while i < len(words):
            w = words[i]
            start = base + pos
            nxt = words[i + 1] if i + 1 < len(words) else ""
            prev = words[i - 1] if i > 0 else ""
            hit = self._match(w, nxt, prev, nxt or text[start + len(w) : start + len(w) + 1])
            if hit:
                length, score, consumed = hit
                res.append(self._result(start, start + length, score))
                pos += sum(len(x) for x in words[i : i + consumed])
                i += consumed
                continue
            pos += len(w)
            i += 1
        return res

    def _match(self, w: str, nxt: str, prev: str, after: str = "") -> tuple[int, float, int] | None:
        """(length of the name inside w[+nxt], score, tokens consumed) or None; ``after`` is what follows
        ``w`` in the text (the next token, or the character after the Han run)."""
        cue = prev.endswith(NAME_CUES) or prev.endswith(("叫", "是", "找", "问", "和", "跟", "给", "让", "抄送"))
        # 小王 / 老李 nicknames (segmenter keeps them as one token or splits 小|王): a listed
        # nickname surname, or any surname when the pair is not an ordinary dictionary word.
        if len(w) == 2 and w[0] in "小老阿" and self._nickname(w):
            return 2, self.SCORE_CUE, 1
        if w in ("小", "老") and len(nxt) == 1 and self._nickname(w + nxt):
            return 2, self.SCORE_CUE, 2
        # 大刘 / 大陈 (the older of two with one surname): only pairs the dictionary does not hold (大方, 大王 are words)
        big = w if len(w) == 2 and w[0] == "大" else w + nxt if w == "大" and len(nxt) == 1 else ""
        if big and big[1] in NICKNAME_SURNAMES and not self._tok.FREQ.get(big, 0) and self._tag(big) is None:
            return 2, self.SCORE_CUE, 1 if w == big else 2
        sur = _surname_of(w)
        if sur is None or w in NOT_NAMES or w in TITLES or w in _ROLES or (len(w) == 2 and w[0] == w[1]):
            return None  # 谢谢/常常: reduplicated words; jieba even tags 谢谢 as nr
        # Surname + title in one token (王先生) or two (王 | 先生).
        if (self._tag(w + nxt) or "nr")[:2] != "nr" and nxt in TITLES:
            return None  # 班主任, 周总理-like dictionary words are not surname + title
        if len(w) > len(sur) and (self._tag(w) or "nr")[:2] != "nr" and w.endswith(TITLES):
            return None
        for t in TITLES:
            if w.endswith(t) and 1 <= len(w) - len(t) - len(sur) <= 2 and self._is_given(w[len(sur) : -len(t)]):
                return len(w) - len(t), self.SCORE_CUE, 1
            if w.endswith(t) and len(w) == len(sur) + len(t) and len(t) >= 2:
                return len(sur), self.SCORE_CUE, 1
        if w == sur and nxt in TITLES and len(nxt) >= 2 and prev[-1:] not in _NOT_BEFORE_TITLE:
            return len(sur), self.SCORE_CUE, 1
        # Whole token is surname + given name.
        given = w[len(sur) :]
        if given and given[-1] in TAIL_STOP and len(given) >= 2 and self._tag(w) is None:
            given = given[:-1]  # 李欣去 → 李欣
        name = sur + given
        if name in NOT_NAMES:
            return None
        if 1 <= len(given) <= 2 and _HAN_CHAR.match(given) and given[0] not in NOT_GIVEN_START:
            tag = self._tag(name)
            if tag is not None and tag.startswith("nr") and not self._compound_word(name) \
                    and (cue or self._tok.FREQ.get(name, 0) < ORDINARY_NR or _before_latin(after, prev)):
                return len(sur) + len(given), self.SCORE_DICT_NAME, 1
            if tag is None and (len(given) == 2 or cue or len(sur) == 2):
                return len(sur) + len(given), self.SCORE_NEW_WORD, 1
            if tag is None and len(given) == 1 and len(w) == 2 and given in GIVEN_CHARS:
                return 2, self.SCORE_NEW_WORD - 0.1, 1
        # Surname token followed by a given-name token (王 | 秀英, 欧阳 | 娜娜, 骆 | 桂兰).
        if w == sur and (w + nxt)[:2] not in NOT_NAMES and self._given_after_surname(w, nxt, prev, cue):
            return len(sur) + len(nxt), self.SCORE_NEW_WORD, 2
        return None

    def _compound_word(self, word: str) -> bool:
        """申请书, 许可证, 宣传部: jieba's dictionary tags some ordinary compounds nr; a word that is an
        ordinary (``FREQUENT``) two-character word plus a noun suffix is not a name."""
        return len(word) == 3 and word[2] in _NOUN_SUFFIX and self._tok.FREQ.get(word[:2], 0) >= FREQUENT

    def _nickname(self, pair: str) -> bool:
        if pair[1] in NICKNAME_SURNAMES:  # curated: 小X/老X is not an ordinary word for these
            return True
        return pair[1] in SURNAMES and self._tag(pair) is None

    def _given_after_surname(self, sur: str, nxt: str, prev: str, cue: bool) -> bool:
        """Is ``nxt`` (the token after a lone surname token) a given name?"""
        if not (1 <= len(nxt) <= 2 and _HAN_CHAR.match(nxt)) or nxt[0] in NOT_GIVEN_START or nxt in TITLES:
            return False
        tag_n = self._tag(nxt)
        if tag_n is None or tag_n.startswith("nr") or (len(nxt) == 2 and nxt[0] == nxt[1]):
            return True  # unknown / person-tagged / reduplicated given names (婷婷, 丹丹)
        if len(nxt) == 2 and nxt[0] in GIVEN_CHARS and nxt[1] in GIVEN_CHARS and tag_n[0] in "naiz":
            return True  # 吴|欣怡(i), 邵|国强(n): two given-name characters that jieba also knows as a word
        if cue and tag_n[0] in "nag":
            return True  # 名字 安|建平, 转给 常|东
        if (self._tag(sur) or "") in ("nr", "ng", "zg"):
            return tag_n[0] == "n"  # jieba itself reads the char as a surname: 骆|桂兰(ns), 宋|建华(nz)
        return tag_n in {"ns", "nz"} and not (self._tag(prev) or "").startswith("m")
