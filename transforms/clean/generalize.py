"""Generalisation of quasi-identifiers: IP → coarse region, OS string → family and major version.

The IP table (`config/ip_regions.csv`) maps CIDR blocks to country/province. The shipped table covers
the synthetic sample's ranges; production replaces it with a licensed GeoIP extract of the same shape.
Only the coarse region leaves this module; the IP itself is dropped.
"""

from __future__ import annotations

import bisect
import csv
import ipaddress
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from transforms.settings import config_dir


@dataclass(frozen=True)
class Region:
    country: str | None
    province: str | None


UNKNOWN = Region(None, None)


class IpRegions:
    """Longest-prefix lookup over sorted, non-overlapping IPv4 blocks (bisect, no per-call scan)."""

    def __init__(self, rows: list[tuple[ipaddress.IPv4Network, Region]]) -> None:
        rows = sorted(rows, key=lambda r: int(r[0].network_address))
        self._starts = [int(net.network_address) for net, _ in rows]
        self._rows = rows

    @classmethod
    def from_csv(cls, path: Path) -> IpRegions:
        with open(path, encoding="utf-8") as fh:
            rows = [
                (ipaddress.IPv4Network(r["cidr"]), Region(r["country"] or None, r["province"] or None))
                for r in csv.DictReader(fh)
            ]
        return cls(rows)

    def lookup(self, ip: str | None) -> Region:
        if not ip:
            return UNKNOWN
        try:
            addr = ipaddress.ip_address(ip.strip())
        except ValueError:
            return UNKNOWN
        if addr.version != 4:
            return UNKNOWN
        i = bisect.bisect_right(self._starts, int(addr)) - 1
        if i >= 0 and addr in self._rows[i][0]:
            return self._rows[i][1]
        return UNKNOWN


@lru_cache(maxsize=1)
def ip_regions() -> IpRegions:
    return IpRegions.from_csv(config_dir() / "ip_regions.csv")


def os_family(os_name: str | None) -> str | None:
    """Android / iOS / HarmonyOS / other: the only OS detail published."""
    if not os_name:
        return None
    low = os_name.lower()
    for key, family in (("harmony", "HarmonyOS"), ("android", "Android"), ("ios", "iOS"), ("iphone", "iOS")):
        if key in low:
            return family
    return "other"


def os_major(version: str | None) -> str | None:
    if not version:
        return None
    head = version.strip().split(".")[0]
    return head if head.isdigit() else None
