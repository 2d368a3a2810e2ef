"""`walkin display --serve HOST:PORT`: the waiting-room display served to a browser (a TV on the
wall) with textual-serve; each page runs its own read-only display process."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from forms.i18n import _

TEMPLATES = Path(__file__).parent / "display_web"
"""Our page instead of textual-serve's: it plays the display's bell as a chime, sizes the text to
the screen, and finds the server from the address the TV used (not the one it listens on)."""


class BadAddress(ValueError):
    """--serve was not HOST:PORT."""


def host_and_port(address: str) -> tuple[str, int]:
    """HOST:PORT (HOST may be empty for every interface) as a host and a port number."""
    host, sep, port = address.rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        raise BadAddress(_("--serve needs HOST:PORT, e.g. 0.0.0.0:8080 (got {address}).").format(
            address=address))
    return host.strip("[]") or "0.0.0.0", int(port)


def display_command(global_args: list[str], display_args: Sequence[str] = ()) -> str:
    """The shell command each browser page starts: this Python, the display, the same options."""
    return shlex.join([sys.executable, "-m", "tui.cli", *global_args, "display", *display_args])


def serve(address: str, global_args: list[str], title: str, display_args: Sequence[str] = ()) -> None:
    """Serve the display until Ctrl+C."""
    from textual_serve.server import Server

    host, port = host_and_port(address)
    shown = _("<address of this computer>") if host in ("0.0.0.0", "::") else host
    started = _("The waiting-room display is served at http://{host}:{port}/ - open it in the TV's browser. "
                "Ctrl+C stops it.").format(host=shown, port=port)

    class DisplayServer(Server):
        async def on_startup(self, app: object) -> None:
            # One line in the desk's language instead of textual-serve's logo and command line.
            print(started, flush=True)

    DisplayServer(display_command(global_args, display_args), host=host, port=port, title=title,
                  templates_path=TEMPLATES).serve()
