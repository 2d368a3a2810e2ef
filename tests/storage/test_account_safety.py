"""Accounts on SQLite and PostgreSQL: a sign-in answer tells no one which usernames exist, locks
grow, and an account deactivated or demoted while signed in can do nothing more."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, timedelta

import pytest
from alembic import command
from sqlalchemy import text

from forms.choices import StaffRole
from forms.profile import ServiceProfile
from forms.staff import NewStaff, StaffDetails
from storage.db import alembic_config
from storage.errors import StorageError
from storage.services import Services, open_services
from storage.views import StaffMember
from tests.conftest import PIN, FakeClock, add_worker

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


def _new(username: str, role: StaffRole) -> NewStaff:
    return NewStaff(username=username, display_name=username.title(), job_title="Ohjaaja", role=role,
                    pin=PIN, pin_again=PIN)


def _details(who: StaffMember, **changes: object) -> StaffDetails:
    values = {"username": who.username, "display_name": who.display_name, "job_title": who.job_title,
              "role": who.role, **changes}
    return StaffDetails(**values)  # type: ignore[arg-type]
