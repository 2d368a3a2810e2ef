"""Realistic fictional visits for trying the desk: every one goes through the desk's own operations,
follow-ups and their contacts included."""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import partial

from sqlalchemy import func, select

from forms.choices import (
    AgeGroup,
    ArrivalChannel,
    ConsentKind,
    ConsentMethod,
    FeedbackInstruction,
    HealthCheck,
    LifeSituation,
    OutcomeAction,
    PrintOutcome,
    ReferralProgress,
    StaffRole,
)
from forms.followup import FollowUpContact
from forms.intake import IntakeForm
from forms.outcome import NamedWorker, Outcome
from forms.profile import ServiceProfile
from forms.registry import Registry
from forms.staff import NewStaff
from forms.timefmt import HELSINKI, local
from forms.triage import Answer, Question, QuestionKind, answers_to_json, evaluate
from storage.desk import Desk
from storage.models import Visit
from storage.services import Services
from storage.views import FollowUpDetail, StaffMember

# Invented first names and workers; the phone numbers are in a range no one answers.
CALL_NAMES = ("Aino", "Eelis", "Helmi", "Ilmari", "Kerttu", "Lenni", "Maija", "Niilo", "Oona",
              "Pertti", "Saga", "Tuure", "Venla", "Åke", "Šimo", "Ylva")
DEMO_STAFF = (
    ("kaisa", "Kaisa Esimerkki", "Työkykykoordinaattori", "+358 40 000 0101"),
    ("olli", "Olli Testinen", "Kuntoutusohjaaja", "+358 40 000 0102"),
)
DEMO_PIN = "4826"


def own_data(services: Services) -> tuple[int, list[str]]:
    """What the database holds besides the demo accounts: how many visits (an earlier demo's cannot
    be told from real ones), and the usernames of the other accounts (a real "olli" is one)."""
    demo_accounts = {(username, name) for username, name, *_rest in DEMO_STAFF}
    with services.db.reading() as session:
        visits = session.scalar(select(func.count()).select_from(Visit)) or 0
    return visits, [m.username for m in services.staff.all_members()
                    if (m.username, m.display_name) not in demo_accounts]


def ensure_demo_staff(services: Services) -> tuple[list[StaffMember], bool]:
    """The existing staff, or two demo accounts when there are none (True when created)."""
    members = services.staff.active_members()
    if members:
        return members, False
    for username, name, title, phone in DEMO_STAFF:
        services.staff.add(
            NewStaff(username=username, display_name=name, job_title=title, phone=phone,
                     phone_hours="ma–pe 9–11", email=f"{username}@example.org",
                     role=StaffRole.ADMIN if username == "kaisa" else StaffRole.DESK, pin=DEMO_PIN, pin_again=DEMO_PIN)
        )
    return services.staff.active_members(), True


def fill(services: Services, profile: ServiceProfile, days: int, now: datetime, seed: int = 7) -> int:
    """Visits for the last `days` days up to `now`, at each of the profile's sites (most at the
    first), each with its own ticket series; today keeps a live queue at every site. Returns the
    count."""
    rng = random.Random(seed)
    members, _created = ensure_demo_staff(services)
    today = local(now).date()
    count = _earlier_clients(services, profile, members, rng, today - timedelta(days=max(days, 1)), now)
    desks = [site_desk(services.desk, profile, site.id) for site in profile.locations]
    for offset in range(days - 1, -1, -1):
        day = today - timedelta(days=offset)
        if offset and day.weekday() >= 5:
            continue
        for index, desk in enumerate(desks):
            count += _day(desk, profile, members, rng, day, now, live=offset == 0, busy=index == 0)
    _contacts(services, profile, rng, now)
    return count


EARLIER = ((21, 0), (17, -2), (14, -1), (10, 0), (8, 4), (6, -5), (3, 7))
"""Clients of days before the demo's (days before, the follow-up's day from today): with them the
follow-up list has something due today and overdue at once, also in a demo of one day."""


def _earlier_clients(services: Services, profile: ServiceProfile, members: list[StaffMember],
                     rng: random.Random, last: date, now: datetime) -> int:
    today = local(now).date()
    desk = services.desk
    original_clock = desk.clock
    try:
        for before, due in EARLIER:
            day = last - timedelta(days=before)
            while day.weekday() >= 5:
                day -= timedelta(days=1)
            moment = datetime.combine(day, time(rng.randint(9, 11), rng.randint(0, 59)), HELSINKI)
            desk.clock = partial(_at, moment)
            worker = rng.choice(members)
            entry = desk.admit(_intake(rng, profile, named=True), worker.id)
            desk.record_consent(entry.id, ConsentKind.CONTACT, ConsentMethod.SPOKEN, worker.id)
            desk.start(entry.id, worker.id)
            outcome = _outcome(rng, profile, worker, [])
            desk.finish(entry.id, outcome.model_copy(update={"follow_up_on": today + timedelta(days=due)}), worker.id)
    finally:
        desk.clock = original_clock
    return len(EARLIER)


def _contacts(services: Services, profile: ServiceProfile, rng: random.Random, now: datetime) -> None:
    """The follow-ups due before today: of every three, one closed with a reason and the client's
    answers, one not reached and due again today, one left overdue."""
    today = local(now).date()
    store = services.follow_ups
    original_clock = store.clock
    try:
        for index, line in enumerate(store.due(None, today - timedelta(days=1))):
            store.clock = partial(_at, datetime.combine(line.due_on, time(13, 0), HELSINKI))
            if index % 3 == 1:
                store.record(line.id, FollowUpContact(reached=False, next_on=today), line.staff_id, DEMO_KEEP_DAYS)
            elif index % 3 == 0:
                store.record(line.id, _closing(rng, profile, store.detail(line.id)), line.staff_id, DEMO_KEEP_DAYS)
    finally:
        store.clock = original_clock


def _at(moment: datetime) -> datetime:
    """A stopped clock's reading (with functools.partial)."""
    return moment


DEMO_KEEP_DAYS = 3650
"""The demo closes follow-ups without erasing anything at once (the retention of a desk's own
settings erases at its next start as usual)."""


def _closing(rng: random.Random, profile: ServiceProfile, detail: FollowUpDetail) -> FollowUpContact:
    scale = [choice.id for choice in profile.follow_up.scale]
    questions = profile.follow_up.questions
    return FollowUpContact(
        reached=True,
        referrals={r.id: rng.choice(list(ReferralProgress)) for r in detail.referrals},
        health_check=rng.choice(list(HealthCheck)) if detail.asks_health_check else None,
        kykyviisari_before=rng.random() < 0.6, kykyviisari_after=rng.random() < 0.4,
        answers={q.id: rng.choice(scale[:2] * 2 + scale) for q in questions if rng.random() < 0.9},
        worker_views={q.id: rng.choice(scale) for q in questions if q.worker_view},
        end_reason=rng.choice(profile.follow_up.end_reasons).id)


def site_desk(desk: Desk, profile: ServiceProfile, site: str) -> Desk:
    """The desk of another site on the same database: its queue, its ticket series and letters."""
    there = copy.copy(desk)
    there.site, there.ticket_prefix = site, profile.ticket_prefix(site)
    return there


def _day(desk: Desk, profile: ServiceProfile, members: list[StaffMember],
         rng: random.Random, day: date, now: datetime, live: bool, busy: bool = True) -> int:
    """A day of visits at the desk's site: the first site is the busy one, the others see a few."""
    waiting = 4 if busy else 2
    opens = datetime.combine(day, time(9, 0), HELSINKI)
    if live:  # today: the last two and a half hours, so the board has someone waiting
        opens = max(datetime.combine(day, time(0, 5), HELSINKI), now - timedelta(minutes=150))
    span = (now - opens).total_seconds() / 60 if live else 180
    arrivals = sorted(rng.uniform(0, span * 0.95) for _ in range(rng.randint(6, 12) if busy else rng.randint(3, 5)))
    clock = {"now": opens}
    original_clock, desk.clock = desk.clock, lambda: clock["now"]
    try:
        for number, minute in enumerate(arrivals):
            clock["now"] = opens + timedelta(minutes=minute)
            worker = rng.choice(members)
            entry = desk.admit(_intake(rng, profile), worker.id)
            answers = _answers(rng, profile)
            result = evaluate(profile.triage, answers)
            desk.record_triage(entry.id, answers_to_json(answers), result.urgency, result.rule_ids, worker.id)
            remaining = len(arrivals) - number
            if live and remaining <= waiting:
                continue  # still waiting
            clock["now"] += timedelta(minutes=rng.randint(2, 40))
            if rng.random() < 0.08:
                desk.mark_left(entry.id, worker.id)
                continue
            desk.start(entry.id, worker.id)
            if live and remaining == waiting + 1:
                continue  # in session now
            clock["now"] += timedelta(minutes=rng.randint(10, 45))
            outcome = _outcome(rng, profile, worker, result.rule_ids)
            if rng.random() < 0.35:  # a follow-up in one to three weeks, mostly with consent to call
                if rng.random() < 0.8:
                    desk.record_consent(entry.id, ConsentKind.CONTACT, ConsentMethod.SPOKEN, worker.id)
                outcome = outcome.model_copy(update={"follow_up_on": day + timedelta(days=rng.choice((7, 14, 21)))})
            desk.finish(entry.id, outcome, worker.id)
            _feedback_instruction(desk, rng, entry.id, worker.id)
    finally:
        desk.clock = original_clock
    return len(arrivals)


def _feedback_instruction(desk: Desk, rng: random.Random, visit_id: int, staff_id: int) -> None:
    """Mostly the sheet, sometimes another way or a refusal, and now and then forgotten."""
    roll = rng.random()
    if roll < 0.7:
        desk.record_print(visit_id, "feedback", "fi", 1, PrintOutcome.PRINTED, "demo", None, None, staff_id)
    elif roll < 0.8:
        desk.record_feedback_instruction(visit_id, FeedbackInstruction.OTHER_WAY, staff_id)
    elif roll < 0.9:
        desk.record_feedback_instruction(visit_id, FeedbackInstruction.DECLINED, staff_id)


DEMO_LANGUAGES = {"fi": 78, "sv": 8, "en": 5, "ru": 2, "ar": 2, "so": 1, "et": 1, "uk": 2, "other": 1}
"""Weights of the client languages in the demo; a language the profile does not list is left out."""


def _intake(rng: random.Random, profile: ServiceProfile, named: bool = False) -> IntakeForm:
    languages = [c.code for c in profile.client_languages]
    language = rng.choices(languages, weights=[DEMO_LANGUAGES.get(code, 1) for code in languages])[0]
    return IntakeForm(
        call_name=rng.choice(CALL_NAMES) if named or rng.random() < 0.5 else None,
        callback_phone=f"+358 40 000 0{rng.randint(100, 199)}" if named else None,
        language=language,
        # in the demo, a client whose language has no handouts of its own needs one (no draw:
        # the demo's other figures stay as they were)
        interpreter_needed=profile.handout_language(language) != language and language != "other",
        life_situation=rng.choice(list(LifeSituation)) if rng.random() < 0.8 else None,
        arrival_channel=rng.choices(list(ArrivalChannel), weights=(30, 25, 15, 10, 8, 8, 4))[0],
        municipality=rng.choice(profile.municipalities) if profile.municipalities and rng.random() < 0.7 else None,
        age_group=rng.choice(list(AgeGroup)) if rng.random() < 0.7 else None,
    )


def _yes_no(rng: random.Random, question: Question) -> Answer:
    weights = (1, 12, 1) if question.id == "acute_today" else (4, 5, 1)
    return rng.choices(("yes", "no", "unknown"), weights=weights)[0]


def _multi(rng: random.Random, question: Question) -> Answer:
    plain = [c.id for c in question.choices if not c.exclusive]
    return frozenset(rng.sample(plain, rng.randint(0, min(3, len(plain)))))


DEMO_ANSWERS: Registry[QuestionKind, Callable[[random.Random, Question], Answer]] = Registry(
    "demo answer", QuestionKind, {QuestionKind.YES_NO: _yes_no, QuestionKind.MULTI: _multi})


def _answers(rng: random.Random, profile: ServiceProfile) -> dict[str, Answer]:
    return {question.id: DEMO_ANSWERS[question.kind](rng, question) for question in profile.triage.questions}


def _outcome(rng: random.Random, profile: ServiceProfile, worker: StaffMember, rules: list[str]) -> Outcome:
    destinations = [d.id for d in profile.referral_destinations]
    referrals = tuple(rng.sample(destinations, rng.randint(0, 2))) if destinations else ()
    workers = (NamedWorker(staff_id=worker.id),) if "coordinator_client" in rules or rng.random() < 0.3 else ()
    actions = {OutcomeAction.GUIDANCE}
    if rng.random() < 0.3:
        actions.add(OutcomeAction.APPOINTMENT)
    if rng.random() < 0.2:
        actions.add(OutcomeAction.CONSENT)
    return Outcome(actions=frozenset(actions), referrals=referrals, workers=workers)
