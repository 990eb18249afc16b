"""DuckDB views over one interval's clean partitions, joined to the eligible population.

Each view in `catalog.VIEWS` is built here from `src_<table>` (the clean partitions of the interval:
`read_parquet` views on a local lake, registered Arrow tables otherwise), `pop` (eligible users for
the extract's purpose: the join *is* the population gate's filter), `topic_kw` and `char_cat`
(taxonomy data from config/topics.yaml).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from transforms.publish.config import Condition, TopicsFile

LOCAL_TZ = "Asia/Shanghai"  # hour bands are the users' local time; China has one zone, no DST
HOUR_BAND_SQL = """CASE WHEN hour(timezone('{tz}', {col})) < 6 THEN '00-05'
    WHEN hour(timezone('{tz}', {col})) < 12 THEN '06-11'
    WHEN hour(timezone('{tz}', {col})) < 18 THEN '12-17' ELSE '18-23' END"""
ADULT_AGE = 18


def lit(value: Any) -> str:
    """A SQL literal for a config value (config never carries SQL text)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def condition_sql(c: Condition) -> str:
    col = ident(c.column)
    ops = {"eq": "=", "ne": "<>", "gt": ">", "ge": ">=", "lt": "<", "le": "<="}
    if c.op in ops:
        return f"{col} {ops[c.op]} {lit(c.value)}"
    if c.op == "is_null":
        return f"{col} IS NULL"
    if c.op == "not_null":
        return f"{col} IS NOT NULL"
    values = ", ".join(lit(v) for v in c.value) or "NULL"
    return f"{col} {'IN' if c.op == 'in' else 'NOT IN'} ({values})"


def where_sql(conditions: tuple[Condition, ...] | list[Condition]) -> str:
    return " AND ".join(f"({condition_sql(c)})" for c in conditions) or "TRUE"


def nfkc_text(table: pa.Table, column: str = "text") -> pa.Table:
    """Full-width digits/letters to half-width before matching and grouping (users paste both)."""
    if column not in table.column_names:
        return table
    idx = table.column_names.index(column)
    return table.set_column(idx, column, pc.utf8_normalize(table[column], "NFKC"))


NFKC_FUNCTION = "aimate_nfkc"
NFKC_COLUMNS = {"chat_messages": "text"}  # clean table -> column normalised before any view reads it


def _nfkc_arrow(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    return pc.utf8_normalize(values, "NFKC")


def register_nfkc(con: duckdb.DuckDBPyConnection) -> None:
    """`aimate_nfkc(VARCHAR)`: the same Arrow NFKC as `nfkc_text`, as a vectorised DuckDB function.

    DuckDB has `nfc_normalize` but no NFKC (which also folds full-width forms), so the Arrow kernel
    runs per DuckDB vector inside the scan: streamed, never the whole column at once.
    """
    from duckdb import sqltypes

    con.create_function(NFKC_FUNCTION, _nfkc_arrow, [sqltypes.VARCHAR], sqltypes.VARCHAR, type="arrow",
                        null_handling="special", side_effects=False)


def register_parquet_source(con: duckdb.DuckDBPyConnection, table: str, files: list[str]) -> None:
    """CREATE TEMP VIEW src_<table> over the listed Parquet files (read by DuckDB, not loaded first).

    The NFKC column of the table (if any) is normalised in the view; `register_nfkc` must have run.
    """
    listing = ", ".join(lit(f) for f in files)
    column = NFKC_COLUMNS.get(table)
    replace = f" REPLACE ({NFKC_FUNCTION}({ident(column)}) AS {ident(column)})" if column else ""
    con.execute(f"CREATE OR REPLACE TEMP VIEW {ident('src_' + table)} AS "
                f"SELECT *{replace} FROM read_parquet([{listing}], union_by_name = true)")


def register_taxonomy(con: duckdb.DuckDBPyConnection, topics: TopicsFile) -> None:
    kw = [(t.id, i, k.lower()) for i, t in enumerate(topics.topics) for k in t.keywords]
    con.register("topic_kw", pa.table({
        "topic": [r[0] for r in kw], "prio": [r[1] for r in kw], "keyword": [r[2] for r in kw]}))
    cc = [(cid, cat) for cat, ids in topics.character_categories.items() for cid in ids]
    con.register("char_cat", pa.table({
        "character_id": [r[0] for r in cc], "category": [r[1] for r in cc]}, schema=pa.schema(
            [("character_id", pa.string()), ("category", pa.string())])))


def create_view(con: duckdb.DuckDBPyConnection, view: str, topics: TopicsFile, interval_start: date) -> None:
    """CREATE TEMP VIEW <view> over the registered sources (and its helper views)."""
    adult_max_birth_year = interval_start.year - ADULT_AGE - 1  # only the year is known: fail closed
    person = f"""p.age_band, (p.birth_year IS NOT NULL AND p.birth_year <= {adult_max_birth_year}) AS is_adult"""
    if view == "telemetry_events":
        con.execute(f"""CREATE OR REPLACE TEMP VIEW telemetry_events AS
            SELECT t.*, {HOUR_BAND_SQL.format(tz=LOCAL_TZ, col='t.ts')} AS hour_band, {person}
            FROM src_telemetry_events t JOIN pop p ON p.user_pid = t.user_pid""")
        return
    _chat_base(con, topics, person)
    if view == "chat_messages":
        con.execute("CREATE OR REPLACE TEMP VIEW chat_messages AS SELECT * FROM chat_base")
    elif view == "conversations":
        con.execute(f"""CREATE OR REPLACE TEMP VIEW conversations AS
            WITH conv_topic AS (
                SELECT conversation_pid, topic FROM (
                    SELECT conversation_pid, topic, row_number() OVER (
                        PARTITION BY conversation_pid ORDER BY count(*) DESC, min(topic_prio), topic) AS rn
                    FROM chat_base WHERE role = 'user' AND topic <> {lit(topics.default_topic)}
                    GROUP BY conversation_pid, topic) WHERE rn = 1),
            conv AS (
                SELECT conversation_pid, any_value(user_pid) AS user_pid,
                    arg_min(character_id, created_at) AS character_id,
                    arg_min(character_category, created_at) AS character_category,
                    arg_min(hour_band, created_at) AS hour_band,
                    any_value(age_band) AS age_band, bool_and(is_adult) AS is_adult,
                    any_value(province) AS province,
                    count(*) AS messages,
                    count(*) FILTER (WHERE role = 'user') AS user_turns,
                    count(*) FILTER (WHERE role = 'assistant') AS assistant_turns,
                    date_diff('second', min(created_at), max(created_at)) / 60.0 AS duration_min
                FROM chat_base GROUP BY conversation_pid)
            SELECT conv.*, coalesce(ct.topic, {lit(topics.default_topic)}) AS topic,
                CASE WHEN messages <= 2 THEN '01-02' WHEN messages <= 5 THEN '03-05'
                     WHEN messages <= 10 THEN '06-10' WHEN messages <= 20 THEN '11-20' ELSE '21+' END
                    AS length_band,
                user_turns / greatest(assistant_turns, 1) AS turn_ratio,
                CASE WHEN assistant_turns = 0 THEN 'unanswered'
                     WHEN user_turns < 0.8 * assistant_turns THEN 'assistant_led'
                     WHEN user_turns > 1.25 * assistant_turns THEN 'user_led' ELSE 'alternating' END
                    AS turn_pattern
            FROM conv LEFT JOIN conv_topic ct USING (conversation_pid)""")
    elif view == "utterance_pairs":
        norm = ("regexp_replace(lower(trim(regexp_replace({c}, '\\s+', ' ', 'g'))), "
                "'[\\s!?.,~。！？，、…~～]+$', '')")
        con.execute(f"""CREATE OR REPLACE TEMP VIEW utterance_pairs AS
            WITH ordered AS (
                SELECT *, lead(role) OVER w AS next_role, lead(text) OVER w AS next_text
                FROM chat_base WINDOW w AS (PARTITION BY conversation_pid ORDER BY created_at, message_pid))
            SELECT message_pid, conversation_pid, user_pid,
                {norm.format(c='text')} AS utterance,
                CASE WHEN next_role = 'assistant' THEN {norm.format(c='next_text')} ELSE '' END AS reply,
                length({norm.format(c='text')}) AS utterance_chars,
                character_category, age_band, is_adult
            FROM ordered WHERE role = 'user'""")
    else:
        raise ValueError(f"unknown view {view!r}")


def _chat_base(con: duckdb.DuckDBPyConnection, topics: TopicsFile, person: str) -> None:
    con.execute(f"""CREATE OR REPLACE TEMP VIEW chat_base AS
        WITH user_province AS (
            SELECT user_pid, province FROM (
                SELECT user_pid, province, row_number() OVER (
                    PARTITION BY user_pid ORDER BY count(*) DESC, province) AS rn
                FROM src_telemetry_events WHERE user_pid IS NOT NULL AND province IS NOT NULL
                GROUP BY user_pid, province) WHERE rn = 1),
        hits AS (
            -- lower() once per message, not once per (message, keyword) pair of the nested-loop join
            SELECT m.message_pid, k.topic, min(k.prio) AS prio, count(*) AS n
            FROM (SELECT message_pid, lower(text) AS text_lower FROM src_chat_messages) m
            JOIN topic_kw k ON contains(m.text_lower, k.keyword)
            GROUP BY m.message_pid, k.topic),
        msg_topic AS (
            SELECT message_pid, topic, prio FROM (
                SELECT *, row_number() OVER (PARTITION BY message_pid ORDER BY n DESC, prio) AS rn
                FROM hits) WHERE rn = 1)
        SELECT m.message_pid, m.conversation_pid, m.user_pid, m.created_at, m.character_id,
            coalesce(cc.category, {lit(topics.default_category)}) AS character_category,
            m.role, m.content_type, m.text,
            coalesce(mt.topic, {lit(topics.default_topic)}) AS topic,
            coalesce(mt.prio, 1000000) AS topic_prio,
            {HOUR_BAND_SQL.format(tz=LOCAL_TZ, col='m.created_at')} AS hour_band,
            m.app_version, length(m.text) AS chars, {person},
            coalesce(up.province, 'unknown') AS province
        FROM src_chat_messages m
        JOIN pop p ON p.user_pid = m.user_pid
        LEFT JOIN char_cat cc ON cc.character_id = m.character_id
        LEFT JOIN msg_topic mt ON mt.message_pid = m.message_pid
        LEFT JOIN user_province up ON up.user_pid = m.user_pid""")
