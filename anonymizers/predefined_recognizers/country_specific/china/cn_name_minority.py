"""Uyghur, Kazakh, Tibetan and Mongolian names written in Han characters without a middle dot.

Such names are transliterations built from a small set of recurring parts (阿依 + 古丽, 阿布都 + 热合曼,
拉巴 + 次仁, 娜仁 + 花); they carry no surname from the 百家姓, so the surname-based scans never see them
(阿依古丽和张敏是班长: only 张敏 was found). A run of two or more parts, or one part of three or more
characters that is not an ordinary word, is a name. Parts that are also ordinary words or place-name
beginnings (乌兰察布, 呼和浩特, 格桑花 the flower) are only taken with another part next to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Span = tuple[int, int, float]
SCORE = 0.7

# Recurring parts of transliterated given names, longest first when matched.
PARTS = frozenset(
    # Uyghur / Kazakh / Uzbek
    "阿布都 阿不都 阿卜杜 阿布 热合曼 买买提 麦麦提 艾力 艾合买提 阿合买提 吐尔逊 图尔荪 吐逊 努尔 古丽 阿依 迪丽 热巴 "
    "帕提 娜尔 阿迪力 阿力木 卡德尔 伊力 亚森 库尔班 玉素甫 依明 艾尼 吾买尔 艾则孜 米吉提 塔依尔 哈力克 努尔兰 "
    "巴哈尔 阿娜尔 祖丽菲亚 玛依拉 帕丽 再努尔 热依拉 阿丽米热 肉孜 托合提 喀迪尔 排尔哈提 木合塔尔 艾山 热西提 沙吾提 "
    "阿里木 阿卜杜拉 努尔古丽 吐尔洪 伊斯马伊力 艾克拜尔 艾买提 阿依努尔 阿依夏 哈丽旦 米热 阿曼 别克 哈斯木 "
    "吐尔地 阿瓦 尼亚孜 居马 加娜尔 古力 巴特 叶尔兰 达吾提 再娜甫 凯赛尔 苏力坦 热娜 帕夏 阿尔曼 "
    # Tibetan
    "扎西 次仁 卓玛 多吉 央金 格桑 拉姆 旺堆 达瓦 尼玛 平措 顿珠 索朗 德吉 白玛 普布 边巴 拉巴 琼达 米玛 巴桑 "
    "仁增 益西 曲珍 洛桑 丹增 强巴 嘎玛 桑珠 次旦 旦增 才让 卓嘎 央宗 措姆 梅朵 贡布 罗布 加措 嘉措 群培 拉珍 "
    "泽仁 泽旺 卓尕 多杰 才旦 尼玛次仁 德庆 益西卓玛 斯朗 阿旺 旺姆 曲吉 贡嘎 "
    # Mongolian
    "巴特尔 其其格 娜仁 乌兰 图雅 斯琴 苏日娜 额尔敦 巴图 宝音 朝鲁 敖登 萨仁 格日勒 阿拉坦 满都拉 哈斯 呼和 孟和 "
    "吉日嘎拉 那日苏 高娃 塔娜 乌日娜 图门 达来 额日和木 毕力格 特木尔 苏和 巴雅尔 乌力吉 德力格尔 青格勒 阿古拉 "
    "其木格 通拉嘎 乌云 其日麦 朝格图 宝力德 赛汉 阿木古楞 包音 锡林 莫日根 那仁 巴根 哈斯巴根 "
    .split()
)
# Short endings that follow a part (娜仁花, 斯琴高娃 is two parts): taken only after a part.
SUFFIXES = ("花", "娃", "汗", "罕", "古丽")
# Parts that are ordinary words, place beginnings or common in other text on their own.
WEAK = frozenset("尼玛 达瓦 拉姆 巴图 格桑 乌兰 呼和 哈斯 阿瓦 阿曼 米热 巴特 锡林 阿布 古力 帕夏 热巴 艾山 努尔 米玛 "
                 "居马 阿里木 图门 乌云 赛汉 包音 罗布 德庆 其日麦 达来 苏和 孟和 宝音 朝鲁 德吉 阿旺 拉巴 曲吉 贡嘎 "
                 "别克 娜尔 帕提 迪丽 伊力 亚森 依明 艾尼 古丽 阿依 高娃 塔娜 萨仁 才让 加措 洛桑 帕丽 贡布 梅朵".split())
# A name does not continue into these (呼和浩特, 乌兰察布).
NOT_AFTER = ("浩特", "察布", "巴托", "浩", "夫", "达坂", "德勒")  # 扎西德勒 is a greeting
_JOINERS = frozenset(" .-_·•・\u3000")
_BY_LEN = sorted(PARTS, key=len, reverse=True)
_FIRST = frozenset(p[0] for p in PARTS)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _part_at(text: str, i: int) -> str | None:
    return next((p for p in _BY_LEN if text.startswith(p, i)), None)


def minority_names(text: str) -> Iterator[Span]:
    """Runs of transliteration parts (plus a short ending) that read as one person's name."""
    i = 0
    while i < len(text):
        if text[i] not in _FIRST:
            i += 1
            continue
        parts, j = [], i
        while (p := _part_at(text, j)) is not None:
            parts.append(p)
            j += len(p)
            if text[j : j + 1] in _JOINERS and j + 1 < len(text) and _part_at(text, j + 1):
                j += 1  # 拉巴.次仁, 阿依 古丽: one separator between two parts
        if not parts:
            i += 1
            continue
        suffix = next((s for s in SUFFIXES if text.startswith(s, j)), "")
        end = j + len(suffix)
        strong = len(parts) >= 2 or parts[0] not in WEAK  # 格桑花开了: a weak part with an ending is the flower
        if strong and not text.startswith(NOT_AFTER, end) and not text.startswith(NOT_AFTER, j):
            yield i, end, SCORE
        i = end
