"""`config/alerts.yaml`, validated on load (an error names the file and the field)."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from transforms.pipeline_config import load_yaml_model
from transforms.settings import config_dir

AlertKind = Literal["task_failed", "release_refused", "rights_deadline", "quarantine_rate"]


class SmtpChannel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["smtp"]
    to: list[str] = Field(min_length=1)
    smtp_conn_id: str = "smtp_default"
    from_email: str | None = None
    only: list[AlertKind] | None = None


class WebhookChannel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["webhook"]
    conn_id: str
    format: Literal["wecom", "dingtalk", "feishu", "slack"] = "wecom"
    only: list[AlertKind] | None = None


Channel = Annotated[SmtpChannel | WebhookChannel, Field(discriminator="kind")]


class AlertsConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rights_warn_days: float = Field(3, ge=0, le=15)
    quarantine_max_share: float = Field(0.05, ge=0, le=1)
    channels: list[Channel] = []


@lru_cache(maxsize=1)
def load_alerts_config() -> AlertsConfig:
    path = config_dir() / "alerts.yaml"
    if not path.exists():
        return AlertsConfig()
    return load_yaml_model(path, AlertsConfig)  # type: ignore[return-value]
