"""Send a PDF to CUPS with `lp`; when no printer answers, keep the PDF in the data folder instead."""

from __future__ import annotations

import errno
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from forms.choices import PrintOutcome
from forms.files import private_folder, write_atomically
from forms.i18n import _


@dataclass(frozen=True)
class PrintResult:
    outcome: PrintOutcome
    printer: str | None = None
    """The queue that took the job ("WalkinPDF-12"), or the printer asked for."""
    path: Path | None = None
    error: str | None = None
    """Why it was saved instead of printed (or neither), in words the worker can act on."""


class NotSaved(Exception):
    """A file could not be written; `message` says why in words the worker can act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def write_error(error: OSError, path: Path) -> str:
    """The reason a file could not be written, for the worker: a full disk said as such."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("The disk is full: {path} could not be written. Free some space, or tell the "
                 "administrator.").format(path=path)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("No permission to write {path}.").format(path=path)
    return _("{path} could not be written: {reason}").format(path=path, reason=error.strerror or error)


def write_pdf(pdf: bytes, path: Path) -> Path:
    """Write a file where the worker asked (`--out`), whole or not at all; NotSaved says why not."""
    try:
        return write_atomically(path, pdf)
    except OSError as error:
        raise NotSaved(write_error(error, path)) from error


def send(
    pdf: bytes,
    title: str,
    stem: str,
    save_root: Path,
    printer: str | None = None,
    copies: int = 1,
    timeout: float = 10.0,
    *,
    day: date,
) -> PrintResult:
    """Print `copies` of `pdf` on `printer` (None: the system default), never waiting past
    `timeout`; on any failure the PDF is saved under save_root/`day`/ and its path returned."""
    lp = shutil.which("lp")
    if lp is None:
        return _saved(pdf, save_root, day, stem, _("CUPS is not installed (no lp command)."), printer)
    command = [lp, "-n", str(copies), "-t", title, *(["-d", printer] if printer else []), "-"]
    try:
        done = subprocess.run(command, input=pdf, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return _saved(pdf, save_root, day, stem, _("The printer did not answer in {seconds} s.").format(
            seconds=int(timeout)), printer)
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip() or done.stdout.decode(errors="replace")
        return _saved(pdf, save_root, day, stem, re.sub(r"^\S*lp: ", "", message.strip()), printer)
    request = re.search(rb"request id is (\S+)", done.stdout)
    return PrintResult(PrintOutcome.PRINTED, printer=request.group(1).decode() if request else printer)


def save(pdf: bytes, save_root: Path, day: date, stem: str, suffix: str = ".pdf") -> Path:
    """Write the file (a PDF, or an export) in the folder of `day` (by the caller's clock),
    readable by the owner only, never over another file, whole or not at all; NotSaved says why
    not (a full disk, say)."""
    folder = save_root
    try:
        private_folder(save_root)
        folder = private_folder(save_root / day.isoformat())
        for number in range(1, 1000):
            path = folder / (f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}")
            try:
                return write_atomically(path, pdf, replace=False)
            except FileExistsError:
                continue
        raise FileExistsError(errno.EEXIST, "too many files of that name", str(folder / stem))
    except OSError as error:
        raise NotSaved(write_error(error, folder)) from error


def forget_saved(save_root: Path, before: date) -> int:
    """Delete the day folders of saved printouts from before `before` (they name clients);
    returns how many files went."""
    removed = 0
    for folder in save_root.glob("????-??-??"):
        try:
            day = date.fromisoformat(folder.name)
        except ValueError:
            continue
        if day < before:
            removed += sum(1 for path in folder.rglob("*") if path.is_file())
            shutil.rmtree(folder)
    return removed


def _saved(pdf: bytes, save_root: Path, day: date, stem: str, error: str, printer: str | None) -> PrintResult:
    try:
        path = save(pdf, save_root, day, stem)
    except NotSaved as not_saved:
        return PrintResult(PrintOutcome.FAILED, printer=printer, error=f"{error} {not_saved.message}")
    return PrintResult(PrintOutcome.SAVED, printer=printer, path=path, error=error)
