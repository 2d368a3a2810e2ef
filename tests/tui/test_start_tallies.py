"""The first start after an upgrade on a history with no tallies: the sign-in screen says how far the
counting of past months is (not a silent "Opening the database…"), and the desk opens with every
past month tallied."""

from __future__ import annotations

import threading
from datetime import date, datetime

import pytest
from textual.widgets import Static

from forms.intake import IntakeForm
from forms.settings import Settings
from forms.timefmt import HELSINKI
from storage import tallies
from storage.reports import Reports
from storage.tallies import Progress
from tests.conftest import FakeClock
from tests.tui.helpers import new_app, prepared, sign_in, until


async def test_the_sign_in_screen_tells_how_far_the_counting_of_past_months_is(
        settings: Settings, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    services = prepared(settings, clock)
    worker = services.staff.find("kaisa")
    assert worker is not None
    for month in (9, 10, 11):
        clock.now = datetime(2026, month, 12, 10, 0, tzinfo=HELSINKI)
        services.desk.admit(IntakeForm(arrival_channel="kela"), worker.id)
    services.close()
    clock.now = datetime(2026, 12, 10, 12, 0, tzinfo=HELSINKI)
    # The start's counting is held after its first month until the screen has been read: a real
    # count of three months is over before a test could look.
    go_on = threading.Event()
    catch_up = Reports.catch_up

    def held(reports: Reports, progress: Progress | None = None) -> bool:
        def told(done: int, total: int) -> None:
            assert progress is not None
            progress(done, total)
            if done == 1:
                go_on.wait(10)

        return catch_up(reports, told)

    monkeypatch.setattr(Reports, "catch_up", held)
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        status = app.screen.query_one("#sign-in-status", Static)
        await until(pilot, lambda: "25 %" in str(status.render()))
        # October, November, the days of September from the 12th and those of December: one of four done
        assert str(status.render()) == "Lasketaan menneiden kuukausien lukuja yhteenvetoja varten: 25 %"
        assert not app.ready
        go_on.set()
        await sign_in(pilot)
        assert app.worker_on_duty is not None
        # the months since the first visit, and the days of its month and of this one (the purge on
        # opening erased the visits of September and October: their tallies stay)
        reports = app.services.reports
        assert reports.tallies.untallied_months(date(2026, 9, 12), date(2026, 12, 9)) == 0
        with app.services.db.reading() as session:
            assert tallies._missing(session, date(2026, 9, 12), date(2026, 9, 30)) == []
            assert tallies._missing(session, date(2026, 12, 1), date(2026, 12, 9)) == []
