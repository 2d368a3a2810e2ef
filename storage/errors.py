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


def describe_database_error(error: BaseException, url: str) -> str:
    """A sentence for the worker from a driver error; never includes a password."""
    text = str(getattr(error, "orig", error)).lower()
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


def _safe(url: str) -> str:
    """The URL without any password, for messages and logs."""
    if url.startswith("sqlite"):
        return url.split("///", 1)[-1]
    scheme, _sep, rest = url.partition("://")
    host = rest.rsplit("@", 1)[-1]
    return f"{scheme}://{host}"
