"""A client's name and phone, typed at the desk, stay in the visit's own fields: never in the audit
trail (every column searched), the app's log or any other file of the data folder, even when the
database refuses a step and the printer refuses a job."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from textual.pilot import Pilot
from textual.widgets import Input

from forms.choices import VisitStatus
from forms.settings import Settings
from storage.services import Services
from tests.conftest import FakeClock
from tests.cups import Cups
from tests.tui.helpers import keys, notices, settle, signed_in, until
from tui.app import WalkinApp
from tui.log_file import log_path, start_log
from tui.screens import DeskScreen, IntakeScreen, TriageScreen

CLIENT, PHONE = "Venla Vuorinen", "+358 40 000 0177"
SECOND, SECOND_PHONE = "Oiva Odottaja", "+358 40 000 0178"
OUTSIDE, OUTSIDE_PHONE = "Ulla Ulkopuolinen", "+358 40 000 0202"


def forms_of(value: str) -> list[str]:
    """The text as typed, and a phone's digits alone (as a log line might carry them)."""
    digits = "".join(c for c in value if c.isdigit())
    return [value, digits] if len(digits) > 6 else [value]


SECRETS = [form for value in (CLIENT, PHONE, SECOND, SECOND_PHONE, OUTSIDE, OUTSIDE_PHONE) for form in forms_of(value)]


async def type_into(pilot: Pilot[None], field: str, value: str) -> None:
    app = pilot.app
    app.screen.query_one(f"#field-{field} Input", Input).focus()
    await pilot.press(*value)


async def admit(pilot: Pilot[None], name: str, phone: str) -> None:
    """n, the name and the phone typed, F2."""
    await keys(pilot, "n")
    await type_into(pilot, "call_name", name)
    await type_into(pilot, "callback_phone", phone)
    await keys(pilot, "f2")


async def finish_naming_an_outside_worker(pilot: Pilot[None], app: WalkinApp) -> None:
    await keys(pilot, "c", "f", "space")  # guidance
    await type_into(pilot, "worker_name", OUTSIDE)
    await type_into(pilot, "organisation", "Kela")
    await type_into(pilot, "phone", OUTSIDE_PHONE)
    await keys(pilot, "f2", "o")  # the feedback instruction given another way


def audit_text(services: Services) -> str:
    with services.db.reading() as session:
        rows = session.execute(text("SELECT * FROM audit_event")).all()
    assert len(rows) > 5
    return "\n".join(repr(tuple(row)) for row in rows)


def with_database(settings: Settings, url: str) -> Settings:
    return settings.model_copy(update={"database": settings.database.model_copy(update={"url": url})})


async def test_the_audit_trail_holds_no_name_or_phone_typed_at_the_desk(
        settings: Settings, clock: FakeClock, db_url: str) -> None:
    async with signed_in(with_database(settings, db_url), clock) as (pilot, app, services):
        await admit(pilot, CLIENT, PHONE)
        await until(pilot, lambda: isinstance(app.screen, TriageScreen))
        await keys(pilot, "escape")
        await finish_naming_an_outside_worker(pilot, app)
        await keys(pilot, "n")  # no memo now
        visit = services.desk.visit(services.desk.find_today("A001") or 0)
        assert (visit.entry.call_name, visit.callback_phone, visit.entry.status) == (
            CLIENT, PHONE, VisitStatus.FINISHED)
        assert [(w.name, w.phone) for w in visit.workers] == [(OUTSIDE, OUTSIDE_PHONE)]
        trail = audit_text(services)
    assert "'admit'" in trail and "'finish'" in trail
    for secret in SECRETS:
        assert secret not in trail


@contextmanager
def database_refusing(services: Services, url: str) -> Iterator[None]:
    """Another program holds SQLite's write lock; PostgreSQL's database turns read-only and the
    desk's connections are cut (they come back read-only). Everything as it was afterwards."""
    engine = create_engine(url)
    try:
        if services.db.is_sqlite:
            with engine.connect() as connection:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                yield
                connection.exec_driver_sql("ROLLBACK")
        else:
            database = make_url(url).database
            with engine.begin() as connection:
                connection.execute(text(f"ALTER DATABASE {database} SET default_transaction_read_only = on"))
                connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                        "datname = current_database() AND pid <> pg_backend_pid()"))
            try:
                yield
            finally:
                with engine.begin() as connection:
                    connection.execute(text("SET TRANSACTION READ WRITE"))
                    connection.execute(text(f"ALTER DATABASE {database} SET default_transaction_read_only = off"))
                    connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                            "datname = current_database() AND pid <> pg_backend_pid()"))
    finally:
        engine.dispose()


async def test_errors_leave_no_client_data_in_the_log_or_the_data_folder(
        settings: Settings, clock: FakeClock, db_url: str, cups: Cups) -> None:
    settings = with_database(settings, db_url).model_copy(update={
        "printer": cups.printer, "database": settings.database.model_copy(update={
            "url": db_url, "busy_timeout_seconds": 0.3})})
    log = start_log(settings.home)
    cups.admin("cupsreject", cups.printer)
    try:
        async with signed_in(settings, clock) as (pilot, app, services):
            await admit(pilot, CLIENT, PHONE)
            await until(pilot, lambda: isinstance(app.screen, TriageScreen))
            await keys(pilot, "escape")
            with database_refusing(services, db_url):
                await admit(pilot, SECOND, SECOND_PHONE)
                await until(pilot, lambda: "tallen" in notices(app).lower())  # "not saved"
                assert isinstance(app.screen, IntakeScreen)
            await keys(pilot, "f2")  # tried again once the database takes it: saved, nothing lost
            await until(pilot, lambda: isinstance(app.screen, TriageScreen))
            await keys(pilot, "escape")
            await until(pilot, lambda: isinstance(app.screen, DeskScreen))
            assert sorted(e.call_name or "" for e in services.desk.snapshot().entries) == [SECOND, CLIENT]
            await finish_naming_an_outside_worker(pilot, app)
            await keys(pilot, "enter")  # the memo now: the printer refuses it, the PDF is kept
            await until(pilot, lambda: any(h.outcome == "saved" for h in services.desk.visit(
                services.desk.find_today("A001") or 0).handouts))
            await settle(pilot)
    finally:
        cups.admin("cupsaccept", cups.printer)
    said = log.read_text(encoding="utf-8")
    assert "lp refused a job" in said  # the errors were there to leak
    files = [p for p in settings.home.rglob("*") if p.is_file() and not p.name.startswith("walkin.db")]
    assert log_path(settings.home) in files
    for path in files:
        content = path.read_bytes()
        for secret in SECRETS:
            assert secret.encode() not in content, (path, secret)
