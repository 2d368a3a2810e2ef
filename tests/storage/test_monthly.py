"""The monthly report's figures against hand counts, on SQLite and PostgreSQL: the fixed busy day
with sign-ins and an away period, a previous month and the same month a year before."""

from __future__ import annotations

from datetime import date, datetime

from forms.away import AwayChoice
from forms.choices import AwayReason, FeedbackInstruction
from forms.i18n import set_language
from forms.intake import IntakeForm
from forms.monthly import change, findings, key_figures
from forms.outcome import Outcome
from forms.timefmt import HELSINKI
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import PIN, FakeClock
from tests.scenarios import DAY, at, busy_day
from workflows.monthly import monthly_report


def _month_with_sign_ins(services: Services, kaisa: StaffMember, clock: FakeClock) -> None:
    busy_day(services, kaisa, clock)
    staff = services.staff
    at(clock, 8, 55)
    _member, kaisa_in = staff.sign_in("kaisa", PIN, "desk-1")
    at(clock, 9, 20)
    olli, olli_in = staff.sign_in("olli", PIN, "desk-2")
    at(clock, 9, 50)
    services.away.start(olli.id, olli_in, AwayChoice(reason=AwayReason.LUNCH))
    at(clock, 10, 10)
    services.away.end(olli.id)
    at(clock, 10, 20)
    staff.sign_out(olli_in)
    at(clock, 12, 0)
    staff.sign_out(kaisa_in)
    # the previous month: one visit waited 30 minutes and finished without the instruction, one left
    october = date(2026, 10, 13)
    at(clock, 10, 0, october)
    first = services.desk.admit(IntakeForm(), kaisa.id)
    at(clock, 10, 5, october)
    second = services.desk.admit(IntakeForm(), kaisa.id)
    at(clock, 10, 30, october)
    services.desk.start(first.id, kaisa.id)
    services.desk.mark_left(second.id, kaisa.id)
    at(clock, 10, 50, october)
    services.desk.finish(first.id, Outcome(), kaisa.id)
    # a year before: one visit, 5 minutes' wait, the instruction printed
    year_ago = date(2025, 11, 18)
    at(clock, 13, 0, year_ago)
    visit = services.desk.admit(IntakeForm(), kaisa.id)
    at(clock, 13, 5, year_ago)
    services.desk.start(visit.id, kaisa.id)
    at(clock, 13, 25, year_ago)
    services.desk.finish(visit.id, Outcome(), kaisa.id)
    services.desk.record_feedback_instruction(visit.id, FeedbackInstruction.PRINTED, kaisa.id)
    clock.now = datetime(2026, 12, 2, 10, 0, tzinfo=HELSINKI)


def test_the_month_against_hand_counts(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    _month_with_sign_ins(services, worker, clock)
    r = monthly_report(services, DAY)
    assert (r.month, r.current.day_to, r.previous.day_from, r.year_before.day_from) == (
        date(2026, 11, 1), date(2026, 11, 30), date(2026, 10, 1), date(2025, 11, 1))
    set_language("en")
    assert [(f.label, f.now, f.previous, f.year_before) for f in key_figures(r)] == [
        ("Visits", 6, 2, 1),  # the busy day's five and the one just after midnight
        ("Finished", 3, 1, 1),
        ("Left or did not show", 1, 1, 0),
        ("Median wait", 20, 30, 5),
        ("90 % waited at most", 36, 30, 5),
        ("Feedback instruction given", 100 * (2 / 3), 0, 100),
        ("Follow-ups closed", 0, 0, 0),
    ]
    # waits 10 and 40 (normal), 20 (soon, overridden)
    assert {u: (d.count, d.median, d.p90) for u, d in r.current.waiting_by_urgency.items()} == {
        "normal": (2, 25, 37), "soon": (1, 20, 20)}
    # weeks cut at the month's ends: Sunday the 1st alone, then Monday to Sunday, Monday the 30th alone
    assert [(w.day_from.day, w.day_to.day, w.visits) for w in r.weeks] == [
        (1, 1, 0), (2, 8, 0), (9, 15, 0), (16, 22, 0), (23, 29, 6), (30, 30, 0)]
    st = r.staffing
    # Kaisa 8.55–12.00 (185 min), Olli 9.20–10.20 less 20 min away (40 min)
    assert round(st.worker_hours, 4) == 3.75
    assert st.per_worker_hour(r.current.visits) == 6 / 3.75
    # A001 9.00: none waiting, Kaisa alone (band < 1); A002 9.05: A001 waiting, one worker (1–2);
    # A003 left (no wait until called); A004 10.00: Olli away, none waiting (< 1);
    # A005 at 23.50 and the next day's at 0.10: no one signed in
    assert [(b.low, b.visits, b.median) for b in st.bands] == [(0, 2, 25), (1, 1, 20), (2, 0, None), (4, 0, None)]
    assert (st.arrivals, st.no_worker, st.past_threshold_at) == (6, 2, {})
    assert [change(f.now, f.previous, f.unit) for f in key_figures(r)][:4] == [
        "+4 (up 200 %)", "+2 (up 200 %)", "no change", "-10 min (down 33 %)"]
    assert change(200 / 3, 0, "%") == "+67 points (up)"
    assert findings(r) == [
        "Visits rose by 200 %\u00a0from the previous month (from 2 to 6).",
        "There were 1.6 visits per worker-hour present (6 visits in 4 worker-hours).",
        "2 clients arrived when no worker was signed in at a desk.",
        "No client waited past the threshold of their urgency.",
        "The feedback instruction reached 67 %\u00a0of finished visits; the lowest was week 48 (67 %).",
    ]
