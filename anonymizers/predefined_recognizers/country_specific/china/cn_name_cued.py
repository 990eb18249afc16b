"""Names announced by what surrounds them rather than by their shape.

* after a strong cue (姓名, 收件人, 乙方, 报警人 …), whatever the surname, up to six characters: minority
  names are written without a dot too (次仁央宗, 乌云其木格, 阿不都热合曼);
* after a kinship word (我爷爷吉木拉则, my grandma 吉克阿依): minority names have no surname to anchor on;
* a given name alone after 我叫 (我叫志鹏);
* a surname-led name right before a mobile number, as contact lists write them (2. 菅颖可 159 0145 7338).

A run with a frequent ordinary word inside (拼音加数字, 房东电话) is a phrase, not a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import regex

from ._names import (
    COMMON_DOUBLED,
    COMPOUND_SURNAMES,
    GIVEN_CHARS,
    HOUSEHOLD_KIN,
    NICKNAME_CUES,
    NOT_GIVEN_START,
    NOT_NAMES,
    RIGHT_STOPS,
    ROLE_NOUNS,
    RUSTIC_NICKNAMES,
    SURNAMES,
    TAIL_STOP,
)
from .cn_name_scan import left_kind, right_boundary

TagOf = Callable[[str], "str | None"]
FreqOf = Callable[[str, int], int]

# Strong cues only: 我叫/我是 are excluded (我叫了外卖, 我是学生).
_STRONG_CUE = re.compile(
    r"(?:名叫|名字是|名字叫|名字|姓名|收件人|收货人|寄件人|联系人|抄送|署名|报警人|受检人|就诊人|申请人|乙方|甲方)"
    r"\s*[:：|｜]?\s*"
    # up to 6 characters: minority names are written without a dot too (次仁央宗, 乌云其木格, 阿不都热合曼)
    r"([\u4e00-\u9fff]{2,6})(?=[\s,，.。!！?？;；、)）+＋\d]|$)"
)
_NOT_NAME_ENDINGS = ("电话", "手机", "号码", "微信", "号", "机", "话")
# A name of up to six characters right after a kinship or role word (我爷爷吉木拉则, My grandma 吉克阿依),
# and a given name alone after 我叫 (我叫志鹏): minority names and given names have no surname to anchor on.
_AFTER_KIN = regex.compile(
    r"(?:(?:我|他|她)(?:爷爷|奶奶|外公|外婆|姥姥|姥爷|爸爸?|妈妈?|哥|姐|弟|妹|老公|老婆)"
    r"|(?i:(?:my|his|her) (?:grandma|grandpa|grandmother|grandfather|mom|mum|dad|mother|father|wife|husband)\s+))"
    r"(?:叫|名叫)?([\u4e00-\u9fff]{2,6})(?=[\s,，.。!！?？、;；]|$)"
)
_GIVEN_AFTER_NAMING = regex.compile(r"(?:我叫|叫我|名叫)([\u4e00-\u9fff]{2,6})(?=[\s,，.。!！?？、;；~～]|$)")
# A name of up to six characters that a form role or a shipping phrase frames on both sides (车主扎西多吉。,
# 写达瓦央宗收): minority names have no surname to anchor on.
_AFTER_FORM_ROLE = regex.compile(
    r"(?:车主|户主|业主|房主|户名|开户名|持卡人|被保险人|投保人|受益人|乘客|乘机人|患者|病人|法人|签收人|监护人)[ \t:：是为]*"
    r"([\u4e00-\u9fff]{2,6})(?=[\s,，.。!！?？、;；]|$)"
    r"|(?<=写|填)([\u4e00-\u9fff]{2,6})(?=收(?:[\s,，.。!！?？、;；]|$))"
)
# A role noun, 叫, and a surname-led name standing alone before a break (同桌叫柏杨树，…, 室友叫东方明月。):
# named so, even a name made of ordinary words (杨树, 明月) is the person's name.
_ROLE_CALLED = regex.compile(
    "(?:" + "|".join(sorted((r for r in ROLE_NOUNS if len(r) >= 2), key=len, reverse=True)) + r")(?:叫|名叫|叫做)"
    r"([\u4e00-\u9fff]{2,4})(?=[\s,，.。!！?？、;；]|$)"
)
# A contact list: a surname-led name right before a mobile (2. 菅颖可 159 0145 7338, 范勇 17535023697).
_NAME_BEFORE_MOBILE = regex.compile(
    r"(?:^|(?<=[\n，,；;：:、\s]|\d[.、)）]))([\u4e00-\u9fff]{2,4})[ \t:：]*(?=(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}(?!\d))",
    regex.M,
)
_COMPOUND = frozenset(COMPOUND_SURNAMES)
# A chat log pasted line by line (尹哥：明天开会 / 老向：收到): the speaker opens the line.
_SPEAKER = regex.compile(r"^[ \t]*(?:[\[【(（][^\]】)）\n]{1,8}[\]】)）][ \t]*)?([\u4e00-\u9fff]{2,4})[ \t]*[:：]", regex.M)


# A nickname announced as one (我小名叫糯米, 外号“考拉”, 叫我表哥‘狗蛋’): ordinary words are names there. (Not a
# screen name, 网名/昵称: 慢慢的小猫 describes, it does not name.)
_NICKNAME_CUE = regex.compile(
    rf"(?:(?:{'|'.join(NICKNAME_CUES)})[ \t]*(?:叫|是|为)?[ \t:：]*[“\"‘'「『]?([\u4e00-\u9fff]{{1,5}}?)[”\"’'」』]?(?=[\s,，。.!！?？、;；)）]|$|的|就)"
    r"|叫(?:我|他|她)\p{Han}{0,3}[“\"‘']([\u4e00-\u9fff]{2,4})[”\"’'])"
)
# People addressed together (考拉、Q仔、小胖，你们仨…): every item of a list right before 你们.
_LIST_BEFORE_YOU = regex.compile(
    r"(?:^|(?<=[\s,，:：;；。!！?？]))([\u4e00-\u9fffA-Za-z]{1,4}(?:、[\u4e00-\u9fffA-Za-z]{1,4})+)[，,]?[ \t]*你们"
)
# A surname with an English title of address (找王 sir, 问李 madam).
_SURNAME_SIR = regex.compile(rf"(?<=找|问|叫|跟|和|给|是)([{''.join(sorted(SURNAMES))}])[ \t]?(?i:sir|madam|boss)(?![A-Za-z])")
# A pet name one is called by (叫我涵涵就好, 我叫他磊哥, …或者然哥): a doubled character, or one character and
# 哥/姐/妹/弟/仔/儿 (not kin words: 哥哥, 大哥, 宝宝).
_CALLED = regex.compile(
    r"(?:叫|喊)(?:我|他|她)(?:做)?(?![大二三四五六老小])((?:([\u4e00-\u9fff])\2)|[\u4e00-\u9fff](?:哥|姐|妹|弟|仔|儿))"
    r"(?:(?:或者|或|和|、)((?:([\u4e00-\u9fff])\4)|[\u4e00-\u9fff](?:哥|姐|妹|弟|仔|儿)))?"
    r"(?=[\s,，.。!！?？、;；~～]|$|就|吧|好|也|啊|呀|呢|嘛)"
)
# One person of a household named by surname and kin word (隔壁沈家阿婆, 王家媳妇), and village nicknames.
_HOUSEHOLD = regex.compile(rf"[{''.join(sorted(SURNAMES))}]家(?:{'|'.join(sorted(HOUSEHOLD_KIN, key=len, reverse=True))})")
_RUSTIC = regex.compile("|".join(sorted(RUSTIC_NICKNAMES, key=len, reverse=True)))
# Speakers tagged in angle brackets (<阿珍> 今晚加班吗 / <伟仔> 唔知呀) and a ranked list of names with their
# scores (1.施雨桐 98分 2.罗浩然 97分 3.卓玛 95分): the format itself points at people.
_ANGLE_SPEAKER = regex.compile(r"^[ \t]*(?:[\[【][^\]】\n]{1,8}[\]】][ \t]*)?<([\u4e00-\u9fff]{2,4}|[A-Za-z]{2,12})>", regex.M)
_RANKED = regex.compile(r"(?:^|(?<=[\s：:，,]))\d{1,2}[.、)）][ \t]*([\u4e00-\u9fff]{2,5})[ \t]+\d{1,3}(?:\.\d)?分")
# A group chat pasted with tagged speakers (【3栋-杨姐】…, 【物业-丁丁】…): the name after the tag's dash.
_TAGGED_SPEAKER = regex.compile(r"^[ \t]*[\[【][^\]】\n\-－—]{0,8}[\-－—][ \t]*([\u4e00-\u9fff]{2,4})[\]】]", regex.M)


def _nickname_shaped(word: str) -> bool:
    """小胖, 阿杰, 老王, Q仔, 婷婷, Cici, or surname-led: shaped like what people call each other."""
    return (len(word) == 2 and (word[0] in "小阿老" or word[1] == "仔" or word[0] == word[1])) or word.isascii() \
        or _surname_led(word)


def _surname_led(name: str) -> bool:
    return name[:2] in _COMPOUND or name[:1] in SURNAMES


# jieba's dictionary frequency from which a two-character word is an ordinary word (许可 623, 申请 2,869;
# the syllables of a name are rarely words at all: 李鸿 0, 乌云 655 is tagged as a name).
FREQUENT = 200


def common_inside(run: str, tag_of: TagOf, freq_of: FreqOf) -> bool:
    """A frequent ordinary word inside the run; names contain none, or only words the dictionary tags as
    names (乌云其木格, 白玛拉姆)."""
    for i in range(len(run) - 1):
        w = run[i : i + 2]
        if freq_of(w, 0) >= FREQUENT and not (tag_of(w) or "").startswith("nr"):
            return True
    return False


# Stop characters that transliterated names use (阿布都热依木, 买买提, 巴特尔, 那仁格日勒).
_FRAMED_STOPS = RIGHT_STOPS - frozenset("都买特那")


def _framed_name(run: str, tag_of: TagOf, freq_of: FreqOf) -> bool:
    """A run framed as a name is one unless it holds an ordinary word or a stop character (我叫了外卖)."""
    return (run[0] not in NOT_GIVEN_START and run not in NOT_NAMES and not any(c in _FRAMED_STOPS for c in run)
            and not common_inside(run, tag_of, freq_of))


def _speaker_name(word: str, tag_of: TagOf, freq_of: FreqOf) -> bool:
    """A chat-log speaker shaped like a name: 老向 / 小缑 / 阿珍, 婷婷, or surname-led (客服, 宝宝 are not)."""
    if word in NOT_NAMES or word in COMMON_DOUBLED or word in ROLE_NOUNS:
        return False
    if freq_of(word, 0) >= FREQUENT:  # 建国 / 建华 are frequent words and given names; 地址 / 客服 are neither
        return (tag_of(word) or "")[:2] in ("nr", "nz", "ns") and all(c in GIVEN_CHARS for c in word)
    if len(word) == 2 and (word[0] in "小老阿" and word[1] in SURNAMES or word[0] == word[1]):
        return True
    if (tag_of(word) or "").startswith("nr"):  # 海燕：…: a name the dictionary knows (not 宝宝, 客服)
        return not common_inside(word, tag_of, freq_of)
    return _surname_led(word) and (tag_of(word) or "nr").startswith("nr") and not common_inside(word, tag_of, freq_of)


# A given name alone, opening a clause or after a cue or role noun, before a word that follows people
# (永燕和兰兰孤立我, 昨天跟雨桐吵架了, 我弟宇轩今天…): two given-name characters the dictionary does not know.
def _bare_given(word: str, tag_of: TagOf, freq_of: FreqOf) -> bool:
    return (all(c in GIVEN_CHARS for c in word) and word[0] not in NOT_GIVEN_START and word not in NOT_NAMES
            and word[0] != word[1] and freq_of(word, 0) <= 3 and (tag_of(word) or "nr")[:2] in ("nr", "nz")
            and not _surname_led(word))


# What follows a person so surely that a given name needs nothing on its left (在芷晴朋友圈看到, 是雨桐生日).
_PERSON_AFTER = ("朋友圈", "生日", "妈妈", "爸爸", "老公", "老婆", "男朋友", "女朋友")


# Car models and the like made of given-name characters (大众朗逸, 别克英朗), and what follows a company's name.
_MODEL_NAMES = frozenset("朗逸 英朗 速腾 迈腾 宝来 雅阁 思域 轩逸 天籁 逍客 奇骏 探岳 途观 汉兰 凯越 君越 昂科 锐志 皓影 亚洲龙".split())
_ORG_AFTER = regex.compile(r"公司|科技|集团|有限|工作室|[店厂馆]")


def _word_ends_at(text: str, i: int, freq_of: FreqOf) -> bool:
    """A word or a clause ends right before ``i``: the start of text, a non-Han character, a function
    character (了, 和, 想), or a dictionary word (觉得|雨桐, 原谅|梓涵) — not inside a transliteration (阿尔茨|海默)."""
    if i == 0 or not "\u4e00" <= text[i - 1] <= "\u9fff" or text[i - 1] in TAIL_STOP:
        return True
    return any(freq_of(text[j:i], 0) > 0 for j in range(max(0, i - 4), i - 1))


def _bare_given_names(text: str, tag_of: TagOf, freq_of: FreqOf) -> Iterator[tuple[int, int]]:
    for i in range(len(text) - 1):
        if text[i] not in GIVEN_CHARS or text[i + 1] not in GIVEN_CHARS:
            continue
        left = left_kind(text, i)
        unknown = (freq_of(text[i : i + 2], 0) == 0 and tag_of(text[i : i + 2]) is None  # 雨桐, 梓涵: no word at all
                   and _word_ends_at(text, i, freq_of) and text[i : i + 2] not in _MODEL_NAMES
                   and not _ORG_AFTER.search(text, i + 2, i + 10))
        if left is None and not text.startswith(_PERSON_AFTER, i + 2) and not unknown:
            continue
        # after 跟 / 和 (a cue) the name may end before any character that cannot continue it (跟雪梅视频)
        right = right_boundary(text, i + 2, tag_of) or (left == "cue" and text[i + 2 : i + 3] not in GIVEN_CHARS) \
            or (unknown and (tag_of(text[i + 2 : i + 4]) or "n")[0] in "vdtpcra")  # 雨桐|根本不在乎 (not 飞鹤|奶粉)
        if (_bare_given(text[i : i + 2], tag_of, freq_of) and right
                and freq_of(text[i : i + 3], 0) == 0 and (i == 0 or freq_of(text[i - 1 : i + 1], 0) == 0)):
            yield i, i + 2


# A name addressed at the start of a message or sentence (大伟，你爸… / 嘉禾你啥时候回): a word the dictionary
# knows as a name, or an unknown word before a comma, right before 你/您.
_VOCATIVE = regex.compile(r"(?:^|(?<=[\n。！？!?…]))[ \t]*[哎嗨喂诶唉噢哦啊嘿呐]?([\u4e00-\u9fff]{2,3}?)([，,][ \t]*|[啊呀](?=你))?(?=你|您)", regex.M)
# A record that opens with the name and the sex (乌云其木格，女，1965年3月出生).
_NAME_THEN_SEX = regex.compile(r"(?:^|(?<=[\n：:；;]))[ \t]*([\u4e00-\u9fff]{2,6})[，,、 ][ \t]*[男女](?=[，,、 ;；]|性|$)", regex.M)
# A given name right after a contact verb, before punctuation or a number (找海波，/ 联系雪梅 138…).
_AFTER_CONTACT = regex.compile(r"(?<=找|联系|问问|打给|转给|发给)([\u4e00-\u9fff]{2})(?=[，,。.!！?？\s\d]|$)")


def _vocative(word: str, comma: bool, tag_of: TagOf, freq_of: FreqOf) -> bool:
    if word in ROLE_NOUNS or word in NOT_NAMES or word in COMMON_DOUBLED or any(c in RIGHT_STOPS for c in word):
        return False
    tag = tag_of(word)
    if comma and _nickname_shaped(word) and freq_of(word, 0) < 50:
        return True  # 小军啊你…: a nickname addressed (the dictionary knows some as nouns)
    return (tag is not None and tag.startswith("nr") and freq_of(word, 0) < FREQUENT) or (tag is None and comma)


def _contact_given(word: str, tag_of: TagOf, freq_of: FreqOf) -> bool:
    return (all(c in GIVEN_CHARS for c in word) and word not in ROLE_NOUNS and word not in NOT_NAMES
            and word not in COMMON_DOUBLED and freq_of(word, 0) < 50 and (tag_of(word) or "n")[0] in "n")


# 姓缪名嘉禾, 姓 缪 名 嘉 禾: a form's surname and given name apart.
_SURNAME_THEN_GIVEN = regex.compile(r"姓\s*([\u4e00-\u9fff]{1,2})\s*[，,、]?\s*名\s*([\u4e00-\u9fff](?:\s?[\u4e00-\u9fff])?)")


def cued_names(text: str, tag_of: TagOf, freq_of: FreqOf) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every name announced by a cue, a kinship word, 我叫 or a following mobile."""
    for m in _STRONG_CUE.finditer(text):
        run = m.group(1)
        if run[0] not in NOT_GIVEN_START and not (len(run) > 3 and common_inside(run, tag_of, freq_of)) \
                and "不" not in run and not run.endswith(_NOT_NAME_ENDINGS):  # 名字好不好, 收货人手机
            yield m.start(1), m.end(1)
    for m in _AFTER_KIN.finditer(text):
        if _framed_name(m.group(1), tag_of, freq_of):  # 我爸叫那仁格日勒, 我爷爷吉木拉则
            yield m.start(1), m.end(1)
    for m in _GIVEN_AFTER_NAMING.finditer(text):
        given = m.group(1)
        if len(given) == 2 and all(c in GIVEN_CHARS for c in given) and (tag_of(given) or "nr").startswith("nr"):
            yield m.start(1), m.end(1)  # 我叫志鹏
        elif len(given) > 2 and _framed_name(given, tag_of, freq_of):
            yield m.start(1), m.end(1)  # 我叫达瓦央宗，
    for m in _ROLE_CALLED.finditer(text) if "叫" in text else ():
        if _surname_led(m.group(1)) and m.group(1) not in NOT_NAMES:
            yield m.start(1), m.end(1)
    for m in _AFTER_FORM_ROLE.finditer(text):
        g = 1 if m.group(1) else 2
        if _framed_name(m.group(g), tag_of, freq_of):
            yield m.start(g), m.end(g)
    yield from _bare_given_names(text, tag_of, freq_of)
    for m in _VOCATIVE.finditer(text) if ("你" in text or "您" in text) else ():
        if _vocative(m.group(1), bool(m.group(2)), tag_of, freq_of):
            yield m.start(1), m.end(1)
    for m in _NAME_THEN_SEX.finditer(text) if ("男" in text or "女" in text) else ():
        if _framed_name(m.group(1), tag_of, freq_of) and m.group(1) not in ROLE_NOUNS:
            yield m.start(1), m.end(1)
    for m in _AFTER_CONTACT.finditer(text):
        if _contact_given(m.group(1), tag_of, freq_of):
            yield m.start(1), m.end(1)
    for m in _SURNAME_THEN_GIVEN.finditer(text):
        if _surname_led(m.group(1)):
            yield m.start(1), m.end(1)
            yield m.start(2), m.end(2)
    speakers = list(_SPEAKER.finditer(text)) if "\n" in text else []
    for m in speakers if len(speakers) >= 2 else ():
        if _speaker_name(m.group(1), tag_of, freq_of):
            yield m.start(1), m.end(1)
    for m in _SURNAME_SIR.finditer(text):
        yield m.start(1), m.end()
    for m in _CALLED.finditer(text) if "叫" in text or "喊" in text else ():
        for g in (1, 3):  # 叫我涵涵就好, 叫他磊哥或者然哥: a pet name built from the given name
            pet = m.group(g)
            if pet and pet not in COMMON_DOUBLED and pet not in ROLE_NOUNS and freq_of(pet, 0) < FREQUENT:
                yield m.start(g), m.end(g)
    for m in _HOUSEHOLD.finditer(text) if "家" in text else ():
        yield m.start(), m.end()
    for m in _RUSTIC.finditer(text):
        yield m.start(), m.end()
    for m in _NICKNAME_CUE.finditer(text):
        g = 1 if m.group(1) else 2
        if m.group(g) not in ROLE_NOUNS and m.group(g) not in COMMON_DOUBLED:
            yield m.start(g), m.end(g)
    for m in _LIST_BEFORE_YOU.finditer(text) if "你们" in text else ():
        parts = m.group(1).split("、")
        if not any(_nickname_shaped(p) for p in parts):
            continue  # 苹果、香蕉，你们喜欢吗: things, not people
        pos = m.start(1)
        for part in parts:
            if part not in ROLE_NOUNS and part not in NOT_NAMES:
                yield pos, pos + len(part)
            pos += len(part) + 1
    angled = list(_ANGLE_SPEAKER.finditer(text)) if "<" in text else []
    ranked = list(_RANKED.finditer(text)) if "分" in text else []
    for m in (angled if len(angled) >= 2 else []) + (ranked if len(ranked) >= 2 else []):
        if m.group(1) not in ROLE_NOUNS and m.group(1) not in NOT_NAMES:
            yield m.start(1), m.end(1)
    tagged = list(_TAGGED_SPEAKER.finditer(text)) if "\n" in text else []
    for m in tagged if len(tagged) >= 2 else ():
        if m.group(1) not in ROLE_NOUNS and m.group(1) not in NOT_NAMES:  # (the tag's format points at a person)
            yield m.start(1), m.end(1)
    for m in _NAME_BEFORE_MOBILE.finditer(text):
        name = m.group(1)
        if (_surname_led(name) and name not in NOT_NAMES and (tag_of(name) or "nr").startswith("nr")
                and not common_inside(name, tag_of, freq_of) and not name.endswith(_NOT_NAME_ENDINGS)):
            yield m.start(1), m.end(1)


# A list of names (小雅、冉冉、Cici / 莫晓萱、童佳宁、练浩宇): items between 、 and the list's edges.
_LIST = regex.compile(r"(?:^|(?<=[\s,，:：;；。!！?？(（]))(?:[我你他她]、)?([\u4e00-\u9fffA-Za-z]{2,5}(?:、[\u4e00-\u9fffA-Za-z]{2,5})+)(?=[\s,，;；。!！?？)）]|$|还有|和|都)")


# Two people joined by a conjunction (糖糖和果果, 老三和胖虎): the partner of a name found already.
_PAIR = regex.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,3})(?:和|跟|与|还有|以及)([\u4e00-\u9fff]{2,3})(?=[是都在也去说一的了，,。.!！?？\s]|$)")


def paired_names(text: str, found: list[tuple[int, int]], tag_of: TagOf, freq_of: FreqOf) -> Iterator[tuple[int, int]]:
    """The partner of a found name in "A和B", when it is shaped like what people call each other."""
    for m in _PAIR.finditer(text) if found else ():
        for g, other in ((1, 2), (2, 1)):
            s, e = m.span(g)
            os_, oe = m.span(other)
            if any(a <= os_ and oe <= b for a, b in found) and not any(a < e and s < b for a, b in found):
                w = text[s:e]
                if _nickname_shaped(w) and w not in NOT_NAMES and w not in ROLE_NOUNS and w not in COMMON_DOUBLED \
                        and freq_of(w, 0) < FREQUENT:
                    yield s, e


def listed_names(text: str, found: list[tuple[int, int]], tag_of: TagOf, freq_of: FreqOf) -> Iterator[tuple[int, int]]:
    """The other items of a list one of whose items is a name found already: shaped like a name, with no
    ordinary word inside (a list of fruit stays)."""
    for m in _LIST.finditer(text):
        items, pos = [], m.start(1)
        for part in m.group(1).split("、"):
            items.append((pos, pos + len(part)))
            pos += len(part) + 1
        if not any(any(s < e2 and s2 < e for s2, e2 in found) for s, e in items):
            continue
        for s, e in items:
            w = text[s:e]
            latin = w.isascii()
            if latin and not (w[0].isupper() and w[1:].islower()):
                continue
            famous = (tag_of(w) or "").startswith("nr")  # 李娜 next to 张伟 in a rota: a colleague, not the athlete
            if not latin and (w in NOT_NAMES or common_inside(w, tag_of, freq_of) or (freq_of(w, 0) >= FREQUENT and not famous)):
                continue
            yield s, e
