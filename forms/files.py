"""Owner-only folders and files, for everything that may name a client: the data folder, the
database, saved printouts, exports and the log; and the check that the data folder is usable."""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import suppress
from pathlib import Path

from forms.i18n import _


class FolderUnusable(Exception):
    """The data folder cannot be used; `message` says why and what to do, in one line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def private_folder(path: Path, tighten: bool = True) -> Path:
    """Create the folder (and its parents) if missing, for its owner only. `tighten`: also make
    an existing one owner-only; only for the app's own folders, never for one it was merely
    pointed into (the folder of a database file may be shared, or be /tmp), and never for one
    that belongs to another user (root can chmod anything: a folder it tightened would stay)."""
    existed = path.is_dir()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if (tighten or not existed) and _mine(path):
        path.chmod(0o700)
    return path


def private_file(path: Path) -> Path:
    """Create the file empty if missing; either way, only its owner may read it. Its folder is
    created owner-only when missing and left as it is otherwise."""
    private_folder(path.parent, tighten=False)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    if _mine(path):
        path.chmod(0o600)
    return path


def write_atomically(path: Path, data: bytes, replace: bool = True) -> Path:
    """Write `data` to a hidden temporary file beside `path`, flush it to disk, then give it its
    name: a crash or a full disk leaves the old file or none, never a partial one. The file is
    for its owner only. `replace=False`: FileExistsError rather than over an existing file.
    Raises OSError (errno ENOSPC on a full disk); the temporary file is gone either way."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if replace:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # refuses an existing name, where a rename would overwrite it
    finally:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
    return path


def usable_data_folder(home: Path) -> Path:
    """Create the data folder owner-only if missing, and make sure this user can write in it
    and in what the app keeps there; raise FolderUnusable with one line saying what to do."""
    existing = next((p for p in (home, *home.parents) if os.path.lexists(p)), None)
    if existing is not None and not existing.is_dir():
        raise FolderUnusable(_("The data folder {home} cannot be used: {path} is a file, not a folder. Move the "
                               "file away, or set WALKIN_HOME to a folder.").format(home=home, path=existing))
    if existing is not None and os.geteuid() == 0 and existing.stat().st_uid != 0:
        # Whatever root made there would lock the folder's owner out later.
        owner = _owner(existing)
        raise FolderUnusable(_("walkin runs as root, but the data folder {home} belongs to {owner}: start it as "
                               "{owner}, not as root.").format(home=home, owner=owner))
    try:
        private_folder(home, tighten=False)  # an existing one is left as its owner set it
    except OSError as error:
        raise FolderUnusable(_cannot_write(home, existing or home, error)) from None
    for path in _kept_in(home):
        if not os.access(path, os.W_OK | (os.X_OK if path.is_dir() else 0)):
            raise FolderUnusable(_cannot_write(home, path, None))
    return home


def _kept_in(home: Path) -> list[Path]:
    """What the app writes in the data folder, where it exists: one left behind by another user
    (a run as root) would fail later, in the middle of the day."""
    kept = [home / name for name in ("logs", "printouts", "exports", "walkin.db", "walkin.db-wal", "walkin.db-shm")]
    kept += [inner for folder in kept[:3] for inner in _listed(folder)]
    return [home, *(path for path in kept if os.path.lexists(path))]


def _listed(folder: Path) -> list[Path]:
    """The folder's entries; none when it is missing or cannot be read (it fails the check itself)."""
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _cannot_write(home: Path, path: Path, error: OSError | None) -> str:
    me = _user(os.geteuid())
    if (error is not None and error.errno == errno.EROFS) or _read_only_disk(path):
        return _("The data folder {home} is on a read-only disk: set WALKIN_HOME to a folder that can be "
                 "written.").format(home=home)
    try:
        owner = _owner(path)
    except OSError:
        owner = me
    if not home.is_dir():
        return _("The data folder {home} cannot be created: {path} belongs to {owner} and {me} cannot write in it. "
                 "Create the folder for {me}, or set WALKIN_HOME to a folder {me} can write in.").format(
            home=home, path=path, owner=owner, me=me)
    if owner != me:
        hint = _(" (Was walkin run once as root?)") if owner == "root" else ""
        return _("walkin cannot write in {path}: it belongs to {owner}. Give the data folder back to {me}, e.g. "
                 "chown -R {me} {home}.").format(path=path, owner=owner, me=me, home=home) + hint
    return _("walkin cannot write in {path}: it is read-only for {me}. Allow writing (chmod u+rwX), or set "
             "WALKIN_HOME to another folder.").format(path=path, me=me)


def _read_only_disk(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _mine(path: Path) -> bool:
    return path.stat().st_uid == os.geteuid()


def _owner(path: Path) -> str:
    return _user(path.stat().st_uid)


def _user(uid: int) -> str:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)
