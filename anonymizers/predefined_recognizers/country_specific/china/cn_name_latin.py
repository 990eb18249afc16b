"""Latin-script names in Chinese text: lower-case English and pinyin names after a naming cue (我叫coco,
my name is jason, 我同事 zhang wei), capitalised pinyin pairs anywhere, and the pinyin syllable tables the
mixed-script scans share. Split out of ``cn_name_scan`` (character-level Han rules stay there).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from ._names import ROLE_NOUNS

Span = tuple[int, int, float]

# Above the NER score (0.85): Presidio drops a result contained in a same-type result with a higher
# score, and spaCy sometimes returns an over-long PERSON (Guo Xiaofeng,IBAN BE65...) that is rejected later.
SCORE_LATIN = 0.88

# "我叫coco", "my name is jason", "英文名tony", "一个叫tony的", "她说她叫momo", "我叫 zhang wei".
# Every alternative below starts with one of these characters (the English ones after (?i)): the
# lookahead skips, in one class test, the ~290 alternatives at positions where none can start.
_LATIN_CUE_FIRST = "".join(sorted(set("我他她自叫名一英中拼网署联请找问mhnisgflctoapb") | {r[0] for r in ROLE_NOUNS if len(r) >= 2}))
_LATIN_CUE = re.compile(
    "(?i)(?=[" + re.escape(_LATIN_CUE_FIRST) + "])"
    r"(?:我叫|我係|我系|他叫|她叫|自己叫|叫做|名叫|一个叫|英文名(?:叫|是)?|中文名(?:叫|是)?|拼音(?:是|叫)?|网名(?:叫|是)?"
    r"|名字(?:叫|是)|署名|联系|请联系|找|问问|" + "|".join(r for r in ROLE_NOUNS if len(r) >= 2)
    + r"|(?<![a-z])(?:my name is|my name's|his name is|her name is|name on (?:it|the card|the passport|the ticket) is|name is|i am called|i'm called|surname"
    r"|given names?|first name|last name|full name|call me|this is|i am|i'm|it's|named|called"
    r"|applicant|insured|passenger|guest|host|booked under|patient|holder|name"
    r"|(?:my|his|her|our|their) (?:cousin|friend|brother|sister|mom|mum|dad|boss|colleague|coworker|roommate"
    r"|neighbou?r|landlord|landlady|wife|husband|boyfriend|girlfriend|son|daughter|uncle|aunt|teacher|tutor"
    r"|classmate|ex|partner|manager|doctor|lawyer|agent|nephew|niece|grandma|grandpa)))(?:叫|是)?[ \t:：]*"
)
_WEAK_HAN_CUES = frozenset({"联系", "请联系", "找", "问问"})
_ANY_LATIN = re.compile(r"[A-Za-z]")
_LATIN_WORD = re.compile(
    r"(?:[A-Za-z][a-z]{1,14}_[a-z]{2,14}(?![A-Za-z0-9])"  # amber_hsu, tom_hendricks: first_last as a handle
    r"|[A-Z][a-z]{1,6}[A-Z][a-z]{1,8}(?![A-Za-z])"  # QinJing, OuyangJun: pinyin written camel-case
    r"|(?:[A-Z]{2,15}|[A-Za-z][a-z]{1,14})(?:[ ](?:[A-Z]{2,15}|[A-Za-z][a-z]{1,14}))?(?![A-Za-z]))"
)
_NOT_LATIN_NAMES = frozenset(
    "a an the not so very really just here there from in at on your my his her back home fine ok okay good sorry "
    "happy sad tired busy hungry done going gonna trying looking sure glad new old single married free online "
    "student teacher engineer doctor nurse worker mom dad and or but also still too".split()
)
# Pinyin syllables (initial + final), for "Sun Yue" / "zhang wei" written as pinyin.
_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c",
             "s", "y", "w", "")
_FINALS = ("iang", "iong", "uang", "ang", "eng", "ing", "ong", "uan", "ian", "iao", "uai", "ai", "ei", "ao", "ou",
           "an", "en", "in", "un", "ia", "ie", "iu", "ua", "uo", "ui", "ue", "ve", "er", "a", "o", "e", "i", "u", "v")
_SYLLABLE = re.compile("(?:" + "|".join(i for i in _INITIALS if i) + ")?(?:" + "|".join(_FINALS) + ")")
PINYIN_SURNAMES = frozenset(
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang "
    "han feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai du ye cheng su wei lv ding ren shen yao lu "
    "cui zhong tan wan fan jin shi liao jia xia fu fang bai zou meng xiong qin qiu yin xue yan duan lei hou long "
    "tao he gu mao hao gong shao qian kong mo kang shi wen niu qi qiao pang zhuang nie zhan geng guan lan jiao "
    "ning ou yang ouyang situ sima shangguan zhuge rui nie zhong luo xiang hong wei she bao qu ji bi pu ge ke xing hua mu"
    " chai zu".split()
)


@cache
def _en_stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _is_pinyin_word(w: str) -> bool:
    """The word splits into 1-3 pinyin syllables (xiaofeng, yue, jiahao)."""
    w = w.lower()
    return bool(re.fullmatch(f"(?:{_SYLLABLE.pattern}){{1,3}}", w))


def _is_pinyin_name(words: list[str]) -> bool:
    """zhang wei, Sun Yue; lao wang / xiao li (a nickname in pinyin)."""
    if len(words) != 2:
        return False
    first, second = words[0].lower(), words[1].lower()
    if first in _NICK_PREFIXES:
        return second in PINYIN_SURNAMES
    return first in PINYIN_SURNAMES and all(_is_pinyin_word(w) for w in words)


_NICK_PREFIXES = frozenset({"lao", "xiao", "a"})
# Three capitals (HXY, Z.Y.X, z q y) right after a word that points at a person: a pinyin name's initials.
# Not letters no pinyin syllable starts with (I, U, V), and not the acronyms chat is full of.
_INITIALS_AFTER_CUE = re.compile(
    r"(?:那个|这个|和|跟|找|问|叫|是|@[ \t]*了?|给)[ \t]*"
    r"((?![A-Za-z]*[IUVuv])[A-Z](?:\.?[A-Z]){2}\.?|[a-hj-tw-z](?: [a-hj-tw-z]){2})(?![A-Za-z0-9])"
)
_ACRONYMS = frozenset(
    "CEO CTO CFO COO APP GPS ATM DNS NBA ETC MBA CPA PPT OMG LOL BTW SOS ABC DNA PDF FAQ PDD NPC AWS API SQL KPI "
    "OKR HRD BBC CNN KFC NFC BGM CBD EMS SSR ADC APM GDP CPI IPO PPP CRM ERP OEM ODM DHL SFC WHO NHK BMW AMD ARM "
    "HTC JYP SMT DIY FYI ASAP TMD WTF NMSL XSWL YYDS CPR EMO PHD MRI ECG CAD CAM RPG FPS MOBA QAQ TAT OTZ ORZ".split()
)


# Airline and passport order SURNAME/GIVEN NAMES [MR] (LIU/MENGQI, SMITH/JOHN MR): the slash is no word
# break for NER. A pinyin surname or a title after it tells it from TCP/IP or PDF/DOCX.
_TICKET_NAME = re.compile(r"(?<![A-Za-z/])([A-Z]{2,15})/([A-Z]{2,20}(?:[ ][A-Z]{2,20})?)(?:[ ](?:MR|MS|MRS|MISS|MSTR))?(?![A-Za-z/])")
_TICKET_TITLE = re.compile(r" (?:MR|MS|MRS|MISS|MSTR)$")


def ticket_names(text: str) -> Iterator[Span]:
    """Names written SURNAME/GIVEN as on tickets and travel documents."""
    for m in _TICKET_NAME.finditer(text) if "/" in text else ():
        if m.group(1).lower() in PINYIN_SURNAMES or _TICKET_TITLE.search(m.group()):
            yield m.start(), m.end(), SCORE_LATIN


# Pinyin written with tone marks (zhāng zhì qiáng, Lǐ Míng): outside language lessons, that is a name.
_TONED_WORD = r"[A-Za-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÀ-ÿĀ-ž]{1,8}"
_TONED_RUN = re.compile(rf"(?<![A-Za-zÀ-ɏ]){_TONED_WORD}(?:[ ]{_TONED_WORD}){{1,2}}(?![A-Za-zÀ-ɏ])")
_TONE = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")


def _toneless(word: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))
    return plain.replace("ü", "v")


def toned_pinyin_names(text: str) -> Iterator[Span]:
    """Two or three tone-marked pinyin words led by a pinyin surname (not Běijīng: one word, no surname)."""
    for m in _TONED_RUN.finditer(text) if _TONE.search(text) else ():
        words = m.group().split(" ")
        plain = [_toneless(w) for w in words]
        n = next((k for k in (3, 2) if k <= len(words) and all(_is_pinyin_word(w) for w in plain[:k])), 0)
        if n and sum(bool(_TONE.search(w)) for w in words[:n]) >= 2 and plain[0] in PINYIN_SURNAMES:
            yield m.start(), m.start() + len(" ".join(words[:n])), SCORE_LATIN


# ZhangXiaoming, LiuSiqi: pinyin written camel-case, a surname then one or two syllables; wang2 jian4 guo2:
# tone numbers after each syllable. Anywhere: English words are not shaped so.
_CAMEL = re.compile(r"(?<![A-Za-z])([A-Z][a-z]{0,5})([A-Z][a-z]{1,7}(?:[A-Z][a-z]{1,7})?)(?![A-Za-z])")
TONE_NUMBERED = re.compile(r"(?<![A-Za-z0-9])[a-zA-Z]{1,6}[1-5](?:[ ][a-zA-Z]{1,6}[1-5]){1,2}(?![A-Za-z0-9])")


def pinyin_shaped_names(text: str) -> Iterator[Span]:
    """Camel-case pinyin names and pinyin with tone numbers, led by a pinyin surname."""
    for m in _CAMEL.finditer(text):
        sur, given = m.group(1).lower(), m.group(2).lower()
        if sur in PINYIN_SURNAMES and _is_pinyin_word(given) and len(given) >= 2:
            yield m.start(), m.end(), SCORE_LATIN
    for m in TONE_NUMBERED.finditer(text):
        words = [re.sub(r"\d", "", w).lower() for w in m.group().split(" ")]
        if words[0] in PINYIN_SURNAMES and all(_is_pinyin_word(w) for w in words):
            yield m.start(), m.end(), SCORE_LATIN


# Two-syllable pinyin words that are places, brands or loanwords, not a person's given name.
_PINYIN_NOT_GIVEN = frozenset(
    "beijing shanghai shenzhen guangzhou hangzhou chengdu wuhan xian nanjing tianjin chongqing suzhou xiamen qingdao "
    "dalian harbin kunming changsha zhengzhou jinan hefei fuzhou nanning guiyang lanzhou xining yinchuan urumqi lhasa "
    "taiyuan shijiazhuang huhehaote nanchang haikou sanya zhuhai dongguan foshan wuxi ningbo wenzhou xuzhou yangzhou "
    "guilin lijiang dali luoyang kaifeng datong zhuzhou xiangtan shantou macau aomen xianggang taiwan taibei gaoxiong "
    "guangdong guangxi yunnan sichuan hunan hubei henan hebei shanxi shaanxi gansu qinghai xinjiang xizang jiangsu "
    "zhejiang anhui fujian jiangxi shandong liaoning jilin heilongjiang hainan guizhou ningxia neimenggu "
    "xiaomi huawei taobao tmall alibaba weibo weixin wechat douyin meituan baidu haier lenovo anta lining jingdong "
    "pinduoduo dianping xiaohongshu bilibili zhihu alipay zhifubao youku iqiyi tiktok oppo vivo honor geely byd nio "
    "xpeng haidilao mixue heytea luckin maotai moutai yili mengniu wahaha "
    "renminbi yuan jiaozi baozi mantou hutong baijiu guanxi gaokao kungfu gongfu taichi taiji fengshui qigong wushu "
    "pinyin hanzi nihao xiexie zaijian laowai dama mianzi hongbao jianbing zongzi tangyuan yuebing huoguo hotpot "
    "xiaolongbao shaomai doupi youtiao pudong puxi minhang xuhui jingan huangpu changning chaoyang haidian dongcheng "
    "xicheng fengtai futian nanshan luohu baoan longgang tianhe yuexiu haizhu panyu tongji fudan nankai zhongshan "
    "kuala bukit bintang jalan taman pulau sungai kampung taipei wangzhe yuanshen kuaishou xianyu dingding kugou "
    "ximalaya toutiao".split()
)
# Initial + final pairs the syllable regex allows but pinyin has not (wi, fi: wifi; in, lo: info, logo; ja: Jalan).
_NO_SUCH_SYLLABLE = re.compile(
    r"^(?:[jqx](?![iu])|[zcs]h?i.|[zcs]h?v|ri.|[gkhfw]i|[gkh]v|[bpmfw]u.|[bpmf]v|w[iv]|y(?:ei|ai|ia|ie)"
    r"|l?o(?!u|ng)$|[dtnl]o(?!u|ng)|(?:i|u|v)[a-z]*$)"
)
_CAP_WORD = re.compile(r"(?<![A-Za-z])[A-Z][a-z]{3,9}(?![A-Za-z])")
# lower case only where Chinese around it speaks of a person (跟yixuan, yixuan说, ruoxi生日), not 下载wangzhe
_LOWER_BY_HAN = re.compile(r"(?:(?<=[跟和给叫找问陪@])[a-z]{4,10}(?![A-Za-z])|(?<![A-Za-z])[a-z]{4,10}(?=说|和我|跟我|今天|昨天|明天|又|也|还|生日|的妈|的爸|回我|发|让我|叫我))")
_TWO_SYLLABLES = re.compile(f"(?:{_SYLLABLE.pattern}){{2}}")


def _pinyin_given(word: str) -> bool:
    """Two pinyin syllables, each of two letters or more, and no English word, place or brand (Haoran, Xinyi)."""
    from ...generic.english_names import english_vocabulary

    w = word.lower()
    if w in _PINYIN_NOT_GIVEN or w in english_vocabulary() or w in _en_stop_words() or w in PINYIN_SURNAMES:
        return False
    m = _TWO_SYLLABLES.fullmatch(w)
    parts = _split_two(w)
    return m is not None and all(len(x) >= 2 and not _NO_SUCH_SYLLABLE.match(x) for x in parts)


def _split_two(w: str) -> tuple[str, str]:
    for k in range(2, len(w) - 1):
        if _SYLLABLE.fullmatch(w[:k]) and _SYLLABLE.fullmatch(w[k:]):
            return w[:k], w[k:]
    return w, ""


def pinyin_given_names(text: str) -> Iterator[Span]:
    """A given name in pinyin on its own: capitalised anywhere (Haoran is so annoying), in lower case next to
    Chinese that speaks of a person (yixuan说她明天不来了)."""
    for pat in (_CAP_WORD, _LOWER_BY_HAN):
        for m in pat.finditer(text):
            if _pinyin_given(m.group()):
                yield m.start(), m.end(), SCORE_LATIN - 0.2


def latin_names(text: str) -> Iterator[Span]:
    """Lower-case English names and pinyin names after a naming cue; capitalised pinyin pairs anywhere."""
    if not _ANY_LATIN.search(text):
        return
    yield from ticket_names(text)
    yield from toned_pinyin_names(text)
    yield from pinyin_shaped_names(text)
    yield from pinyin_given_names(text)
    for m in _LATIN_CUE.finditer(text):
        w = _LATIN_WORD.match(text, m.end())
        if not w:
            continue
        words = w.group().split(" ")
        if words[0].lower() in _NOT_LATIN_NAMES or (words[0].lower() in _en_stop_words() and not words[0].isupper()):
            continue  # "call me after nine", "I'm so tired" (HE Fang: a surname in capitals is a name)
        cue = m.group().lower().strip(" \t:：")
        title_pair = len(words) == 2 and all(x[0].isupper() and x[1:].islower() for x in words)
        if cue in _WEAK_HAN_CUES and not title_pair:
            continue  # 找Apple客服, 联系HR: after 找/联系 only a First Last pair is a name
        strong = not cue.startswith(("this is", "i am", "i'm", "it's", "named", "called", "my ", "his ", "her ", "our ",
                                     "their "))  # my boss said no: after a role, only a capitalised word
        if len(words) == 2 and not title_pair and (words[1].lower() in _NOT_LATIN_NAMES or not _is_pinyin_name(words)):
            words = words[:1]
        if not strong and not _is_pinyin_name(words) and (not words[0][0].isupper() or words[0].isupper()):
            continue
        end = w.start() + len(" ".join(words))
        third = re.match(r" ([a-z]{1,6})(?![A-Za-z])", text[end:])
        if _is_pinyin_name(words) and third and _is_pinyin_word(third.group(1)):
            end += third.end()  # ma jian guo: a surname and a given name of two syllables, spaced
        yield w.start(), end, SCORE_LATIN
    for m in re.finditer(r"(?<![A-Za-z])([A-Z][a-z]{1,6}|[A-Z]{2,6}) ([A-Z][a-z]{1,8})(?![A-Za-z])", text):
        if _is_pinyin_name([m.group(1), m.group(2)]):  # Sun Yue, YE Jun
            yield m.start(), m.end(), SCORE_LATIN
    for m in _INITIALS_AFTER_CUE.finditer(text):
        if m.group(1).replace(".", "").replace(" ", "").upper() not in _ACRONYMS:
            yield m.start(1), m.end(1), SCORE_LATIN
