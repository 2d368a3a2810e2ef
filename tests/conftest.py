"""Each test gets its own data folder, a fixed clock, and real databases: SQLite always,
PostgreSQL when WALKIN_TEST_POSTGRES_URL names a server (.ci/run always does). Under pytest-xdist
each worker has a PostgreSQL database of its own (the named one with `_gw0`, `_gw1`… appended)."""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from forms.i18n import set_language
from forms.profile import ServiceProfile, load_profile
from forms.settings import Settings
from forms.staff import NewStaff
from forms.timefmt import HELSINKI
from storage.services import Services, open_services
from storage.views import StaffMember
from tests.cups import Cups, private_cups

XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
"""gw0, gw1… in a worker of `pytest -n`; None in a plain run."""


def _own_database(url: str | None) -> str | None:
    """The test database of this process: the named one, or under xdist the worker's own beside it,
    so two workers never empty each other's schema."""
    if not url or not XDIST_WORKER:
        return url
    named = make_url(url)
    return named.set(database=f"{named.database}_{XDIST_WORKER}").render_as_string(hide_password=False)


POSTGRES_URL = _own_database(os.environ.get("WALKIN_TEST_POSTGRES_URL"))
PIN = "4826"
"""Every test account's fictional PIN (trivial ones such as 1234 are refused)."""
TUESDAY_MORNING = datetime(2026, 11, 24, 10, 0, tzinfo=HELSINKI)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = TUESDAY_MORNING) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float) -> datetime:
        self.now += timedelta(minutes=minutes)
        return self.now


def pytest_report_header() -> str:
    if POSTGRES_URL:
        return "PostgreSQL tests: on"
    return "PostgreSQL tests: SKIPPED, set WALKIN_TEST_POSTGRES_URL to a server to run them"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "alone: under pytest-xdist no other test runs meanwhile")
    if POSTGRES_URL and XDIST_WORKER:
        _create_database(POSTGRES_URL)


def _create_database(url: str) -> None:
    """Make the worker's database where it is missing (the role needs CREATEDB; .ci/run gives it)."""
    wanted = make_url(url)
    admin = create_engine(make_url(os.environ["WALKIN_TEST_POSTGRES_URL"]), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            if connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                 {"name": wanted.database}):
                return
            if not connection.scalar(text("SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user")):
                pytest.exit(f"the role in WALKIN_TEST_POSTGRES_URL needs CREATEDB for the database "
                            f"{wanted.database} of test worker {XDIST_WORKER}: ALTER ROLE … CREATEDB", 3)
            connection.execute(text(f'CREATE DATABASE "{wanted.database}"'))
    finally:
        admin.dispose()


@pytest.fixture(autouse=True)
def _alone(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Under xdist, a test marked `alone` runs with no other test beside it (it stops the PostgreSQL
    server, or loads the machine with desk processes of its own): it holds a lock that every other
    test, on every worker, holds shared while it runs."""
    if not XDIST_WORKER:
        yield
        return
    path = tmp_path_factory.getbasetemp().parent / "alone.lock"  # one folder for the run's workers
    exclusive = request.node.get_closest_marker("alone") is not None
    with open(path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    home = tmp_path / "home"
    monkeypatch.setenv("WALKIN_HOME", str(home))
    # The desk does not start unnamed (the waiting-room display shows the name to clients).
    monkeypatch.setenv("WALKIN_WORKSTATION", "desk-1")
    # The example profile has two sites: a workstation without one would stop at the site picker
    # of a first start (tests/tui/test_site_choice.py takes it away to see that).
    monkeypatch.setenv("WALKIN_SITE", "keskusta")
    for name in ("WALKIN_LANGUAGE", "WALKIN_PROFILE", "WALKIN_SETTINGS", "WALKIN_DATABASE__URL"):
        monkeypatch.delenv(name, raising=False)
    # No test prints on the machine's own printers (a desk has a default one): `lp` asks a
    # scheduler that is not there, unless the test takes the private one (`cups`).
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-cups-here.sock"))
    for name in ("LPDEST", "PRINTER"):
        monkeypatch.delenv(name, raising=False)
    set_language("fi")
    yield
    set_language("fi")


@pytest.fixture(autouse=True)
def _steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inputs do not blink: a snapshot would otherwise depend on the moment it was taken."""
    from textual.widgets import Input

    created = Input.__init__

    def steady(self: Input, *args: object, **kwargs: object) -> None:
        created(self, *args, **kwargs)  # type: ignore[arg-type]
        self.cursor_blink = False

    monkeypatch.setattr(Input, "__init__", steady)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def file_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A real keyring backend (keyrings.alt's file), in this test's own folder: the folder."""
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    folder = tmp_path / "keyring"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    before = keyring.get_keyring()
    keyring.set_keyring(PlaintextKeyring())
    yield folder
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A machine with no usable keyring: keyring's own "fail" backend."""
    import keyring
    from keyring.backends.fail import Keyring as Failing

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    before = keyring.get_keyring()
    keyring.set_keyring(Failing())
    yield
    keyring.set_keyring(before)


@pytest.fixture(scope="session")
def profile() -> ServiceProfile:
    return load_profile()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home", workstation="desk-1", site="keskusta")


def _fresh_postgres() -> str:
    assert POSTGRES_URL
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return POSTGRES_URL


@dataclass(frozen=True)
class TwoRoles:
    """A fresh schema owned by `owner`, and a `desk` role with no privileges yet; URLs with passwords."""

    owner: str
    desk: str
    owner_url: str
    desk_url: str


@pytest.fixture
def two_roles() -> Iterator[TwoRoles]:
    """An owner role and a desk role made for this test on the real server, dropped at the end.
    The test URL's role needs CREATEROLE (.ci/run gives it)."""
    if not POSTGRES_URL:
        pytest.skip("no PostgreSQL server: set WALKIN_TEST_POSTGRES_URL")
    _fresh_postgres()
    tag = uuid.uuid4().hex[:8]
    owner, desk = f"walkin_t{tag}_owner", f"walkin_t{tag}_desk"
    passwords = {owner: f"Omistaja-{uuid.uuid4().hex}", desk: f"Vastaanotto-{uuid.uuid4().hex}"}
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        if not connection.scalar(text("SELECT rolcreaterole FROM pg_roles WHERE rolname = current_user")):
            pytest.fail("the role in WALKIN_TEST_POSTGRES_URL needs CREATEROLE: ALTER ROLE … CREATEROLE")
        for role in (owner, desk):
            connection.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD '{passwords[role]}'"))
            # Membership lets the test's role hand the schema over, and clean up after.
            connection.execute(text(f"GRANT {role} TO current_user"))
        # As `createdb --owner` does on PostgreSQL 15: the database's owner owns the public schema.
        connection.execute(text(f"ALTER SCHEMA public OWNER TO {owner}"))
    url = make_url(POSTGRES_URL)
    urls = [url.set(username=role, password=passwords[role]).render_as_string(hide_password=False)
            for role in (owner, desk)]
    try:
        yield TwoRoles(owner, desk, urls[0], urls[1])
    finally:
        with admin.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
            connection.execute(text(f"DROP OWNED BY {owner}, {desk}"))
            connection.execute(text(f"DROP ROLE {owner}, {desk}"))
        admin.dispose()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite database at the newest schema, made once per run: a test copies the file rather
    than running every migration again."""
    from storage.db import Database

    path = tmp_path_factory.mktemp("template") / "walkin.db"
    database = Database(f"sqlite:///{path}")
    database.upgrade()
    database.dispose()
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database for the test: a copy of the migrated SQLite file, or the emptied PostgreSQL one
    (the code under test migrates it, as a desk's first start does)."""
    if request.param == "sqlite":
        path = tmp_path / "walkin.db"
        shutil.copyfile(request.getfixturevalue("migrated_sqlite"), path)
        return f"sqlite:///{path}"
    if not POSTGRES_URL:
        pytest.skip("no PostgreSQL server: set WALKIN_TEST_POSTGRES_URL")
    return _fresh_postgres()


@pytest.fixture
def services(db_url: str, profile: ServiceProfile, clock: FakeClock) -> Iterator[Services]:
    opened = open_services(db_url, profile, clock=clock, workstation="desk-1")
    yield opened
    opened.close()


def add_worker(services: Services, username: str = "kaisa", name: str = "Kaisa Esimerkki") -> StaffMember:
    return services.staff.add(
        NewStaff(username=username, display_name=name, job_title="Työkykykoordinaattori",
                 phone="+358 40 000 0101", pin=PIN, pin_again=PIN)
    )


ADMIN_PIN = "5827"


def add_admin(services: Services, username: str = "paula") -> StaffMember:
    """An administrator; on the command line: `--admin paula`, PIN ADMIN_PIN."""
    return services.staff.add(
        NewStaff(username=username, display_name="Paula Pääkäyttäjä", job_title="Palveluvastaava",
                 role="admin", pin=ADMIN_PIN, pin_again=ADMIN_PIN)
    )


@pytest.fixture
def worker(services: Services) -> StaffMember:
    return add_worker(services)


@pytest.fixture(scope="session")
def cups_server() -> Iterator[Cups]:
    """A real, private CUPS scheduler with a PDF printer (.ci/run installs CUPS). Its folder is
    not under pytest's owner-only temp root: CUPS filters run as the user lp."""
    with tempfile.TemporaryDirectory(prefix="walkin-cups-") as root, private_cups(Path(root)) as cups:
        if cups is None:
            pytest.skip("CUPS is not installed: apt-get install cups cups-client cups-filters")
        yield cups


@pytest.fixture
def cups(cups_server: Cups, monkeypatch: pytest.MonkeyPatch) -> Cups:
    """The private scheduler for this test, its output file emptied."""
    monkeypatch.setenv("CUPS_SERVER", cups_server.server)
    cups_server.empty()
    return cups_server
