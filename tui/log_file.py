"""The app's log: $WALKIN_HOME/logs/walkin.log, owner-only, a few rotated files. It records
errors and starts, never form contents, PINs or passwords."""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from forms.files import private_file


def log_path(home: Path) -> Path:
    return home / "logs" / "walkin.log"


def start_log(home: Path) -> Path:
    """Log to the data folder's file (once: a second call for the same file adds nothing)."""
    path = private_file(log_path(home))
    logger = logging.getLogger("walkin")
    if any(getattr(h, "baseFilename", None) == os.path.abspath(path) for h in logger.handlers):
        return path
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path
