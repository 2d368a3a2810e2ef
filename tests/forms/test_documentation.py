"""Record status and the documentation note, pure: which visits are client matters, and what the
note for the client information system holds (and leaves out) in the worker's language."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from forms.choices import OutcomeAction, Urgency, VisitStatus
from forms.documentation import awaits_documentation, is_client_matter, note_file_name
from forms.i18n import set_language
from forms.profile import Privacy, ServiceProfile
from storage.views import ConsentRecord, QueueEntry, VisitDetail, WorkerOnVisit
from workflows.documentation import client_matter, documentation_note

DAY = date(2026, 11, 24)
TEN = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)  # 10.00 in Helsinki


@pytest.mark.parametrize(("actions", "name", "phone", "follow_up", "matter"), [
    ((), None, None, None, False),  # anonymous guidance
    (("guidance",), "Aino", "+358 40 000 0101", None, False),  # named, but only guided
    (("appointment",), None, None, None, False),
    (("worker_named",), None, None, None, True),
    (("consent",), None, None, None, True),
    (("referral",), None, None, None, False),  # an anonymous client's referral is theirs to take
    (("referral",), "Aino", None, None, True),
    (("referral",), "", "+358 40 000 0101", None, True),
    (("referral",), "", "", None, False),
    (("guidance",), None, None, DAY, True),
])
def test_a_visit_is_a_client_matter_only_by_the_rule(actions: tuple[str, ...], name: str | None,
                                                     phone: str | None, follow_up: date | None,
                                                     matter: bool) -> None:
    assert is_client_matter(frozenset(actions), name, phone, follow_up) is matter


def test_a_client_matter_awaits_documentation_until_marked() -> None:
    assert awaits_documentation(True, None)
    assert not awaits_documentation(True, TEN)
    assert not awaits_documentation(False, None)


def test_the_note_file_is_named_by_day_and_ticket_only() -> None:
    assert note_file_name(DAY, "A007") == "documentation-2026-11-24-A007.txt"


def detail(**changes: object) -> VisitDetail:
    entry = QueueEntry(id=7, ticket="A007", service_day=DAY, status=VisitStatus.FINISHED, urgency=Urgency.NORMAL,
                       arrived_at=TEN, call_name="Aino", language="fi", triaged=True, triage_rules=(),
                       called_by="Kaisa Esimerkki", updated_at=TEN)
    values: dict[str, object] = dict(
        entry=entry, life_situation="unemployed", arrival_channel="self", municipality="Testilä", age_group=None,
        callback_phone="+358 40 000 0101", triage_urgency=Urgency.NORMAL, override_reason=None,
        triage_answers={"health_affects_work": "yes"}, called_at=TEN, started_at=TEN,
        finished_at=TEN.replace(minute=25), left_at=None,
        actions=frozenset({OutcomeAction.REFERRAL.value, OutcomeAction.WORKER_NAMED.value}),
        referrals=("health_check",),
        workers=(WorkerOnVisit(None, "Ulla Ulkopuolinen", "Kela", "+358 40 000 0202"),),
        follow_up_on=date(2026, 12, 8), next_appointment_at=datetime(2026, 12, 1, 10, 0, tzinfo=UTC),
        outcome_note="Soittaa maanantaina.", feedback_instruction="printed", handouts=(),
        consents=(ConsentRecord(1, "network_meeting", "signed", TEN, "Kaisa Esimerkki"),),
        appointment_place="Työkykykeskus", follow_up_by="client")
    values.update(changes)
    return VisitDetail(**values)  # type: ignore[arg-type]


def test_the_note_holds_what_was_agreed_in_the_workers_language(profile: ServiceProfile) -> None:
    set_language("en")
    try:
        note = documentation_note(detail(), profile)
    finally:
        set_language("fi")
    assert note.startswith("Documentation note for the client information system\n"
                           "Work Ability Point, Exampleton Wellbeing Services County\n")
    for expected in ("Date: 24 Nov 2026", "Meeting: 10:00–10:25", "Ticket: A007", "Name to call: Aino",
                     "Callback phone: +358 40 000 0101",
                     "Done: Referral made, Responsible worker named",
                     "Appointment: 1 Dec 2026 12:00, Työkykykeskus", "Note: Soittaa maanantaina.",
                     "Referred to\n- ", "Responsible workers\n- Ulla Ulkopuolinen, Kela, +358 40 000 0202",
                     "Follow-up\n- 8 Dec 2026 (The client contacts us)",
                     "Consents\n- Network meeting: signed, 24 Nov 2026 10:00, Kaisa Esimerkki"):
        assert expected in note
    assert "Triage" not in note  # not unless the profile says so
    assert client_matter(detail())


def test_the_note_in_finnish_and_with_the_triage_answers_only_if_the_profile_says(profile: ServiceProfile) -> None:
    note = documentation_note(detail(), profile)
    assert note.startswith("Kirjausmuistio asiakastietojärjestelmään\nTyökykypiste, Esimerkkilän hyvinvointialue\n")
    assert "Päivä: 24.11.2026" in note and "Mitä sovittiin" in note
    with_triage = profile.model_copy(update={"privacy": Privacy(note_includes_triage=True)})
    question = with_triage.triage.questions[0]
    answered = detail(triage_answers={question.id: "yes"})
    assert f"Palvelutarve\n- {question.short}: kyllä" in documentation_note(answered, with_triage)
    assert str(question.short) not in documentation_note(answered, profile)


def test_an_anonymous_guidance_is_not_a_client_matter_on_the_view_record() -> None:
    guided = detail(actions=frozenset({"guidance"}), workers=(), referrals=(), consents=(), follow_up_on=None)
    assert not client_matter(guided)
