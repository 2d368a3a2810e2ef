"""The intake offers the profile's client languages and records whether an interpreter was needed;
the visit shows both, and the intake's edit keeps them."""

from __future__ import annotations

from textual.widgets import Select, Static

from forms.settings import Settings
from tests.conftest import FakeClock
from tests.tui.helpers import keys, settle, signed_in
from tui.screens import IntakeEditScreen, IntakeScreen, TriageScreen


async def test_the_intake_records_a_new_language_and_the_interpreter(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock, (80, 24)) as (pilot, app, services):
        await keys(pilot, "n")
        assert isinstance(app.screen, IntakeScreen)
        language = app.screen.query_one("#field-language Select", Select)
        offered = [str(label) for label, _code in language._options]
        assert offered[:9] == ["suomi", "ruotsi", "englanti", "venäjä", "arabia", "somali", "viro", "ukraina",
                               "muu kieli"]
        interpreter = app.screen.query_one("#field-interpreter_needed Select", Select)
        assert interpreter.value is False  # no, unless the worker says so
        language.value, interpreter.value = "uk", True
        await keys(pilot, "f2")
        assert isinstance(app.screen, TriageScreen)
        [entry] = services.desk.snapshot().entries
        visit = services.desk.visit(entry.id)
        assert (visit.entry.language, visit.interpreter_needed) == ("uk", True)
        await keys(pilot, "escape", "enter")
        shown = str(app.screen.query_one("#visit-body", Static).render())
        assert "Kieli: ukraina" in shown and "Tulkki tarpeen: kyllä" in shown
        assert "Tulosteiden kieli (g vaihtaa): englanti" in shown  # Ukrainian falls back to English
        await keys(pilot, "e")
        assert isinstance(app.screen, IntakeEditScreen)
        assert app.screen.query_one("#field-language Select", Select).value == "uk"
        assert app.screen.query_one("#field-interpreter_needed Select", Select).value is True
        app.screen.query_one("#field-interpreter_needed Select", Select).value = False
        await keys(pilot, "f2")
        await settle(pilot)
        assert services.desk.visit(entry.id).interpreter_needed is False
