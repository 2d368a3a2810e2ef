"""The two PostgreSQL roles on the real server: the owner migrates; the desks' role does a desk's whole
work but cannot empty, rewrite or unprotect the audit trail, nor migrate."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from forms.audit_query import AuditQuery
from forms.intake import IntakeForm
from forms.outcome import Outcome
from forms.profile import ServiceProfile
from storage.audit import COMMAND_LINE
from storage.changes import open_feed
from storage.db import Database, alembic_config
from storage.errors import StorageError
from storage.migrations import HEAD
from storage.services import Services, open_services
from tests.conftest import PIN, FakeClock, TwoRoles, add_worker

TAMPERING = (
    "UPDATE audit_event SET detail = 'nothing happened'",
    "DELETE FROM audit_event",
    "TRUNCATE audit_event",
    "ALTER TABLE audit_event DISABLE TRIGGER ALL",
    "ALTER TABLE audit_event DISABLE TRIGGER audit_event_is_final",
    "DROP TRIGGER audit_event_is_final ON audit_event",
    "DROP TRIGGER audit_event_is_not_truncated ON audit_event",
    "DROP TABLE audit_event",
    "ALTER TABLE audit_event RENAME TO audit_event_old",
    ("CREATE OR REPLACE FUNCTION audit_event_is_final() RETURNS trigger LANGUAGE plpgsql "
     "AS $$ BEGIN RETURN OLD; END $$"),
    "UPDATE alembic_version SET version_num = '0001'",
)


def upgrade_command(roles: TwoRoles) -> str:
    """What a desk tells to run: the owner's URL without a password, and the desk's role."""
    owner = make_url(roles.owner_url)
    where = f"{owner.host}:{owner.port}" if owner.port else owner.host
    return (f"walkin db upgrade --owner-url postgresql+psycopg://{roles.owner}@{where}/{owner.database} "
            f"--desk-role {roles.desk}")


def owner_upgrades(roles: TwoRoles, *desk_roles: str) -> None:
    db = Database(roles.owner_url)
    try:
        db.upgrade(desk_roles)
    finally:
        db.dispose()


@pytest.fixture
def desk(two_roles: TwoRoles, profile: ServiceProfile, clock: FakeClock) -> Iterator[Services]:
    """A desk connected as the desks' role, after the owner migrated and granted it."""
    owner_upgrades(two_roles, two_roles.desk)
    opened = open_services(two_roles.desk_url, profile, clock=clock, workstation="desk-1")
    yield opened
    opened.close()


def audit_count(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.scalar(text("SELECT count(*) FROM audit_event")))
    finally:
        engine.dispose()


def test_the_desk_role_cannot_empty_rewrite_or_unprotect_the_audit_trail(two_roles: TwoRoles, desk: Services) -> None:
    worker = add_worker(desk)
    desk.desk.admit(IntakeForm(call_name="Aino"), worker.id)
    before = audit_count(two_roles.desk_url)
    assert before >= 2
    engine = create_engine(two_roles.desk_url)
    try:
        for statement in TAMPERING:
            with pytest.raises(DBAPIError), engine.begin() as connection:
                connection.execute(text(statement))
    finally:
        engine.dispose()
    assert audit_count(two_roles.owner_url) == before
    with desk.db.reading() as session:
        assert session.scalar(text("SELECT version_num FROM alembic_version")) == HEAD


def test_even_the_owner_cannot_truncate_the_audit_trail_without_dropping_a_trigger(two_roles: TwoRoles) -> None:
    owner_upgrades(two_roles)
    engine = create_engine(two_roles.owner_url)
    try:
        with pytest.raises(DBAPIError, match="audit events cannot be changed"), engine.begin() as connection:
            connection.execute(text("TRUNCATE audit_event"))
    finally:
        engine.dispose()


def test_the_desk_role_does_a_desks_whole_work(two_roles: TwoRoles, desk: Services, profile: ServiceProfile,
                                              clock: FakeClock) -> None:
    worker = add_worker(desk)
    _member, session_id = desk.staff.sign_in("kaisa", PIN, "desk-1")
    other = open_services(two_roles.desk_url, profile, clock=clock, workstation="desk-2")
    feed = open_feed(desk.db)  # LISTEN as the desks' role
    try:
        visit = other.desk.admit(IntakeForm(call_name="Aino"), worker.id)  # NOTIFY from the other desk
        assert feed.wait(5)
        assert desk.desk.call_next(worker.id).id == visit.id
        desk.desk.start(visit.id, worker.id)
        clock.advance(20)
        desk.desk.finish(visit.id, Outcome(actions=frozenset({"guidance"})), worker.id)
        desk.desk.record_print(visit.id, "feedback", "fi", 1, "printed", "WalkinPDF-1", None, None, worker.id)
        desk.staff.sign_out(session_id)
        day = clock().date()
        clock.advance(60 * 24 * 40)
        desk.reports.prepare()  # past days' tallies, written by the desk
        assert desk.reports.summary(day).finished == 1
        assert desk.retention.purge(30, COMMAND_LINE).visits == 1
    finally:
        feed.close()
        other.close()
    actions = {str(e.action) for e in desk.audit.events(AuditQuery())}
    assert {"admit", "call", "start", "finish", "print", "sign_in", "sign_out", "purge"} <= actions
    # The purge of the audit trail's own old events runs as the desks' role too (on every start).
    assert desk.retention.purge(30, COMMAND_LINE, audit_keep_days=35).audit_events >= 5


def test_a_table_a_later_migration_adds_is_the_desks_at_once(two_roles: TwoRoles) -> None:
    owner_upgrades(two_roles, two_roles.desk)
    owner = create_engine(two_roles.owner_url)
    desk = create_engine(two_roles.desk_url)
    try:
        with owner.begin() as connection:
            connection.execute(text("CREATE TABLE later_table (id serial PRIMARY KEY, note text)"))
        with desk.begin() as connection:
            connection.execute(text("INSERT INTO later_table (note) VALUES ('ok')"))
            assert connection.scalar(text("SELECT count(*) FROM later_table")) == 1
    finally:
        owner.dispose()
        desk.dispose()


def test_a_desk_that_finds_the_schema_out_of_date_says_who_can_upgrade(two_roles: TwoRoles,
                                                                      profile: ServiceProfile) -> None:
    owner_upgrades(two_roles, two_roles.desk)
    owner = Database(two_roles.owner_url)
    try:
        with owner.engine.begin() as connection:  # as after installing a newer walkin-desk
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "0007")
    finally:
        owner.dispose()
    with pytest.raises(StorageError) as refused:
        open_services(two_roles.desk_url, profile)
    assert refused.value.message == (
        f"Tietokannan rakenne pitää päivittää, eikä tämän työpisteen tietokantarooli ({two_roles.desk}) saa "
        f"tehdä sitä. Pyydä tietokannan ylläpitäjää ajamaan omistajaroolina: {upgrade_command(two_roles)}")
    owner_upgrades(two_roles, two_roles.desk)
    open_services(two_roles.desk_url, profile).close()


def test_a_role_never_granted_is_told_what_to_ask_for(two_roles: TwoRoles, profile: ServiceProfile) -> None:
    owner_upgrades(two_roles)
    told = (f"Tämän työpisteen tietokantaroolille ({two_roles.desk}) ei ole annettu vastaanoton oikeuksia. "
            f"Pyydä tietokannan ylläpitäjää ajamaan omistajaroolina: {upgrade_command(two_roles)}")
    for schema_open_to_all in (False, True):  # hardened, then as PostgreSQL 15 makes it
        if schema_open_to_all:
            with create_engine(two_roles.owner_url).begin() as connection:
                connection.execute(text("GRANT USAGE ON SCHEMA public TO PUBLIC"))
        with pytest.raises(StorageError) as refused:
            open_services(two_roles.desk_url, profile)
        assert refused.value.message == told


def test_a_privilege_taken_away_later_is_named(two_roles: TwoRoles, desk: Services) -> None:
    worker = add_worker(desk)
    with create_engine(two_roles.owner_url).begin() as connection:
        connection.execute(text(f"REVOKE INSERT ON visit FROM {two_roles.desk}"))
    with pytest.raises(StorageError) as refused:
        desk.desk.admit(IntakeForm(), worker.id)
    assert refused.value.message == (
        f"Tietokantarooli {two_roles.desk} ei saa tehdä tätä. Pyydä tietokannan ylläpitäjää antamaan sille "
        f"vastaanoton oikeudet komennolla: walkin db upgrade --owner-url … --desk-role {two_roles.desk}")


def test_only_a_role_of_its_own_is_granted(two_roles: TwoRoles) -> None:
    for role, says in ((two_roles.owner, "omistaa taulut"), ("walkin_nobody_here", "Palvelimella ei ole")):
        with pytest.raises(StorageError, match=says):
            owner_upgrades(two_roles, role)
    owner_upgrades(two_roles, two_roles.desk)
    db = Database(two_roles.desk_url)  # the desk cannot hand its privileges on
    try:
        with pytest.raises(StorageError, match=f"Rooli {two_roles.desk} ei omista tauluja"):
            db.upgrade([two_roles.owner])
    finally:
        db.dispose()


def test_sqlite_has_no_roles(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = Database(f"sqlite:///{tmp_path / 'walkin.db'}")
    try:
        with pytest.raises(StorageError, match="SQLitessa ei ole tietokantarooleja"):
            db.upgrade(["walkin_desk"])
        db.upgrade()
        assert db.current_revision() == HEAD and not db.owns_audit_trail()
    finally:
        db.dispose()
