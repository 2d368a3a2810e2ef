"""Owner-only folders and files, for everything that may name a client: the data folder, the
database, saved printouts, exports and the log."""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path


def private_folder(path: Path, tighten: bool = True) -> Path:
    """Create the folder (and its parents) if missing, for its owner only. `tighten`: also make
    an existing one owner-only; only for the app's own folders, never for one it was merely
    pointed into (the folder of a database file may be shared, or be /tmp)."""
    existed = path.is_dir()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if tighten or not existed:
        path.chmod(0o700)
    return path


def private_file(path: Path) -> Path:
    """Create the file empty if missing; either way, only its owner may read it. Its folder is
    created owner-only when missing and left as it is otherwise."""
    private_folder(path.parent, tighten=False)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
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
