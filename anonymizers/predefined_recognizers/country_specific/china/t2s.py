"""Traditional Chinese read as simplified, one character for one (offsets do not move).

Hong Kong and Taiwan users write 陳大文 / 聯絡人 / 九龍灣宏照道38號; the name tables, cues, jieba's
dictionary and the address suffixes are simplified. The recognizers scan ``to_simplified(text)``:
the same length as ``text``, so every span found in it is a span of the original too.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    lines = (Path(__file__).with_name("t2s_chars.txt")).read_text(encoding="utf-8").splitlines()
    return {ord(line[0]): line[1] for line in lines if len(line) == 2 and not line.startswith("#")}


@lru_cache(maxsize=16)  # the same message is read by several recognizers in a row
def to_simplified(text: str) -> str:
    """``text`` with each traditional character replaced by its simplified form (same length)."""
    return text.translate(_table())


# Daxie numerals (壹玖捌贰, 柒栋贰单元) read as ordinary Chinese numerals, one character for one.
DAXIE = str.maketrans("壹贰貳叁參肆伍陆陸柒捌玖拾", "一二二三三四五六六七八九十")
