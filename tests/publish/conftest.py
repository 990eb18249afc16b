"""Fixtures: a small clean zone written with the real schemas, a fake allow-list and a fast PII
detector, a temporary key store. No Airflow, no Presidio."""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from transforms.lake import Lake
from transforms.publish import release as release_mod
from transforms.publish import scan as scan_mod
from transforms.schemas import CLEAN_CHAT_MESSAGES, CLEAN_TELEMETRY_EVENTS

REPO_CONFIG = Path(__file__).resolve().parents[2] / "config"
DAYS = [date(2026, 11, 16) + timedelta(days=i) for i in range(3)]  # Mon..Wed of ISO week 47
AS_OF = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


@dataclass
class FakeFinding:
    entity_type: str
    start: int
    end: int
    score: float
    value: str


_PHONE = re.compile(r"1[3-9]\d{9}")
_EMAIL = re.compile(r"[\w.]+@[\w.]+\.\w+")


def fake_detect(texts: list[str]) -> list[list[FakeFinding]]:
    out = []
    for t in texts:
        hits = [FakeFinding("PHONE_NUMBER", m.start(), m.end(), 0.9, m.group(0)) for m in _PHONE.finditer(t)]
        hits += [FakeFinding("EMAIL_ADDRESS", m.start(), m.end(), 0.9, m.group(0)) for m in _EMAIL.finditer(t)]
        out.append(hits)
    return out


def pid(prefix: str, i: int) -> str:
    return f"{prefix}{i:04d}".ljust(20, "x")  # not shaped like a real pseudonym


def write_partition(lake: Lake, table: str, day: date, rows: list[dict], schema: pa.Schema) -> None:
    path = lake.local_dir("clean", table, f"dt={day}")
    path.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path / "part-0.parquet")


def telemetry_rows(day: date, users: int, rng: random.Random) -> list[dict]:
    rows = []
    for u in range(users):
        os_family = "android" if u % 3 else "ios"
        version = "3.2.0" if u % 2 else "3.1.0"
        base = datetime(day.year, day.month, day.day, 2, tzinfo=UTC)
        for s in range(2):
            ts = base + timedelta(hours=(u + s * 5) % 20, minutes=u % 60)
            common = {"user_pid": pid("u", u), "device_pid": pid("d", u), "app_version": version,
                      "os_family": os_family, "country": "CN", "province": ["北京", "广东", "浙江"][u % 3],
                      "install_source": "store", "device_model": "m", "os_major": "14", "language": "zh",
                      "network": "wifi"}
            rows.append({**common, "event_pid": f"e{day}{u}{s}a", "event_type": "session_start", "ts": ts,
                         "startup_ms": 500 + rng.randrange(1500)})
            rows.append({**common, "event_pid": f"e{day}{u}{s}b", "event_type": "perf", "ts": ts,
                         "latency_ms": 50 + rng.randrange(300)})
            rows.append({**common, "event_pid": f"e{day}{u}{s}c", "event_type": "page_view", "ts": ts,
                         "page": ["home", "chat"][s]})
            if u % 7 == 0 and s == 0:
                rows.append({**common, "event_pid": f"e{day}{u}{s}d", "event_type": "crash", "ts": ts,
                             "crash_signature": "npe_chat"})
    return rows


CHARS = ["chr_xiaonuan", "chr_emma", "chr_xinyu"]


def chat_rows(day: date, users: int, rng: random.Random) -> list[dict]:
    rows = []
    for u in range(users):
        for c in range(2):
            conv = pid(f"c{day:%d}{c}", u)
            t0 = datetime(day.year, day.month, day.day, 12, tzinfo=UTC) + timedelta(minutes=u)
            turns = [("user", "晚安" if c == 0 else rng.choice(["今天好累", "我又失眠了", "推荐一部电影吧"])),
                     ("assistant", "晚安，好梦" if c == 0 else "我在呢"),
                     ("user", "谢谢你"), ("assistant", "不客气")]
            for i, (role, text) in enumerate(turns):
                rows.append({"message_pid": f"m{conv}{i}", "conversation_pid": conv, "user_pid": pid("u", u),
                             "character_id": CHARS[u % 3], "role": role, "content_type": "text", "text": text,
                             "pii_types": [], "created_at": t0 + timedelta(minutes=2 * i), "app_version": "3.2.0"})
    return rows


def population(users: int, excluded: set[int] | None = None, minor: set[int] | None = None) -> pa.Table:
    excluded = excluded or set()
    ids = [u for u in range(users) if u not in excluded]
    birth = [2014 if u in (minor or set()) else 1990 + u % 20 for u in ids]
    return pa.table({"user_pid": [pid("u", u) for u in ids], "birth_year": pa.array(birth, pa.int32()),
                     "age_band": ["0-13" if u in (minor or set()) else "25-34" for u in ids]})


@pytest.fixture
def keystore(tmp_path, monkeypatch):
    path = tmp_path / "keys" / "keystore.json"
    monkeypatch.setenv("AIMATE_KEYSTORE", str(path))
    monkeypatch.setenv("AIMATE_KEYS_FROM_AIRFLOW", "0")
    return path


@pytest.fixture
def config_dir(tmp_path, monkeypatch):
    """A private copy of the repo config that a test may edit."""
    d = tmp_path / "config"
    shutil.copytree(REPO_CONFIG, d)
    monkeypatch.setenv("AIMATE_CONFIG_DIR", str(d))
    return d


@pytest.fixture
def fake_detector():
    scan_mod.set_detector(fake_detect)
    yield fake_detect
    scan_mod.set_detector(None)


@pytest.fixture
def eligible(monkeypatch):
    """Set the allow-list the release code sees: `eligible.table = population(...)`."""

    class Holder:
        table = population(60)
        calls: list = []

        def __call__(self, lake, purpose, as_of):
            self.calls.append(purpose)
            if isinstance(self.table, Exception):
                raise self.table
            return self.table

    holder = Holder()
    monkeypatch.setattr(release_mod, "eligible_population", holder)
    return holder


@pytest.fixture
def lake(tmp_path, keystore, config_dir, fake_detector, eligible) -> Lake:
    """A lake with three days of clean telemetry (60 users) and chat (60 users)."""
    lk = Lake(str(tmp_path / "lake"))
    rng = random.Random(7)
    for d in DAYS:
        write_partition(lk, "telemetry_events", d, telemetry_rows(d, 60, rng), CLEAN_TELEMETRY_EVENTS)
        write_partition(lk, "chat_messages", d, chat_rows(d, 60, rng), CLEAN_CHAT_MESSAGES)
    return lk


def more_chat_users(lake: Lake, holder, users: int = 200) -> None:
    """Enough users that frequent utterances clear the DP threshold with certainty."""
    holder.table = population(users)
    rng = random.Random(11)
    for d in DAYS:
        write_partition(lake, "chat_messages", d, chat_rows(d, users, rng), CLEAN_CHAT_MESSAGES)


def k_only_crash(config_dir: Path, **extra) -> None:
    """Turn crash_performance_daily back into a k-only extract with margins (devices as the unit), the
    shape that exercises small-cell and complementary suppression."""
    import yaml

    path = config_dir / "extracts.yaml"
    data = yaml.safe_load(path.read_text())
    ext = next(e for e in data["extracts"] if e["id"] == "crash_performance_daily")
    ext.pop("dp")
    ext["min_group"] = {"k": 10, "unit": "device_pid"}
    ext["margins"] = [["os_family"], []]
    ext.update(extra)
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
