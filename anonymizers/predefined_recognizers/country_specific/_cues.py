"""Cue vocabularies shared by the cue-anchored recognizers and the normalised view.

Bare 8-12 digit runs and short codes are everywhere in chat (prices, order numbers, codes); after
``台胞证`` or ``档案编号`` they are identifiers. ``after_cue`` builds the variable-width lookbehind
(Presidio compiles patterns with the ``regex`` module, which supports it) so the span starts at the
value, never at the cue. The messenger and identifier cues live here once: the recognizers anchor
on them and ``anonymizers.split_codes`` joins a value typed in pieces right after them.
"""

from __future__ import annotations

# What people type between a cue and the value: 号/号码/是/为/:/：/=, spaces, "is".
CUE_GLUE = (r"(?:\s*(?:号码|號碼|号|號|账号|卡号|编号|id|ID|no\.?|No\.?|number))?\s*"
            r"(?:是|为|:|：|=|is|:|搜|加我\s*[:：]?|上?\s?(?:找我|加我|搜我)\s*[:：]?)?\s*[「『“‘\"'(（]?")  # Discord 上找我：…, 抖音搜 'da_hai'…

# WeChat, as people dodge keyword filters: 微x, 薇信, V信, 威信, 绿泡泡 (the green bubble icon), 加v/+v,
# a heart or a space inside the cue (薇❤, V❤, 微 信), 绿色软件 (the green app), 薇 right before a
# Latin handle, 加 right before a handle with a digit (加ck723), 威xin / 薇xin, ➕🟩 (a green square). Includes the glue.
WECHAT_CUE = (
    r"(?:微\s?信号?|[微威薇维](?:x|xin)(?![a-z])|威信|薇信|薇(?=\s?[:：]?\s?[A-Za-z0-9])|(?:\+|加)\s?🟩|徽信|维信|卫星号|卫星(?=\s?[:：])|绿泡泡|绿色软件搜?|[薇微威维vV]\s?(?:❤️?|♥|💚)\s?信?"
    r"|(?<![A-Za-z0-9])(?:v信|vx|wx|weixin|wechat|wei xin|v号|v(?=是|:|：)|(?<=[\u4e00-\u9fff，,])v[ \t](?=[A-Za-z][A-Za-z0-9_-]*\d))"
    r"|加我?\s?v|\+\s?v(?![A-Za-z])|加(?:我|这个|一下)?(?![vV])(?=(?-i:[a-z][a-z0-9_.-]*\d[a-z0-9_.-]*)(?![A-Za-z0-9])))(?:\s*(?:id|号|号码|账号))?\s*(?:吧|呀)?\s*[，,]?\s*(?:是|为|:|：|=|is|加|搜一搜|搜)?\s*"
)
# QQ: QQ/Q号/扣扣/企鹅号/🐧. Includes the glue.
QQ_CUE = (
    r"(?:q\s?q|扣扣|抠抠|扣(?=\s?\d)|企鹅号?|🐧|(?<![A-Za-z])q(?=号|:|：|是|\s?\d)|球球号)"
    r"(?:\s*(?:号码?|账号|号是))?\s*(?:是|为|:|：|=|is)?\s*"
)
# Platforms whose handle follows their name (抖音号 sean39994898, my ig is tony_58).
PLATFORMS = (
    "抖音", "dy", "小红书", "红书", "xhs", "🍠", "薯号", "微博", "快手", "b站", "哔哩哔哩", "bilibili", "知乎", "豆瓣", "探探", "soul",
    "陌陌", "钉钉", "飞书", "instagram", "ig", "insta", "ins", "tiktok", "telegram", "tg", "discord", "snapchat",
    "twitter", "推特", "facebook", "fb", "whatsapp", "kakao", "skype", "xbox", "gamertag", "steam", "psn",
    "battletag", "riot id", "游戏id", "游戏ID", "游戏账号", "好友码", "迪斯扣", "电报", "ign",
)
# A contact symbol standing for the handle's platform (✉ xiaoP48, 📧 ...).
PLATFORM_SYMBOLS = ("✉️?", "📧", "📩")
# English words that are platforms only with an id marker after them ("line id", "snap: …", "LINE号").
WORD_PLATFORMS = ("line", "snap")
# An ASCII cue glued to letters or digits is part of a word or code (steamcommunity.com, 3C22FB9A: no
# "steam"/"fb" cue there). Without the glue (after_cue adds it).
PLATFORM_CUE = "|".join(
    [rf"(?<![A-Za-z0-9]){p}(?![A-Za-z0-9])" if p.isascii() else p for p in PLATFORMS]
    + list(PLATFORM_SYMBOLS)
    + [rf"(?<![A-Za-z0-9]){p}(?=\s*(?:id|ID|:|：|号|是))" for p in WORD_PLATFORMS]
)
# A contact symbol standing for "write to me here" (✉ handle, 📱 number).
CONTACT_SYMBOL_CUE = r"(?:✉️?|📧|📩|📱|☎️?|📞)\s*(?:[:：]\s*)?"
# Nouns after which an identifier follows (护照E123..., 工号A10293, 社保卡W692...). Not the phone cues:
# phone numbers keep their own grouping (validated bridging and libphonenumber read them). Not the Latin
# ones (ID, UID): after them US formats keep their dashes (ID 078-05-1120 is an SSN as written).
ID_NOUNS = (
    "护照", "通行证", "回乡证", "台胞证", "证件", "身份证", "社保卡", "医保卡", "社保", "驾驶证", "驾照", "档案编号", "档案号",
    "信用代码", "税号", "卡号", "银行卡", "账号", "帐号", "账户", "工号", "学号", "会员号", "会员卡号", "编号",
    "病历号", "住院号", "就诊卡", "序列号", "串号", "车牌", "车架号", "MRN",
    # as typed in traditional characters (台胞證號碼 1 0 2 7 3 8 4 6)
    "台胞證", "通行證", "回鄉證", "身份證", "護照", "駕照",
)


def after_cue(*cues: str) -> str:
    """A lookbehind that matches right after one of ``cues`` (regex alternation, already escaped)."""
    return r"(?<=(?:" + "|".join(cues) + r")" + CUE_GLUE + r")"


def latin_boundary(*cues: str) -> str:
    """A start boundary: no letter or digit before, unless that letter run is a cue glued to the value.

    Chinese users glue a Latin cue to the value (``IMEI864482...``, ``IP39.140.134.19``,
    ``UID2016507344``); an ASCII ``\\b`` sees one word there and the value goes unnoticed.
    """
    alt = "|".join(cues)
    return rf"(?:(?<![0-9A-Za-z])|(?<=(?<![A-Za-z])(?i:{alt})))"
