"""Names and texts that look like markup are shown and printed as they were typed: a client named
`[/]`, a worker named `[/]Mark` or a profile text with `<b>&` in it crashes nothing, turns into
no style or link, and loses no bracket — on every screen, in notifications, on the lock screen,
on the waiting-room display and in every PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Select, SelectionList
from textual.widgets._toast import Toast

from forms.choices import VisitStatus
from forms.intake import IntakeForm
from forms.outcome import NamedWorker, Outcome
from forms.profile import DEFAULT_PROFILE, ServiceProfile, load_profile
from forms.settings import Settings
from forms.staff import NewStaff
from printouts.brochure import brochure
from printouts.contact_card import contact_card
from printouts.data import Agreement, Person
from printouts.feedback_sheet import feedback_sheet
from printouts.memo import memo
from printouts.summary import summary_pdf
from storage.services import Services, open_services
from storage.views import StaffMember
from tests.conftest import PIN, FakeClock
from tests.printouts.helpers import text
from tests.tui.helpers import keys, new_app, screen_text, settle, sign_in, summary_text, until
from tui.display_app import DisplayApp
from tui.screens import DeskScreen, TriageScreen, VisitScreen
from tui.screens.lock import LockScreen
from tui.screens.staff import StaffScreen
from tui.screens.summary import SummaryScreen

NAMES = ["[/]", "[b]x[/b]", "Liisa [tulkki]", "[@click=app.quit]Q", "[red]"]
"""Each crashed a desk, vanished or became a link before names were drawn as text."""

# Texts of the service profile (a file someone edits) with markup of both kinds in them.
MUNICIPALITY = "Testilä [/]"
KELA = "Kela [b]<b>&"
PLACE = "Asema [@click=app.quit]Q <i>"
SERVICE = "Työkykypiste [red] & <b>"
CONTACT = "Kaisa [/] <Masa> & Co"
WORKSTATION = "Huone [2] [/]"
PROFILE_EDITS = {
    '"Testilä"': f'"{MUNICIPALITY}"',
    'fi = "Kela"': f'fi = "{KELA}"',  # the referral destination and the triage choice
    'fi = "Hyvinvointiasema Keskusta"': f'fi = "{PLACE}"',
    'fi = "Työkykypiste"': f'fi = "{SERVICE}"',
    'name = "Kaisa Esimerkki"': f'name = "{CONTACT}"',
    "show_names = false": "show_names = true",
}
PDF_NAMES = ["Matti <Masa> & Co", "<b>&", "[/]Mark", "&amp; <font color=red>x</font>"]


@pytest.fixture
def markup_settings(settings: Settings, tmp_path: Path) -> Settings:
    source = DEFAULT_PROFILE.read_text(encoding="utf-8")
    for old, new in PROFILE_EDITS.items():
        assert old in source, old
        source = source.replace(old, new)
    profile = tmp_path / "profile.toml"
    profile.write_text(source, encoding="utf-8")
    return settings.model_copy(update={"profile": profile})


def add_admin(services: Services, name: str) -> StaffMember:
    return services.staff.add(NewStaff(
        username="kaisa", display_name=name, job_title=f"{name} koordinaattori", phone="+358 40 000 0101",
        pin=PIN, pin_again=PIN, role="admin"))


def toasts(app: object) -> list[str]:
    """The notifications as drawn (markup already read), not as sent."""
    return [str(toast.render()) for toast in app.screen.query(Toast)]  # type: ignore[attr-defined]


def one_line(shown: str) -> str:
    return " ".join(shown.split())


@pytest.mark.parametrize("name", NAMES)
async def test_a_markup_name_goes_through_the_whole_desk(name: str, markup_settings: Settings,
                                                          clock: FakeClock) -> None:
    settings = markup_settings
    staff_name = f"{name}Mark"
    services = open_services(settings.database_url, load_profile(settings.profile), clock=clock)
    kaisa = add_admin(services, staff_name)
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:  # Pilot hides them by default
        await sign_in(pilot)
        shown = screen_text(app)
        # The header names the desk's site (the service's name is there with a single site).
        assert isinstance(app.screen, DeskScreen) and staff_name in shown and PLACE in shown

        # Intake: the name to call and a municipality of the profile.
        await keys(pilot, "n")
        app.screen.query_one("#field-call_name Input").value = name  # type: ignore[attr-defined]
        app.screen.query_one("#field-municipality Select", Select).value = MUNICIPALITY
        await settle(pilot)
        assert MUNICIPALITY in screen_text(app)
        await keys(pilot, "enter")
        # Triage: a profile choice with markup in it, chosen.
        assert isinstance(app.screen, TriageScreen)
        await keys(pilot, "n", "n", "n")
        assert KELA in screen_text(app)
        await keys(pilot, "down", "down", "down", "space", "enter", "n", "n", "enter", "enter")

        # The board.
        assert isinstance(app.screen, DeskScreen)
        assert name in screen_text(app)

        # Call next: the "Called" notification, then the visit.
        await keys(pilot, "c")
        await until(pilot, lambda: isinstance(app.screen, VisitScreen))
        await settle(pilot)
        await until(pilot, lambda: any(f"A001 ({name})" in toast for toast in toasts(app)))
        assert f"A001 ({name})" in one_line(screen_text(app))
        shown = screen_text(app)
        assert f"A001  {name}" in shown and staff_name in shown and MUNICIPALITY in shown and KELA in shown

        # Finish, naming the worker and the referral.
        await keys(pilot, "s", "f")
        app.screen.query_one("#staff", Select).value = str(kaisa.id)
        app.screen.query_one("#referrals", SelectionList).select("kela")
        await settle(pilot)
        shown = screen_text(app)
        assert staff_name in shown and KELA in shown
        await keys(pilot, "f2", "o", "n")  # the client got the instruction another way; no memo now
        assert isinstance(app.screen, DeskScreen)
        visit = services.desk.visit(services.desk.snapshot().entries[0].id) if services.desk.snapshot().entries \
            else None
        assert visit is None  # finished: off the board

        # The summary names the worker to themselves.
        await keys(pilot, "y")
        assert isinstance(app.screen, SummaryScreen)
        body = summary_text(app)
        assert staff_name in body and MUNICIPALITY in body and KELA in body
        await keys(pilot, "escape")

        # The lock screen names the worker; the PIN opens it.
        await keys(pilot, "ctrl+l")
        assert isinstance(app.screen, LockScreen)
        assert staff_name in screen_text(app)
        await keys(pilot, "ctrl+q")  # the quit form names the locked worker too
        hint = str(app.screen.query_one("#sign-in-status").render())
        assert app.is_running and f"{staff_name}: PIN-koodisi lopettaa" in hint
        await keys(pilot, "escape")
        await pilot.press(*PIN, "enter")
        await settle(pilot)
        assert isinstance(app.screen, DeskScreen)

        # The accounts and their dialogs.
        await keys(pilot, "h")
        assert isinstance(app.screen, StaffScreen)
        shown = screen_text(app)
        assert staff_name in shown and f"{staff_name} koordinaattori" in shown
        await keys(pilot, "e")
        assert staff_name in screen_text(app)
        await keys(pilot, "escape", "r")
        assert staff_name in screen_text(app)
        await keys(pilot, "escape", "escape")
        assert isinstance(app.screen, DeskScreen)
    assert app.return_code in (None, 0)
    finished = services.reports.summary(date(2026, 11, 24), date(2026, 11, 24))
    assert finished.finished == 1
    services.close()


async def show_on_display(settings: Settings, clock: FakeClock, called: str) -> None:
    """Start the waiting-room display, see the call and the walk-in place on it, stop it."""
    display = DisplayApp(settings, clock=clock)
    # A wall screen's width: the latest call stands beside its big letters on one line.
    async with display.run_test(size=(160, 30)) as pilot:
        await until(pilot, lambda: called in screen_text(display))
        shown = screen_text(display)
        assert PLACE in shown and SERVICE in shown
    assert display.return_code in (None, 0)


@pytest.mark.parametrize("name", NAMES)
async def test_the_display_shows_a_markup_name_being_called_after_every_restart(
        name: str, markup_settings: Settings, clock: FakeClock) -> None:
    settings = markup_settings
    services = open_services(settings.database_url, load_profile(settings.profile), clock=clock)
    kaisa = add_admin(services, f"{name}Mark")
    services.desk.admit(IntakeForm(call_name=name), kaisa.id)
    room = open_services(settings.database_url, load_profile(settings.profile), clock=clock, workstation=WORKSTATION)
    room.desk.call_next(kaisa.id)
    assert services.desk.snapshot().entries[0].status is VisitStatus.CALLED
    for _start in range(2):
        await show_on_display(settings, clock, f"A001 → {WORKSTATION} {name}")
    room.close()
    services.close()


# ----------------------------------------------------------------- PDFs ---
def markup_profile(markup_settings: Settings) -> ServiceProfile:
    return load_profile(markup_settings.profile)


def person(name: str) -> Person:
    return Person(name, f"{name} ohjaaja", "+358 40 000 0101", f"ma {name}", "kaisa@example.org", f"{name} asema",
                  f"{name} Oy")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_handout_prints_markup_literally(markup_settings: Settings, language: str) -> None:
    profile = markup_profile(markup_settings)
    day = date(2026, 11, 24)
    printed = {
        "brochure": brochure(profile, language, day),
        "feedback": feedback_sheet(profile, language, day),
    }
    for name in PDF_NAMES:
        printed[f"card {name}"] = contact_card(profile, person(name), language, day, "single")
        printed[f"cards {name}"] = contact_card(profile, person(name), language, day, "sheet")
        agreed = Agreement(day, person(name), frozenset({"referral", "worker_named"}), ("kela", name),
                           (person(name), Person(f"{name} 2", organisation=f"{name} ry")), date(2026, 12, 8))
        printed[f"memo {name}"] = memo(profile, agreed, language, day)
    for what, pdf in printed.items():
        words = one_line(text(pdf))  # a name wrapped over two lines is still found
        if language == "fi":
            assert SERVICE in words, what
        if what == "brochure":
            assert CONTACT in words
            if language == "fi":
                assert PLACE in words
        for name in PDF_NAMES:
            if what.endswith(name):
                assert name in words and f"{name} ohjaaja" in words, (what, words)
                if what.startswith("memo"):
                    assert f"{name} 2" in words and f"{name} ry" in words and (language != "fi" or KELA in words)


def test_the_summary_pdf_prints_markup_names_literally(markup_settings: Settings, clock: FakeClock) -> None:
    profile = markup_profile(markup_settings)
    services = open_services(markup_settings.database_url, profile, clock=clock)
    kaisa = add_admin(services, PDF_NAMES[0])
    entry = services.desk.admit(IntakeForm(call_name=PDF_NAMES[1], municipality=MUNICIPALITY), kaisa.id)
    services.desk.call(entry.id, kaisa.id)
    services.desk.finish(entry.id, Outcome(actions=frozenset({"referral"}), referrals=("kela",),
                                           workers=(NamedWorker(name=PDF_NAMES[2]),)), kaisa.id)
    summary = services.reports.summary(date(2026, 11, 24), date(2026, 11, 24))
    words = one_line(text(summary_pdf(summary, profile, lambda _staff_id: True, date(2026, 11, 24))))
    assert PDF_NAMES[0] in words and SERVICE in words and KELA in words
    services.close()
