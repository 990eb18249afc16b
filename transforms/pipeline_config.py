"""Pipeline defaults from `config/pipeline.yaml`, validated on load (errors name the file and field)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from transforms.settings import config_dir


class DatabaseSource(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: Literal["auto", "on", "off"] = "auto"
    conn_id: str = "aimate_src"
    lookback_minutes: int = Field(120, ge=0, le=7 * 24 * 60)
    batch_rows: int = Field(50_000, ge=1, le=1_000_000)


class PipelineConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    clean_text_purpose: Literal["research", "model_tuning"] = "research"
    deid_shard_row_groups: int = Field(2, ge=1, le=1000)
    database_source: DatabaseSource = DatabaseSource()


class ConfigError(ValueError):
    """A config file failed validation; the message names the file and the field."""


def load_yaml_model(path: Path, model: type[BaseModel]) -> BaseModel:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return model.model_validate(data)
    except ValidationError as exc:
        details = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"{path}: {details}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc})") from None


@lru_cache(maxsize=1)
def load_pipeline_config() -> PipelineConfig:
    return load_yaml_model(config_dir() / "pipeline.yaml", PipelineConfig)
