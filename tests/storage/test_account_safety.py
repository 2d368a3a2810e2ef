"""Accounts on SQLite and PostgreSQL: a sign-in answer tells no one which usernames exist, locks
grow, and an account deactivated or demoted while signed in can do nothing more."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, timedelta

import pytest
from alembic import command
from sqlalchemy import func, select, text

from forms.audit_query import AuditQuery
from forms.choices import AuditAction, StaffRole, VisitStatus
from forms.intake import IntakeForm
from forms.profile import ServiceProfile
from storage.audit import Actor
from storage.db import alembic_config
from storage.errors import AccountRevoked, StorageError
from storage.models import Visit
from storage.services import Services, open_services
from storage.views import StaffMember
from tests.conftest import PIN, FakeClock, add_worker
from tests.scenarios import new_staff, staff_details

WRONG = "9182"


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[int, int, int, int]]]:
    """The cost (n, r, p, length) of every scrypt run, in order: the real function still runs."""
    runs: list[tuple[int, int, int, int]] = []
    real = hashlib.scrypt

    def counted(password: bytes, *, salt: bytes, n: int, r: int, p: int, dklen: int = 64, **kw: int) -> bytes:
        runs.append((n, r, p, dklen))
        return real(password, salt=salt, n=n, r=r, p=p, dklen=dklen, **kw)

    monkeypatch.setattr(hashlib, "scrypt", counted)
    yield runs


def refusal(services: Services, username: str, pin: str = WRONG) -> str:
    with pytest.raises(StorageError) as refused:
        services.staff.check_pin(username, pin)
    return refused.value.message


def test_unknown_and_deactivated_names_run_the_same_hash_and_get_the_same_answer(
        services: Services, worker: StaffMember, hashes: list[tuple[int, int, int, int]]) -> None:
    gone = add_worker(services, "olli", "Olli Testinen")
    services.staff.set_active(gone.id, False)
    services.staff.check_pin("kaisa", PIN)
    account_cost = hashes[-1]
    hashes.clear()
    answers = {name: refusal(services, name) for name in ("kaisa", "nobody", "olli")}
    assert hashes == [account_cost] * 3  # one hash each, of an account's cost, known or not
    assert set(answers.values()) == {"Väärä käyttäjätunnus tai PIN-koodi."}
    assert refusal(services, "olli", PIN) == answers["kaisa"]  # a deactivated account's own PIN too


def test_an_unknown_name_locks_exactly_like_a_known_one_across_a_restart(
        services: Services, worker: StaffMember, db_url: str, profile: ServiceProfile, clock: FakeClock,
        hashes: list[tuple[int, int, int, int]]) -> None:
    answers = {name: [refusal(services, name) for _ in range(6)] for name in ("kaisa", "nobody")}
    assert answers["kaisa"] == answers["nobody"]
    assert answers["kaisa"][3] == "Väärä käyttäjätunnus tai PIN-koodi."
    assert "lukittu klo 10.05 asti" in answers["kaisa"][4] == answers["kaisa"][5]
    assert len(hashes) == 2 * 5  # while locked no PIN is tried, for either
    restarted = open_services(db_url, profile, clock=clock)
    try:
        assert refusal(restarted, "nobody") == refusal(restarted, "kaisa", PIN)
    finally:
        restarted.close()


def test_locks_grow_and_a_right_pin_after_one_starts_again(
        services: Services, worker: StaffMember, db_url: str, profile: ServiceProfile, clock: FakeClock) -> None:
    def lock() -> str:
        for _ in range(4):
            refusal(services, "kaisa")
        return refusal(services, "kaisa")

    assert "klo 10.05 asti" in lock()
    clock.advance(6)  # 10.06
    assert "klo 10.21 asti" in lock()
    clock.advance(16)  # 10.22
    assert "klo 11.22 asti" in lock()
    clock.advance(61)  # 11.23: the fourth lock is four hours, and so is every one after it
    assert "klo 15.23 asti" in lock()
    clock.advance(241)  # 15.24
    assert "klo 19.24 asti" in lock()
    restarted = open_services(db_url, profile, clock=clock)
    try:
        assert "klo 19.24 asti" in refusal(restarted, "kaisa", PIN)  # remembered by the database
        clock.advance(241)  # 19.25
        assert restarted.staff.check_pin("kaisa", PIN).id == worker.id
    finally:
        restarted.close()
    assert "klo 19.30 asti" in lock()  # back to five minutes


def test_a_new_pin_from_an_administrator_lifts_the_lock_and_the_growth(
        services: Services, worker: StaffMember, clock: FakeClock) -> None:
    for _ in range(2):
        for _ in range(5):
            refusal(services, "kaisa")
        clock.advance(6)
    services.staff.reset_pin(worker.id, "5917")
    for _ in range(4):
        refusal(services, "kaisa")
    assert "klo 10.17 asti" in refusal(services, "kaisa")  # 10.12 + 5 min, not 60


def test_an_account_added_after_its_name_was_tried_starts_unlocked(services: Services) -> None:
    for _ in range(5):
        refusal(services, "kaisa")
    worker = add_worker(services)
    assert services.staff.check_pin("kaisa", PIN).id == worker.id


def test_a_lock_made_before_the_upgrade_still_holds(db_url: str, profile: ServiceProfile, clock: FakeClock) -> None:
    services = open_services(db_url, profile, clock=clock)
    add_worker(services)
    with services.db.engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
        connection.execute(text("UPDATE staff SET failed_pins = 2, locked_until = :until"),
                           {"until": (clock() + timedelta(minutes=3)).astimezone(UTC).replace(tzinfo=None)})
    services.close()
    services = open_services(db_url, profile, clock=clock)
    try:
        assert "lukittu klo 10.03 asti" in refusal(services, "kaisa", PIN)
    finally:
        services.close()


# ----------------------------------------------------- powers taken away ---
def visits(services: Services) -> int:
    with services.db.reading() as session:
        return session.scalar(select(func.count()).select_from(Visit)) or 0


def test_a_deactivated_worker_can_do_nothing_more(services: Services, worker: StaffMember) -> None:
    admin = services.staff.add(new_staff("paula", StaffRole.ADMIN))
    olli = add_worker(services, "olli", "Olli Testinen")
    waiting = services.desk.admit(IntakeForm(call_name="Aino"), olli.id)
    _member, desk_session = services.staff.sign_in("kaisa", PIN, "desk-1")
    services.staff.set_active(worker.id, False, by=admin.id)
    desk = services.desk
    for step in (lambda: desk.admit(IntakeForm(call_name="Eelis"), worker.id),
                 lambda: desk.call_next(worker.id),
                 lambda: desk.start(waiting.id, worker.id),
                 lambda: desk.visit(waiting.id, viewer=worker.id),
                 lambda: services.drafts.save(worker.id, "intake", {"call_name": "Eelis"}),
                 lambda: services.audit.add(Actor(worker.id, "desk-1"), AuditAction.EXPORT, detail="summary")):
        with pytest.raises(AccountRevoked, match="Tunnuksesi on poistettu käytöstä") as refused:
            step()
        assert refused.value.staff_id == worker.id
    with pytest.raises(AccountRevoked):
        services.staff.standing(worker.id, admin=False)
    assert visits(services) == 1 and desk.snapshot().entries[0].status is VisitStatus.WAITING
    assert services.drafts.load(worker.id, "intake") is None
    theirs = [e.action.value for e in services.audit.events(AuditQuery(username="kaisa"))]
    assert theirs == ["sign_in"]  # nothing after it (the deactivation is paula's)
    services.staff.sign_out(desk_session)  # the desk can still sign her out


def test_a_demoted_administrator_loses_the_accounts_but_keeps_the_desk(services: Services, worker: StaffMember) -> None:
    paula = services.staff.add(new_staff("paula", StaffRole.ADMIN))
    eeva = services.staff.add(new_staff("eeva", StaffRole.ADMIN))
    services.staff.change(paula.id, staff_details(paula, role=StaffRole.DESK), by=eeva.id)
    staff = services.staff
    for step in (lambda: staff.all_members(by=paula.id),
                 lambda: staff.add(new_staff("olli", StaffRole.DESK), by=paula.id),
                 lambda: staff.change(worker.id, staff_details(worker, role=StaffRole.ADMIN), by=paula.id),
                 lambda: staff.set_active(eeva.id, False, by=paula.id),
                 lambda: staff.reset_pin(worker.id, "5917", by=paula.id),
                 lambda: services.audit.events(AuditQuery(), by=paula.id),
                 lambda: staff.standing(paula.id, admin=True)):
        with pytest.raises(AccountRevoked, match="Et ole enää ylläpitäjä"):
            step()
    assert staff.find("olli") is None and staff.find("eeva").active  # type: ignore[union-attr]
    assert staff.find("kaisa").role == StaffRole.DESK  # type: ignore[union-attr]
    staff.standing(paula.id, admin=False)
    assert services.desk.admit(IntakeForm(), paula.id).ticket == "A001"
    assert len(staff.all_members(by=eeva.id)) == 3
