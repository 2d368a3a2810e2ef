"""Settings: environment (WALKIN_…) over settings.toml in the data folder over defaults."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path
from pydantic import BaseModel, Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from forms.i18n import UiLanguage


def default_home() -> Path:
    return Path(os.environ.get("WALKIN_HOME") or user_data_path("walkin-desk", appauthor=False))


def settings_file() -> Path:
    """WALKIN_SETTINGS, or settings.toml in the data folder."""
    return Path(os.environ.get("WALKIN_SETTINGS") or default_home() / "settings.toml")


class DatabaseSettings(BaseModel):
    url: str | None = None
    """SQLAlchemy URL; empty means SQLite in the data folder. A PostgreSQL password is
    never written here: it comes from the OS keyring."""
    busy_timeout_seconds: float = Field(default=5.0, gt=0, le=60)
    """How long SQLite waits for another desk's write before giving up."""


class Settings(BaseSettings):
    """One workstation's settings."""

    model_config = SettingsConfigDict(
        env_prefix="WALKIN_", env_nested_delimiter="__", extra="ignore"
    )

    home: Path = Field(default_factory=default_home)
    """The data folder: database, saved printouts, logs."""
    language: UiLanguage = "fi"
    """Language of the screens: fi or en."""
    profile: Path | None = None
    """Service profile TOML; empty means the fictional example profile."""
    workstation: str = Field(default_factory=lambda: os.uname().nodename, max_length=60)
    """This desk's name, shown to other desks and on the waiting-room display."""
    printer: str | None = None
    """CUPS printer for handouts; empty means the system's default printer."""
    print_timeout_seconds: float = Field(default=10, gt=0, le=120)
    """How long to wait for CUPS before keeping the PDF in the data folder instead."""
    idle_lock_minutes: float = Field(default=3, gt=0, le=120)
    """Minutes without a key before the screen locks."""
    retention_days: int = Field(default=30, ge=1, le=3650)
    """Days after which the personal fields of a visit are erased."""
    database: DatabaseSettings = DatabaseSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return init_settings, env_settings, TomlConfigSettingsSource(settings_cls, settings_file())

    @property
    def database_url(self) -> str:
        return self.database.url or f"sqlite:///{self.home / 'walkin.db'}"
