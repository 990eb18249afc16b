"""Record streams: chat messages, telemetry events and account/rights events, generated lazily.

Each stream is a generator with its own seeded RNG, so sizes of one stream never change the content
of another and memory stays bounded by one conversation / session at a time. Items carry the record
exactly as it lands (DESIGN.md "Input records") plus the truth about it (planted PII, hard negatives).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from transforms.synthetic import pii, vocab
from transforms.synthetic.population import DAY_MS, PURPOSES, Population, User, hex_id, iso_ms
from transforms.synthetic.text import Renderer, Span

CHAT = "chat_messages"
TELEMETRY = "telemetry_events"
ACCOUNT = "account_events"
SOURCES = (CHAT, TELEMETRY, ACCOUNT)

PII_SHARE = 0.20  # share of user chat messages that carry PII
POPULAR_SHARE = 0.16
NEGATIVE_SHARE = 0.05
VOICE_SHARE = 0.15
SEARCH_PII_SHARE = 0.05


@dataclass(slots=True)
class Item:
    """One generated record and what the truth files need to know about it."""

    record: dict[str, Any]
    ms: int  # event time in epoch ms (decides the dt partition)
    record_id: str
    pii: list[Span] = field(default_factory=list)
    negatives: list[Span] = field(default_factory=list)
    field_name: str = "text"

    @property
    def dt(self) -> str:
        return iso_ms(self.ms)[:10]


def _stream_factory(pop: Population, seed: int, name: str) -> pii.PiiFactory:
    return pii.PiiFactory(
        random.Random(f"{seed}:{name}:pii"), pop.zh_names, pop.en_names, pop.streets, pop.email_users
    )


def _cum(weights: list[int]) -> list[int]:
    out, acc = [], 0
    for w in weights:
        acc += w
        out.append(acc)
    return out


_POPULAR = [u for u, _ in vocab.POPULAR_UTTERANCES]
_POPULAR_CUM = _cum([w for _, w in vocab.POPULAR_UTTERANCES])
_DECOR_PREFIX = ("", "", "", "", "嗯 ", "唉，", "诶 ", "话说，")
_DECOR_SUFFIX = ("", "", "", "", "～", "😂", "🥺", "！", "。。。", " hhh", "[捂脸]")


def chat_messages(pop: Population, n: int, *, seed: int) -> Iterator[Item]:
    """`n` chat messages, conversation by conversation (user turn, then usually an assistant reply)."""
    rng = random.Random(f"{seed}:chat")
    render = Renderer(rng, _stream_factory(pop, seed, "chat"))
    produced = 0
    while produced < n:
        user = pop.pick_user(rng)
        if user.end_ms - user.reg_ms < 10 * 60_000:
            continue
        ci = rng.choice(user.characters)
        char_id, char_name, _, char_lang = vocab.CHARACTERS[ci]
        conv_id = hex_id(rng, "c_", 8)
        t = pop.sample_time(rng, user.reg_ms + 60_000, user.end_ms)
        turns = rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 10, 14))
        for _ in range(turns):
            if produced >= n or t >= user.end_ms:
                break
            item, lang = _user_message(rng, render, user, conv_id, char_id, char_name, char_lang, t)
            yield item
            produced += 1
            t += rng.randint(2_000, 15_000)
            if produced >= n or t >= user.end_ms or rng.random() < 0.05:
                break
            yield _assistant_message(rng, user, conv_id, char_id, lang, t)
            produced += 1
            t += rng.randint(10_000, 300_000)


def _message(
    msg_id: str, conv_id: str, user: User, char_id: str, role: str, ctype: str, text: str, t: int
) -> dict[str, Any]:
    return {
        "message_id": msg_id,
        "conversation_id": conv_id,
        "user_id": user.user_id,
        "character_id": char_id,
        "role": role,
        "content_type": ctype,
        "text": text,
        "created_at": iso_ms(t),
        "app_version": user.app_version,
    }


def _user_message(
    rng: random.Random,
    render: Renderer,
    user: User,
    conv_id: str,
    char_id: str,
    char_name: str,
    char_lang: str,
    t: int,
) -> tuple[Item, str]:
    voice = rng.random() < VOICE_SHARE
    en_user = user.language.startswith("en") or char_lang == "en"
    x = rng.random()
    spans: list[Span] = []
    negatives: list[Span] = []
    if x < POPULAR_SHARE:
        text = _POPULAR[min(len(_POPULAR) - 1, _bisect(_POPULAR_CUM, rng.random() * _POPULAR_CUM[-1]))]
        lang = "en" if text.isascii() else "zh"
    elif x < POPULAR_SHARE + PII_SHARE:
        if voice and rng.random() < 0.3:
            template, lang = rng.choice(vocab.USER_PII_VOICE), "zh"
        else:
            lang, template = rng.choice(vocab.USER_PII)
        text, spans, negatives = render.render(template, voice=voice, char_name=char_name)
    elif x < POPULAR_SHARE + PII_SHARE + NEGATIVE_SHARE:
        template, lang = rng.choice(vocab.USER_NEGATIVE), "zh"
        text, spans, negatives = render.render(template, voice=voice, char_name=char_name)
    else:
        y = rng.random()
        if en_user:
            pool, lang = (
                (vocab.USER_EN, "en")
                if y < 0.7
                else ((vocab.USER_MIXED, "mixed") if y < 0.9 else (vocab.USER_ZH, "zh"))
            )
        else:
            pool, lang = (
                (vocab.USER_ZH, "zh")
                if y < 0.8
                else ((vocab.USER_MIXED, "mixed") if y < 0.94 else (vocab.USER_EN, "en"))
            )
        text, spans, negatives = render.render(rng.choice(pool), voice=voice, char_name=char_name)
        if not voice:
            prefix = rng.choice(_DECOR_PREFIX)
            text = prefix + text + rng.choice(_DECOR_SUFFIX)
    msg_id = hex_id(rng, "m_", 10)
    record = _message(
        msg_id, conv_id, user, char_id, "user", "voice_transcript" if voice else "text", text, t
    )
    return Item(record, t, msg_id, spans, negatives), lang


def _assistant_message(rng: random.Random, user: User, conv_id: str, char_id: str, lang: str, t: int) -> Item:
    text = rng.choice(vocab.ASSISTANT_EN if lang == "en" else vocab.ASSISTANT_ZH)
    msg_id = hex_id(rng, "m_", 10)
    return Item(_message(msg_id, conv_id, user, char_id, "assistant", "text", text, t), t, msg_id)


def _bisect(cum: list[int], x: float) -> int:
    lo, hi = 0, len(cum)
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] <= x:
            lo = mid + 1
        else:
            hi = mid
    return lo


_FOLLOW_TYPES = ("page_view", "search", "perf", "notification", "crash")
_FOLLOW_CUM = _cum([50, 14, 22, 10, 4])


def telemetry_events(pop: Population, n: int, *, seed: int) -> Iterator[Item]:
    """`n` telemetry events grouped in sessions; pre-login and anonymous sessions have user_id null."""
    rng = random.Random(f"{seed}:telemetry")
    render = Renderer(rng, _stream_factory(pop, seed, "telemetry"))
    produced = 0
    window = (pop.start_ms, pop.end_ms)
    while produced < n:
        if rng.random() < 0.08:
            anon = rng.choice(pop.anon_devices)
            user_id, device, ips = None, anon.device, anon.ips
            app_version, install_source = anon.app_version, anon.install_source
            lo, hi = window
        else:
            user = pop.pick_user(rng)
            device, ips = user.device, user.ips
            app_version, install_source = user.app_version, user.install_source
            if rng.random() < 0.06 and user.reg_ms - pop.start_ms > 60_000:
                user_id, lo, hi = None, pop.start_ms, user.reg_ms  # before login
            else:
                user_id, lo, hi = user.user_id, user.reg_ms, user.end_ms
        if hi - lo < 60_000:
            continue
        t = pop.sample_time(rng, lo, hi)
        ip = rng.choice(ips)
        network = device["network"] if rng.random() < 0.8 else rng.choice(("wifi", "4g", "5g"))
        dev = dict(device)
        dev["network"] = network
        page = "home"
        length = rng.randint(2, 14)
        for k in range(length):
            if produced >= n or t >= hi:
                break
            etype = (
                "session_start"
                if k == 0
                else _FOLLOW_TYPES[_bisect(_FOLLOW_CUM, rng.random() * _FOLLOW_CUM[-1])]
            )
            payload: dict[str, Any] = {
                "page": None,
                "search_query": None,
                "crash_signature": None,
                "startup_ms": None,
                "latency_ms": None,
                "memory_mb": None,
            }
            spans: list[Span] = []
            if etype == "session_start":
                payload["startup_ms"] = int(rng.lognormvariate(7.0, 0.45))
                payload["memory_mb"] = rng.randint(90, 260)
            elif etype == "page_view":
                page = rng.choice(vocab.PAGES)
                payload["page"] = page
                payload["latency_ms"] = int(rng.lognormvariate(5.3, 0.6))
            elif etype == "search":
                page = "search"
                payload["page"] = page
                if rng.random() < SEARCH_PII_SHARE:
                    q, spans, _ = render.render(rng.choice(vocab.SEARCH_PII))
                else:
                    q = rng.choice(vocab.SEARCH_QUERIES)
                payload["search_query"] = q
                payload["latency_ms"] = int(rng.lognormvariate(5.8, 0.5))
            elif etype == "perf":
                payload["page"] = page
                payload["latency_ms"] = int(rng.lognormvariate(6.5, 0.7))
                payload["memory_mb"] = rng.randint(120, 900)
            elif etype == "notification":
                payload["page"] = rng.choice(vocab.NOTIFICATION_TARGETS)
            else:  # crash
                payload["page"] = page
                payload["crash_signature"] = rng.choice(vocab.CRASH_SIGNATURES[str(device["os"])])
                payload["memory_mb"] = rng.randint(200, 1800)
            event_id = hex_id(rng, "e_", 10)
            record = {
                "event_id": event_id,
                "event_type": etype,
                "user_id": user_id,
                "ts": iso_ms(t),
                "app_version": app_version,
                "install_source": install_source,
                "ip": ip,
                "device": dev,
                "payload": payload,
            }
            yield Item(record, t, event_id, spans, [], "payload.search_query")
            produced += 1
            if etype == "crash":
                break
            t += rng.randint(1_000, 90_000)


def account_events(pop: Population) -> Iterator[Item]:
    """Every user's rights timeline as events (registration, consents, age, cancellation, deletion)."""
    for u in pop.users:
        events: list[tuple[int, str, str | None, int | None, str | None]] = [
            (u.reg_ms, "registered", None, u.registered_birth_year, None)
        ]
        for p in PURPOSES:
            if p in u.consents:
                events.append((u.consents[p], "consent_granted", p, None, None))
            if p in u.withdrawals:
                events.append((u.withdrawals[p], "consent_withdrawn", p, None, None))
        if u.age_declared_ms is not None:
            events.append((u.age_declared_ms, "age_declared", None, u.birth_year, None))
        if u.parental_consent_ms is not None:
            events.append((u.parental_consent_ms, "parental_consent_verified", None, None, None))
        if u.cancelled is not None:
            events.append((u.cancelled[0], "account_cancelled", None, None, u.cancelled[1]))
        if u.deletion is not None:
            events.append((u.deletion[0], "deletion_requested", None, None, u.deletion[1]))
        events.sort(key=lambda e: e[0])
        for ms, event, purpose, birth_year, request_id in events:
            ms = min(ms, pop.end_ms - 1)
            record = {
                "user_id": u.user_id,
                "event": event,
                "purpose": purpose,
                "birth_year": birth_year,
                "ts": iso_ms(ms),
                "request_id": request_id,
            }
            yield Item(record, ms, f"{u.user_id}:{event}:{purpose or ''}:{ms}", field_name="")


__all__ = [
    "ACCOUNT",
    "CHAT",
    "DAY_MS",
    "Item",
    "SOURCES",
    "TELEMETRY",
    "account_events",
    "chat_messages",
    "telemetry_events",
]
