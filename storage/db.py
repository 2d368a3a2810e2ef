"""Engine and sessions from the settings: SQLite pragmas, immediate write transactions, migrations."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Connection, CursorResult, Engine, Result, create_engine, event, text
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from forms.files import private_file
from forms.i18n import _
from storage.credentials import needs_keyring, read_password
from storage.errors import (
    DatabaseTooNew,
    StorageError,
    describe_database_error,
    refused_for_privilege,
    too_new_message,
    without_values,
)
from storage.migrations import HEAD
from storage.roles import grant_desk_role, may_not_upgrade_message, owns_audit_trail

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


class Database:
    """Sessions for reading and for writing; a write that fails leaves nothing behind."""

    def __init__(self, url: str, busy_timeout_seconds: float = 5.0) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            try:
                _prepare_sqlite_folder(url)
            except OSError as error:
                raise StorageError(describe_database_error(error, url)) from error
            self.engine = create_engine(url, connect_args={"timeout": busy_timeout_seconds}, hide_parameters=True)
            _use_sqlite_pragmas(self.engine, busy_timeout_seconds)
        else:
            try:
                # hide_parameters: a driver error's text (logged with a traceback) would otherwise list
                # the statement's values, a client's name and phone among them.
                self.engine = create_engine(url, pool_pre_ping=True, pool_size=3, max_overflow=2,
                                            hide_parameters=True)
            except (ArgumentError, NoSuchModuleError, ImportError) as error:
                raise StorageError(_unusable_url_message(url, error)) from error
            if needs_keyring(url):
                _password_from_keyring(self.engine, url)
            from storage.models import partial_indexes_for_postgresql

            partial_indexes_for_postgresql()
        self._thread = threading.local()
        self.read_back: set[int] = set()
        """PostgreSQL: the transactions of this process's writes made in `read_after`, until their
        notices come (storage.changes drops them)."""
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        # SQLite: a write transaction that reads first must take the write lock up front,
        # or it fails at once with "database is locked" under contention.
        self._write = sessionmaker(
            self.engine.execution_options(walkin_write=True), expire_on_commit=False
        )

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._guard(), self._read() as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One transaction, committed at the end of the block or rolled back whole."""
        with self._guard(), self._write() as session, session.begin():
            yield session
            if getattr(self._thread, "read_after", False) and not self.is_sqlite:
                # None: nothing was written (a call next with nobody waiting), so no notice comes.
                xact = session.scalar(text("SELECT pg_current_xact_id_if_assigned()::text"))
                if xact is not None:
                    self.read_back.add(int(xact))

    @contextmanager
    def read_after(self) -> Iterator[None]:
        """The writes in this block (in this thread) are read back by their writer at once (the
        board after a finish): on PostgreSQL their notices (migration 0028) are not told to this
        process's watcher as changes to read again (storage.changes). On SQLite the writer's
        ChangeFeed.caught_up does the same."""
        self._thread.read_after = True
        try:
            yield
        finally:
            self._thread.read_after = False

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as error:
            raise StorageError(describe_database_error(error, self.url)) from without_values(error)

    def upgrade(self, desk_roles: Sequence[str] = (), first_site: str | None = None) -> None:
        """Bring the schema to the newest revision; a database already there is only read. On
        PostgreSQL, `desk_roles` then get the desks' privileges in the same transaction.
        `first_site`: the profile's first site, which the visits from before sites belong to."""
        if desk_roles and self.is_sqlite:
            raise StorageError(_("SQLite has no database roles: --owner-url and --desk-role are for a "
                                 "PostgreSQL server."))
        with self._guard():
            try:
                revision = self.current_revision()
                current = revision == HEAD
                if current and not desk_roles:
                    return
                if not current:
                    _refuse_unknown_revision(revision)
                with self.engine.begin() as connection:
                    if not current:
                        _migrate(connection, first_site)
                    for role in desk_roles:
                        grant_desk_role(connection, role)
            except DBAPIError as error:
                if not refused_for_privilege(error):
                    raise
                # A desk's role may use the tables but never change them: only the owner migrates.
                with self.engine.connect() as connection:
                    raise StorageError(may_not_upgrade_message(connection, self.url)) from error

    def owns_audit_trail(self) -> bool:
        """PostgreSQL: whether this role could empty the audit trail (the one-role set-up)."""
        if self.is_sqlite:
            return False
        with self._guard(), self.engine.connect() as connection:
            return owns_audit_trail(connection)

    def current_revision(self) -> str | None:
        with self.engine.connect() as connection:
            if not self.engine.dialect.has_table(connection, "alembic_version"):
                return None
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def dispose(self) -> None:
        self.engine.dispose()


def _migrate(connection: Connection, first_site: str | None) -> None:
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    config.attributes["first_site"] = first_site
    command.upgrade(config, "head")


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _refuse_unknown_revision(revision: str | None) -> None:
    """A revision this code has no migration for was written by a newer walkin-desk (desks are
    often upgraded one at a time): refuse rather than let Alembic fail with its own words."""
    if revision is None:
        return
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError:
        raise DatabaseTooNew(too_new_message(revision, HEAD)) from None


def _unusable_url_message(url: str, error: Exception) -> str:
    if isinstance(error, ArgumentError) and not isinstance(error, NoSuchModuleError):
        return _("database.url in the settings is not a database URL. For a server write e.g. "
                 "postgresql+psycopg://walkin@db.example/walkin; leave it out for SQLite in the data folder.")
    return _("walkin-desk cannot use the database type {kind} named in database.url. For a PostgreSQL server "
             "write postgresql+psycopg://…; leave database.url out for SQLite in the data folder.").format(
        kind=url.partition("://")[0] or "?")


def _prepare_sqlite_folder(url: str) -> None:
    """The database file is created readable by its owner only; SQLite gives its -wal and -shm
    files the same permissions."""
    path = url.split("///", 1)[-1]
    if path and path != ":memory:" and not path.startswith("file:"):
        private_file(Path(path))


def _password_from_keyring(engine: Engine, url: str) -> None:
    """Each new connection reads the password from the keyring; it is kept nowhere else."""

    @event.listens_for(engine, "do_connect")
    def _on_connect(_dialect, _record, _cargs, cparams) -> None:
        password = read_password(url)
        if password is not None:
            cparams["password"] = password


def _use_sqlite_pragmas(engine: Engine, busy_timeout_seconds: float) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we say BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_seconds * 1000)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        immediate = connection.get_execution_options().get("walkin_write")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def changed_rows(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE changed (a data-changing statement's result is a
    CursorResult, which the ORM's `Session.execute` does not say in its type)."""
    return cast("CursorResult[Any]", result).rowcount
