"""Second round of third-party identifiers against the independent identifier check: spellings the
first check (issue 10) let through, typed by 200 eligible users so that DP selection would publish
them. Each names a person who is not a user (a teacher, a group owner), so DP does not protect them.

Fails on the code before this change: a phone in Chinese numerals separated by `~`, `*` or emoji,
parenthesised ideographs (㈠㈢㈧) and Hangzhou numerals (〡〣〨) counted no digit run; a handle
made of dictionary words after `V:`/`Q:`/`v x`/`绿泡泡`/`抖音` or with an underscore (`happy_tiger`)
or digits (`tiger1990`) passed the allow-list, since each Latin word is in GCIDE.
"""

from __future__ import annotations

import random
import unicodedata

import pyarrow.parquet as pq
import pytest

from tests.publish.conftest import AS_OF, DAYS, chat_rows, population, write_partition
from transforms.publish import plan_releases, publish
from transforms.publish.identifier_check import findings
from transforms.publish.scan import scan_values
from transforms.schemas import CLEAN_CHAT_MESSAGES

BYPASSES = [
    "王老师电话一~三~八~一~二~三~四~五~六~七~八",
    "班主任手机 一*三*八*一*二*三*四*五*六*七*八",
    "群主电话一😀三😀八😀一😀二😀三😀四😀五😀六😀七😀八",
    "辅导员 ㈠㈢㈧㈠㈡㈢㈣㈤㈥㈦㈧",
    "老师号码〡〣〨〡〢〣〤〥〦〧〨",
    "加 V: happy_tiger_88",
    "群主 V：happy tiger",
    "Q: tiger_happy",
    "群主是tiger1990",
    "v x: sunny_day",
    "加我绿泡泡 sunny day",
    "抖音搜 happy tiger",
    "@happy_tiger 是群主",
]
ORDINARY = ["晚安", "一起去看电影吧", "我今天走了10000步", "三三两两", "hello, good night", "ok 晚安",
            "一个一个来", "第一二三名", "我有两只猫", "v我50", "我喜欢iphone", "推荐一部电影吧",
            "发到我邮箱<EMAIL_ADDRESS>吧", "<PERSON>是我最好的朋友"]  # the engine's placeholders are not handles


@pytest.mark.parametrize("text", BYPASSES)
def test_bypass_spellings_are_findings(text):
    assert findings(text, free_text=True), text
    assert any(kind.startswith("IDENTIFIER_") for kind, _, _ in scan_values([text])[0])  # `aimate-share scan`


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_chat_still_passes(text):
    assert findings(text, free_text=True) == [], text


def _folded(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", s).lower() if unicodedata.category(ch) != "Cf")


@pytest.mark.parametrize("extract", ["ml_frequent_utterances_weekly", "ml_frequent_replies_weekly"])
def test_bypass_spellings_typed_by_200_users_are_not_published(lake, eligible, extract):
    users = 200
    eligible.table = population(users)
    rng = random.Random(3)
    injected = [BYPASSES[2], BYPASSES[5], BYPASSES[8]]  # emoji-split numerals, `V:` handle, name+digits
    for d in DAYS:  # each typed by all 200 users every day (as 谢谢你 / the first turn)
        rows = chat_rows(d, users, rng)
        for r in rows:
            turn, conv = r["message_pid"][-1], r["conversation_pid"][3]
            if r["role"] == "user" and turn == "2":
                r["text"] = injected[0] if conv == "0" else injected[1]
            elif r["role"] == "user" and turn == "0" and conv == "1":
                r["text"] = injected[2]
        write_partition(lake, "chat_messages", d, rows, CLEAN_CHAT_MESSAGES)
    plan = next(p for p in plan_releases(lake, as_of=AS_OF) if p["extract"] == extract)
    rec = publish(lake, **plan, as_of=AS_OF)
    assert rec["status"] == "published", rec.get("reason")
    table = pq.read_table(rec["path"] + "/part-0.parquet")
    assert table.num_rows > 0  # "晚安" and friends still are
    published = [_folded(v) for col in ("utterance", "reply") if col in table.column_names
                 for v in table[col].to_pylist()]
    leaked = [t for t in injected if any(_folded(t) in p for p in published)]
    assert not leaked, leaked
    assert rec["text_screen"]["identifier_rejected"] >= len(injected)
