"""Errors the desk can show as they are: every message is in the UI language, with no traceback."""

from __future__ import annotations

from forms.i18n import _


class StorageError(Exception):
    """Something the worker must know; nothing half-done was saved."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TransitionRefused(StorageError):
    """The visit is no longer where the worker saw it (another desk got there first)."""


class AccountRevoked(StorageError):
    """The signed-in worker's account was deactivated, or lost the administrator's role, since the
    sign-in: nothing was done, and the desk signs them out."""

    def __init__(self, message: str, staff_id: int) -> None:
        super().__init__(message)
        self.staff_id = staff_id


class DayFull(StorageError):
    """All of the day's ticket numbers are taken."""


class DatabaseTooNew(StorageError):
    """The database's schema is from a newer walkin-desk than this one."""


def without_values(error: BaseException) -> BaseException:
    """`error` with the driver's message cut to its first line, and returned: PostgreSQL's DETAIL
    ("Failing row contains (…)") would quote a client's name and phone in any traceback logged
    (SQLAlchemy's own parameters are hidden by the engines' `hide_parameters`). The error stays
    what it was, so callers still tell an IntegrityError from others by its `__cause__`."""
    orig = getattr(error, "orig", None)
    if orig is not None and orig.args:
        diag = getattr(orig, "diag", None)
        primary = getattr(diag, "message_primary", None) or str(orig.args[0]).split("\n", 1)[0]
        orig.args = (primary, *orig.args[1:])
        if isinstance(error.args[0], str):  # SQLAlchemy keeps the driver's words in its own message too
            module, kind = type(orig).__module__, type(orig).__name__
            error.args = (f"({module}.{kind}) {primary}", *error.args[1:])
    return error


def describe_database_error(error: BaseException, url: str) -> str:
    """A sentence for the worker from a driver error; never includes a password. Only what the
    driver actually said is claimed: a password is "refused" only when the server refused it."""
    text = str(getattr(error, "orig", error)).lower()
    if refused_for_privilege(error):
        return _("The database role {role} is not allowed to do this. Ask the database administrator to grant "
                 "it the desks' privileges with: walkin db upgrade --owner-url … --desk-role {role}").format(
            role=_role(url))
    if _disk_full(error, text):
        return _("The disk where the database is kept is full, so nothing was saved. Tell the administrator: "
                 "space must be freed on it.")
    if "readonly" in text or "read-only" in text:
        return _("The database is read-only, so nothing can be saved. Ask for write access to: {where}").format(
            where=_safe(url)
        )
    if "locked" in text or "busy" in text:
        return _("The database is busy at another desk or program. Nothing was saved; try again in a moment.")
    if "unable to open" in text or isinstance(error, OSError):
        return _("Cannot open the database file: {where}").format(where=_safe(url))
    if "not a database" in text or "malformed" in text:
        return _("The database file is damaged or not a database: {where}").format(where=_safe(url))
    if "password authentication failed" in text:
        return _("The database server refused the password. Store the right one in the keyring with: "
                 "walkin db set-password")
    if "no password supplied" in text:
        return _("The database server asks for a password, and the keyring has none for {account}. Store it "
                 "with: walkin db set-password").format(account=_account(url))
    if "failed to resolve host" in text or "could not translate host name" in text:
        return _("The database server {host} is not found: its name is unknown. Check database.url in the "
                 "settings and the network.").format(host=_host(url))
    if "does not exist" in text and "database" in text:
        return _("The database server has no database by the name in the settings ({where}). Check "
                 "database.url.").format(where=_safe(url))
    if _option_refused(text):
        # A connection option the driver or the server does not accept (sslmode=bogus, …): the
        # driver's own words name it; they never contain the password.
        return _("The database connection in the settings is not accepted: {detail}. Check database.url.").format(
            detail=_first_line(error))
    if "connection" in text or "server" in text or "timeout" in text or "could not" in text:
        return _("The database server does not answer, so nothing was saved. Try again when the connection "
                 "is back.")
    return _("The database refused the change. Nothing was saved.")


def refused_for_privilege(error: BaseException) -> bool:
    """PostgreSQL said "permission denied" (SQLSTATE 42501, whatever the server's language), or found
    no schema it may use (3F000: the role has no USAGE on it)."""
    return getattr(getattr(error, "orig", error), "sqlstate", None) in ("42501", "3F000")


def _role(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).username or "?"


def too_new_message(revision: str, newest_known: str) -> str:
    return _("This database was upgraded by a newer walkin-desk (schema {revision}; this one knows up to "
             "{known}). Update walkin-desk on this workstation.").format(revision=revision, known=newest_known)


def where_is(url: str) -> str:
    """The database a desk uses, for the worker and the administrator: the SQLite file, or the
    server, port and database with the user name (never a password or other options)."""
    if url.startswith("sqlite"):
        return _("SQLite file {path}").format(path=_safe(url))
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:  # the start-failed screen says what is wrong with it
        return _safe(url)
    return _("server {host}:{port}, database {database}, user {user}").format(
        host=parsed.host or "localhost", port=parsed.port or 5432, database=parsed.database or "?",
        user=parsed.username or "?")


def _disk_full(error: BaseException, text: str) -> bool:
    """SQLite: "database or disk is full"; PostgreSQL: SQLSTATE 53100, "No space left on device"."""
    orig = getattr(error, "orig", error)
    return (getattr(orig, "sqlstate", None) == "53100" or "disk is full" in text
            or "no space left" in text or getattr(orig, "errno", None) == 28)


def _option_refused(text: str) -> bool:
    return (text.startswith("connection is bad") or "connection option" in text or "uri query parameter" in text
            or "does not support ssl" in text or "sslmode" in text)


def _first_line(error: BaseException) -> str:
    text = str(getattr(error, "orig", error)).strip().splitlines()
    return text[0].removeprefix("connection is bad: ") if text else "?"


def _account(url: str) -> str:
    from storage.credentials import keyring_account

    return keyring_account(url)


def _host(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).host or "localhost"


def _safe(url: str) -> str:
    """The URL without any password, for messages and logs."""
    if url.startswith("sqlite"):
        return url.split("///", 1)[-1]
    scheme, _sep, rest = url.partition("://")
    host = rest.rsplit("@", 1)[-1].split("?", 1)[0]
    return f"{scheme}://{host}"
