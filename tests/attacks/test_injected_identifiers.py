"""Third-party identifiers typed by ~200 users: a class teacher's phone split by zero-width spaces,
a group owner's 微x id, an `at … dot com` e-mail. DP protects the people typing, not the person
named, and the engine's recognizers (here their fast stand-in, which like them knows only plain
phone numbers and e-mails) miss these spellings. Through the publish path, none may reach
ml_frequent_utterances_weekly or ml_frequent_replies_weekly.

Fails on the code before this change: all three were selected (each used by ~150 users) and the
residual-PII gate, reusing the same recognizers, passed them.
"""

from __future__ import annotations

import random
import unicodedata

import pyarrow.parquet as pq
import pytest

from tests.publish.conftest import AS_OF, DAYS, chat_rows, population, write_partition
from transforms.publish import plan_releases, publish
from transforms.schemas import CLEAN_CHAT_MESSAGES

ZW = "\u200b"
INJECTED = {
    0: f"王老师电话138{ZW}1234{ZW}5678",
    1: "群主微x: zhangwei_0818",
    2: "作业发到 liming at 163 dot com",
}


def _inject(lake, eligible, users: int = 200) -> None:
    eligible.table = population(users)
    rng = random.Random(5)
    for d in DAYS:
        rows = chat_rows(d, users, rng)
        for r in rows:
            conv_turn = r["message_pid"][-1]
            if r["role"] == "user" and conv_turn == "2":  # "谢谢你" in both conversations
                r["text"] = INJECTED[0] if r["conversation_pid"][3] == "0" else INJECTED[1]
            elif r["role"] == "user" and conv_turn == "0" and r["conversation_pid"][3] == "1":
                r["text"] = INJECTED[2]
        write_partition(lake, "chat_messages", d, rows, CLEAN_CHAT_MESSAGES)


def _folded(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", s).lower() if unicodedata.category(ch) != "Cf")


@pytest.mark.parametrize("extract", ["ml_frequent_utterances_weekly", "ml_frequent_replies_weekly"])
def test_injected_third_party_identifiers_are_not_published(lake, eligible, extract):
    _inject(lake, eligible)
    plan = next(p for p in plan_releases(lake, as_of=AS_OF) if p["extract"] == extract)
    rec = publish(lake, **plan, as_of=AS_OF)
    assert rec["status"] == "published", rec.get("reason")
    table = pq.read_table(rec["path"] + "/part-0.parquet")
    assert table.num_rows > 0  # the ordinary frequent utterances still are
    published = {_folded(v) for col in ("utterance", "reply") if col in table.column_names
                 for v in table[col].to_pylist()}
    for text in INJECTED.values():
        needle = _folded(text)
        assert not any(needle in p or p in needle for p in published if len(p) > 4), text
    digits = ["".join(ch for ch in p if ch.isdigit()) for p in published]
    assert not any(len(d) >= 6 for d in digits)
    assert rec["text_screen"]["identifier_rejected"] >= 3  # screened out before selection
