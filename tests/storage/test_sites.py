"""Two walk-in sites on one database, on real SQLite and PostgreSQL: each gives its own ticket series
with its own letters, calls only its own clients, shows only its own on the board, the display and
the counters, and a handover to a worker signed in at the other site reaches them there and says so."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from forms.handover import HandoverRequest
from forms.intake import IntakeForm
from forms.profile import ServiceProfile
from storage.services import Services, open_services
from storage.views import StaffMember
from tests.conftest import PIN, FakeClock, add_worker


@pytest.fixture
def village(db_url: str, profile: ServiceProfile, clock: FakeClock, services: Services) -> Iterator[Services]:
    """A desk at the profile's second site on the same database (`services` is at the first)."""
    opened = open_services(db_url, profile, clock=clock, workstation="desk-2", site="kirkonkyla")
    yield opened
    opened.close()


def test_each_site_keeps_its_own_queue_and_tickets(services: Services, village: Services, worker: StaffMember,
                                                   clock: FakeClock) -> None:
    olli = add_worker(services, "olli", "Olli Esimerkki")
    centre = [services.desk.admit(IntakeForm(call_name=f"Asiakas {n}"), worker.id) for n in range(2)]
    clock.advance(1)
    there = village.desk.admit(IntakeForm(call_name="Kylän asiakas"), olli.id)
    assert [e.ticket for e in centre] == ["A001", "A002"] and there.ticket == "K001"
    assert [e.id for e in services.desk.snapshot().entries] == [e.id for e in centre]
    assert [e.id for e in village.desk.snapshot().entries] == [there.id]
    assert village.desk.snapshot().counters.waiting == 1
    assert village.desk.find_today("A001") is None and services.desk.find_today("A001") == centre[0].id
    # The village's call next never takes a client of the centre, however long they waited.
    assert village.desk.call_next(olli.id).id == there.id
    assert village.desk.call_next(olli.id) is None
    assert services.desk.display_board().called == ()
    [called] = village.desk.display_board().called
    assert called.ticket == "K001"
    assert services.desk.display_board(site="kirkonkyla").called == village.desk.display_board().called
    assert services.desk.display_board().waiting == 2 and village.desk.display_board().waiting == 0


def test_a_handover_to_a_colleague_at_the_other_site(services: Services, village: Services, worker: StaffMember,
                                                     clock: FakeClock) -> None:
    olli = add_worker(services, "olli", "Olli Esimerkki")
    services.staff.sign_in(worker.username, PIN, "desk-1")
    village.staff.sign_in(olli.username, PIN, "desk-2")
    visit = services.desk.admit(IntakeForm(call_name="Aino"), worker.id).id
    assert services.desk.call_next(worker.id).id == visit
    assert services.desk.colleague_sites() == {worker.id: "keskusta", olli.id: "kirkonkyla"}
    services.desk.hand_over(visit, HandoverRequest(to_staff_id=olli.id, reason="Asuu kirkonkylässä"), worker.id)
    clock.advance(1)
    # Olli's call next at the village takes it; the visit still belongs to the centre's figures.
    assert village.desk.call_next(olli.id).id == visit
    [link] = services.desk.visit(visit).handovers
    assert (link.to_name, link.to_site) == (olli.display_name, "kirkonkyla")
    assert [e.id for e in village.desk.snapshot().entries] == []
    assert services.desk.visit(visit).entry.ticket == "A001"


def test_a_client_handed_to_the_other_site_is_called_on_its_display(
        services: Services, village: Services, worker: StaffMember, clock: FakeClock) -> None:
    """Sent to the village, the client is called there: the village's display shows the call (to
    Olli's desk there), the centre's does not; a call back at the centre shows at the centre again."""
    olli = add_worker(services, "olli", "Olli Esimerkki")
    services.staff.sign_in(worker.username, PIN, "desk-1")
    village.staff.sign_in(olli.username, PIN, "desk-2")
    visit = services.desk.admit(IntakeForm(call_name="Aino"), worker.id).id
    own = village.desk.admit(IntakeForm(call_name="Eero"), olli.id).id
    services.desk.call_next(worker.id)
    services.desk.hand_over(visit, HandoverRequest(to_staff_id=olli.id, reason="Asuu kirkonkylässä"), worker.id)
    clock.advance(1)
    assert village.desk.call_next(olli.id).id == visit
    assert services.desk.display_board().called == ()
    [called] = village.desk.display_board().called
    assert (called.ticket, called.called_to, called.call_name) == ("A001", "desk-2", "Aino")
    assert services.desk.display_board(site="kirkonkyla").called == village.desk.display_board().called
    clock.advance(1)
    assert village.desk.call_next(olli.id).id == own  # the village's own client too
    assert [c.ticket for c in village.desk.display_board().called] == ["K001", "A001"]
    # Back at the centre: handed back to Kaisa and called at her desk, it shows there again.
    village.desk.hand_over(visit, HandoverRequest(to_staff_id=worker.id, reason="Takaisin"), olli.id)
    clock.advance(1)
    assert services.desk.call_next(worker.id).id == visit
    assert [c.ticket for c in services.desk.display_board().called] == ["A001"]
    assert [c.ticket for c in village.desk.display_board().called] == ["K001"]
