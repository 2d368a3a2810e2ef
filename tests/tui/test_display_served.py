"""The waiting-room display served to a browser (`walkin display --serve`), in a real headless
Chromium: a call shows on the page, big, with a chime; a repeat call chimes again."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from forms.intake import IntakeForm
from forms.settings import Settings
from forms.timefmt import utc_now
from tests.tui.helpers import prepared

CHROMIUM = shutil.which("chromium") or ""
needs_chromium = pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed (.ci/run installs it)")

# xterm.js draws on a canvas, so the page has no text to read: this finds the page's terminal
# (the only object that binds methods to itself with a `_core` and `_addonManager` as it is made)
# and reads its buffer, line by line.
READ_SCREEN = """
(() => {
  const bind = Function.prototype.bind;
  Function.prototype.bind = function (self, ...rest) {
    if (self && self._core && self._addonManager && !window.walkinTerminal) window.walkinTerminal = self;
    return bind.call(this, self, ...rest);
  };
  window.walkinScreen = () => {
    const buffer = window.walkinTerminal.buffer.active, lines = [];
    for (let row = 0; row < buffer.length; row++) lines.push(buffer.getLine(row).translateToString(true));
    return lines.join("\\n");
  };
})();
"""


def _shows(page, text: str, seconds: float = 15) -> str:  # type: ignore[no-untyped-def]
    """Wait until the served screen shows `text`; the screen, or a failure that shows it."""
    deadline = time.monotonic() + seconds
    screen = ""
    while time.monotonic() < deadline:
        screen = page.evaluate("window.walkinTerminal ? window.walkinScreen() : ''")
        if text in screen:
            return str(screen)
        page.wait_for_timeout(200)
    raise AssertionError(f"{text!r} not on the served display in {seconds} s:\n{screen}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served(settings: Settings, tmp_path: Path) -> Iterator[str]:
    """`walkin display --serve` on a free port, on this test's own data folder: its address."""
    with serving(tmp_path) as address:
        yield address


@contextmanager
def serving(tmp_path: Path, *options: str) -> Iterator[str]:
    """`walkin display --serve` with `options` (`--site ID`) on a free port: its address."""
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "tui.cli", "display", *options, "--serve", f"127.0.0.1:{port}"],
                              stdout=log, stderr=subprocess.STDOUT, env=os.environ.copy(), start_new_session=True)
    try:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        # The server and the display processes it started for the page: one group of their own.
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


@needs_chromium
def test_a_call_shows_big_in_the_browser_with_a_chime_and_a_repeat_call_chimes_again(
        settings: Settings, served: str, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extras")
    services = prepared(settings, utc_now)
    kaisa = services.staff.find("kaisa")
    assert kaisa is not None
    aino = services.desk.admit(IntakeForm(call_name="Aino"), kaisa.id)
    services.desk.admit(IntakeForm(), kaisa.id)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--autoplay-policy=no-user-gesture-required"])
        try:
            page = browser.new_page(viewport={"width": 1920, "height": 1080})  # a 1080p television
            page.add_init_script(READ_SCREEN)
            page.goto(served)
            _shows(page, "Jonossa: 2", 30)
            assert page.evaluate("window.walkinChimes") == 0  # what was there before is no news
            # Sized to the screen: about 26 lines of 40 px, so the three-line digits are 12 cm on a
            # 43" television, readable across the room.
            assert page.evaluate("window.walkinTerminal.rows") <= 28
            assert int(page.evaluate("window.walkinTerminal.options.fontSize")) >= 36

            services.desk.call(aino.id, kaisa.id)
            screen = _shows(page, "A001")
            page.wait_for_function("() => window.walkinChimes === 1", timeout=5_000)
            assert "Jonossa: 1" in screen and "Aino" not in screen, screen  # names only if the profile says
            page.screenshot(path=tmp_path / "display-called.png")

            services.desk.call_again(aino.id, kaisa.id)
            _shows(page, "Toistokutsu")
            page.wait_for_function("() => window.walkinChimes === 2", timeout=5_000)
            page.screenshot(path=tmp_path / "display-called-again.png")
        finally:
            browser.close()
    services.close()


def test_serve_takes_host_and_port_and_says_what_it_needs(capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main
    from tui.display_serve import host_and_port

    assert host_and_port("0.0.0.0:8080") == ("0.0.0.0", 8080)
    assert host_and_port(":8080") == ("0.0.0.0", 8080)
    assert host_and_port("[::1]:8080") == ("::1", 8080)
    assert main(["display", "--serve", "tv"]) == 1
    assert "--serve tarvitsee muodon OSOITE:PORTTI" in capsys.readouterr().err
