"""Rights and retention policy (`config/rights.yaml`), validated on load so a typo fails loudly
instead of silently keeping data longer or answering requests late."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from transforms.settings import config_dir

RETENTION_ZONES = ("landing", "raw", "quarantine", "clean")


class RetentionDays(BaseModel):
    """Days each zone keeps a partition; None keeps it forever."""

    model_config = ConfigDict(extra="forbid")

    landing: int | None = Field(default=180, ge=1)
    raw: int | None = Field(default=180, ge=1)
    quarantine: int | None = Field(default=30, ge=1)
    clean: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _landing_not_longer_than_raw(self) -> RetentionDays:
        # ingestion re-ingests landing dates without raw: landing outliving raw resurrects raw data
        if self.raw is not None and (self.landing is None or self.landing > self.raw):
            raise ValueError("retention_days.landing must be set and <= retention_days.raw")
        return self

    def for_zone(self, zone: str) -> int | None:
        if zone not in RETENTION_ZONES:
            raise ValueError(f"no retention for zone {zone!r}")
        return getattr(self, zone)


class RightsConfig(BaseModel):
    """The policy numbers the rights and retention DAGs enforce."""

    model_config = ConfigDict(extra="forbid")

    version: str = Field(min_length=1)
    response_deadline_days: int = Field(default=15, ge=1, le=15)
    min_age: int = Field(default=14, ge=1, le=21)
    exclude_unknown_age: bool = False
    retention_days: RetentionDays = RetentionDays()
    retention_exempt_tables: list[str] = Field(default_factory=lambda: ["account_events"])


def config_path() -> Path:
    return config_dir() / "rights.yaml"


@lru_cache(maxsize=8)
def _load(path: str) -> RightsConfig:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return RightsConfig.model_validate(data)


def load_config(path: str | Path | None = None) -> RightsConfig:
    """Load and validate the rights policy (cached per path)."""
    return _load(str(path or config_path()))
