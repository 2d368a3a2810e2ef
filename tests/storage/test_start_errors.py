"""What storage says when it cannot start or cannot save: a newer database, a URL or driver it
cannot use, a keyring backend that does not load, a full disk, and connection faults told apart
(the password is "refused" only when the server refused it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event, make_url

from forms.i18n import set_language
from forms.profile import ServiceProfile
from storage.db import Database
from storage.errors import DatabaseTooNew, StorageError, describe_database_error
from storage.migrations import HEAD
from storage.services import open_services
from tests.conftest import POSTGRES_URL, add_worker
from tests.scenarios import stamp


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def test_a_database_upgraded_by_a_newer_version_is_refused_and_left_alone(db_url: str,
                                                                          profile: ServiceProfile) -> None:
    services = open_services(db_url, profile)
    add_worker(services)
    services.close()
    stamp(db_url, "0099_from_the_future")
    with pytest.raises(DatabaseTooNew) as refused:
        open_services(db_url, profile)
    assert refused.value.message == (
        f"This database was upgraded by a newer walkin-desk (schema 0099_from_the_future; this one knows up to "
        f"{HEAD}). Update walkin-desk on this workstation.")
    database = Database(db_url)
    assert database.current_revision() == "0099_from_the_future"  # nothing was migrated or stamped
    database.dispose()


@pytest.mark.parametrize(("url", "said"), [
    ("nonsense", "database.url in the settings is not a database URL."),
    ("postgresql+nosuchdriver://walkin@db.example/walkin", "cannot use the database type postgresql+nosuchdriver"),
    ("mysql://walkin@db.example/walkin", "cannot use the database type mysql"),
])
def test_a_url_or_driver_that_cannot_be_used_is_named(url: str, said: str) -> None:
    with pytest.raises(StorageError) as refused:
        Database(url)
    assert said in refused.value.message


def test_a_misspelt_keyring_backend_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyrin")
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)  # loaded afresh, from the variable
    database = Database("postgresql+psycopg://walkin@127.0.0.1:1/walkin")
    with pytest.raises(StorageError) as refused:
        database.upgrade()
    database.dispose()
    assert "The keyring backend cannot be loaded (AttributeError)" in refused.value.message
    assert "PYTHON_KEYRING_BACKEND (now: keyrings.alt.file.PlaintextKeyrin)" in refused.value.message


def test_a_full_disk_says_the_disk_is_full(tmp_path: Path, profile: ServiceProfile) -> None:
    services = open_services(f"sqlite:///{tmp_path / 'walkin.db'}", profile)

    @event.listens_for(services.db.engine, "connect")
    def _no_room_to_grow(connection, _record) -> None:  # type: ignore[no-untyped-def]
        # SQLite's own "database or disk is full" (SQLITE_FULL), as on a full disk.
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")

    services.db.engine.dispose()
    with pytest.raises(StorageError) as refused:
        for number in range(500):
            add_worker(services, f"worker{number}", "Testi Työntekijä " * 3)
    services.close()
    assert refused.value.message.startswith("The disk where the database is kept is full")


def test_a_full_disk_on_the_server_says_so_too() -> None:
    from psycopg import errors

    error = errors.DiskFull('could not extend file "base/16384/2619": No space left on device')
    message = describe_database_error(error, "postgresql+psycopg://walkin@db.example/walkin")
    assert message.startswith("The disk where the database is kept is full")


def failure(url: str) -> str:
    database = Database(url)
    try:
        with pytest.raises(StorageError) as refused:
            database.upgrade()
    finally:
        database.dispose()
    return refused.value.message


def test_a_bad_connection_option_is_not_called_a_refused_password() -> None:
    message = failure("postgresql+psycopg://walkin:walkin@127.0.0.1:1/walkin?sslmode=bogus")
    assert message == ('The database connection in the settings is not accepted: invalid sslmode value: "bogus". '
                       "Check database.url.")


def test_an_unknown_server_name_is_not_called_a_refused_password() -> None:
    message = failure("postgresql+psycopg://walkin:walkin@no-such-server.invalid/walkin")
    assert message.startswith("The database server no-such-server.invalid is not found")


def test_a_server_that_does_not_answer_promises_no_retry() -> None:
    message = failure("postgresql+psycopg://walkin:walkin@127.0.0.1:1/walkin")
    assert message == ("The database server does not answer, so nothing was saved. Try again when the connection "
                       "is back.")


@pytest.mark.skipif(not POSTGRES_URL, reason="no PostgreSQL server: set WALKIN_TEST_POSTGRES_URL")
def test_only_the_server_refusing_the_password_says_so() -> None:
    assert POSTGRES_URL
    url = make_url(POSTGRES_URL)
    wrong = url._replace(password="not-the-password").render_as_string(hide_password=False)
    assert failure(wrong).startswith("The database server refused the password.")
    missing = url._replace(database="walkin_no_such_database").render_as_string(hide_password=False)
    assert failure(missing).startswith("The database server has no database by the name in the settings")
