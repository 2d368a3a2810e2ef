"""Accounts on SQLite and PostgreSQL: lockout after five wrong PINs, the last administrator,
the administrator's changes, and the audit trail they all leave."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, text, update

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, StaffRole
from forms.intake import IntakeForm
from forms.profile import ServiceProfile
from storage.audit import COMMAND_LINE
from storage.errors import StorageError
from storage.models import AuditEvent
from storage.presence import HEARTBEAT
from storage.services import Services, open_services
from storage.views import StaffMember
from tests.conftest import PIN, TUESDAY_MORNING, FakeClock, add_worker
from tests.scenarios import new_staff, staff_details


def actions(services: Services, **where: object) -> list[str]:
    return [row.action.value for row in reversed(services.audit.events(AuditQuery(**where)))]  # type: ignore[arg-type]


def test_five_wrong_pins_lock_the_account_for_five_minutes_across_a_restart(
        services: Services, worker: StaffMember, clock: FakeClock, db_url: str, profile: ServiceProfile) -> None:
    for _ in range(4):
        with pytest.raises(StorageError, match="Väärä käyttäjätunnus tai PIN"):
            services.staff.sign_in("kaisa", "0000", "desk-1")
    with pytest.raises(StorageError, match=r"lukittu klo 10\.05 asti"):
        services.staff.sign_in("kaisa", "0000", "desk-1")
    restarted = open_services(db_url, profile, clock=clock)
    try:
        with pytest.raises(StorageError, match="lukittu"):  # the right PIN is not even tried
            restarted.staff.sign_in("kaisa", PIN, "desk-1")
        clock.now += timedelta(minutes=5, seconds=1)
        assert restarted.staff.sign_in("kaisa", PIN, "desk-1")[0].id == worker.id
    finally:
        restarted.close()
    assert actions(services) == ["staff_added", *["sign_in_refused"] * 4, "account_locked", "sign_in"]


def test_a_right_pin_resets_the_count(services: Services, worker: StaffMember) -> None:
    for _ in range(4):
        with pytest.raises(StorageError):
            services.staff.check_pin("kaisa", "0000")
    services.staff.check_pin("kaisa", PIN)
    for _ in range(4):
        with pytest.raises(StorageError, match="Väärä"):
            services.staff.check_pin("kaisa", "0000")


def test_nobody_can_deactivate_or_demote_the_last_admin(services: Services) -> None:
    admin = services.staff.add(new_staff("paula", StaffRole.ADMIN))
    desk = add_worker(services)
    with pytest.raises(StorageError, match="viimeinen ylläpitäjä"):
        services.staff.set_active(admin.id, False, by=admin.id)
    with pytest.raises(StorageError, match="viimeinen ylläpitäjä"):
        services.staff.change(admin.id, staff_details(admin, role=StaffRole.DESK), by=admin.id)
    services.staff.change(desk.id, staff_details(desk, role=StaffRole.ADMIN), by=admin.id)
    assert not services.staff.set_active(admin.id, False, by=desk.id).active
    with pytest.raises(StorageError, match="Väärä"):
        services.staff.check_pin("paula", PIN)
    assert services.staff.set_active(admin.id, True, by=desk.id).active


def test_reset_pin_lifts_a_lock_and_the_old_pin_stops_working(services: Services, worker: StaffMember) -> None:
    for _ in range(5):
        with pytest.raises(StorageError):
            services.staff.check_pin("kaisa", "0000")
    services.staff.reset_pin(worker.id, "5917")
    assert services.staff.check_pin("kaisa", "5917").id == worker.id
    with pytest.raises(StorageError, match="Väärä"):
        services.staff.check_pin("kaisa", PIN)


def test_a_username_stays_unique_on_change(services: Services, worker: StaffMember) -> None:
    olli = add_worker(services, "olli", "Olli Testinen")
    with pytest.raises(StorageError, match="on jo käytössä"):
        services.staff.change(olli.id, staff_details(olli, username="kaisa"))


def test_every_view_change_print_and_export_is_audited(services: Services, worker: StaffMember) -> None:
    desk = services.desk
    visit = desk.admit(IntakeForm(call_name="Aino"), worker.id)
    desk.visit(visit.id, viewer=worker.id)
    desk.visit(visit.id)  # a re-read for the program's own use is not a view
    desk.call(visit.id, worker.id)
    desk.start(visit.id, worker.id)
    desk.record_print(visit.id, "brochure", "sv", 1, "printed", "WalkinPDF", None, None, worker.id)
    desk.return_to_queue(visit.id, worker.id)
    desk.mark_left(visit.id, worker.id)
    services.audit.add(COMMAND_LINE, AuditAction.EXPORT, detail="summary 2026-11-24 csv")
    rows = list(reversed(services.audit.events(AuditQuery(ticket="a001"))))
    assert [r.action.value for r in rows] == ["admit", "view", "call", "start", "print", "requeue", "left"]
    assert {(r.username, r.workstation, r.ticket) for r in rows} == {("kaisa", "desk-1", "A001")}
    assert rows[4].detail == "brochure sv x1 printed"
    export = services.audit.events(AuditQuery(action=AuditAction.EXPORT))
    assert [(e.username, e.actor is not None and e.actor.startswith("cli:")) for e in export] == [(None, True)]
    assert "Aino" not in repr(services.audit.events(AuditQuery()))
    assert actions(services, username="olli") == []


def test_audit_events_cannot_be_changed_or_deleted(services: Services, worker: StaffMember) -> None:
    statements = [update(AuditEvent).values(action="view"), delete(AuditEvent)]
    if not services.db.is_sqlite:  # even the tables' owner cannot empty it (SQLite has no TRUNCATE)
        statements.append(text("TRUNCATE audit_event"))
    for statement in statements:
        with pytest.raises(StorageError), services.db.writing() as session:
            session.execute(statement)
    assert actions(services) == ["staff_added"]
    with services.db.reading() as session:
        assert session.scalar(text("SELECT count(*) FROM audit_event")) == 1


def test_a_killed_desk_stops_counting_within_seconds(services: Services, worker: StaffMember,
                                                      clock: FakeClock) -> None:
    """Olli's desk was killed (no sign-out, no more heartbeats); Kaisa's desk keeps beating. When
    Kaisa signs out 20 s later she is the last one: the end-of-day summary is hers."""
    add_worker(services, "olli", "Olli Esimerkki")
    services.staff.sign_in("olli", PIN, "desk-2")
    _member, kaisa = services.staff.sign_in("kaisa", PIN, "desk-1")
    for _beat in range(4):
        clock.now += HEARTBEAT
        services.staff.heartbeat(kaisa)
    assert clock.now - TUESDAY_MORNING <= timedelta(seconds=20)
    assert services.staff.sign_out(kaisa) == 0


def test_a_desk_that_beats_keeps_counting(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    add_worker(services, "olli", "Olli Esimerkki")
    _member, olli = services.staff.sign_in("olli", PIN, "desk-2")
    _member, kaisa = services.staff.sign_in("kaisa", PIN, "desk-1")
    for _beat in range(60):  # five minutes at the desk
        clock.now += HEARTBEAT
        services.staff.heartbeat(olli)
        services.staff.heartbeat(kaisa)
    clock.now += HEARTBEAT * 2  # one heartbeat late: a busy moment
    assert services.staff.sign_out(kaisa) == 1
