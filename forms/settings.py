"""Settings: environment (WALKIN_…) over settings.toml in the data folder over defaults. A typo, a
wrong type or a missing named file is refused with the file (or variable) and the key named."""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from platformdirs import user_data_path
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import ErrorDetails, PydanticCustomError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from forms.first_view import default_home, settings_file
from forms.i18n import N_, UiLanguage, _
from forms.timefmt import shifted_clock


def write_top_level(path: Path, key: str, value: str) -> None:
    """Set `key = "value"` in the settings file at `path`, keeping what it holds: a top-level key
    goes before the first [table] (after it, TOML would read it as the table's), and one already
    there is replaced. OSError when the file cannot be written; the file is left as it was."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    line = f"{key} = {json.dumps(value)}\n"  # a JSON string is a TOML basic string
    table = next((at for at, raw in enumerate(lines) if raw.lstrip().startswith("[")), len(lines))
    same = next((at for at in range(table) if re.match(rf"\s*{re.escape(key)}\s*=", lines[at])), None)
    if same is not None:
        lines[same] = line
    else:
        # Before the comments that open the table: they belong to it.
        at = table
        while table < len(lines) and at > 0 and lines[at - 1].lstrip().startswith("#"):
            at -= 1
        lines.insert(at, line)
    written = "".join(lines)
    try:
        placed = tomllib.loads(written).get(key) == value
    except tomllib.TOMLDecodeError:
        placed = False
    if not placed:  # a layout this does not understand (a multi-line string): left alone
        raise OSError(_("{path}: the setting {key} could not be placed in it.").format(path=path, key=key))
    if not path.parent.exists():
        path.parent.mkdir(parents=True)
    path.write_text(written, encoding="utf-8")


def _not_true_or_false(value: Any) -> Any:
    """`retention_days = true` would otherwise be read as 1."""
    if isinstance(value, bool):
        raise PydanticCustomError("number_not_bool", "a number, not true or false")
    return value


Number = BeforeValidator(_not_true_or_false)


class DatabaseSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str | None = None
    """SQLAlchemy URL; empty means SQLite in the data folder. A PostgreSQL password is
    never written here: it comes from the OS keyring."""
    busy_timeout_seconds: Annotated[float, Number] = Field(default=5.0, gt=0, le=60)
    """How long SQLite waits for another desk's write before giving up."""


RETENTION_BELOW_AUDIT = ("retention_days", "follow_up_retention_days")
"""Settings that keep data the audit trail describes: `audit_retention_days` is refused when
shorter than any of them."""


class Settings(BaseSettings):
    """One workstation's settings."""

    model_config = SettingsConfigDict(
        env_prefix="WALKIN_", env_nested_delimiter="__", extra="forbid"
    )

    home: Path = Field(default_factory=default_home)
    """The data folder: database, saved printouts, logs."""
    language: UiLanguage = "fi"
    """Language of the screens: fi, sv or en."""
    profile: Path | None = None
    """Service profile TOML; empty means the fictional example profile."""
    workstation: str = Field(default="Vastaanotto", min_length=1, max_length=60)
    """This desk's name as a client reads it on the waiting-room display ("A012 → Huone 2"), and as
    the audit trail and other desks show it. A county sets it in each workstation's file; unset, it
    is "Vastaanotto" (reception), never the host name, which means nothing to a client."""
    site: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]{0,39}$")
    """The walk-in site (a location id of the profile) this workstation belongs to: its queue, its
    tickets, its display. Unset with a one-site profile: that site; unset with several, the first
    start asks and writes the answer here."""
    printer: str | None = None
    """CUPS printer for handouts; empty means the system's default printer."""
    print_timeout_seconds: Annotated[float, Number] = Field(default=10, gt=0, le=120)
    """How long to wait for CUPS before keeping the PDF in the data folder instead."""
    idle_lock_minutes: Annotated[float, Number] = Field(default=3, gt=0, le=120)
    """Minutes without a key before the screen locks."""
    retention_days: Annotated[int, Number] = Field(default=30, ge=1, le=3650)
    """Days after which the personal fields of a visit are erased."""
    follow_up_retention_days: Annotated[int, Number] = Field(default=180, ge=1, le=3650)
    """While a follow-up is open and the client's consent to be contacted stands, the name to call
    and the callback phone are kept past `retention_days`, up to this many days from the visit
    (fewer than `retention_days` keeps nothing longer)."""
    demo_today: date | None = None
    """Only for demos and walk-throughs: the app runs as if it were this day (the clock moved by
    whole days, the time of day kept), e.g. a week on to see a follow-up come due. `walkin --today`
    sets it for one run. Never on a desk at work: every time it records would be on that day."""
    audit_retention_days: Annotated[int, Number] = Field(default=3650, ge=1, le=36500)
    """Days the audit trail keeps its events (default 3650, ten years: the National Archives' time
    for social-welfare client documents). Never shorter than the data the events describe
    (`RETENTION_BELOW_AUDIT`): a client asking who handled their visit still gets the answer."""
    theme: Literal["default", "high_contrast"] = "default"
    """The screens' colours: default, or high_contrast (white and yellow on black, the focus marked by
    a border's shape as well as its colour). F7 switches it for the session."""
    large_text: bool = False
    """A roomier layout for larger terminal text: fewer columns on the queue board (no triage or
    estimate), more space around fields. The letters themselves grow with the terminal's own text
    size (Ctrl and + in most terminals, or the font size of its profile). F8 switches it for the
    session."""
    database: DatabaseSettings = DatabaseSettings()

    @model_validator(mode="after")
    def _audit_outlives_its_data(self) -> Settings:
        short = [key for key in RETENTION_BELOW_AUDIT if getattr(self, key) > self.audit_retention_days]
        if short:
            raise PydanticCustomError("audit_too_short", "audit_retention_days shorter than {keys}",
                                      {"keys": ", ".join(short), "days": self.audit_retention_days})
        return self

    def clock(self) -> Callable[[], datetime]:
        """The clock the app runs on: the real one, or moved to `demo_today`."""
        return shifted_clock(self.demo_today)

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


class SettingsError(Exception):
    """Settings that cannot be used: `problems` says each, naming the file or variable and the key."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


# Variables of the test suite and the benchmarks, not settings of a desk.
NOT_SETTINGS = ("WALKIN_TEST_", "WALKIN_BENCH_")


def load_settings(environ: Mapping[str, str] = os.environ, **overrides: Any) -> Settings:
    """The workstation's settings, or SettingsError in the UI language."""
    problems = _environment_problems(environ)
    if problems:
        raise SettingsError(problems)
    path = settings_file()
    _check_file(path, named="WALKIN_SETTINGS" in environ)
    try:
        return Settings(**overrides)
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False):
            problem = _problem(item, path, environ)
            if problem not in problems:
                problems.append(problem)
        if any(item["type"] == "extra_forbidden" for item in error.errors()):
            problems.append(_("The settings are: {names}.").format(names=", ".join(setting_names())))
        raise SettingsError(problems) from None


def setting_names() -> list[str]:
    """Every key of the settings file, nested ones dotted (database.url)."""
    return [f"database.{name}" if field == "database" else field
            for field in Settings.model_fields
            for name in (DatabaseSettings.model_fields if field == "database" else [field])]


def _variable(key: str) -> str:
    return "WALKIN_" + key.replace(".", "__").upper()


def _environment_problems(environ: Mapping[str, str]) -> list[str]:
    problems = []
    if "WALKIN_HOME" in environ and not environ["WALKIN_HOME"].strip():
        # An empty path would make the current folder the data folder.
        problems.append(_("WALKIN_HOME is set but empty. Set it to the data folder, or remove it to use "
                          "{default}.").format(default=user_data_path("walkin-desk", appauthor=False)))
    if "WALKIN_SETTINGS" in environ and not environ["WALKIN_SETTINGS"].strip():
        problems.append(_("WALKIN_SETTINGS is set but empty. Set it to a settings file, or remove it to use "
                          "settings.toml in the data folder."))
    known = {_variable(key) for key in setting_names()} | {"WALKIN_SETTINGS", "WALKIN_DATABASE"}
    unknown = [name for name in sorted(environ) if name.upper().startswith("WALKIN_")
               and name.upper() not in known and not name.upper().startswith(NOT_SETTINGS)]
    # Refused, not just warned about: a misspelt WALKIN_DATABASE__URL would keep a desk on a
    # queue of its own, and the full-screen app hides any warning printed before it starts.
    problems += [_("{name} is not a setting (misspelt?).").format(name=name) for name in unknown]
    if unknown:
        problems.append(_("The settings are: {names}.").format(names=", ".join(sorted(known - {"WALKIN_DATABASE"}))))
    return problems


def _check_file(path: Path, named: bool) -> None:
    """The file parses (pydantic-settings would skip a missing one and crash on a deep one)."""
    if not path.exists():
        if named:
            raise SettingsError([_("WALKIN_SETTINGS names {path}, and there is no such file. Correct it, or "
                                   "remove WALKIN_SETTINGS to use settings.toml in the data folder.").format(
                path=path)])
        return
    try:
        tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise SettingsError([_("{path}: not valid TOML: {error}").format(path=path, error=error)]) from None
    except UnicodeDecodeError:
        raise SettingsError([_("{path}: not UTF-8 text.").format(path=path)]) from None
    except RecursionError:
        raise SettingsError([_("{path}: nested too deeply to read.").format(path=path)]) from None
    except OSError as error:
        raise SettingsError([_("{path}: cannot be read ({reason}).").format(
            path=path, reason=error.strerror or error)]) from None


def _problem(item: ErrorDetails, path: Path, environ: Mapping[str, str]) -> str:
    """One pydantic error as a sentence naming where the value came from and its key."""
    loc = [str(part) for part in item["loc"]] or ["audit_retention_days"]
    key = ".".join(loc[:2] if loc[0] == "database" else loc[:1])
    variable = _variable(key)
    where = variable if any(name.upper() == variable for name in environ) else str(path)
    ctx = item.get("ctx", {})
    kind = item["type"]
    if kind == "audit_too_short":
        return _("{where}: audit_retention_days ({days}) is shorter than {keys}: the audit trail must outlive "
                 "the data its events describe.").format(where=where, days=ctx["days"],
                                                         keys=ctx["keys"])
    if kind == "extra_forbidden":
        return _("{where}: {key} is not a setting (misspelt?).").format(where=where, key=key)
    if kind == "number_not_bool":
        return _("{where}: {key} must be a number, not true or false.").format(where=where, key=key)
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return _("{where}: {key} must be a whole number, without quotes.").format(where=where, key=key)
    if kind in ("float_type", "float_parsing"):
        return _("{where}: {key} must be a number, without quotes.").format(where=where, key=key)
    bounds = {"greater_than": N_("{where}: {key} must be more than {limit}."),
              "greater_than_equal": N_("{where}: {key} must be at least {limit}."),
              "less_than": N_("{where}: {key} must be less than {limit}."),
              "less_than_equal": N_("{where}: {key} must be at most {limit}.")}
    if kind in bounds:
        limit = next(iter(ctx.values()))
        return _(bounds[kind]).format(where=where, key=key, limit=f"{limit:g}")
    if kind == "literal_error":
        return _("{where}: {key} must be one of: {expected}.").format(where=where, key=key, expected=ctx["expected"])
    if kind in ("string_type", "path_type"):
        return _("{where}: {key} must be text in quotes.").format(where=where, key=key)
    if kind == "string_too_long":
        return _("{where}: {key} is too long: at most {max} characters.").format(
            where=where, key=key, max=ctx["max_length"])
    if kind in ("model_type", "dict_type"):
        return _("{where}: {key} must be a section, [{key}].").format(where=where, key=key)
    return f"{where}: {key}: {item['msg']}"
