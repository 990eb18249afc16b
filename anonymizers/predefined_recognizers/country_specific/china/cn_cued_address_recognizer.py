"""An address announced by its cue: 户籍地址 博白县沙河镇那林村3组, 现居住地武汉市江汉区城南一品, 我住山东大学兴隆山22栋 425.

After 住址 / 居住地 / 户籍所在地 / 家住 / 我住 … users write whatever their address is, in whatever
form: a township without its county, an estate without a suffix, a dorm building, parts spaced out. The
chain recognizers need the shape of a postal address; this one trusts the cue and takes the clause after
it, up to punctuation or a word that cannot be part of a place (和, 的, 发, 我…). Recall first: the span is
an ADDRESS when it goes below the district (something after 区/县/镇/村, or a building or room number);
a bare city or district stays (coarse, allowed by the policy).
"""

from __future__ import annotations

import regex
from presidio_analyzer import LocalRecognizer, RecognizerResult

from ...declared import Declared
from ...precheck import occurs
from .t2s import to_simplified

_CUES = ("住址", "地址", "居住地", "现住址", "现住", "所在地", "户籍地", "户籍所在地", "户籍", "户口在", "户口所在地",
         "家住", "家在", "我住", "住在", "寄到", "送到", "搬到", "收货地")
# (typed word by word too: 俺家 在 马家庄村 四组, a blank inside the cue)
_CUE = regex.compile("(?:" + "|".join("[ \t]?".join(c) for c in sorted(_CUES, key=len, reverse=True))
                     + r")(?![址地])(?:[ \t]?(?:是|为|在))?[ \t:：]*")
PRECHECK = regex.compile(r"住址|地址|居住地|现住|所在地|户籍|户口|家[ \t]?住|家[ \t]?在|我[ \t]?住|住[ \t]?在|寄到|送到|搬到|收货地")
# Characters that end the clause after the cue: punctuation, particles, pronouns, verbs.
_END = set("，。；！？、,.;!?\n的了是我你他她它们到去跟从往把被给让要就也还很说想找看过搬租买卖填写叫带和与或及发呢吧啊吗")
# Words for "around there" that end the clause without being part of the place (朝阳区那边, 学校附近).
_NEARBY = ("那边", "这边", "那里", "这里", "那儿", "这儿", "附近", "旁边", "一带", "周边", "对面", "楼下", "里面")
_SEP_OK = set(" \t-—#（）()")
# Something below the district: a building, room or house number, a unit, a village group, a dorm.
_FINE = regex.compile(r"\d|[零〇一二两三四五六七八九十]+(?:号|栋|单元|室|组|舍|楼)|栋|幢|单元|室|舍|号楼|组")
_REGION_END = regex.compile(r"(?:市|区|县|旗|镇|乡|村|街道)")
MAX_LEN = 40
_HAN = regex.compile(r"\p{Han}")
# After a blank, the next field of a form pasted on one line: a label with its colon, a known label, or goods
# counted (苹果两箱): the address ended before it.
_NEXT_FIELD = regex.compile(
    r"[ \t]+(?:\p{Han}{1,5}[:：]|(?:收件人|收货人|寄件人|联系人|电话|手机|运单号|快递单号|单号|订单号|姓名|备注|邮编)"
    r"|\p{Han}{1,4}[一二两三四五六七八九十\d]+(?:箱|件|个|份|斤|袋|盒|瓶|包))"
)
_NOT_POSTAL = regex.compile(r"(?i)(?:mac|ip|ipv[46]|网卡|物理|邮箱|邮件|电子|网址|网页|链接|钱包|收款|充值|转账|服务器|下载|接口|url)\s?$")


def past_cue(text: str, start: int) -> int:
    """``start`` moved past an address cue that a chain swallowed on its left (所在|地白沙镇…: 地 is the cue's)."""
    for k in (1, 2):
        if any(text.endswith(c, 0, start + k) and len(c) > k for c in _CUES):
            return start + k
    return start


def cued_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the clause after every address cue that reach below the district."""
    out = []
    for m in _CUE.finditer(text):
        if _NOT_POSTAL.search(text, max(0, m.start() - 6), m.start()):
            continue  # MAC地址, 收款地址, 邮箱地址: not where anybody lives
        i = j = m.end()
        while j < len(text) and j - i < MAX_LEN and text[j] not in _END:
            if not (text[j].isalnum() or text[j] in _SEP_OK):
                break
            if text[j] in " \t" and _NEXT_FIELD.match(text, j):
                break  # …崔岭西村 苹果两箱 运单号…, …3楼 收件人：…: the form's next field, not the address
            j += 1
        while j > i and text[j - 1] in _SEP_OK:
            j -= 1
        for w in _NEARBY:
            k = text.find(w, i, j)
            if k >= 0:
                j = k
        span = text[i:j].rstrip(" \t-—#（(")
        j = i + len(span)
        if len(span) < 4 or not _HAN.search(span):
            continue  # 收款地址0xde…: an address in Chinese text has a place name
        region = list(_REGION_END.finditer(span))
        below = bool(region) and region[-1].end() < len(span)  # 江汉区 + 城南一品, 沙河镇 + 那林村八组
        if below or _FINE.search(span):
            out.append((i, j))
    return out


class CnCuedAddressRecognizer(Declared, LocalRecognizer):
    """ADDRESS: the clause after an address cue, when it reaches below the district."""

    ENTITY = "ADDRESS"
    VALIDATED = False
    STRUCTURED = False
    PRIORITY = 310
    SURROGATE = "address"
    PRECHECK = PRECHECK  # the engine's registry skips this recognizer when no cue occurs
    SCORE = 0.55

    def __init__(self, supported_language: str = "zh", supported_entities: list[str] | None = None, **kw) -> None:
        super().__init__(supported_entities=supported_entities or [self.ENTITY], supported_language=supported_language, **kw)

    def load(self) -> None:  # noqa: D102
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: D102
        if self.ENTITY not in entities or not occurs(PRECHECK, text):
            return []
        text = to_simplified(text)
        return [self.declared_result(s, e, self.SCORE) for s, e in cued_spans(text)]
