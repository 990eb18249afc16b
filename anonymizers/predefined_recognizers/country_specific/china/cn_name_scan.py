"""Character-level name rules that do not depend on how jieba happens to split a sentence.

jieba cuts unknown names unpredictably (史文博转, 孙梓|萱, 房|东吴|紫薇), so names are also found from
their surroundings: a role noun or cue on the left (房东, 我同事, 收款人, 跟, 叫), a name-shaped body
(surname + 1-2 given-name characters, 小X/阿X/老X nicknames, doubled given names), and a boundary on
the right (punctuation, 的/说/在…, a title). Minority names with a middle dot (阿力木·卡德尔) and
pinyin or English names after 我叫 / my name is are found here too.
Each function returns ``(start, end, score)`` spans in the text's offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ._names import (
    COMMON_DOUBLED,
    COMPOUND_SURNAMES,
    GIVEN_CHARS,
    LEFT_CUES,
    NAME_CUES,
    NEVER_DOUBLED_NAMES,
    NICKNAME_SURNAMES,
    NOT_GIVEN_START,
    NOT_NAMES,
    NOT_NICKNAMES,
    RIGHT_STOPS,
    ROLE_LINKS,
    ROLE_NOUNS,
    SURNAMES,
    TITLES,
)

Span = tuple[int, int, float]
TagOf = Callable[[str], "str | None"]

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_IS_HAN = re.compile(f"[{_HAN}]")
_COMPOUND = frozenset(COMPOUND_SURNAMES)
_ROLE = tuple(sorted(set(ROLE_NOUNS), key=len, reverse=True))
_CUES = tuple(sorted(set(LEFT_CUES) | set(NAME_CUES), key=len, reverse=True))
_TITLES = tuple(sorted(TITLES, key=len, reverse=True))
_TITLES_2 = tuple(t for t in _TITLES if len(t) >= 2)
_TITLE_FIRST = frozenset(t[0] for t in _TITLES_2)
_TITLES_1 = frozenset(t for t in _TITLES if len(t) == 1)  # 总 工 哥 姐 局 处 科

_DOTTED_STOPS = frozenset("是的了在说和跟与也就还给被把")  # not 都/布/德: they occur in transliterations
SCORE_ROLE = 0.75
SCORE_CUE = 0.7
SCORE_BARE = 0.6

# 阿力木·卡德尔, 古丽娜尔·艾力: two or more Han parts joined by a middle dot.
_DOTTED = re.compile(rf"(?<![·•・])[{_HAN}]{{1,8}}(?:[·•・][{_HAN}]{{1,6}})+")
def left_kind(text: str, i: int) -> str | None:
    """Public name for the left-context rule (the separated-name scan uses it too)."""
    return _left_kind(text, i)


def _left_kind(text: str, i: int) -> str | None:
    """What announces a name at ``i``: a role noun, a cue word, the start of a Han run, or nothing."""
    before = text[max(0, i - 10) : i].rstrip(" \t")  # (直属上级 贺东来: one blank between)
    if before.endswith(_ROLE):
        return "role"
    link = next((k for k in ROLE_LINKS if before.endswith(k)), None)
    if link is not None and before[: -len(link)].endswith(_ROLE):
        return "role"
    if before.endswith(_CUES):
        return "cue"
    if before.endswith("床") and before[-2:-1].isdigit():
        return "role"  # 8床孙满仓老爷子: a ward's bed number names its patient
    if i == 0 or not _IS_HAN.match(text[i - 1]):
        return "start"
    return None


# Words that follow a person's name (雨桐生日, 芷晴朋友圈, 欣欣电话): a name may end before them.
# (国妍妈妈：…, 张子涵爸爸: a class group names the parent by the child)
_RIGHT_WORDS = ("生日", "朋友圈", "微信", "电话", "手机", "老公", "老婆", "男朋友", "女朋友", "男友", "女友", "妈妈", "爸爸", "家长")


def right_boundary(text: str, j: int, tag_of: TagOf | None = None) -> bool:
    """Public name for the right-boundary rule (the recognizer extends jieba's short cuts with it)."""
    return _right_ok(text, j, tag_of)


def _right_ok(text: str, j: int, tag_of: TagOf | None = None) -> bool:
    """A name may end at ``j``: end of text, non-Han, a stop character, a title (王先生, 李老师), or,
    with ``tag_of``, a verb or adverb the dictionary knows starting there (被侯斌俊|骗了, 客户X|投诉)."""
    if j >= len(text) or not _IS_HAN.match(text[j]):
        return True
    if text[j] in RIGHT_STOPS or text.startswith(_TITLES, j) or text.startswith(_RIGHT_WORDS, j):
        return True
    if text[j] == "收" and (j + 1 >= len(text) or not _IS_HAN.match(text[j + 1])):
        return True  # 简历发…，刘扬收，谢谢: the addressee line of a parcel or mail
    if tag_of is None or text[j] in GIVEN_CHARS:
        return False
    return (tag_of(text[j : j + 2]) or tag_of(text[j]) or "x")[0] in "vdp"


def surname_title_end(text: str, start: int, end: int) -> int:
    """End of a span that is a surname alone, with the title right after it taken along (吕主任, 王老师):
    the pair is how users name the person. After a full name the title is a word of its own (白斌老师)."""
    word = text[start:end]
    if word not in _COMPOUND and not (len(word) == 1 and word in SURNAMES):
        return end
    t = next((t for t in _TITLES if text.startswith(t, end)), None)
    return end + len(t) if t is not None else end


_NICK_TITLES = ("姐姐", "哥哥", "姐", "哥", "叔", "姨", "头", "妹")


def nickname_title_end(text: str, start: int, end: int) -> int:
    """End of a 小X / 老X / 阿X nickname or a doubled given name with the title of address after it taken
    along (小马哥, 老王头, 芳芳姐): without it half of how users name the person is left."""
    word = text[start:end]
    if len(word) != 2 or not (word[0] in "小老阿" or word[0] == word[1]):
        return end
    t = next((t for t in _NICK_TITLES if text.startswith(t, end)), None)
    return end + len(t) if t is not None and right_boundary(text, end + len(t)) else end


def _surname_at(text: str, i: int) -> str | None:
    if text[i : i + 2] in _COMPOUND:
        return text[i : i + 2]
    return text[i] if text[i] in SURNAMES else None


# Reduplicated characters that follow a surname character in ordinary words (明天天气, 高高兴兴).
_NOT_DOUBLED_GIVEN = frozenset("天家人个样年次点常刚高大小多少好看想说走试等一考")


def _unannounced(text: str, i: int, sur: str, tag_of: TagOf) -> int:
    """Length of a name at ``i`` that needs no left cue, else 0: a doubled given name (朱贝贝),
    a compound surname (上官子墨), or a two-character given name right before a title (贺雨萱医生)."""
    g0 = i + len(sur)
    title = next((t for t in _TITLES_2 if text.startswith(t, g0)), None) if text[g0 : g0 + 1] in _TITLE_FIRST else None
    after_word = i > 0 and (text[i - 1] in "们个这那每各本全" or tag_of(text[i - 1 : i + 1]))  # 我们班同学
    if title and tag_of(sur + title) is None and not after_word:
        return len(sur)  # 张经理, 高医生 (not 班主任, 语文老师: the character belongs to a word)
    g = text[g0 : g0 + 2]
    if len(sur) == 2 and g[:1] in GIVEN_CHARS and (len(g) < 2 or not _IS_HAN.match(g[1])) and tag_of(sur + g[0]) is None:
        return 3  # 宇文建 +86…: a compound surname and one given character before a non-Han character
    if len(g) < 2 or not _IS_HAN.match(g[1]) or g[0] in NOT_GIVEN_START:
        return 0
    aabb = i > 0 and text[i - 1] == sur[0]  # 明明白白, 安安静静: a reduplicated phrase, not 安 + 静静
    if g[0] == g[1] and g[0] not in _NOT_DOUBLED_GIVEN and g[0] != sur[-1] and not aabb and _right_ok(text, g0 + 2):
        return len(sur) + 2
    if g[0] not in GIVEN_CHARS:
        return 0
    if len(sur) == 2 and tag_of(sur + g[0]) is None:
        if g[1] in GIVEN_CHARS and _right_ok(text, g0 + 2) and tag_of(sur + g) is None:
            return 4
        return 3 if _right_ok(text, g0 + 1) else 0
    if g[1] in GIVEN_CHARS and text[g0 + 2 :].startswith(_TITLES_2) and tag_of(sur + g) is None:
        return len(sur) + 2
    return 0


def full_names(text: str, tag_of: TagOf) -> Iterator[Span]:
    """Surname + 1-2 given-name characters, announced on the left and bounded on the right."""
    for i, ch in enumerate(text):
        if ch not in SURNAMES and text[i : i + 2] not in _COMPOUND:
            continue
        left = _left_kind(text, i)
        sur = _surname_at(text, i)
        if sur is None or (left not in ("role", "cue") and text.startswith(_ROLE, i)):
            continue  # 房东, 车主, 司机: the surname character opens a role noun
        n = _unannounced(text, i, sur, tag_of)
        if n and sur + text[i + len(sur) : i + n] not in NOT_NAMES:
            yield i, i + n, SCORE_ROLE if left == "role" else SCORE_CUE
            continue
        g0 = i + len(sur)
        one_title = text[g0 : g0 + 1]
        if left is None and text[i - 1 : i] in ("的", "部", "科", "处", "组") and one_title in "总叔姨哥姐" \
                and tag_of(sur + one_title) is None \
                and _right_ok(text, g0 + 1, tag_of):
            yield i, g0, SCORE_BARE  # 被甲方的钱总折磨了: 的 + surname + a title of address
            continue
        if left is None:
            continue
        if (one_title in _TITLES_1 and tag_of(sur + one_title) is None and (_right_ok(text, g0 + 1) or (left == "role" and one_title in "叔姨伯哥姐"))
                and not (i > 0 and tag_of(text[i - 1 : i + 1]))):
            yield i, g0, SCORE_CUE  # 邹总让我, 许工说 (the recognizer takes the title along)
            continue
        g = text[g0 : g0 + 2]
        if not g or g[0] not in GIVEN_CHARS or g[0] in NOT_GIVEN_START:
            continue
        score = SCORE_ROLE if left == "role" else SCORE_CUE if left == "cue" else SCORE_BARE
        # After a role noun the right side may be any word that cannot continue the name (我妈廖浩玉网购).
        role_end = left == "role"
        if (len(g) == 2 and g[1] in GIVEN_CHARS and sur + g not in NOT_NAMES
                and (_right_ok(text, g0 + 2, tag_of) or (role_end and text[g0 + 2 : g0 + 3] not in GIVEN_CHARS))):
            tag = tag_of(sur + g)
            if tag is None or tag.startswith("nr") or left != "start":
                yield i, g0 + 2, score
                continue
        if (left in ("role", "cue") and len(g) == 2 and _IS_HAN.match(g[1]) and g[1] not in RIGHT_STOPS
                and (g0 + 2 >= len(text) or not _IS_HAN.match(text[g0 + 2])) and tag_of(sur + g) is None):
            yield i, g0 + 2, score  # 我喜欢的人叫江予白，: a cue, three characters, then punctuation
            continue
        one = sur + g[0]
        right = _right_ok(text, g0 + 1) or (role_end and text[g0 + 1 : g0 + 2] not in GIVEN_CHARS)
        if (left == "start" and one not in NOT_NAMES and text[g0 + 1 : g0 + 2] not in GIVEN_CHARS
                and _right_ok(text, g0 + 1, tag_of) and tag_of(one) is None):
            yield i, g0 + 1, SCORE_BARE  # "曹雨考了年级第一": a clause opened by surname + one character + a verb
            continue
        if right and one not in NOT_NAMES and left in ("role", "cue"):
            tag = tag_of(one)
            if tag is None or tag.startswith("nr") or len(sur) == 2 or (left == "role" and tag in ("ns", "nz")):
                yield i, g0 + 1, score


# Characters of 小X nicknames that are no given-name characters (一个叫小胖的孩子, 我弟小豆).
_NICK_CHARS = frozenset("胖豆丫妞虎宝贝")
_NICK_CANDIDATE = re.compile(rf"(?=[阿小老大][{_HAN}]|([{_HAN}])\1)")


_PET_WORDS = frozenset({"狗狗", "猫猫", "宝宝", "娃娃", "兔兔", "鸭鸭", "鱼鱼"})  # 我家狗狗: the pet, not a name
_ER_NICK = re.compile(rf"(?=[{_HAN}]儿)")


def er_nicknames(text: str) -> Iterator[Span]:
    """X儿 pet names (雪儿, 婷儿, 菲儿) right after a role noun or a cue (找行政雪儿, 叫她婷儿)."""
    for m in _ER_NICK.finditer(text) if "儿" in text else ():
        i = m.start()
        if text[i] in GIVEN_CHARS and text[i] not in NOT_GIVEN_START and _left_kind(text, i) in ("role", "cue") \
                and _right_ok(text, i + 2):
            yield i, i + 2, SCORE_CUE


def nicknames(text: str, tag_of: TagOf) -> Iterator[Span]:
    """小X / 阿X / 老X nicknames and doubled given names (红红, 晶晶) where something points at a person."""
    yield from er_nicknames(text)
    for m in _NICK_CANDIDATE.finditer(text):
        i = m.start()
        pair = text[i : i + 2]
        left = _left_kind(text, i)
        # 阿勇流产了, 小石考上了, 我和璐璐分手了: a nickname (a doubled name after a cue) may end before a verb
        verb_after = ((pair[0] in "阿小" and pair[0] != pair[1]) or (pair[0] == pair[1] and left in ("role", "cue"))) \
            and _right_ok(text, i + 2, tag_of)
        if text.startswith(pair, i + 2) and pair[0] in "阿小" and pair[0] != pair[1]:
            verb_after = True  # 一直喊阿强阿强: the nickname called twice
        if left == "role" and pair[0] in "阿小" and pair[1] in GIVEN_CHARS and tag_of(pair) is None:
            verb_after = True  # 前女友小雯多好多好: after a role noun an unknown 小X needs no boundary
        if left == "cue" and pair[0] == "阿" and pair[1] in GIVEN_CHARS and tag_of(pair) is None:
            verb_after = True  # 记得揾阿强攞返把锁匙: after a cue 阿 + a given-name character is a nickname
        title = next((t for t in _NICK_TITLES if text.startswith(t, i + 2)), None)
        if title is not None and pair[0] in "老小阿" and _right_ok(text, i + 2 + len(title), tag_of):
            verb_after = True  # 老杨头的孙子, 小马哥说: the title of address is the boundary
        if not _right_ok(text, i + 2) and not verb_after:
            # 我家宝贝乐乐生病了: after a role noun a doubled name needs no boundary, unless it starts a word
            if not (left == "role" and pair[0] == pair[1] and not tag_of(text[i + 1 : i + 3])):
                continue
        if pair[0] == "大" and pair[1] != "大":  # 我发小大壮: only right after a role noun or cue
            if left in ("role", "cue") and pair[1] in GIVEN_CHARS and (tag_of(pair) or "nr").startswith("nr"):
                yield i, i + 2, SCORE_CUE
            continue
        if pair[0] in "阿小老" and pair[0] != pair[1]:
            if (pair in NOT_NICKNAMES and left != "role") or pair[1] in NOT_GIVEN_START:
                continue  # (伴娘是小满: after a role noun even a solar term is a nickname)
            if left != "role" and i > 0 and (tag_of(text[i - 1 : i + 1]) or tag_of(text[i - 1 : i + 2])):
                continue  # 养老金, 古老, 从小: the prefix belongs to a word on its left
            tag = tag_of(pair)
            anchored = left in ("role", "cue") or (left is None and text[max(0, i - 1) : i] == "的")
            if pair[0] == "阿" and (tag is None or tag.startswith("nr")):
                yield i, i + 2, SCORE_CUE  # 阿明, 阿强: 阿 + a character is a nickname unless a word
            elif pair[0] in "小老" and pair[1] in NICKNAME_SURNAMES and (tag is None or tag[0] in "nr"):
                yield i, i + 2, SCORE_CUE  # 小李帮我带饭, 老王说
            elif left == "role" and (tag or "").startswith("nr"):
                yield i, i + 2, SCORE_CUE  # 前台小鹿发访客证: the dictionary knows the pair as a name
            elif anchored and (pair[1] in GIVEN_CHARS or pair[1] in SURNAMES or pair[1] in _NICK_CHARS) and (tag is None or tag[0] in "ntz"):
                yield i, i + 2, SCORE_CUE  # 宿舍的小雪, 我好友小芳, 被老赵代签收
            elif left == "start" and pair[0] == "小" and pair[1] in GIVEN_CHARS and tag is None:
                yield i, i + 2, SCORE_BARE  # "，小霞都结婚了", "小涛是我表哥": a clause opened by 小X + a stop
        elif pair[0] == pair[1] and pair not in NEVER_DOUBLED_NAMES and pair[0] not in NOT_GIVEN_START:
            adverbial = pair in COMMON_DOUBLED and text[i + 2 : i + 3] in ("的", "地") and _IS_HAN.match(text[i + 3 : i + 4] or "a")
            after_of = text[i - 1 : i] == "的"
            of_family = text[max(0, i - 2) : i] in ("我家", "你家", "他家", "她家") and pair not in COMMON_DOUBLED \
                and pair not in _PET_WORDS
            if (left in ("role", "cue") and not adverbial) or (of_family and (tag_of(pair) or "nr")[0] in "n"):
                yield i, i + 2, SCORE_CUE  # 对方叫晶晶, 孩子叫明明, 我家糖糖的作业本
            elif after_of and (text.startswith(("姐", "哥", "姨", "叔"), i + 2) or text[i + 2 : i + 3] in "，,。!！?？"):
                yield i, i + 2, SCORE_CUE  # 隔壁桌的芳芳姐, 二舅家的明明，: a person of someone's
            elif left == "start" and pair not in COMMON_DOUBLED and pair[0] in GIVEN_CHARS and (tag_of(pair) is None or tag_of(pair)[0] in "natqiz"):
                yield i, i + 2, SCORE_BARE  # "老师，乐乐今天没来"


# 晏.书.琪, 禚.卓.浩: a surname and two characters, each alone between ASCII dots (a sentence is not cut so).
_ASCII_DOTTED = re.compile(rf"(?<![{_HAN}.])[{''.join(sorted(SURNAMES))}]\.[{_HAN}]\.[{_HAN}](?![{_HAN}]|\.[{_HAN}])")


def dotted_names(text: str) -> Iterator[Span]:
    """Minority and transliterated names written with a middle dot (cue words cut off on both sides)."""
    if "." in text:
        for m in _ASCII_DOTTED.finditer(text):
            yield m.start(), m.end(), SCORE_CUE
    for m in _DOTTED.finditer(text):
        start, first = m.start(), m.group().split(m.group()[len(re.match(f"[{_HAN}]+", m.group()).group())])[0]
        cut = max((first.rfind(c) + len(c) for c in _ROLE + _CUES if c in first), default=0)
        if len(first) - cut < 1:
            continue
        start += cut
        end = m.end()
        last_dot = max(m.group().rfind(d) for d in "·•・")
        tail = m.group()[last_dot + 1 :]
        for k, ch in enumerate(tail[1:], start=1):
            if ch in _DOTTED_STOPS:
                end = m.start() + last_dot + 1 + k
                break
        yield start, end, SCORE_CUE
