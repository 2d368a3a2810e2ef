"""A million visits over five years at ten walk-in sites, bulk-inserted, and the time of a day's and a
year's summary (one site's, and the whole service's) through the same code the screen uses, on
SQLite and (when a server is given) PostgreSQL; the year's summary as an Excel workbook too."""

from __future__ import annotations

import os
import random
import shutil
import statistics
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, make_url, text

from forms.choices import Urgency
from forms.profile import ServiceProfile, load_profile
from forms.replay import replay
from forms.timefmt import HELSINKI
from forms.triage import Answer, QuestionKind, answers_to_json, evaluate
from storage.models import (
    FollowUp,
    FollowUpAnswer,
    FollowUpContact,
    FollowUpReferral,
    PrintJob,
    Referral,
    Staff,
    Visit,
)
from storage.reports import Reports
from storage.services import Services, open_services
from storage.triage_reads import triaged_visits

VISITS = 1_000_000
YEARS = 5
CHANNELS = ("self", "employment_services", "health_centre", "social_work", "kela", "organisation", "other", None)
SITUATIONS = ("unemployed", "partial_ability", "entrepreneur", "student_on_break", "home_parent", None)
LANGUAGES = ("fi",) * 6 + ("sv", "sv", "en", "ru")
AGE_GROUPS = ("under_25", "25_34", "35_44", "45_54", "55_plus", None)
DESTINATIONS = ("health_check", "social_services", "kela", "employment_services", "typ", "rehabilitation")
WAYS = ("printed", "printed", "printed", "other_way", "declined", None)
END_REASONS = ("employed", "studies", "pension", "vocational_rehab", "medical_rehab", "other_service",
               "moved_away", "client_stopped", "other")
PROGRESS = ("reached", "reached", "waiting", "did_not_go", "unknown")
QUESTIONS = ("heard", "got_services", "work_ability", "quality_of_life", "worker_model")
SCALE = ("yes", "yes", "partly", "no", "cannot_say")
TABLES = (Visit, Referral, PrintJob, FollowUp, FollowUpContact, FollowUpReferral, FollowUpAnswer)
SITES = tuple(f"site{n}" for n in range(10))
"""A county's walk-in sites: the visits are spread over them (a visit's site from its id, so the
random figures stay as they were before sites)."""


def county(profile: ServiceProfile) -> ServiceProfile:
    """The profile with ten sites instead of its own."""
    first = profile.locations[0]
    return profile.model_copy(update={"locations": tuple(
        first.model_copy(update={"id": site, "ticket_prefix": None}) for site in SITES)})


class FollowUps:
    """Realistic follow-ups for the bench: a tenth of the finished visits, due in one to four weeks,
    most contacted once or twice (a fifth of the attempts miss), closed at the third contact at the
    latest, with the referrals' progress and the clients' answers; those due after the last day
    stay open."""

    def __init__(self, rng: random.Random, last_day: date) -> None:
        self.rng, self.last_day = rng, last_day
        self.rows: dict[type, list[dict[str, object]]] = {t: [] for t in TABLES[3:]}
        self.follow_ups = self.contacts = 0

    def add(self, visit: dict[str, object], referrals: list[dict[str, object]]) -> None:
        rng = self.rng
        if visit["status"] != "finished" or rng.random() >= 0.1:
            return
        self.follow_ups += 1
        follow_up: dict[str, object] = {
            "id": self.follow_ups, "visit_id": visit["id"], "staff_id": visit["finished_by_id"],
            "due_on": visit["service_day"] + timedelta(days=rng.randint(7, 28)),  # type: ignore[operator]
            "failed_attempts": 0, "created_at": visit["finished_at"]}
        self.rows[FollowUp].append(follow_up)
        day: date = follow_up["due_on"]  # type: ignore[assignment]
        for attempt in range(3):
            if day > self.last_day:
                return
            self.contacts += 1
            reached = rng.random() < 0.8
            closing = attempt == 2 or rng.random() < (0.6, 0.8)[attempt]
            reason = (rng.choice(END_REASONS) if reached else "not_reached") if closing else None
            self.rows[FollowUpContact].append({
                "id": self.contacts, "follow_up_id": self.follow_ups, "staff_id": follow_up["staff_id"],
                "at": datetime.combine(day, clock(13), HELSINKI), "day": day, "reached": reached,
                "health_check": rng.choice(("done", "not_done", "unknown")) if reached and any(
                    r["destination"] == "health_check" for r in referrals) else None,
                "kykyviisari_before": rng.random() < 0.5 if reached else None,
                "kykyviisari_after": rng.random() < 0.4 if reached and closing else None,
                "next_on": None if closing else day + timedelta(days=14), "end_reason": reason})
            if reached:
                self.rows[FollowUpReferral] += [
                    {"contact_id": self.contacts, "referral_id": r["id"], "destination": r["destination"],
                     "progress": rng.choice(PROGRESS)} for r in referrals]
                self.rows[FollowUpAnswer] += [
                    {"day": day, "question": q, "respondent": "client", "answer": rng.choice(SCALE),
                     "site": visit["site"]} for q in QUESTIONS if rng.random() < 0.9]
                self.rows[FollowUpAnswer].append({"day": day, "question": "quality_of_life", "respondent": "worker",
                                                  "answer": rng.choice(SCALE), "site": visit["site"]})
            if closing:
                follow_up.update(closed_at=datetime.combine(day, clock(13), HELSINKI), closed_on=day,
                                 closed_by_id=follow_up["staff_id"], end_reason=reason)
                return
            day += timedelta(days=14)


def fill(services: Services, last_day: date) -> tuple[float, int, int]:
    """Insert the visits and their follow-ups; returns the seconds it took, and the follow-ups and
    contacts inserted."""
    started = time.perf_counter()
    rng = random.Random(5)
    with services.db.writing() as session:
        session.execute(insert(Staff), [
            {"id": n, "username": f"bench{n}", "display_name": f"Bench Worker {n}", "job_title": "x",
             "role": "desk", "pin_hash": "-", "active": True, "failed_pins": 0,
             "created_at": datetime.now(UTC)} for n in range(1, 9)])
    days = [last_day - timedelta(days=d) for d in range(YEARS * 365, -1, -1)]
    per_day = VISITS // len(days) + 1
    batch: list[dict[str, object]] = []
    referrals: list[dict[str, object]] = []
    prints: list[dict[str, object]] = []
    follow_ups = FollowUps(rng, last_day)
    # The triage from an rng of its own: the other columns stay as they were before it was added.
    triages = Triages(random.Random(17), load_profile())
    groups = random.Random(29)
    referred = 0
    visit_id = 0
    for day in days:
        for number in range(1, per_day + 1):
            visit_id += 1
            if visit_id > VISITS:
                break
            batch.append(_visit(rng, visit_id, day, number))
            batch[-1].update(triages.next(batch[-1]["arrived_at"]))  # type: ignore[arg-type]
            batch[-1].update(language=groups.choice(LANGUAGES), age_group=groups.choice(AGE_GROUPS))
            mine = []
            if rng.random() < 0.4:
                mine.append({"id": len(referrals) + referred + 1, "visit_id": visit_id,
                             "destination": rng.choice(DESTINATIONS)})
                referrals += mine
            follow_ups.add(batch[-1], mine)
            if rng.random() < 0.3:
                prints.append({"visit_id": visit_id, "service_day": day, "kind": "feedback", "language": "fi",
                               "copies": 1, "outcome": "printed", "staff_id": 1,
                               "created_at": batch[-1]["arrived_at"]})
        if len(batch) >= 20_000 or visit_id >= VISITS:
            referred += len(referrals)
            _flush(services, batch, referrals, prints, *follow_ups.rows.values())
    _flush(services, batch, referrals, prints, *follow_ups.rows.values())
    return time.perf_counter() - started, follow_ups.follow_ups, follow_ups.contacts


class Triages:
    """Triage answers to the example profile's questions as a desk records them (the rules that
    fired, the urgency; a worker's own urgency for one in twenty), drawn from a pool of answer
    sets: seven questions give few different ones, as at a real desk."""

    def __init__(self, rng: random.Random, profile: ServiceProfile, pool: int = 500) -> None:
        self.rng = rng
        self.pool = [self._triaged(profile) for _ in range(pool)]

    def _triaged(self, profile: ServiceProfile) -> dict[str, object]:
        rng = self.rng
        given: dict[str, Answer] = {}
        for question in profile.triage.questions:
            if question.kind is QuestionKind.YES_NO:
                given[question.id] = rng.choice(("no", "no", "no", "yes", "unknown"))
            else:
                given[question.id] = frozenset(
                    c.id for c in question.choices if not c.exclusive and rng.random() < 0.25)
        result = evaluate(profile.triage, given)
        return {"triage_answers": answers_to_json(given), "triage_rules": result.rule_ids,
                "triage_urgency": result.urgency.value}

    def next(self, arrived: datetime) -> dict[str, object]:
        triaged = dict(self.rng.choice(self.pool), triaged_at=arrived + timedelta(minutes=3))
        overridden = self.rng.random() < 0.05
        triaged["urgency"] = Urgency.SOON.value if overridden else triaged["triage_urgency"]
        triaged["override_reason"] = "bench" if overridden else None
        return triaged


def _visit(rng: random.Random, visit_id: int, day: date, number: int) -> dict[str, object]:
    hour = rng.choice((9, 9, 10, 10, 11, 12, 13, 14))
    arrived = datetime.combine(day, clock(hour, rng.randrange(60)), HELSINKI).astimezone(UTC)
    left = rng.random() < 0.08
    called = None if left else arrived + timedelta(minutes=rng.randint(0, 60))
    finished = None if left else called + timedelta(minutes=rng.randint(10, 50))  # type: ignore[operator]
    worker = rng.randint(1, 8)
    return {
        "id": visit_id, "service_day": day, "ticket_no": number, "ticket": f"A{number:03d}",
        "site": SITES[visit_id % len(SITES)],
        "status": "left" if left else "finished", "arrived_at": arrived, "arrival_hour": hour,
        "admitted_by_id": worker, "updated_at": finished or arrived, "language": "fi",
        "arrival_channel": rng.choice(CHANNELS), "life_situation": rng.choice(SITUATIONS),
        "municipality": rng.choice(("Esimerkkilä", "Testilä", None)), "age_group": None,
        "urgency": rng.choice(("normal", "normal", "normal", "soon", "acute")),
        "called_at": called, "called_by_id": None if left else worker, "started_at": called,
        "wait_seconds": None if left else round((called - arrived).total_seconds()),  # type: ignore[operator]
        "meeting_seconds": None if left else round((finished - called).total_seconds()),  # type: ignore[operator]
        "finished_at": finished, "finished_by_id": None if left else worker,
        "left_at": arrived + timedelta(minutes=30) if left else None,
        "did_guidance": not left, "did_referral": False, "did_appointment": rng.random() < 0.2,
        "did_worker_named": rng.random() < 0.3, "did_consent": rng.random() < 0.2,
        "feedback_instruction": None if left else rng.choice(WAYS),
    }


def _flush(services: Services, *batches: list[dict[str, object]]) -> None:
    with services.db.writing() as session:
        for model, rows in zip(TABLES, batches, strict=True):
            if rows:
                session.execute(insert(model), rows)
    for rows in batches:
        rows.clear()


def timings(services: Services, last_day: date) -> Iterator[str]:
    """A day's summary (median of 10 days) and a year's (median of 3), the first time after the
    start (`first_start`: its months are tallied, the days of a month it covers in part may not
    be), then again, for the whole service; a year of one site."""
    days = [last_day - timedelta(days=offset * 37) for offset in range(10)]
    years = [(end - timedelta(days=364), end) for end in (last_day - timedelta(days=n * 365) for n in range(3))]
    first_days = [_timed(services.reports.summary, day) for day in days]
    first_years = [_timed(services.reports.summary, *year) for year in years]
    again_years = [_timed(services.reports.summary, *year) for year in years]
    again_days = [_timed(services.reports.summary, day) for day in days]
    one_site = [_timed(services.reports.summary, *year, [SITES[3]]) for year in years]
    # The load average beside the figures: on a busy machine the wall times include waiting for
    # a core. The CPU time is this process's: the whole cost on SQLite, the client's on PostgreSQL.
    yield f"load average {os.getloadavg()[0]:.1f}; times are wall (CPU of this process), medians"
    yield (f"summary of a day: {_median(first_days)} the first time after the start, "
           f"{_median(again_days)} again (median of 10)")
    yield (f"summary of a year, the whole service ({len(SITES)} sites side by side): "
           f"{_median(first_years)} the first time after the start, "
           f"{_median(again_years)} again (median of 3), follow-up figures included")
    yield f"summary of one site's year, tallied: {_median(one_site)} (median of 3)"
    yield f"of which the follow-up figures of a year: {statistics.median(_follow_up_ms(services, years)):.0f} ms"
    live = Reports(services.db, clock=lambda: datetime.combine(last_day, clock(12), HELSINKI))
    today = statistics.median(_ms(live.summary, last_day) for _ in range(10))
    yield f"summary of today, counted from its visits as they change: {today:.0f} ms (median of 10)"
    yield _replay_line(services, *years[0])
    yield _fairness_line(services, *years[0])
    yield _monthly_line(services, last_day)


def _replay_line(services: Services, day_from: date, day_to: date) -> str:
    """A year's triaged visits replayed with a draft that makes the health-check rule acute, as
    `walkin profile replay` does (the audit event aside): its time, and the memory it held at most
    (a second run under tracemalloc, which slows it)."""
    triage = load_profile().triage
    draft = triage.model_copy(update={"rules": tuple(
        r.model_copy(update={"urgency": Urgency.ACUTE}) if r.id == "health_check" else r for r in triage.rules)})

    def replayed() -> int:
        return len(replay(draft, triaged_visits(services.db, day_from, day_to), triage).moves)

    started = time.perf_counter()
    moved = replayed()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    replayed()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (f"triage replay of a year ({moved:,} visits would move): {seconds:.1f} s, "
            f"at most {peak / 2**20:.0f} MiB held")


def _fairness_line(services: Services, day_from: date, day_to: date) -> str:
    """A year's fair-triage figures alone (storage.fairness: one grouped scan of the year per
    grouping, and the overrides per rule), as a period's summary adds them: median of 3."""
    from storage.fairness import fairness_in

    def figures() -> int:
        with services.db.reading() as session:
            return len(fairness_in(session, day_from, day_to).groups)

    groups = figures()
    ms = statistics.median(_ms(figures) for _ in range(3))
    return f"fair-triage figures of a year ({groups} groups): {ms:.0f} ms (median of 3)"


def workbook(services: Services, profile: ServiceProfile, last_day: date) -> str:
    """The last year's summary (tallied) as an Excel workbook, as `walkin summary --format xlsx`
    makes it: the time of the whole (summary and workbook, median of 3), of the workbook alone, and
    the peak of the memory Python allocated while writing it (measured apart: tracemalloc slows it)."""
    from printouts.workbook import summary_workbook

    year = (last_day - timedelta(days=364), last_day)
    summary = services.reports.summary(*year)
    whole = statistics.median(_ms(lambda: summary_workbook(services.reports.summary(*year), profile,
                                                            lambda _id: True)) for _ in range(3))
    alone = statistics.median(_ms(summary_workbook, summary, profile, lambda _id: True) for _ in range(3))
    tracemalloc.start()
    try:
        size = len(summary_workbook(summary, profile, lambda _id: True))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return (f"workbook of a year: {whole:.0f} ms with its summary, {alone:.0f} ms writing it "
            f"(median of 3), peak memory {peak / 2**20:.1f} MiB writing it, {size / 1024:.0f} KiB")


def _monthly_line(services: Services, last_day: date) -> str:
    """The monthly report of the last full month: its summaries (the month, the one before, a year
    before, a week at a time), the staffing sweep over its visits, and the PDF; the peak of memory
    Python allocated for it."""
    from printouts.monthly import monthly_pdf
    from workflows.monthly import monthly_report

    month = last_day.replace(day=1) - timedelta(days=1)
    profile = load_profile()

    def report() -> None:
        monthly_pdf(monthly_report(services, month), profile, last_day)

    report()  # the first counts the tallies of the weeks' days, if any are missing
    ms = statistics.median(_ms(report) for _ in range(3))
    tracemalloc.start()
    report()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return f"monthly report of {month:%Y-%m} (figures and PDF): {ms:.0f} ms (median of 3), {peak:.0f} MiB at most"


def _follow_up_ms(services: Services, years: list[tuple[date, date]]) -> list[float]:
    """The follow-up figures alone, a year at a time: the answers from their month and day tallies,
    the rest counted from the follow-up tables."""
    from storage.followup_figures import follow_up_figures

    def figures(day_from: date, day_to: date) -> None:
        today = date.today()
        with services.db.reading() as session:
            answers = services.reports.tallies.read(session, day_from, day_to, today, measures=["answer"])
            follow_up_figures(session, day_from, day_to, day_to, datetime.now(UTC), answers.totals["answer"])

    return [_ms(figures, *year) for year in years]


def _timed(function: Callable[..., object], *args: object) -> tuple[float, float]:
    """Wall and CPU milliseconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    function(*args)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _median(times: list[tuple[float, float]]) -> str:
    return (f"{statistics.median(w for w, _c in times):.0f} ms "
            f"(CPU {statistics.median(c for _w, c in times):.0f} ms)")


def _ms(function: Callable[..., object], *args: object) -> float:
    started = time.perf_counter()
    function(*args)
    return (time.perf_counter() - started) * 1000


def empty_postgres(url: str) -> None:
    """The bench database starts empty: everything in its public schema is dropped."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


KEEP = "WALKIN_BENCH_KEEP"
"""A folder where the filled database is kept for the next run (a developer's own iterations; not
set by `make bench`): `summaries.db` for SQLite; for PostgreSQL it names a database of its own,
`<bench database>_filled`, kept as a template. When the kept fill is there, the bench starts from a
copy of it instead of filling (17 minutes on SQLite), so the figures are the same as after a fill:
nothing tallied yet (the fill is kept before the start that tallies it)."""


def _kept(url: str) -> tuple[Path, str] | None:
    """Where the fill of `url` is kept, and the database it is a copy of (None: not kept)."""
    folder = os.environ.get(KEEP)
    if not folder:
        return None
    if url.startswith("sqlite"):
        return Path(folder) / "summaries.db", str(make_url(url).database)
    return Path(folder), f"{make_url(url).database}_filled"


def _postgres_admin(url: str) -> Any:
    """An autocommit engine on the server's `postgres` database (CREATE/DROP DATABASE need one)."""
    return create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")


def _restore(url: str) -> bool:
    """The bench database as a copy of the kept fill, if there is one (True)."""
    kept = _kept(url)
    if kept is None:
        return False
    if url.startswith("sqlite"):
        if not kept[0].exists():
            return False
        shutil.copyfile(kept[0], kept[1])
        return True
    admin = _postgres_admin(url)
    try:
        with admin.connect() as connection:
            if connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": kept[1]}) is None:
                return False
            name = make_url(url).database
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{kept[1]}"'))
        return True
    finally:
        admin.dispose()


def _keep(url: str) -> None:
    """Keep a copy of the just-filled bench database (no connection to it may be open)."""
    kept = _kept(url)
    if kept is None:
        return
    if url.startswith("sqlite"):
        kept[0].parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(kept[1], kept[0])
        return
    admin = _postgres_admin(url)
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{kept[1]}"'))
            connection.execute(text(f'CREATE DATABASE "{kept[1]}" TEMPLATE "{make_url(url).database}"'))
    finally:
        admin.dispose()


def run(url: str) -> Iterator[str]:
    profile = county(load_profile())
    last_day = date(2026, 11, 20)
    if _restore(url):
        yield f"{VISITS:,} visits: a copy of the fill kept in {os.environ[KEEP]} (not filled again)"
    else:
        services = open_services(url, profile)
        seconds, follow_ups, contacts = fill(services, last_day)
        yield f"{VISITS:,} visits, {follow_ups:,} follow-ups and {contacts:,} contacts inserted in {seconds:.0f} s"
        services.close()
        _keep(url)
    services, line = first_start(url, profile)
    yield line
    try:
        yield from timings(services, last_day)
        yield workbook(services, profile, last_day)
    finally:
        services.close()


def first_start(url: str, profile: ServiceProfile) -> tuple[Services, str]:
    """Open the filled database as a desk's first start after an upgrade that left its history
    untallied (the fill bypasses the tallies, as an upgrade that adds a figure does): the start
    tallies every past month before the desk opens, telling how far it is."""
    told: list[tuple[int, int]] = []
    started = time.perf_counter()
    services = open_services(url, profile, progress=lambda done, total: told.append((done, total)))
    seconds = time.perf_counter() - started
    steps = told[-1][1] if told else 0
    return services, (f"first start on five years with no tallies, as after an upgrade: {seconds:.1f} s, "
                      f"tallying {steps} months and runs of days before the desk opens "
                      f"(progress told {len(told)} times)")
