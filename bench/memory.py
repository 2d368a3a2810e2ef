"""Memory: the resident size of a desk after a day of 200 visits and of the wall display, each the
real process in a terminal (a private tmux server); and a leak test, the real desk under Pilot
through 1,000 desk actions, with PASS or FAIL against what "no growth" means here (the slack below)."""

from __future__ import annotations

import asyncio
import functools
import gc
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

from bench import ROOT
from bench.terminal import Tmux, until
from forms.intake import IntakeForm
from forms.outcome import Outcome
from forms.profile import load_profile
from forms.settings import Settings
from storage.services import open_services

PIN = "4826"
VISITS, WAITING = 200, 20
"""The day: 200 visits, 180 of them finished, 20 still waiting."""
ACTIONS, WARM_UP = 1000, 200
RSS_SLACK_MIB, HEAP_SLACK_KIB = 4.0, 1024
"""No growth: after a warm-up of WARM_UP actions (every screen, dialog and handout met eight
times: imports done, fonts loaded, caches filled), the next 800 actions may add at most
HEAP_SLACK_KIB to the Python heap (as tracemalloc traces it from the start, after a full collection
and with Textual's and Rich's module caches emptied, see `_library_caches`: a bounded cache replacing
its entries adds nothing) and at most RSS_SLACK_MIB to the resident size
(tracemalloc's own growth left out). Fixed slack, not a rate: a closed screen kept each visit
passes 1 MiB within a few dozen visits, while the allocator and SQLite's page cache settle within
it."""

# One round of a desk's work, 25 actions (an action: the keys of one step, then the screen settled).
ROUND: tuple[tuple[str, ...], ...] = (
    ("n",), ("enter",), ("n",), ("f2",),              # admit a walk-in, one triage answer, saved
    ("c",), ("s",), ("p",),                           # call next, start, the kit rendered (saved: no CUPS)
    ("f",), ("f2",), ("enter",), ("o",), ("n",),      # finish: the form, its question, feedback, no memo
    ("y",), ("escape",), ("v",), ("escape",),         # the summary, today's visits: opened and closed
    ("o",), ("escape",), ("f1",), ("escape",),        # follow-ups, help: opened and closed
    ("x",), ("escape",),                              # signed out (the day's summary), to the sign-in
    ("b", "e", "n", "c", "h", "enter", *PIN, "enter"),  # signed in again
    ("ctrl+l",), (*PIN, "enter"),                     # locked and unlocked
)


def day(home: Path) -> None:
    """The bench worker and today's VISITS walk-ins in `home`, all but WAITING called and finished."""
    from bench.__main__ import prepare

    prepare(home)
    services = open_services(Settings(home=home).database_url, load_profile())
    member = services.staff.find("bench")
    assert member is not None
    for _ in range(VISITS):
        services.desk.admit(IntakeForm(), member.id)
    for _ in range(VISITS - WAITING):
        called = services.desk.call_next(member.id)
        assert called is not None
        services.desk.start(called.id, member.id)
        services.desk.finish(called.id, Outcome(), member.id)
    services.close()


def resident(pid: int) -> tuple[float, float]:
    """The resident size of process `pid` now and at its peak, in MiB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _summary_shown(screen: str) -> bool:
    """The summary's own line, not the desk's "y Summary" key."""
    return re.search(r"Visits \d+: finished", screen) is not None


def _start(tmux: Tmux, session: str, home: Path, *arguments: str) -> int:
    """`walkin *arguments` in a 120×36 pane of its own; its process id (exec: the pane's own)."""
    command = shlex.join(["env", f"WALKIN_HOME={home}", "WALKIN_WORKSTATION=bench-desk", "WALKIN_LANGUAGE=en",
                          sys.executable, "-m", "tui.cli", *arguments])
    tmux.start(session, f"exec {command}")
    return int(tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip())


def _ended(pid: int) -> bool:
    """Gone, or a zombie: it has ended, and only its parent (the tmux server, which on some machines
    collects its panes' processes late: seen a minute and more) has yet to collect it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def _desk_in_terminal(tmux: Tmux, home: Path) -> tuple[float, float]:
    """A desk signed in on the day, its summary opened and closed, quit again: its RSS and peak."""
    pid = _start(tmux, "desk", home)
    until(lambda: "PIN" in tmux.screen("desk"), "the sign-in form")
    for key in ("bench", "Enter", PIN, "Enter"):
        tmux("send-keys", "-t", "desk", key)
    until(lambda: "Signed in" in tmux.screen("desk"), "the sign-in")
    tmux("send-keys", "-t", "desk", "y")
    until(lambda: _summary_shown(tmux.screen("desk")), "the summary")
    tmux("send-keys", "-t", "desk", "Escape")
    until(lambda: not _summary_shown(tmux.screen("desk")), "the desk again")
    time.sleep(1.0)  # its reads after the summary done
    figures = resident(pid)
    tmux("send-keys", "-t", "desk", "C-q")  # signed out, so the Pilot desk is the last one out
    until(lambda: _summary_shown(tmux.screen("desk")), "the day's summary")
    tmux("send-keys", "-t", "desk", "Escape")
    until(lambda: _ended(pid), "the end of the desk", 60)
    return figures


def run(actions: int = ACTIONS, warm_up: int = WARM_UP) -> list[str]:
    if shutil.which("tmux") is None:
        return ["skipped, needs tmux"]
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        tmux = Tmux(home)
        day(home)
        try:
            display = _start(tmux, "display", home, "display")
            rss, peak = _desk_in_terminal(tmux, home)
            lines.append(f"desk in a terminal (120×36) after a day of {VISITS} visits ({WAITING} waiting), "
                         f"signed in, the summary opened and closed: RSS {rss:.0f} MiB (peak {peak:.0f} MiB)")
            rss, peak = resident(display)
            lines.append(f"wall display (walkin display) in a terminal, the same day: RSS {rss:.0f} MiB "
                         f"(peak {peak:.0f} MiB)")
            env = {**os.environ, "CUPS_SERVER": str(home / "no-cups.sock")}  # the kit saved, not printed
            done = subprocess.run([sys.executable, "-m", "bench.memory", str(home), str(actions), str(warm_up)],
                                  cwd=ROOT, env=env, check=True, capture_output=True, text=True)
            lines.extend(verdict(json.loads(done.stdout.strip().splitlines()[-1])))
            after, _peak = resident(display)
            lines.append(f"wall display after following those calls: RSS {after:.0f} MiB ({after - rss:+.1f} MiB)")
        finally:
            tmux.close()
    return lines


def verdict(figures: dict[str, object]) -> list[str]:
    rss_growth = float(figures["rss_end"]) - float(figures["rss_warm"]) - float(figures["tracemalloc_own"])
    heap = float(figures["heap"]) / 1024
    passed = rss_growth <= RSS_SLACK_MIB and heap <= HEAP_SLACK_KIB
    lines = [
        f"leak test, the desk under Pilot, {figures['actions']:,} actions ({len(ROUND)} a round: admit, triage, "
        f"call, start, kit rendered, finish, summary, today, follow-ups, help, sign-out/in, lock/unlock):",
        f"  RSS after {figures['warm_up']} actions {float(figures['rss_warm']):.1f} MiB, after {figures['actions']:,} "
        f"{float(figures['rss_end']):.1f} MiB: {rss_growth:+.1f} MiB (tracemalloc's own growth, "
        f"{float(figures['tracemalloc_own']):+.1f} MiB, left out; limit +{RSS_SLACK_MIB:.0f} MiB)",
        "  Python heap (tracemalloc, after a full collection) every 100 actions from the warm-up: "
        + ", ".join(f"{h / 2**20:.1f}" for h in figures.get("heaps", [])) + " MiB",
        f"  its trend (median of the last three readings less the first three): {heap:+.0f} KiB "
        f"(limit +{HEAP_SLACK_KIB} KiB); "
        f"objects {int(figures['objects']):+,}; {figures['seconds']:.0f} s",
        f"  {'PASS' if passed else 'FAIL'}: no growth" if passed else "  FAIL: it grows",
    ]
    if not passed:
        lines += [f"  grew: {line}" for line in figures["grew"]]
    return lines


async def _leak(home: Path, actions: int, warm_up: int) -> dict[str, object]:
    """The desk under Pilot through `actions` actions (whole rounds), traced by tracemalloc from its
    start (so that a cache replacing entries counts as no growth); figures at `warm_up` and at the end."""
    from tests.tui.helpers import settle, sign_in
    from tui.app import WalkinApp
    from tui.screens import DeskScreen

    tracemalloc.start()
    app = WalkinApp(Settings(home=home, workstation="bench-pilot"))
    figures: dict[str, object] = {"warm_up": warm_up}
    sites: dict[str, int] = {}
    heaps: list[float] = []
    before: Counter[str] = Counter()
    started = time.monotonic()
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(pilot, "bench")
        done = 0
        while done < actions:
            for keys in ROUND:
                await pilot.press(*keys)
                await settle(pilot)
                done += 1
            assert isinstance(app.screen, DeskScreen) and app.worker_on_duty is not None, (
                f"the round did not end at the desk: {app.screen}")
            if done >= warm_up and not sites:
                # The bench's own look first, the figures after it: the snapshot copies every trace
                # (about a million) into Python objects, some 40 MiB the C allocator keeps once they
                # are freed (later allocations pin the top of its heap), and the two tables it keeps
                # stay alive to the end; read before them, both counted as the desk's growth (RSS
                # +38 MiB and heap +1.1 MiB of the +39.9 MiB and +1.7 MiB measured).
                gc.unfreeze()  # frozen objects are not in gc.get_objects()
                before = Counter(type(o).__name__ for o in gc.get_objects())
                sites = {str(s.traceback): s.size for s in tracemalloc.take_snapshot().statistics("lineno")}
                figures.update(_measured())
            if done >= warm_up and done % 100 == 0:
                heaps.append(_measured()["heap_warm"])
        end = _measured()
        gc.unfreeze()
        after = Counter(type(o).__name__ for o in gc.get_objects())
        grown = sorted(((s.size - sites.get(str(s.traceback), 0), str(s.traceback))
                        for s in tracemalloc.take_snapshot().statistics("lineno")), reverse=True)[:5]
        tracemalloc.stop()
    figures.update(actions=done, seconds=time.monotonic() - started, heaps=heaps,
                   rss_end=end["rss_warm"], heap=_trend(heaps),
                   tracemalloc_own=end["own_warm"] - figures["own_warm"],
                   objects=sum(after.values()) - sum(before.values()),
                   grew=[f"{name} {count:+}" for name, count in (after - before).most_common(8)]
                   + [f"{where}: {size / 1024:+.0f} KiB" for size, where in grown])
    return figures


def _trend(heaps: list[float]) -> float:
    """The heap's growth over the measured stretch: the median of its last three readings less
    that of its first three. One reading swings by 1–2 MiB with what happens to be alive at that
    moment (a closed desk or sign-in screen still held by its last timer or database answer for
    a few seconds: some 600 Strips and their 4,000 FIFOCaches each), both ways."""
    if len(heaps) < 2:
        return 0.0
    ends = min(3, len(heaps) // 2)
    return statistics.median(heaps[-ends:]) - statistics.median(heaps[:ends])


def _library_caches() -> list[functools._lru_cache_wrapper[object]]:
    """Textual's and Rich's bounded caches at module level (functools.lru_cache): blank strips,
    combined styles, filtered colours, cropped segments. A style carries the widget and offset a
    click goes to, so they fill with each screen and row drawn, up to 1,024–8,192 entries each, in
    the first ~600 actions of the round: +15 MiB of strips and styles, flat from there. Emptied
    before each reading, they count as the bounded caches they are; what grows besides is the desk's."""
    return [o for o in gc.get_objects() if isinstance(o, functools._lru_cache_wrapper)
            and getattr(o, "__module__", "").partition(".")[0] in ("textual", "rich")]


def _measured() -> dict[str, float]:
    """After a full collection as the desk makes one in a quiet moment (tui.heap): RSS (MiB), the
    Python heap as traced (bytes), tracemalloc's own (MiB). A plain gc.collect() leaves what the
    desk froze and has dropped since: 6–7 MiB of garbage, more or less of it at each reading."""
    from tui import heap

    gc.unfreeze()
    for cache in _library_caches():
        cache.cache_clear()
    gc.collect()
    heap.freeze()
    return {"rss_warm": resident(os.getpid())[0], "heap_warm": tracemalloc.get_traced_memory()[0],
            "own_warm": tracemalloc.get_tracemalloc_memory() / 2**20}


if __name__ == "__main__":
    home, actions, warm_up = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    print(json.dumps(asyncio.run(_leak(home, actions, warm_up))))
