"""Public vocabulary for the identifier check: Latin tokens a published string may contain.

Built from public word lists only, never from our data (an allow-list learnt from the chats would
allow the handles and pinyin names typed in them): the GCIDE English dictionary shipped by the
`english-words` package, plus a short committed list of chat and app words that are not in a
dictionary. A token outside both is a finding: pinyin names, account handles, invented spellings.
"""

from __future__ import annotations

from functools import cache

# Common in chats with an AI companion and not in GCIDE; each is public vocabulary, none a name.
CHAT_WORDS = frozenset("""
ok okay hi hey hello bye lol lmao omg btw thx pls plz yeah yep nope wow haha hahaha hhh hhhh xd emm emmm
app apps ai chatgpt gpt bot wifi ios android iphone ipad pc mac emoji emo vlog blog online offline
tv mv kpop cpu gpu vip pdf ppt email mbti infp infj intp intj enfp entp isfj istj esfj estj
""".split())


@cache
def public_vocabulary() -> frozenset[str]:
    """Lower-case alphabetic words: GCIDE (english-words package) ∪ CHAT_WORDS."""
    from anonymizers.predefined_recognizers.generic.english_names import english_vocabulary

    return english_vocabulary() | CHAT_WORDS
