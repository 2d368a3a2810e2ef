"""Send a PDF to CUPS with `lp`; when no printer answers, keep the PDF in the data folder instead."""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from forms.choices import PrintOutcome
from forms.files import private_folder, write_atomically
from forms.i18n import _

log = logging.getLogger("walkin")


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
        done = subprocess.run(command, input=pdf, capture_output=True, timeout=timeout, check=False,
                              env=_untranslated())
    except subprocess.TimeoutExpired:
        return _saved(pdf, save_root, day, stem, _("The printer did not answer in {seconds} s.").format(
            seconds=int(timeout)), printer)
    if done.returncode != 0:
        said = (done.stderr.decode(errors="replace").strip() or done.stdout.decode(errors="replace")).strip()
        log.warning("lp refused a job for %s: %s", printer or "the default printer", said)
        return _saved(pdf, save_root, day, stem, _refusal(said, printer, timeout), printer)
    request = re.search(rb"request id is (\S+)", done.stdout)
    job = request.group(1).decode() if request else printer
    queue = job.rsplit("-", 1)[0] if request and job else printer
    if queue and _paused(queue, timeout):
        # The job stays in the queue and comes out when someone resumes the printer: the worker
        # is told so, and has the PDF to hand meanwhile.
        return _saved(pdf, save_root, day, stem, _(
            "The printer {printer} is paused: the job waits in its queue and prints when the printer "
            "is resumed.").format(printer=queue), job)
    return PrintResult(PrintOutcome.PRINTED, printer=job)


def _untranslated() -> dict[str, str]:
    """CUPS's tools in English, whatever the desk's locale: their words are read here and logged,
    and the worker is told in the desk's language."""
    return {**os.environ, "LC_ALL": "C", "LANG": "C"}


def _lpstat(timeout: float, *arguments: str) -> str:
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return ""
    try:
        return subprocess.run([lpstat, *arguments], capture_output=True, text=True, timeout=timeout,
                              check=False, env=_untranslated()).stdout
    except subprocess.TimeoutExpired:
        return ""


def _paused(queue: str, timeout: float) -> bool:
    """Whether CUPS holds the queue's jobs: a printer disabled (cupsdisable, or stopped by an
    error) accepts jobs but prints none."""
    return bool(re.search(rf"^printer {re.escape(queue)} disabled", _lpstat(timeout, "-p", queue), re.M))


def _refusal(said: str, printer: str | None, timeout: float) -> str:
    """Why `lp` refused, in the desk's language (CUPS's own words go to the log)."""
    if "scheduler is not running" in _lpstat(timeout, "-r"):
        return _("The print service (CUPS) does not answer.")
    if "No default destination" in said:
        return _("No default printer is set: name one in the desk's settings (printer), or ask the administrator.")
    if "does not exist" in said or "Unknown destination" in said:
        return _("The printer {printer} does not exist.").format(printer=printer or "")
    if "not accepting jobs" in said:
        return _("The printer {printer} does not accept jobs.").format(printer=printer or "")
    return _("The printer refused the job (the log has CUPS's message).")


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
