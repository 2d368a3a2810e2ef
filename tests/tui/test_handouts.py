"""Handouts from the desk: the kit in a visit, the feedback reminder, stacks, and the command line,
printed through a real CUPS scheduler."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, HandoutKind, Urgency
from forms.intake import IntakeForm
from forms.settings import Settings
from tests.conftest import FakeClock
from tests.cups import Cups
from tests.printouts.helpers import text
from tests.tui.helpers import error_beside, keys, notices, prepared, settle, signed_in, until
from tui.cli import main
from tui.dialogs import FeedbackReminder, MemoNow, StackPrintDialog
from tui.screens import DeskScreen, VisitScreen
from workflows.handouts import Request, render


@pytest.fixture
def printing(settings: Settings, cups: Cups) -> Settings:
    return settings.model_copy(update={"printer": cups.printer})


async def test_handout_kit_in_the_visit_language_then_no_reminder(
        printing: Settings, clock: FakeClock, cups: Cups) -> None:
    async with signed_in(printing, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        visit = services.desk.admit(IntakeForm(call_name="Ylva", language="sv"), worker.id)
        services.desk.record_triage(visit.id, {}, Urgency.NORMAL, [], worker.id)
        await keys(pilot, "c")  # call next opens the visit
        assert isinstance(app.screen, VisitScreen)
        await keys(pilot, "p")
        detail = services.desk.visit(visit.id)
        assert [(h.kind, h.language, h.outcome) for h in detail.handouts] == [
            ("brochure", "sv", "printed"), ("card", "sv", "printed"), ("feedback", "sv", "printed")]
        assert detail.feedback_instruction == "printed"
        cups.wait_for_jobs()
        await keys(pilot, "f", "f2", "enter")  # finish with nothing recorded (asked): the sheet was printed, so
        assert isinstance(app.screen, MemoNow)  # no reminder; the memo is offered
        await keys(pilot, "n")
        assert isinstance(app.screen, DeskScreen)
        assert services.desk.visit(visit.id).entry.status.value == "finished"


async def test_reminder_prints_the_sheet_when_asked(printing: Settings, clock: FakeClock, cups: Cups) -> None:
    async with signed_in(printing, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        visit = services.desk.admit(IntakeForm(), worker.id)
        await keys(pilot, "c", "f", "f2", "enter")
        assert isinstance(app.screen, FeedbackReminder)
        await keys(pilot, "p")
        detail = services.desk.visit(visit.id)
        assert detail.entry.status.value == "finished"
        assert [(h.kind, h.language) for h in detail.handouts] == [("feedback", "fi")]
        assert detail.feedback_instruction == "printed"
        cups.wait_for_jobs()


async def test_stack_of_brochures_from_the_desk(printing: Settings, clock: FakeClock, cups: Cups) -> None:
    async with signed_in(printing, clock) as (pilot, app, _services):
        await keys(pilot, "p")
        assert isinstance(app.screen, StackPrintDialog)
        copies = app.screen.query_one("#field-copies Input")
        copies.value = "0"
        await keys(pilot, "f2")
        assert "Liian pieni." in error_beside(app, "copies")
        copies.value = "3"
        await keys(pilot, "f2")
        assert isinstance(app.screen, DeskScreen)
        cups.wait_for_jobs()
        assert "Työkykypiste" in text(cups.output.read_bytes()[cups.output.read_bytes().index(b"%PDF"):])


async def test_a_copy_of_contact_cards_is_a_sheet_of_ten_and_the_dialog_says_so(
        settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        await keys(pilot, "p")
        dialog = app.screen
        assert isinstance(dialog, StackPrintDialog)
        meaning = dialog.query_one("#copies-meaning")
        assert "arkkeina" in str(dialog.query_one("#field-copies .field-label").render())
        dialog.query_one("#field-kind Select").value = "card"
        dialog.query_one("#field-copies Input").value = "20"
        await settle(pilot)
        assert str(meaning.render()) == "20 arkkia = 200 yhteystietokorttia"
        dialog.query_one("#field-kind Select").value = "brochure"
        await settle(pilot)
        assert str(meaning.render()) == "20 arkkia"
        dialog.query_one("#field-kind Select").value = "card"
        await keys(pilot, "f2")
        await until(pilot, lambda: services.reports.summary(clock().date()).failed_prints == 1)
        printed = [e.detail for e in services.audit.events(AuditQuery(action=AuditAction.PRINT))]
        assert printed == ["card fi x20 sending"], "a copy is recorded as a sheet, as lp prints it"


def test_print_command(settings: Settings, clock: FakeClock, tmp_path: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    prepared(settings, clock).close()
    out = tmp_path / "card.pdf"
    assert main(["print", "card", "--staff", "kaisa", "--lang", "en", "--out", str(out)]) == 0
    card = text(out.read_bytes())
    assert "Your contact person" in card and "responsible" not in card, "nobody named her responsible"
    assert "Yhteystietokortti tallennettu" in capsys.readouterr().out
    assert main(["print", "memo", "--out", str(out)]) == 1
    assert "Muistio koskee käyntiä" in capsys.readouterr().err
    assert main(["print", "card", "--staff", "nobody", "--out", str(out)]) == 1
    assert "Aktiivista työntekijää nobody ei ole." in capsys.readouterr().err


async def test_booked_appointment_reaches_the_contact_card(settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        visit = services.desk.admit(IntakeForm(), worker.id)
        await keys(pilot, "c", "f")
        app.screen.query_one("#field-next_appointment Input").value = "1.12.2026 10.00"
        await keys(pilot, "f2", "d", "n")  # finish; the client declined the feedback sheet; no memo now
        detail = services.desk.visit(visit.id)
        assert "appointment" in detail.actions and detail.feedback_instruction == "declined"
        card = render(Request(HandoutKind.CARD), app.profile, "fi", detail, worker, clock().date())
        assert "Seuraava tapaaminen: 1.12.2026 klo 10.00" in " ".join(text(card).split())


@pytest.fixture
def silent_print_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A print server that takes the connection and never answers: each handout waits out the
    print timeout (1 s) and is saved instead."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        monkeypatch.setenv("CUPS_SERVER", f"127.0.0.1:{server.getsockname()[1]}")
        yield


async def test_a_missing_printer_is_told_for_each_handout(settings: Settings, clock: FakeClock, cups: Cups) -> None:
    missing = settings.model_copy(update={"printer": "NoSuchPrinter"})
    async with signed_in(missing, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        visit = services.desk.admit(IntakeForm(), worker.id)
        await keys(pilot, "c", "p")
        await until(pilot, lambda: len([n for n in app._notifications if "PDF" in n.message]) == 3)
        told = [n.message for n in app._notifications if "PDF" in n.message]
        # each handout told once; the kit prints them at once, so they may be told in any order
        assert sorted(m.split(" ")[0] for m in told) == ["Esite", "Palauteohje", "Yhteystietokortti"]
        assert all("Tulostinta NoSuchPrinter ei ole." in m and "Error" not in m for m in told)
        assert [h.outcome for h in services.desk.visit(visit.id).handouts] == ["saved"] * 3


async def test_the_kit_waits_out_one_timeout_not_three_and_leaving_the_visit_is_no_error(
        settings: Settings, clock: FakeClock, silent_print_server: None) -> None:
    """The three handouts go to CUPS at once: a printer that does not answer costs the kit one
    print timeout (2 s), not one per handout (the last told 4 s and more after the first, one
    after another), and each PDF is kept."""
    slow = settings.model_copy(update={"printer": "Walkin", "print_timeout_seconds": 2.0})
    kinds = ("Esite", "Yhteystietokortti", "Palauteohje")
    async with signed_in(slow, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        visit = services.desk.admit(IntakeForm(), worker.id)
        await keys(pilot, "c")
        await pilot.press("p")
        told: dict[str, float] = {}
        left = False
        for _ in range(400):
            told.update({kind: time.monotonic() for kind in kinds
                         if kind not in told and f"{kind} ei tulostunut" in notices(app)})
            if told and not left and isinstance(app.screen, VisitScreen):
                # back to the queue while the kit still prints (two notices may land at once)
                await pilot.press("escape")
                left = True
            if len(told) == len(kinds):
                break
            await pilot.pause(0.05)
        assert len(told) == len(kinds), told
        assert max(told.values()) - min(told.values()) < 3.0, "handed to CUPS together, not one after another"
        await settle(pilot)
        assert isinstance(app.screen, DeskScreen)
        assert "Ei tallennettu" not in [n.title for n in app._notifications]
        assert [h.outcome for h in services.desk.visit(visit.id).handouts] == ["saved"] * 3
        assert len(list((settings.home / "printouts").rglob("*.pdf"))) == 3, "each PDF kept"
