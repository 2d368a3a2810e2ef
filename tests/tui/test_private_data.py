"""After a whole session the data folder and the log hold neither the PIN nor the database
password, everything in the data folder is its owner's only, and escape sequences stay inert."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text, update
from sqlalchemy.engine import make_url

from forms.intake import IntakeForm
from forms.settings import Settings
from forms.staff import NewStaff
from storage.models import Visit
from tests.conftest import POSTGRES_URL, FakeClock, _fresh_postgres
from tests.tui.helpers import keys, new_app, screen_text, settle, sign_in, until
from tui.log_file import start_log
from tui.screens import DeskScreen
from tui.screens.lock import LockScreen

PIN = "918273"


def every_file(home: Path) -> list[Path]:
    return [p for p in home.rglob("*") if p.is_file()]


async def a_whole_session(settings: Settings, clock: FakeClock) -> None:
    """Sign in (once wrong), queue and triage a walk-in, print its handouts (saved: no printer),
    lock and unlock, look at the day's summary and save it, and quit."""
    from storage.services import open_services
    from forms.profile import load_profile

    services = open_services(settings.database_url, load_profile(), clock=clock)
    services.staff.add(NewStaff(username="kaisa", display_name="Kaisa Esimerkki", job_title="Ohjaaja",
                                pin=PIN, pin_again=PIN))
    services.close()
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: app.ready)
        await pilot.press(*"kaisa", "enter", *"000000", "enter")
        await settle(pilot)
        app.screen.query_one("#pin").value = ""  # type: ignore[attr-defined]
        await pilot.press(*PIN, "enter")
        await until(pilot, lambda: isinstance(app.screen, DeskScreen))
        await keys(pilot, "n")
        await pilot.press(*"Aino", "enter")
        await settle(pilot)
        await keys(pilot, "escape", "c", "enter", "p")
        await until(pilot, lambda: bool(list((settings.home / "printouts").rglob("*.pdf"))))
        await keys(pilot, "ctrl+l")
        assert isinstance(app.screen, LockScreen)
        await pilot.press(*PIN, "enter")
        await settle(pilot)
        await keys(pilot, "escape", "escape", "y", "s")
        await keys(pilot, "ctrl+q")


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
async def test_no_pin_or_password_in_the_data_folder_and_all_of_it_private(
        database: str, settings: Settings, clock: FakeClock, file_keyring: Path, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    password = None
    if database == "postgresql":
        if not POSTGRES_URL:
            pytest.skip("no PostgreSQL server: set WALKIN_TEST_POSTGRES_URL")
        from storage.credentials import store_password

        url = make_url(_fresh_postgres())
        password = "Salasana-Testi-42x"  # one that cannot turn up by chance, for this test only
    old_umask = os.umask(0o077)  # as main() sets it
    try:
        with _role_password(password) as role:
            if role is not None:
                without = url._replace(username=role, password=None).render_as_string(hide_password=False)
                store_password(without, password)
                settings = settings.model_copy(
                    update={"database": settings.database.model_copy(update={"url": without})})
            log = start_log(settings.home)
            await a_whole_session(settings, clock)
    finally:
        os.umask(old_umask)
    assert log.stat().st_size > 0 and list((settings.home / "printouts").rglob("summary-*.pdf"))
    for path in every_file(settings.home):
        content = path.read_bytes()
        assert PIN.encode() not in content, path
        if password:
            assert password.encode() not in content, path
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in [settings.home, *(p for p in settings.home.rglob("*") if p.is_dir())]:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


@contextmanager
def _role_password(password: str | None) -> Iterator[str | None]:
    """A login role of the test's own with that password, allowed to build the schema (the
    shared test role keeps its password: other runs on the same server use it meanwhile)."""
    if password is None:
        yield None
        return
    url = make_url(POSTGRES_URL or "")
    role = f"walkin_secret_{os.getpid()}"
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(f"DROP ROLE IF EXISTS {role}"))
            connection.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'"))
            connection.execute(text(f"GRANT ALL ON SCHEMA public TO {role}"))
            connection.execute(text(f"GRANT {role} TO {url.username}"))  # to drop what it owns
        yield role
    finally:
        with engine.begin() as connection:
            connection.execute(text(f"DROP OWNED BY {role}"))
            connection.execute(text(f"DROP ROLE {role}"))
        engine.dispose()


async def test_escape_sequences_in_a_name_are_shown_inert(settings: Settings, clock: FakeClock) -> None:
    """A row written by some other program, with a name no form would accept."""
    from tests.tui.helpers import prepared

    services = prepared(settings, clock)
    services.desk.admit(IntakeForm(), services.staff.find("kaisa").id)  # type: ignore[union-attr]
    with services.db.writing() as session:
        session.execute(update(Visit).values(call_name="Ai\x1b[2J\x1b]0;pwned\x07no[b]x[/b]"))
    app = new_app(settings, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, DeskScreen)
        shown = screen_text(app)
    services.close()
    assert "\x1b" not in shown and "\x07" not in shown
    assert "Ai␛[2J␛]0;pwned" in shown and "[b]x[/b]" in shown
