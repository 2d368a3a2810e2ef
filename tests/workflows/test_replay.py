"""A draft replayed on visits triaged at a real desk, SQLite and PostgreSQL: the storage read and the
use case move exactly the visits the changed rule reaches, write nothing to the visits, and leave
one audit event with the period and counts only."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, Urgency
from forms.intake import IntakeForm
from forms.profile import ServiceProfile
from forms.triage import answers_to_json, evaluate
from storage.audit import Actor
from storage.models import Visit
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import FakeClock, add_admin
from tests.replay_cases import CASES, DAY, MOVED_BY_HEALTH_CHECK, answers, with_rule
from tests.scenarios import at
from workflows.replay import ReplayFormat, replay_period, replay_text


def triaged_day(services: Services, profile: ServiceProfile, worker: StaffMember, clock: FakeClock,
                admin: StaffMember) -> None:
    """The fixed visits, triaged as the desk triages them; one more restricted, one not triaged."""
    at(clock, 9, 0, DAY)
    for _ticket, given, override in CASES:
        visit = services.desk.admit(IntakeForm(call_name="Aino"), worker.id)
        then = evaluate(profile.triage, given)
        services.desk.record_triage(visit.id, answers_to_json(given), then.urgency, then.rule_ids, worker.id,
                                    override, "asiakas kertoi lisää" if override else None)
    restricted = services.desk.admit(IntakeForm(), worker.id)
    given = answers(health_affects_work="yes")
    services.desk.record_triage(restricted.id, answers_to_json(given), Urgency.SOON, ["health_check"], worker.id)
    services.privacy.restrict([restricted.id], Actor(admin.id))
    services.desk.admit(IntakeForm(), worker.id)  # never triaged: not in the replay


def visit_rows(services: Services) -> list[dict[str, Any]]:
    with services.db.reading() as session:
        return [dict(row._mapping) for row in session.execute(select(Visit.__table__).order_by(Visit.id))]


def test_a_changed_rule_moves_exactly_its_visits_and_nothing_is_written(
        services: Services, profile: ServiceProfile, worker: StaffMember, clock: FakeClock) -> None:
    admin = add_admin(services)
    triaged_day(services, profile, worker, clock, admin)
    before = visit_rows(services)
    draft = with_rule(profile.triage, "health_check", urgency=Urgency.ACUTE)
    result = replay_period(services, profile.triage, draft, DAY, DAY, Actor(admin.id, "desk-1", via="cli"))
    assert [m.ticket for m in result.moves] == MOVED_BY_HEALTH_CHECK
    assert {(m.before, m.after, m.because) for m in result.moves} == {
        (Urgency.SOON, Urgency.ACUTE, ("health_check",))}
    assert result.visits == len(CASES) and result.restricted == 1
    assert result.overridden == 1 and result.overridden_differ == 1
    assert visit_rows(services) == before

    events = services.audit.events(AuditQuery(action=AuditAction.EXPORT), by=admin.id)
    assert [e.detail for e in events] == ["triage replay 2026-11-24..2026-11-24, 8 visits, 3 moved"]
    assert events[0].username == admin.username and events[0].ticket is None

    text = replay_text(result, ReplayFormat.TEXT, profile.triage, draft, DAY, DAY, "draft.toml")
    assert "2026-11-24: A002, A003, A007" in text and "Aino" not in text
    assert "pian → akuutti" in text


@pytest.mark.parametrize(("language", "written"), [("fi", "33,3"), ("sv", "33,3"), ("en", "33.3")])
def test_shares_have_a_decimal_comma_in_finnish_and_swedish(language: str, written: str) -> None:
    from forms.i18n import set_language
    from workflows.replay import _percent

    set_language(language)  # type: ignore[arg-type]
    assert _percent(1 / 3) == written
