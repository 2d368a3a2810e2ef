"""Another site's board, read by a desk of this one, on real SQLite and PostgreSQL: the same
entries, counters and estimates that site's own desks see, and nothing of this site's."""

from __future__ import annotations

from forms.intake import IntakeForm
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock, add_worker
from tests.storage.test_sites import village  # noqa: F401  (the fixture: a desk at the second site)


def test_a_desk_reads_another_sites_board_as_its_own_desks_do(services: Services, village: Services,  # noqa: F811
                                                              worker: StaffMember, clock: FakeClock) -> None:
    olli = add_worker(services, "olli", "Olli Esimerkki")
    services.desk.admit(IntakeForm(call_name="Keskustan asiakas"), worker.id)
    there = [village.desk.admit(IntakeForm(call_name=f"Kylän asiakas {n}"), olli.id) for n in range(2)]
    clock.advance(5)
    village.desk.call_next(olli.id)
    clock.advance(5)
    seen_there = village.desk.snapshot()
    read_here = services.desk.snapshot(site="kirkonkyla")
    assert read_here == seen_there
    assert [e.id for e in read_here.entries] == [e.id for e in there]
    assert read_here.counters.waiting == 1 and read_here.counters.in_meeting == 1
    assert [e.ticket for e in services.desk.snapshot().entries] == ["A001"], "its own board is unchanged"
