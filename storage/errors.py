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


class DayFull(StorageError):
    """All of the day's ticket numbers are taken."""


def describe_database_error(error: BaseException, url: str) -> str:
    """A sentence for the worker from a driver error; never includes a password."""
    text = str(getattr(error, "orig", error)).lower()
    if refused_for_privilege(error):
        return _("The database role {role} is not allowed to do this. Ask the database administrator to grant "
                 "it the desks' privileges with: walkin db upgrade --owner-url … --desk-role {role}").format(
            role=_role(url))
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
    if "password" in text and ("authentication" in text or "no password" in text):
        return _("The database server did not accept the password. Store the right one in the keyring with: "
                 "walkin db set-password")
    if "connection" in text or "server" in text or "timeout" in text or "could not" in text:
        return _("The database server does not answer. Nothing was saved; the app retries.")
    return _("The database refused the change. Nothing was saved.")


def refused_for_privilege(error: BaseException) -> bool:
    """PostgreSQL said "permission denied" (SQLSTATE 42501, whatever the server's language), or found
    no schema it may use (3F000: the role has no USAGE on it)."""
    return getattr(getattr(error, "orig", error), "sqlstate", None) in ("42501", "3F000")


def _role(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).username or "?"


def _safe(url: str) -> str:
    """The URL without any password, for messages and logs."""
    if url.startswith("sqlite"):
        return url.split("///", 1)[-1]
    scheme, _sep, rest = url.partition("://")
    host = rest.rsplit("@", 1)[-1]
    return f"{scheme}://{host}"
