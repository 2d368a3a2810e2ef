"""The workstation's walk-in site: a first start with several sites asks for it (never the first one
silently) and saves it in the settings file, a site the profile does not list is explained, and
the desk looks at another site's queue read only."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from forms.intake import IntakeForm
from forms.profile import load_profile
from forms.settings import Settings
from storage.services import open_services
from tests.conftest import PIN, FakeClock, add_worker
from tests.tui.helpers import keys, new_app, screen_text, settle, signed_in, until
from tests.tui.test_start_failed import failed
from tui.screens.desk import DeskScreen
from tui.screens.first_run import FirstRunScreen
from tui.screens.site_board import SiteBoardScreen
from tui.screens.site_picker import SitePickerScreen
from tui.widgets import QueueBoard


@pytest.fixture
def unsited(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """A workstation whose settings name no site (the example profile has two)."""
    monkeypatch.delenv("WALKIN_SITE")
    return settings.model_copy(update={"site": None})


async def first_account(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await until(pilot, lambda: isinstance(app.screen, FirstRunScreen))
    await pilot.pause()
    for field, value in (("username", "kaisa"), ("display_name", "Kaisa Esimerkki"),
                         ("job_title", "Työkykykoordinaattori"), ("phone", "+358 40 000 0101")):
        app.screen.query_one(f"#field-{field} Input").value = value
    app.screen.query_one("#field-pin Input").value = PIN
    app.screen.query_one("#field-pin_again Input").value = PIN
    await pilot.press("f2")
    await until(pilot, lambda: isinstance(app.screen, DeskScreen))
    await settle(pilot)


async def test_the_first_start_asks_for_the_site_and_saves_it(unsited: Settings, clock: FakeClock) -> None:
    saved = Path(unsited.home) / "settings.toml"
    saved.parent.mkdir(parents=True)
    saved.write_text('# This workstation\nlanguage = "fi"\n\n[database]\nbusy_timeout_seconds = 7\n',
                     encoding="utf-8")
    app = new_app(unsited, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SitePickerScreen))
        await pilot.pause()
        shown = screen_text(app)
        assert "Hyvinvointiasema Keskusta" in shown and "Kuvitelmantie 5, 99980 Harjoitusjärvi" in shown
        assert not app.ready, "nothing opens at a site before it is chosen"
        await pilot.press("escape")  # nothing to go back to at a first start
        assert isinstance(app.screen, SitePickerScreen)
        await pilot.press("down", "enter")
        await first_account(pilot, app)
        assert app.services.desk.site == "kirkonkyla"
        assert "Hyvinvointiasema Kirkonkylä" in screen_text(app).splitlines()[0]
        entry = app.services.desk.admit(IntakeForm(call_name="Aino"), app.staff_id)
        assert entry.ticket == "K001"
    written = tomllib.loads(saved.read_text(encoding="utf-8"))
    assert written == {"language": "fi", "site": "kirkonkyla", "database": {"busy_timeout_seconds": 7}}
    assert saved.read_text(encoding="utf-8").startswith("# This workstation\n")
    # The next start goes straight on at that site.
    again = Settings(home=unsited.home)
    assert again.site == "kirkonkyla" and again.database.busy_timeout_seconds == 7


async def test_a_settings_file_that_cannot_be_written_still_lets_the_desk_work_there(
        unsited: Settings, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("WALKIN_SETTINGS", str(blocked / "settings.toml"))
    app = new_app(unsited, clock)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SitePickerScreen))
        await pilot.press("down", "enter")
        await first_account(pilot, app)
        assert app.services.desk.site == "kirkonkyla"
        notices = " ".join(n.message for n in app._notifications)
        assert "Toimipistettä ei voitu tallentaa" in notices and "kysytään uudelleen" in notices, notices


async def test_a_site_the_profile_does_not_list_is_explained(settings: Settings, clock: FakeClock) -> None:
    app = new_app(settings.model_copy(update={"site": "satama"}), clock)
    async with app.run_test(size=(120, 36)) as pilot:
        shown = await failed(pilot)
        assert 'site = "satama"' in shown and "keskusta, kirkonkyla" in shown, shown
        assert "käynnistä sovellus uudelleen" in shown, "the settings are read at the start: no r to try again"


async def test_another_sites_queue_is_shown_read_only(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, _services):
        village = open_services(settings.database_url, load_profile(), clock=clock, workstation="desk-2",
                                site="kirkonkyla")
        olli = add_worker(village, "olli", "Olli Esimerkki")
        there = village.desk.admit(IntakeForm(call_name="Kylän Aino"), olli.id)
        await keys(pilot, "b")
        assert isinstance(app.screen, SitePickerScreen)
        assert [site.id for site in app.screen.sites] == ["kirkonkyla"], "only the other sites are listed"
        await keys(pilot, "enter")
        assert isinstance(app.screen, SiteBoardScreen)
        await until(pilot, lambda: "K001" in screen_text(app))
        shown = screen_text(app)
        assert "Hyvinvointiasema Kirkonkylä" in shown and "Kylän Aino" not in shown, "no names of another site"
        assert "Odottaa 1" in shown
        await keys(pilot, "c", "enter", "f")  # no action reaches its visits
        assert village.desk.visit(there.id).entry.status.value == "waiting"
        village.desk.admit(IntakeForm(), olli.id)
        await until(pilot, lambda: "K002" in screen_text(app))  # it follows that site's queue
        await keys(pilot, "escape")
        assert isinstance(app.screen, DeskScreen)
        assert not app.screen.query_one(QueueBoard).display, "the own board holds no village ticket"
        village.close()
