"""Every yes-or-no question answers to the word's first letter in Finnish (k/e), Swedish (j/n)
and English (y/n), besides Enter and Esc; no key means yes and no at once."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.screen import ModalScreen

from forms.choices import VisitStatus
from forms.i18n import set_language
from forms.intake import IntakeForm
from forms.settings import Settings
from tests.conftest import FakeClock
from tests.tui.helpers import keys, screen_text, signed_in, type_ahead, until
from tui.dialogs import ConfirmDialog, FeedbackReminder, FinishDialog, MemoNow
from tui.dialogs.confirm import NO_KEYS, YES_KEYS
from tui.screens import DeskScreen


class Asking(App[None]):
    def __init__(self, question: ModalScreen[bool]) -> None:
        super().__init__()
        self.question = question
        self.answers: list[bool] = []

    def on_mount(self) -> None:
        self.push_screen(self.question, self.answers.append)


@pytest.mark.parametrize("question", [lambda: ConfirmDialog("Jatketaanko?"), lambda: MemoNow("A001", "fi")],
                         ids=["confirm", "memo"])
@pytest.mark.parametrize(("key", "answer"), [("k", True), ("j", True), ("y", True), ("enter", True),
                                             ("e", False), ("n", False), ("escape", False)])
async def test_each_languages_yes_and_no_keys_answer(question, key: str, answer: bool) -> None:  # type: ignore[no-untyped-def]
    app = Asking(question())
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert app.answers == [answer]


def test_no_key_says_both_yes_and_no() -> None:
    assert not set(YES_KEYS) & set(NO_KEYS)
    for dialog in (ConfirmDialog("?"), MemoNow("A001", "fi")):
        meanings: dict[str, set[str]] = {}
        for key, bindings in dialog._bindings.key_to_bindings.items():
            meanings.setdefault(key, set()).update(b.action for b in bindings)
        assert all(len(actions) == 1 for actions in meanings.values()), meanings


async def test_finishing_empty_answered_in_finnish_and_the_memo_in_swedish(
        settings: Settings, clock: FakeClock) -> None:
    async with signed_in(settings, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        visit = services.desk.admit(IntakeForm(call_name="Ylva", language="sv"), worker.id)
        await keys(pilot, "c", "f")
        assert isinstance(app.screen, FinishDialog)
        await type_ahead(pilot, "f2")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Enter tai k: kyllä    Esc tai e: peru" in screen_text(app)
        await type_ahead(pilot, "e")  # ei: back to the form, nothing finished
        assert isinstance(app.screen, FinishDialog)
        assert services.desk.visit(visit.id).entry.status is VisitStatus.CALLED
        await type_ahead(pilot, "f2", "k")  # kyllä: finished with nothing recorded
        assert isinstance(app.screen, FeedbackReminder)
        await keys(pilot, "d")
        assert isinstance(app.screen, MemoNow)
        assert "Enter tai k: tulosta    Esc tai e: ei nyt" in screen_text(app)
        await keys(pilot, "k")  # kyllä: the memo (no printer here: saved, and on record)
        await until(pilot, lambda: [(h.kind, h.outcome) for h in services.desk.visit(visit.id).handouts]
                    == [("memo", "saved")])
        assert isinstance(app.screen, DeskScreen)


async def test_the_swedish_desk_says_and_takes_j_and_n(settings: Settings, clock: FakeClock) -> None:
    set_language("sv")
    swedish = settings.model_copy(update={"language": "sv"})
    async with signed_in(swedish, clock) as (pilot, app, services):
        worker = services.staff.active_members()[0]
        visit = services.desk.admit(IntakeForm(call_name="Ylva", language="sv"), worker.id)
        await keys(pilot, "c", "f")
        await type_ahead(pilot, "f2")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Enter eller j: ja    Esc eller n: avbryt" in screen_text(app)
        await type_ahead(pilot, "n")
        assert isinstance(app.screen, FinishDialog)
        await type_ahead(pilot, "f2", "j")
        assert isinstance(app.screen, FeedbackReminder)
        await keys(pilot, "d")
        assert isinstance(app.screen, MemoNow)
        await keys(pilot, "n")  # nej: not now
        assert isinstance(app.screen, DeskScreen)
        assert services.desk.visit(visit.id).entry.status is VisitStatus.FINISHED
        assert services.desk.visit(visit.id).handouts == ()
