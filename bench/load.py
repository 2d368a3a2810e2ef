"""Several desks at once: worker processes that admit, call, call again, finish, mark left,
record "did not show", step a waiting client out and back, step away from the desk and back, and
hand a client over to another desk's worker at random against one database for a while. The
stress test checks what they leave behind; `make bench` reports their pace."""

from __future__ import annotations

import multiprocessing
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from forms.away import AwayChoice
from forms.choices import AwayReason
from forms.handover import HandoverRequest
from forms.intake import IntakeForm
from forms.outcome import Outcome
from forms.profile import ServiceProfile, load_profile
from forms.staff import NewStaff
from storage.away import AlreadyAway
from storage.errors import DayFull, TransitionRefused
from storage.services import Services, open_services

MORE_SECONDS = 60.0
"""The longest a desk goes on past its time to make its number of moves."""
READY_SECONDS = 300.0
"""The longest a desk waits for the others to start (a desk that failed to start breaks the wait)."""


@dataclass
class DeskLoad:
    """What one desk process did."""

    admitted: list[int] = field(default_factory=list)
    called: list[int] = field(default_factory=list)
    called_again: list[int] = field(default_factory=list)
    """Visits this desk called once more (a visit once per successful call again)."""
    no_shows: list[int] = field(default_factory=list)
    away: int = 0
    """Away periods this desk started (its own worker's, or the worker shared by every desk)."""
    handed: list[tuple[int, int]] = field(default_factory=list)
    """(visit, the worker it was handed to) for each handover that went through."""
    stepped_out: list[int] = field(default_factory=list)
    """Visits this desk stepped out (once per successful step out)."""
    back: list[int] = field(default_factory=list)
    operations: int = 0
    refused: int = 0
    call_next_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    site: str = ""
    staff_id: int = 0


@dataclass
class FastClock:
    """The time at every desk process alike: the real time until the desks start together, then
    running `speed` times as fast from that moment (a step out of some minutes runs out within a
    run of a few seconds)."""

    speed: float
    origin: float | None = None

    def __call__(self) -> datetime:
        now = time.time()
        if self.origin is not None:
            now = self.origin + (now - self.origin) * self.speed
        return datetime.fromtimestamp(now, UTC)


def county(sites: int) -> ServiceProfile:
    """The example profile with `sites` walk-in sites (one: the profile as it is), each with letters
    of its own: the county the several-site load runs in."""
    profile = load_profile()
    if sites == 1:
        return profile
    first = profile.locations[0]
    return profile.model_copy(update={"locations": tuple(
        first.model_copy(update={"id": f"site_{n}", "ticket_prefix": chr(ord("A") + n)}) for n in range(sites))})


def desk(url: str, number: int, seconds: float, start: Start, shared: int, speed: float = 1.0,
         step_out_minutes: int | None = None, sites: int = 1, moves: int = 0) -> DeskLoad:
    """One desk: its own process, connection and worker, about a fourteenth of its moves admissions;
    with several sites, desk n works at site n modulo their number. It works for `seconds`, and on
    until it has made `moves` moves (up to a minute more)."""
    profile = county(sites)
    site = profile.locations[number % sites].id
    if step_out_minutes is not None:
        queue = profile.queue.model_copy(update={"step_out_minutes": step_out_minutes})
        profile = profile.model_copy(update={"queue": queue})
    clock = FastClock(speed)
    services = open_services(url, profile, clock=clock, workstation=f"desk-{number}", site=site)
    staff_id = services.staff.add(NewStaff(username=f"desk{number}", display_name=f"Desk {number}",
                                           job_title="Ohjaaja", pin="4826", pin_again="4826")).id
    # Away and back: for this desk's worker, or for the one worker signed in at every desk, whose
    # away the desks race to start and end (one open period at a time, whoever wins).
    # Signed in, as at a desk: a visit handed to this worker waits for them (forms.handover).
    sessions = {staff_id: services.staff.sign_in(f"desk{number}", "4826", f"desk-{number}")[1],
                shared: services.staff.sign_in("shared", "4826", f"desk-{number}")[1]}
    rng, done = random.Random(number), DeskLoad(site=site, staff_id=staff_id)
    mine: list[int] = []
    colleagues: list[int] = []
    outs: list[int] = []
    clock.origin = start.together()
    deadline = time.monotonic() + seconds
    cap = deadline + MORE_SECONDS
    beat = -float("inf")  # a heartbeat first: the wait for the slowest desk may outlast presence
    while (now := time.monotonic()) < deadline or (done.operations < moves and now < cap):
        move = rng.choice(("admit", "call", "call", "finish", "left", "again", "again", "no_show", "away",
                           "handover", "step_out", "step_out", "back"))
        try:
            if time.monotonic() - beat > 2.0:
                for signed_in in sessions.values():
                    services.staff.heartbeat(signed_in)
                beat = time.monotonic()
            if move == "admit":
                done.admitted.append(services.desk.admit(IntakeForm(), staff_id).id)
            elif move == "call":
                started = time.perf_counter()
                called = services.desk.call_next(staff_id)
                done.call_next_ms.append((time.perf_counter() - started) * 1000)
                if called is not None:
                    done.called.append(called.id)
                    mine.append(called.id)
            elif move == "finish" and mine:
                services.desk.finish(mine.pop(rng.randrange(len(mine))), Outcome(), staff_id)
            elif move == "again" and mine:
                visit = rng.choice(mine)
                services.desk.call_again(visit, staff_id)
                done.called_again.append(visit)
            elif move == "no_show" and mine:
                visit = rng.choice(mine)
                services.desk.mark_no_show(visit, staff_id)  # refused before enough calls
                mine.remove(visit)
                done.no_shows.append(visit)
            elif move == "away" and rng.random() < 0.5:
                who = rng.choice(list(sessions))
                try:
                    services.away.start(who, sessions[who], AwayChoice(reason=rng.choice(list(AwayReason))))
                    done.away += 1
                except AlreadyAway:
                    done.refused += 1  # away already (another desk marked the shared worker)
            elif move == "away":  # back
                services.away.end(rng.choice(list(sessions)))
            elif move == "handover" and mine:
                if not colleagues:
                    colleagues = [m.id for m in services.staff.active_members()
                                  if m.username.startswith("desk") and m.id != staff_id]
                visit, to = mine.pop(rng.randrange(len(mine))), rng.choice(colleagues)
                services.desk.hand_over(visit, HandoverRequest(to_staff_id=to, reason="load"), staff_id)
                done.handed.append((visit, to))
            elif move == "left":
                waiting = present(services)
                if waiting:
                    services.desk.mark_left(rng.choice(waiting), staff_id)
            elif move == "step_out":
                waiting = present(services)
                if waiting:
                    visit = rng.choice(waiting)
                    services.desk.step_out(visit, staff_id)  # refused if another desk just did
                    done.stepped_out.append(visit)
                    outs.append(visit)
            elif move == "back" and outs and rng.random() < 0.3:  # most stay out until their time is up
                visit = outs.pop(rng.randrange(len(outs)))
                services.desk.step_back(visit, staff_id)  # refused once called or marked left
                done.back.append(visit)
            done.operations += 1
        except (TransitionRefused, DayFull):
            # Another desk got there first (the lost race is a message, not an error), or a
            # fast machine used up the day's 999 tickets.
            done.refused += 1
            done.operations += 1
        except Exception as error:
            done.errors.append(f"{move}: {type(error).__name__}: {error} ({error.__cause__!r})")
    try:
        end_of_day(services, sessions, staff_id, done)
    except Exception as error:
        done.errors.append(f"end of day: {type(error).__name__}: {error} ({error.__cause__!r})")
    services.close()
    return done


def end_of_day(services: Services, sessions: dict[int, int], staff_id: int, done: DeskLoad) -> None:
    """After the run, as before going home, the worker calls the clients handed to them, those who
    stepped out back first: a slow machine makes few random moves in a run, and a client handed
    over would otherwise often wait (or stay out) until the end. Not counted in the pace."""
    for signed_in in sessions.values():
        services.staff.heartbeat(signed_in)  # at work: the clients handed to them wait for them
    handed = services.desk.handed_to(staff_id)
    for out in (h.entry.id for h in handed if h.entry.stepped_out_until is not None):
        try:
            services.desk.step_back(out, staff_id)
            done.back.append(out)
        except TransitionRefused:
            pass  # marked left or back by another desk meanwhile
    for _handed in handed:
        called = services.desk.call_next(staff_id)
        if called is not None:
            done.called.append(called.id)


def present(services: Services) -> list[int]:
    """The waiting visits as the board shows them, less those stepped out, also those whose time is
    up (a worker marks no one left who is only out for a while, and steps out no one twice; one
    whose time is up is left to call next)."""
    return [e.id for e in services.desk.snapshot().entries
            if e.status.value == "waiting" and e.stepped_out_until is None]


def run_load(url: str, desks: int = 8, seconds: float = 5.0, speed: float = 1.0,
             step_out_minutes: int | None = None, sites: int = 1, moves: int = 0) -> list[DeskLoad]:
    """`desks` processes on one database; the schema and the shared worker are made first, so they
    start together. `speed` and `step_out_minutes`: the desks' clock runs that much faster, and a
    step out lasts that long (the profile's otherwise), so that step outs run out during the run.
    `sites`: the desks are spread over that many walk-in sites of one county. `moves`: each desk
    goes on past `seconds` until it has made that many (the stress test's own checks need a visit
    called three times, a handover called by its worker...: a busy machine makes few in seconds)."""
    services = open_services(url, county(sites))
    try:
        shared = services.staff.add(NewStaff(username="shared", display_name="Shared Worker",
                                             job_title="Ohjaaja", pin="4826", pin_again="4826")).id
    finally:
        services.close()
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(desks) as pool:
        start = Start(manager.Barrier(desks + 1), manager.Value("d", 0.0))
        done = pool.starmap_async(desk, [(url, n, seconds, start, shared, speed, step_out_minutes, sites, moves)
                                         for n in range(1, desks + 1)])
        start.give()
        return done.get()


@dataclass(frozen=True)
class Start:
    """The desks start working together once every one has signed in: on a busy machine the
    processes take seconds each to import and connect, and a desk that ran alone early would hand
    its clients to colleagues not working yet. The moment is one for all (the fast clock's origin)."""

    ready: Any
    """A manager's Barrier for the desks and the process that starts them."""
    moment: Any
    """A manager's Value: the moment, as time.time()."""

    def give(self) -> None:
        """In the starting process: once every desk is ready, the moment, then the go."""
        self.ready.wait(timeout=READY_SECONDS)
        self.moment.value = time.time()
        self.ready.wait(timeout=READY_SECONDS)

    def together(self) -> float:
        """In a desk: wait for the others, then the moment."""
        self.ready.wait(timeout=READY_SECONDS)
        self.ready.wait(timeout=READY_SECONDS)
        return float(self.moment.value)
