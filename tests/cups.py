"""A real CUPS scheduler for the tests, private to one run: its own config and spool in a temp
folder, nothing under /etc, and a Generic-PDF printer whose `file:` device keeps each job as sent."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PPD = "lsb/usr/cupsfilters/Generic-PDF_Printer-PDF.ppd"
PRINTER = "WalkinPDF"


@dataclass(frozen=True)
class Cups:
    server: str
    printer: str
    output: Path

    def admin(self, *command: str) -> None:
        """An administrator's command (cupsdisable, cupsenable…) over the local socket, where root
        is known by its credentials (over TCP it is refused)."""
        socket_path = self.output.parent.parent / "run/cups.sock"
        subprocess.run(command, env={**os.environ, "CUPS_SERVER": str(socket_path)}, check=True,
                       capture_output=True)

    def empty(self) -> None:
        """The printer's output file, there and empty: CUPS (2.4.2-3+deb12u10, a security update)
        opens a `file:` device's file without creating or truncating it, so it must exist, and a
        job shorter than the one before would leave that one's tail."""
        self.output.write_bytes(b"")
        self.output.chmod(0o666)

    def wait_for_jobs(self, seconds: float = 20) -> None:
        """Until the queue is empty: the PDF has been written to `output`."""
        deadline = time.monotonic() + seconds
        env = {**os.environ, "CUPS_SERVER": self.server}
        while time.monotonic() < deadline:
            pending = subprocess.run(["lpstat", "-W", "not-completed", "-o", self.printer],
                                     env=env, capture_output=True, text=True).stdout
            if not pending.strip() and self.output.exists() and self.output.stat().st_size:
                return
            time.sleep(0.05)
        raise AssertionError("CUPS did not finish the job")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def private_cups(root: Path) -> Iterator[Cups | None]:
    """A running scheduler with one PDF printer, or None where CUPS is not installed."""
    if not (shutil.which("cupsd") and shutil.which("lpadmin") and shutil.which("lp")):
        yield None
        return
    # CUPS runs its filters as the unprivileged user lp: the folders must be readable to it,
    # and the printer's output folder writable.
    for folder in (root, *(root / f for f in ("etc", "run", "spool", "cache", "state", "log", "out"))):
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o755)
    (root / "out").chmod(0o777)
    port = _free_port()
    (root / "etc/cupsd.conf").write_text(
        f"Listen 127.0.0.1:{port}\nListen {root}/run/cups.sock\nBrowsing No\nLogLevel warn\n"
        "<Location />\n  Order allow,deny\n  Allow localhost\n</Location>\n"
        "<Location /admin>\n  Order allow,deny\n  Allow localhost\n</Location>\n"
    )
    (root / "etc/cups-files.conf").write_text(
        f"ServerRoot {root}/etc\nRequestRoot {root}/spool\nCacheDir {root}/cache\n"
        f"StateDir {root}/state\nTempDir {root}/spool\nAccessLog {root}/log/access_log\n"
        f"ErrorLog {root}/log/error_log\nPageLog {root}/log/page_log\nFileDevice Yes\n"
    )
    daemon = subprocess.Popen(["cupsd", "-f", "-c", f"{root}/etc/cupsd.conf",
                               "-s", f"{root}/etc/cups-files.conf"])
    server = f"127.0.0.1:{port}"
    env = {**os.environ, "CUPS_SERVER": server}
    try:
        deadline = time.monotonic() + 10
        local = {**env, "CUPS_SERVER": f"{root}/run/cups.sock"}
        while any(subprocess.run(["lpstat", "-r"], env=e, capture_output=True).returncode for e in (env, local)):
            if time.monotonic() > deadline:
                raise RuntimeError("the private CUPS scheduler did not start")
            time.sleep(0.05)
        output = root / "out/job.pdf"
        # Over the local socket root is known by its credentials; over TCP lpadmin is refused.
        # On a busy machine the scheduler may answer lpstat before it takes an administrator's
        # request ("Bad file descriptor"): ask again until the start deadline.
        while (added := subprocess.run(["lpadmin", "-p", PRINTER, "-v", f"file:{output}", "-m", PPD, "-E"],
                                       env=local, capture_output=True, text=True)).returncode:
            if time.monotonic() > deadline + 10:
                raise RuntimeError(f"lpadmin failed: {added.stderr}")
            time.sleep(0.2)
        cups = Cups(server, PRINTER, output)
        cups.empty()
        yield cups
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)
