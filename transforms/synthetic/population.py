"""The synthetic user population: identities, devices, IPs and each user's rights timeline.

Everything the three record streams share is decided here once, so chat, telemetry and account events
stay consistent (nobody chats before registering or after cancelling; minors really are minors).
Memory is O(users), independent of how many records are generated.
"""

from __future__ import annotations

import bisect
import csv
import ipaddress
import random
import string
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from faker import Faker

from transforms.synthetic import pii, vocab

DAY_MS = 86_400_000
HOUR_MS = 3_600_000
PURPOSES = ("model_improvement", "research_sharing", "personalisation")
_CONSENT_P = {"model_improvement": 0.9, "research_sharing": 0.7, "personalisation": 0.95}
# Activity by Beijing hour (UTC+8), converted to UTC hours below.
_BJ_HOUR_WEIGHTS = (8, 4, 2, 1, 1, 1, 2, 4, 5, 5, 5, 6, 7, 6, 5, 5, 5, 6, 7, 8, 10, 12, 13, 11)
UTC_HOUR_CUM: list[int] = []
_acc = 0
for _utc in range(24):
    _acc += _BJ_HOUR_WEIGHTS[(_utc + 8) % 24]
    UTC_HOUR_CUM.append(_acc)

DEFAULT_IP_REGIONS = Path(__file__).resolve().parents[2] / "config" / "ip_regions.csv"


def iso_ms(ms: int) -> str:
    """ISO-8601 UTC with millisecond precision and `Z` (the landing format of every timestamp)."""
    d = datetime.fromtimestamp(ms // 1000, UTC)
    return f"{d:%Y-%m-%dT%H:%M:%S}.{ms % 1000:03d}Z"


def hex_id(rng: random.Random, prefix: str, nbytes: int) -> str:
    return prefix + f"{rng.getrandbits(nbytes * 8):0{nbytes * 2}x}"


@dataclass(slots=True)
class User:
    user_id: str
    birth_year: int  # effective (latest declared) birth year
    registered_birth_year: int
    minor: bool  # under 14 at the start of the window
    parental_consent: bool
    country: str
    language: str
    timezone: str
    app_version: str
    install_source: str
    device: dict[str, str | None]
    ips: list[str]
    reg_ms: int
    end_ms: int  # activity stops here (cancellation / deletion / end of window)
    consents: dict[str, int] = field(default_factory=dict)  # purpose -> granted at (ms)
    withdrawals: dict[str, int] = field(default_factory=dict)  # purpose -> withdrawn at (ms)
    age_declared_ms: int | None = None
    parental_consent_ms: int | None = None
    cancelled: tuple[int, str] | None = None  # (ms, request_id)
    deletion: tuple[int, str] | None = None  # (ms, request_id)
    characters: tuple[int, ...] = ()  # indexes into vocab.CHARACTERS this user talks to


@dataclass(slots=True)
class AnonDevice:
    """A device seen only in pre-login telemetry (never registers)."""

    device: dict[str, str | None]
    ips: list[str]
    app_version: str
    install_source: str


@dataclass(slots=True)
class IpRegion:
    network: ipaddress.IPv4Network
    country: str
    province: str


def load_ip_regions(path: Path = DEFAULT_IP_REGIONS) -> list[IpRegion]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            IpRegion(ipaddress.ip_network(row["cidr"]), row["country"], row["province"])
            for row in csv.DictReader(f)
        ]


def random_ip(rng: random.Random, region: IpRegion) -> str:
    net = region.network
    return str(net.network_address + rng.randint(1, net.num_addresses - 2))


class Population:
    """Users, anonymous devices and Faker-derived pools, all from one seed."""

    def __init__(
        self, *, seed: int, users: int, start: date, days: int, ip_regions_path: Path = DEFAULT_IP_REGIONS
    ) -> None:
        if users < 20:
            raise ValueError("users must be >= 20 so every rights case is represented")
        self.seed = seed
        self.start = start
        self.days = days
        self.start_ms = int(datetime(start.year, start.month, start.day, tzinfo=UTC).timestamp() * 1000)
        self.end_ms = self.start_ms + days * DAY_MS
        rng = random.Random(f"{seed}:population")
        self._faker_pools(seed)
        regions = load_ip_regions(ip_regions_path)
        self.cn_regions = [r for r in regions if r.country == "CN"]
        self.overseas_regions = [r for r in regions if r.country != "CN"]
        self.pii = pii.PiiFactory(
            random.Random(f"{seed}:pii-pop"), self.zh_names, self.en_names, self.streets, self.email_users
        )
        self.users = [self._make_user(rng, i) for i in range(users)]
        self._plan_rights(rng)
        self.anon_devices = [self._make_anon(rng) for _ in range(max(5, users // 10))]
        weights = [rng.lognormvariate(0.0, 1.0) for _ in self.users]
        self.user_cum = list(_cumsum(weights))

    # -- pools -----------------------------------------------------------------------------------
    def _faker_pools(self, seed: int) -> None:
        zh = Faker("zh_CN")
        zh.seed_instance(seed)
        en = Faker("en_US")
        en.seed_instance(seed)
        self.zh_names = sorted({zh.name() for _ in range(1500)})
        self.en_names = sorted({en.name() for _ in range(600)})
        self.streets = sorted({zh.street_name() for _ in range(400)})
        self.email_users = sorted({en.user_name() for _ in range(800)})

    # -- users -----------------------------------------------------------------------------------
    def _device(self, rng: random.Random, overseas: bool) -> dict[str, str | None]:
        os_name, model, versions, _ = rng.choices(
            vocab.DEVICE_MODELS, weights=[m[3] for m in vocab.DEVICE_MODELS]
        )[0]
        is_ios = os_name == "iOS"
        lang = "en-US" if overseas and rng.random() < 0.7 else ("zh-CN" if rng.random() < 0.93 else "en-US")
        return {
            "imei": None if is_ios or rng.random() < 0.15 else pii.imei(rng),
            "android_id": None if is_ios else f"{rng.getrandbits(64):016x}",
            "oaid": None if is_ios else str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "idfa": str(uuid.UUID(int=rng.getrandbits(128), version=4)).upper() if is_ios else None,
            "idfv": str(uuid.UUID(int=rng.getrandbits(128), version=4)).upper() if is_ios else None,
            "mac": None if is_ios else ":".join(f"{b:02x}" for b in rng.randbytes(6)),
            "model": model,
            "os": os_name,
            "os_version": rng.choice(versions),
            "screen": rng.choice(vocab.SCREENS[os_name]),
            "language": lang,
            "timezone": ("America/Los_Angeles" if rng.random() < 0.5 else "Asia/Singapore")
            if overseas
            else "Asia/Shanghai",
            "network": rng.choices([n for n, _ in vocab.NETWORKS], weights=[w for _, w in vocab.NETWORKS])[0],
        }

    def _ips(self, rng: random.Random, overseas: bool) -> list[str]:
        pool = self.overseas_regions if overseas else self.cn_regions
        home = rng.choice(pool)
        ips = [random_ip(rng, home) for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.3:  # travelling / mobile network in another province
            ips.append(random_ip(rng, rng.choice(self.cn_regions)))
        return ips

    def _app_version(self, rng: random.Random) -> str:
        return rng.choices([v for v, _ in vocab.APP_VERSIONS], weights=[w for _, w in vocab.APP_VERSIONS])[0]

    def _install_source(self, rng: random.Random, device: dict[str, str | None], overseas: bool) -> str:
        if device["os"] == "iOS":
            return "app_store"
        if overseas:
            return "google_play"
        names = [n for n, _ in vocab.INSTALL_SOURCES_CN]
        return rng.choices(names, weights=[w for _, w in vocab.INSTALL_SOURCES_CN])[0]

    def _make_user(self, rng: random.Random, i: int) -> User:
        overseas = rng.random() < 0.04
        device = self._device(rng, overseas)
        year = self.start.year
        age = rng.choices(
            (rng.randint(18, 24), rng.randint(25, 34), rng.randint(35, 49), rng.randint(50, 66)),
            weights=(40, 35, 18, 7),
        )[0]
        birth_year = year - age
        span = self.end_ms - self.start_ms
        if rng.random() < 0.65:
            reg = self.start_ms + rng.randrange(span // 5)
        else:
            reg = self.start_ms + rng.randrange(span * 4 // 5)
        n_chars = rng.randint(1, 3)
        lang_pref = "en" if device["language"] == "en-US" else "zh"
        chars = [j for j, c in enumerate(vocab.CHARACTERS) if c[3] == lang_pref or rng.random() < 0.3]
        user = User(
            user_id=hex_id(rng, "u_", 6),
            birth_year=birth_year,
            registered_birth_year=birth_year,
            minor=False,
            parental_consent=False,
            country=("US" if device["timezone"] == "America/Los_Angeles" else "SG") if overseas else "CN",
            language=device["language"] or "zh-CN",
            timezone=device["timezone"] or "Asia/Shanghai",
            app_version=self._app_version(rng),
            install_source=self._install_source(rng, device, overseas),
            device=device,
            ips=self._ips(rng, overseas),
            reg_ms=reg,
            end_ms=self.end_ms,
            characters=tuple(rng.sample(chars, min(n_chars, len(chars)))),
        )
        return user

    def _plan_rights(self, rng: random.Random) -> None:
        """Pick the users of each rights case with fixed minimum counts, so every case is present."""
        n = len(self.users)
        year = self.start.year
        order = list(range(n))
        rng.shuffle(order)
        n_minor = max(4, round(n * 0.08))
        n_teen = max(2, round(n * 0.05))
        minors, rest = order[:n_minor], order[n_minor:]
        teens, rest = rest[:n_teen], rest[n_teen:]
        for k, i in enumerate(minors):
            u = self.users[i]
            u.birth_year = u.registered_birth_year = rng.randint(year - 13, year - 10)  # surely < 14
            u.minor = True
            u.parental_consent = k % 2 == 0
            u.age_declared_ms = u.reg_ms + rng.randint(5_000, 60_000)
            if u.parental_consent:
                u.parental_consent_ms = u.reg_ms + rng.randint(10 * 60_000, 6 * HOUR_MS)
        for i in teens:
            u = self.users[i]
            u.birth_year = u.registered_birth_year = rng.randint(year - 17, year - 15)
        # a few adults correct their age later (still adults)
        for i in rng.sample(rest, max(2, round(n * 0.03))):
            u = self.users[i]
            u.birth_year = u.registered_birth_year + rng.choice((-2, -1, 1, 2))
            u.age_declared_ms = u.reg_ms + rng.randint(HOUR_MS, 20 * HOUR_MS)
        for u in self.users:
            for p in PURPOSES:
                if rng.random() < _CONSENT_P[p]:
                    u.consents[p] = u.reg_ms + rng.randint(1_000, 30_000)
        consenting = [i for i in rest if self.users[i].consents]
        for i in rng.sample(consenting, max(3, round(n * 0.05))):
            u = self.users[i]
            p = rng.choice(sorted(u.consents))
            u.withdrawals[p] = self._later(rng, u.consents[p])
        pool = [i for i in rest if not self.users[i].withdrawals]
        picked = rng.sample(pool, max(3, round(n * 0.02)) + max(2, round(n * 0.015)))
        n_cancel = max(3, round(n * 0.02))
        for k, i in enumerate(picked):
            u = self.users[i]
            when = self._later(rng, u.reg_ms + HOUR_MS)
            if k < n_cancel:
                u.cancelled = (when, hex_id(rng, "RQ-", 6).upper())
                if k % 2 == 0:  # half of the cancellations also ask for deletion
                    u.deletion = (when + 1_000, hex_id(rng, "RQ-", 6).upper())
            else:
                u.deletion = (when, hex_id(rng, "RQ-", 6).upper())
            u.end_ms = when

    def _later(self, rng: random.Random, after_ms: int) -> int:
        lo = min(after_ms + 60_000, self.end_ms - 2 * HOUR_MS)
        return rng.randint(lo, self.end_ms - HOUR_MS)

    def _make_anon(self, rng: random.Random) -> AnonDevice:
        device = self._device(rng, False)
        return AnonDevice(
            device, self._ips(rng, False), self._app_version(rng), self._install_source(rng, device, False)
        )

    # -- sampling helpers ------------------------------------------------------------------------
    def pick_user(self, rng: random.Random) -> User:
        x = rng.random() * self.user_cum[-1]
        return self.users[min(bisect.bisect_right(self.user_cum, x), len(self.users) - 1)]

    def sample_time(self, rng: random.Random, lo: int, hi: int) -> int:
        """A timestamp in [lo, hi) following the daily activity curve (evenings, Beijing time)."""
        if hi <= lo:
            return lo
        first = (lo - self.start_ms) // DAY_MS
        last = (hi - 1 - self.start_ms) // DAY_MS
        for _ in range(6):
            day = rng.randint(first, last)
            hour = bisect.bisect_right(UTC_HOUR_CUM, rng.random() * UTC_HOUR_CUM[-1])
            t = self.start_ms + day * DAY_MS + hour * HOUR_MS + rng.randrange(HOUR_MS)
            if lo <= t < hi:
                return t
        return rng.randrange(lo, hi)


def _cumsum(xs: list[float]):
    total = 0.0
    for x in xs:
        total += x
        yield total


def random_digits(rng: random.Random, k: int) -> str:
    return "".join(rng.choices(string.digits, k=k))
