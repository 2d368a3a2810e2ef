"""The app's log: $WALKIN_HOME/logs/walkin.log, owner-only, a few rotated files. It records
errors and starts, never form contents, PINs or passwords."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from forms.files import private_file


def start_log(home: Path) -> Path:
    path = private_file(home / "logs" / "walkin.log")
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("walkin")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path
