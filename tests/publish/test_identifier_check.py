"""The independent identifier check, table-driven: identifiers in the spellings that pass the engine
are findings; ordinary chat is not."""

from __future__ import annotations

import pytest

from transforms.publish.identifier_check import findings

ZW = "\u200b"


@pytest.mark.parametrize("text, kind", [
    (f"老师电话138{ZW}1234{ZW}5678", "DIGIT_SEQUENCE"),
    ("电话 1 3 8 - 1 2 3 4 - 5 6 7 8", "DIGIT_SEQUENCE"),
    ("打幺三八一二三四五六七八", "DIGIT_SEQUENCE"),
    ("壹叁捌壹贰叁肆伍陆柒捌", "DIGIT_SEQUENCE"),
    ("１３８１２３４５６７８", "DIGIT_SEQUENCE"),
    ("call one three eight one two three", "DIGIT_SEQUENCE"),
    ("群主微x: zhangwei_0818", "MESSENGER_ID"),
    ("加v abc12345", "MESSENGER_ID"),
    ("我的vx是 xm_2024", "MESSENGER_ID"),
    ("wxid_k2j3h4l5", "MESSENGER_ID"),
    ("Q号 小明 998877", "MESSENGER_ID"),
    ("作业发到 liming at 163 dot com", "EMAIL_SHAPE"),
    ("邮箱 liming艾特qq点com", "EMAIL_SHAPE"),
    ("li.ming(at)gmail(dot)com", "EMAIL_SHAPE"),
    ("我叫 zhangwei", "UNLISTED_TOKEN"),
])
def test_identifier_shapes_are_findings(text, kind):
    assert kind in {f.kind for f in findings(text, free_text=True)}


@pytest.mark.parametrize("text", ["晚安", "我又失眠了", "今天好累", "一起去看电影吧", "谢谢你", "hello, good night",
                                  "我有两只猫", "ok 晚安", "我今天走了10000步"])
def test_ordinary_chat_is_clean(text):
    assert findings(text, free_text=True) == []


@pytest.mark.parametrize("value", ["android", "ios", "3.2.0", "chr_xiaonuan", "page_view"])
def test_dimension_values_are_not_free_text(value):
    assert findings(value) == []  # code-like values: only digit/e-mail/messenger shapes apply
