"""The shared server's database password, kept in the OS keyring and read when a connection opens:
never in a settings file, an environment variable, a log or an error message."""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url

from forms.i18n import _
from storage.errors import StorageError

SERVICE = "walkin-desk"
PLAINTEXT_BACKENDS = ("PlaintextKeyring",)


def needs_keyring(url: str) -> bool:
    """A server URL without a password of its own: the password comes from the keyring."""
    parsed = make_url(url)
    return not parsed.drivername.startswith("sqlite") and parsed.password is None


def password_in_url(url: str) -> bool:
    parsed = make_url(url)
    return not parsed.drivername.startswith("sqlite") and parsed.password is not None


def keyring_account(url: str | URL) -> str:
    """The keyring entry: user, server and database, e.g. walkin@db.example:5432/walkin."""
    parsed = make_url(url)
    return f"{parsed.username}@{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database}"


def read_password(url: str | URL) -> str | None:
    keyring = _keyring()
    try:
        return keyring.get_password(SERVICE, keyring_account(url))
    except keyring.errors.KeyringError as error:
        raise StorageError(no_keyring_message(error)) from None


def store_password(url: str, password: str) -> str:
    """Keep the password; returns the name of the keyring backend that holds it."""
    keyring = _keyring()
    try:
        keyring.set_password(SERVICE, keyring_account(url), password)
    except keyring.errors.KeyringError as error:
        raise StorageError(no_keyring_message(error)) from None
    return backend_name()


def backend_name() -> str:
    keyring = _keyring()
    return type(keyring.get_keyring()).__name__


def is_plaintext_backend() -> bool:
    return backend_name() in PLAINTEXT_BACKENDS


def no_keyring_message(error: Exception) -> str:
    return _(
        "The database password is kept in the OS keyring, and no usable keyring was found ({error}). "
        "On a desktop, unlock GNOME Keyring or KWallet (the Secret Service). On a machine without one, "
        "install a keyring backend and choose it with PYTHON_KEYRING_BACKEND. Then store the password "
        "with: walkin db set-password"
    ).format(error=type(error).__name__)


def _keyring():
    """The keyring module with its backend loaded. A backend that cannot be loaded (a misspelt
    PYTHON_KEYRING_BACKEND) raises whatever import raised; it becomes a sentence here."""
    # keyring takes ~40 ms to import: only servers need it, SQLite desks never load it.
    import os

    import keyring
    import keyring.errors

    try:
        keyring.get_keyring()
    except Exception as error:
        raise StorageError(_(
            "The keyring backend cannot be loaded ({error}). Correct PYTHON_KEYRING_BACKEND (now: {name}) or "
            "remove it; e.g. keyring.backends.SecretService.Keyring for GNOME Keyring or KWallet."
        ).format(error=type(error).__name__, name=os.environ.get("PYTHON_KEYRING_BACKEND", "—"))) from None
    return keyring
