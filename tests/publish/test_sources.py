"""How a release reads its inputs: `read_parquet` views on a local lake (NFKC in the scan), Arrow tables
otherwise; both give the same cells."""

from __future__ import annotations

import random
from datetime import date

import pytest

from tests.publish.conftest import AS_OF, DAYS, chat_rows, write_partition
from transforms.lake import Lake
from transforms.publish.aggregate import bounded_cells, exact_cells
from transforms.publish.compute import connect
from transforms.publish.config import load_config
from transforms.publish.gates import Attempt
from transforms.publish.intervals import inputs_fingerprint, interval_of, source_partitions
from transforms.publish.views import nfkc_text, register_nfkc
from transforms.schemas import CLEAN_CHAT_MESSAGES

FULL_WIDTH = "我又失眠了，ＳＬＥＥＰ　１２３"  # full-width letters, digits and space: NFKC folds them


def _connect(lake: Lake, extract: str, day: date = DAYS[0]):
    cfg = load_config()
    ext = cfg.extracts[extract]
    iv = interval_of(day, ext.interval)
    parts = source_partitions(lake, ext, iv)
    a = Attempt(lake, cfg, ext, cfg.recipient_of(ext), iv, "test-release", "c", parts,
                inputs_fingerprint(lake, parts), AS_OF)
    return connect(a), a, ext


def _source_sql(con) -> dict[str, str]:
    return dict(con.execute("SELECT view_name, sql FROM duckdb_views() WHERE view_name LIKE 'src_%'").fetchall())


def _cells(con, ext):
    def norm(v):
        if isinstance(v, float):
            return round(v, 9)
        return sorted(v) if isinstance(v, list) else v
    table = bounded_cells(con, ext, salt="test-release") if ext.dp else exact_cells(con, ext)
    return sorted(repr(sorted((k, norm(v)) for k, v in r.items())) for r in table.to_pylist())


@pytest.fixture
def full_width_lake(lake: Lake) -> Lake:
    rng = random.Random(3)
    for d in DAYS:
        rows = chat_rows(d, 60, rng)
        for r in rows[::5]:
            r["text"] = FULL_WIDTH
        write_partition(lake, "chat_messages", d, rows, CLEAN_CHAT_MESSAGES)
    return lake


def test_nfkc_function_matches_arrow_normalisation():
    import duckdb
    import pyarrow as pa

    con = duckdb.connect()
    register_nfkc(con)
    texts = [FULL_WIDTH, "ｈｅｌｌｏ", None, "plain", "①②"]
    got = [r[0] for r in con.execute("SELECT aimate_nfkc(t) FROM (SELECT unnest(?) AS t)", [texts]).fetchall()]
    assert got == nfkc_text(pa.table({"text": texts}))["text"].to_pylist()


def test_local_lake_reads_parquet_views_with_nfkc_text(full_width_lake):
    con, a, _ = _connect(full_width_lake, "ml_frequent_utterances_weekly")
    assert "read_parquet" in _source_sql(con)["src_chat_messages"]
    texts = {r[0] for r in con.execute("SELECT text FROM src_chat_messages").fetchall()}
    assert "我又失眠了,SLEEP 123" in texts and FULL_WIDTH not in texts
    assert a.facts["population"]["source_rows"]["chat_messages"] == 3 * 60 * 2 * 4


@pytest.mark.parametrize("extract", ["ml_frequent_utterances_weekly", "ml_turn_taking_weekly",
                                     "crash_performance_daily", "ml_feature_usage_weekly"])
def test_parquet_views_and_arrow_fallback_give_the_same_cells(full_width_lake, monkeypatch, extract):
    con, a, ext = _connect(full_width_lake, extract)
    local_cells, local_pop = _cells(con, ext), a.facts["population"]
    monkeypatch.setattr(Lake, "is_local", property(lambda self: False))  # as on an object store
    con, a, ext = _connect(full_width_lake, extract)
    assert not any("read_parquet" in (sql or "") for sql in _source_sql(con).values())  # Arrow tables
    assert _cells(con, ext) == local_cells and local_cells
    assert a.facts["population"] == local_pop
