"""Plain Finnish chosen like a language at the desk: `g` in a visit cycles to it, a handout printed
then is in it and recorded with it; a stack printed from the desk (`p`) too; `walkin print --lang
selko` makes one too."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, Urgency
from forms.intake import IntakeForm
from forms.settings import Settings
from tests.conftest import FakeClock
from tests.cups import Cups
from tests.printouts.helpers import text
from tests.tui.helpers import keys, prepared, signed_in, until
from tui.cli import main
from tui.dialogs import StackPrintDialog
from tui.screens import DeskScreen, VisitScreen


def _shown_language(screen: VisitScreen) -> str:
    body = str(screen.query_one("#visit-body").render())
    return next(line for line in body.splitlines() if "Tulosteiden kieli" in line).split(":", 1)[1].strip()


async def test_g_cycles_to_plain_finnish_and_a_handout_is_printed_and_recorded_in_it(
        settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        visit = services.desk.admit(IntakeForm(call_name="Aino", language="fi"), worker.id)
        services.desk.record_triage(visit.id, {}, Urgency.NORMAL, [], worker.id)
        await keys(pilot, "c")
        screen = app.screen
        assert isinstance(screen, VisitScreen)
        assert _shown_language(screen) == "suomi"
        seen = []
        for _ in range(4):
            await keys(pilot, "g")
            seen.append((screen.handout_language, _shown_language(screen)))
        assert seen == [("selko", "selkosuomi"), ("sv", "ruotsi"), ("en", "englanti"), ("fi", "suomi")]
        await keys(pilot, "g", "1")  # plain Finnish, then the brochure
        await until(pilot, lambda: bool(services.desk.visit(visit.id).handouts))
        printed = services.desk.visit(visit.id).handouts
        assert [(h.kind, h.language) for h in printed] == [("brochure", "selko")]
        saved = next((settings.home / "printouts").rglob("*.pdf"))
        assert "selko" in saved.name and "Palvelu on ilmainen" in text(saved.read_bytes())


def test_print_command_takes_plain_finnish(settings: Settings, clock: FakeClock, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    prepared(settings, clock).close()
    out = tmp_path / "card.pdf"
    assert main(["print", "card", "--staff", "kaisa", "--lang", "selko", "--out", str(out)]) == 0
    assert "Voit ottaa yhteyttä" in text(out.read_bytes())
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["print", "card", "--lang", "fise", "--out", str(out)])
    assert "selko" in capsys.readouterr().err, "the choices the error lists"


def test_a_stack_takes_every_handout_language() -> None:
    from typing import get_args

    from forms.choices import HANDOUT_LANGUAGES
    from forms.handout import HandoutLanguage

    assert get_args(HandoutLanguage) == HANDOUT_LANGUAGES


async def test_a_stack_of_brochures_in_plain_finnish_from_the_desk(
        settings: Settings, clock: FakeClock, cups: Cups) -> None:
    printing = settings.model_copy(update={"printer": cups.printer})
    async with signed_in(printing, clock) as (pilot, app, services):
        await keys(pilot, "p")
        dialog = app.screen
        assert isinstance(dialog, StackPrintDialog)
        language = dialog.query_one("#field-language Select", Select)
        assert ("selkosuomi", "selko") in [(str(label), value) for label, value in language._options]
        language.value = "selko"
        dialog.query_one("#field-copies Input", Input).value = "2"
        await keys(pilot, "f2")
        assert isinstance(app.screen, DeskScreen)
        cups.wait_for_jobs()
        printed = cups.output.read_bytes()
        assert "Palvelu on ilmainen" in text(printed[printed.index(b"%PDF"):])
        printed_as = [e.detail for e in services.audit.events(AuditQuery(action=AuditAction.PRINT))]
        assert printed_as == ["brochure selko x2 sending"], "recorded in plain Finnish, as it went out"
