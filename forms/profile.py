"""The service profile: who the service is, its hours, contacts, destinations and triage, from TOML."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Set
from datetime import date, time
from pathlib import Path
from typing import Annotated, Literal, TypeVar

from pydantic import AfterValidator, Field, ValidationError, model_validator

from forms.base import StrictModel
from forms.choices import HANDOUT_LANGUAGES, LANGUAGE_CODE, ClientLanguage, ConsentKind, HandoutLanguage
from forms.followup import FollowUpProfile
from forms.i18n import _
from forms.localtext import LocalText
from forms.triage import Clause, Question, TriageCatalogue, first_by_id, reference_problems
from forms.waits import QueueRules

DEFAULT_PROFILE = Path(__file__).parent / "default_profile.toml"
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class Service(StrictModel):
    name: LocalText
    organisation: LocalText
    summary: LocalText
    """One paragraph: what the service is and for whom."""
    web_url: str = Field(pattern=r"^https?://\S+$", max_length=200)
    ticket_prefix: str = Field(default="A", pattern=r"^[A-Z]{1,2}$")
    default_meeting_minutes: int = Field(default=20, ge=5, le=180, validation_alias="default_session_minutes")
    """Under its old key in the profile TOML, so that profiles written before stay valid."""
    privacy_note: LocalText


class Location(StrictModel):
    """A walk-in site: each has its own queue, ticket series, display and figures (several sites
    share one PostgreSQL server in a county)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    name: LocalText
    address: str = Field(max_length=200)
    ticket_prefix: str | None = Field(default=None, pattern=r"^[A-Z]{1,2}$")
    """The letters before the site's ticket numbers (`L014`); unset, the service's `ticket_prefix`.
    Sites may share letters (a profile written before sites existed does): each site's display and
    queue show only its own tickets, and a handover across sites names the site with the ticket."""


def _clock_time(value: time) -> time:
    if value.tzinfo is not None:
        raise ValueError("a clock time such as 09:00, without a time zone")
    return value


ClockTime = Annotated[time, AfterValidator(_clock_time)]


class WalkinHours(StrictModel):
    weekday: Weekday
    start: ClockTime
    end: ClockTime
    location: str


class Contact(StrictModel):
    role: LocalText
    name: str | None = Field(default=None, max_length=80)
    phone: str | None = Field(default=None, max_length=30)
    hours: LocalText | None = None
    email: str | None = Field(default=None, max_length=120)


class Feedback(StrictModel):
    url: str = Field(pattern=r"^https?://\S+$", max_length=300)
    short_url: str = Field(max_length=60)
    service_code: str = Field(pattern=r"^[A-Z0-9-]{2,16}$")
    """Tells the feedback form which service it is about; never a personal identifier."""
    alternatives: LocalText


class Destination(StrictModel):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    label: LocalText


class ConsentText(StrictModel):
    """What the client agrees to for one purpose, in their language, and the text's version: a
    consent keeps the version it was given under, so a changed text gets a new version."""

    version: str = Field(pattern=r"^[0-9A-Za-z._-]{1,20}$")
    text: LocalText


def _handout_language(value: str) -> str:
    if value not in HANDOUT_LANGUAGES:
        raise ValueError(f"'{value}' is not a handout language ({', '.join(HANDOUT_LANGUAGES)})")
    return value


HandoutCode = Annotated[str, AfterValidator(_handout_language)]
"""A language the handouts and the display are written in (printouts/texts/<code>.toml)."""


class ClientLanguageChoice(StrictModel):
    """One language the desk records at intake, and the handout language it falls back to."""

    code: str = Field(pattern=LANGUAGE_CODE)
    """Stored on the visit and counted in the summaries: keep a code once it is in use."""
    handout: HandoutCode = "fi"
    name: LocalText | None = None
    """The language's name for a code the desk does not know (forms.choices.ClientLanguage)."""

    @model_validator(mode="after")
    def _named(self) -> ClientLanguageChoice:
        if self.name is None and self.code not in set(ClientLanguage):
            raise ValueError(f"'{self.code}' needs a name, e.g. name = {{ fi = \"…\" }}")
        return self

    @property
    def label(self) -> str:
        """The name in the UI language."""
        return str(self.name) if self.name is not None else ClientLanguage(self.code).label


DEFAULT_CLIENT_LANGUAGES = tuple(ClientLanguageChoice(code=code, handout=handout) for code, handout in (
    ("fi", "fi"), ("sv", "sv"), ("en", "en"), ("ru", "en"), ("ar", "en"), ("so", "en"), ("et", "fi"),
    ("uk", "en"), ("other", "fi")))


class Display(StrictModel):
    show_names: bool = False
    """Whether the waiting-room display may show the name to call."""
    languages: tuple[HandoutCode, ...] = Field(default=("fi", "sv", "en"), min_length=1)
    """The languages of the display's texts, in this order."""
    layout: Literal["side_by_side", "in_turn"] = "side_by_side"
    """Side by side: each text once per language, in columns of their own. In turn: the whole
    display in one language at a time, the next one every `turn_seconds`."""
    turn_seconds: int = Field(default=8, ge=2, le=60)


class Handouts(StrictModel):
    plain_finnish_default: bool = False
    """Whether a Finnish-speaking client's handouts are in plain Finnish (selkosuomi) unless the
    worker picks another language (`g` at the visit)."""


class Privacy(StrictModel):
    note_includes_triage: bool = False
    """Whether the documentation note for the client information system lists the triage answers
    (forms.documentation); by default it holds only what was agreed."""


class ServiceProfile(StrictModel):
    service: Service
    locations: tuple[Location, ...] = Field(min_length=1)
    walkin_hours: tuple[WalkinHours, ...] = ()
    contacts: tuple[Contact, ...] = ()
    crisis_contacts: tuple[Contact, ...] = ()
    feedback: Feedback
    referral_destinations: tuple[Destination, ...] = ()
    municipalities: tuple[str, ...] = ()
    client_languages: tuple[ClientLanguageChoice, ...] = Field(default=DEFAULT_CLIENT_LANGUAGES, min_length=1)
    """The languages the intake offers, first the default, each with its handout language."""
    display: Display = Display()
    handouts: Handouts = Handouts()
    privacy: Privacy = Privacy()
    queue: QueueRules = QueueRules()
    """Waiting-time thresholds per urgency, the fair-wait rule (forms.waits) and the calls before a
    no-show."""
    follow_up: FollowUpProfile = Field(default_factory=lambda: default_follow_up())
    """The follow-up's questions, scale and end reasons; a profile without the section (written
    before it existed) gets the example profile's."""
    triage: TriageCatalogue
    consents: dict[ConsentKind, ConsentText] = {}
    """Each consent purpose's text (`[consents.recording]`…); a purpose without one is still
    recorded, without a version, and its statement says the text is not in the profile."""

    def consent_text(self, kind: ConsentKind) -> ConsentText | None:
        return self.consents.get(kind)

    def hours_on(self, day: date, site: str | None = None) -> list[WalkinHours]:
        """The walk-in hours of that day of the week (at `site` only, when given), earliest first."""
        weekday = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[day.weekday()]
        return sorted((h for h in self.walkin_hours if h.weekday == weekday and site in (None, h.location)),
                      key=lambda h: h.start)

    def location(self, location_id: str) -> Location | None:
        return next((loc for loc in self.locations if loc.id == location_id), None)

    @property
    def first_site(self) -> str:
        """The site a single-site service's desks belong to, and the one the visits recorded before
        sites existed were given (migration 0024)."""
        return self.locations[0].id

    def workstation_site(self, setting: str | None) -> str | None:
        """The workstation's site from its `site` setting; None when the profile has several sites
        and the setting names none: the first start asks. A site the profile does not list is
        refused (ValueError, its message for the worker)."""
        if setting is None:
            return self.first_site if len(self.locations) == 1 else None
        if self.location(setting) is None:
            raise ValueError(_("The setting site = \"{site}\" is not a site of the service profile; its sites are "
                               "{sites}.").format(site=setting, sites=", ".join(loc.id for loc in self.locations)))
        return setting

    def not_sites(self, sites: Iterable[str]) -> str | None:
        """What to tell a worker who named a site the profile does not list (`--site`); None when
        every one is a site."""
        unknown = next((site for site in sites if self.location(site) is None), None)
        if unknown is None:
            return None
        return _("{site} is not a site of the service profile; its sites are {sites}.").format(
            site=unknown, sites=", ".join(loc.id for loc in self.locations))

    def ticket_prefix(self, site: str) -> str:
        location = self.location(site)
        return (location.ticket_prefix if location else None) or self.service.ticket_prefix

    def site_name(self, site: str) -> str:
        """The site's name in the UI language; a site the profile no longer lists shows as its id."""
        location = self.location(site)
        return str(location.name) if location else site

    def destination(self, destination_id: str) -> Destination | None:
        return next((d for d in self.referral_destinations if d.id == destination_id), None)

    def client_language(self, code: str | None) -> ClientLanguageChoice | None:
        return next((c for c in self.client_languages if c.code == code), None)

    def language_label(self, code: str) -> str:
        """The language's name in the UI language; a code the profile no longer lists keeps the
        desk's name for it, or shows as the code itself."""
        choice = self.client_language(code)
        if choice is not None:
            return choice.label
        return ClientLanguage(code).label if code in set(ClientLanguage) else code

    def handout_language(self, client_language: str | None) -> str:
        """The handouts' language for a client: the profile's fallback for their language; a
        language the profile does not list gets its own handouts if there are, else Finnish.
        Finnish is plain Finnish when the profile says so (`[handouts] plain_finnish_default`)."""
        choice = self.client_language(client_language)
        if choice is not None:
            language = choice.handout
        else:
            language = client_language if client_language in HANDOUT_LANGUAGES else "fi"
        plain = self.handouts.plain_finnish_default and language == HandoutLanguage.FI.value
        return HandoutLanguage.SELKO.value if plain else language

    def problems(self) -> list[tuple[str, str]]:
        """Cross-references a schema cannot check: (location, message) pairs."""
        codes = [c.code for c in self.client_languages]
        twice = [(f"client_languages[{i}].code", f"'{code}' is listed twice")
                 for i, code in enumerate(codes) if code in codes[:i]]
        return twice + self.triage.problems() + _hours_problems(
            {loc.id for loc in self.locations}, enumerate(self.walkin_hours)) + self.follow_up.problems(
            {d.id for d in self.referral_destinations})


def default_follow_up() -> FollowUpProfile:
    """The example profile's `[follow_up]` section: one text of the defaults, the one a region copies."""
    data = tomllib.loads(DEFAULT_PROFILE.read_text(encoding="utf-8"))
    return FollowUpProfile.model_validate(data["follow_up"])


def _hours_problems(location_ids: Set[object], hours: Iterable[tuple[int, WalkinHours]]) -> list[tuple[str, str]]:
    found = []
    for index, hour in hours:
        if hour.location not in location_ids:
            found.append((f"walkin_hours[{index}].location", f"unknown location '{hour.location}'"))
        if hour.end <= hour.start:
            found.append((f"walkin_hours[{index}]", "end is not after start"))
    return found


def partial_problems(data: object) -> list[tuple[str, str]]:
    """The cross-references among the parts of a profile that are valid on their own, for a profile
    the schema refused: reported together with the schema's errors, so that one round of fixes is
    enough. A reference to a part that has errors of its own is not reported a second time."""
    top = _mapping(data)
    triage = _mapping(top.get("triage"))
    questions, rules = _items(triage.get("questions")), _items(triage.get("rules"))
    clauses = [(f"triage.rules[{r}].when[{c}]", clause) for r, rule in enumerate(rules)
               for c, raw in enumerate(_items(_mapping(rule).get("when")))
               if (clause := _valid(Clause, raw)) is not None]
    found = reference_problems(
        [_mapping(q).get("id") for q in questions],
        first_by_id(q for raw in questions if (q := _valid(Question, raw)) is not None),
        [_mapping(r).get("id") for r in rules], clauses)
    # A location with errors of its own still answers to its id: no second "unknown location".
    location_ids = {i for loc in _items(top.get("locations")) if isinstance(i := _mapping(loc).get("id"), str)}
    hours = [(i, h) for i, raw in enumerate(_items(top.get("walkin_hours")))
             if (h := _valid(WalkinHours, raw)) is not None]
    return found + _hours_problems(location_ids, hours)


Model = TypeVar("Model", bound=StrictModel)


def _valid(model: type[Model], raw: object) -> Model | None:
    try:
        return model.model_validate(raw)
    except ValidationError:
        return None


def _mapping(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else {}


def _items(value: object) -> list[object]:
    return value if isinstance(value, list) else []


class ProfileError(Exception):
    """A profile that cannot be used; `problems` lists each with its location."""

    def __init__(self, source: Path, problems: list[str]) -> None:
        super().__init__(f"{source}: " + "; ".join(problems))
        self.source = source
        self.problems = problems


def _location(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top)"


def load_profile(path: Path | None = None) -> ServiceProfile:
    """Read and check a profile; raise ProfileError naming every problem."""
    source = path or DEFAULT_PROFILE
    try:
        # utf-8-sig: an editor on Windows (Notepad) starts the file with a byte-order mark.
        data = tomllib.loads(source.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise ProfileError(source, [f"cannot read: {error.strerror or error}"]) from None
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(source, [f"TOML syntax error: {error}"]) from None
    except UnicodeDecodeError:
        raise ProfileError(source, ["not UTF-8 text"]) from None
    except RecursionError:
        raise ProfileError(source, [_("nested too deeply to read")]) from None
    try:
        profile = ServiceProfile.model_validate(data)
    except ValidationError as error:
        schema = [f"{_location(e['loc'])}: {e['msg']}" for e in error.errors(include_url=False)]
        references = [f"{where}: {message}" for where, message in partial_problems(data)]
        raise ProfileError(source, schema + references) from None
    problems = profile.problems()
    if problems:
        raise ProfileError(source, [f"{where}: {message}" for where, message in problems])
    return profile
