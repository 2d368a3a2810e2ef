"""Owner-only folders and files, for everything that may name a client: the data folder, the
database, saved printouts, exports and the log."""

from __future__ import annotations

import os
from pathlib import Path


def private_folder(path: Path) -> Path:
    """Create the folder (and its parents) if missing; either way, only its owner may enter it."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(0o700)
    return path


def private_file(path: Path) -> Path:
    """Create the file empty if missing; either way, only its owner may read it."""
    private_folder(path.parent)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    path.chmod(0o600)
    return path
