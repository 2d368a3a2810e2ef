"""The queue's watcher is told of every change but the ones its own desk reads back at once (a
finish, a sign-in: Database.read_after, then ChangeFeed.caught_up), on SQLite and PostgreSQL."""

from __future__ import annotations

from forms.intake import IntakeForm
from forms.outcome import Outcome
from storage.changes import open_feed
from storage.services import Services
from storage.views import StaffMember

TOLD_WITHIN = 1.0
"""Seconds: a notice comes at once, SQLite's data_version is looked at every quarter second."""


def test_a_write_its_desk_reads_back_is_not_told_back_and_any_other_is(services: Services,
                                                                        worker: StaffMember) -> None:
    visit = services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
    services.desk.call(visit.id, worker.id)
    feed = open_feed(services.db)
    try:
        with services.db.read_after():
            services.desk.finish(visit.id, Outcome(), worker.id)
        feed.caught_up()
        assert not feed.wait(TOLD_WITHIN), "the desk's own finish came back as a change"
        services.desk.admit(IntakeForm(call_name="Bertta"), worker.id)  # as another desk's would
        assert feed.wait(TOLD_WITHIN), "a change not read back was not told"
        assert not feed.wait(0.3), "one change told twice"
        assert services.db.read_back == set(), "a transaction read back is kept after its notice came"
    finally:
        feed.close()
