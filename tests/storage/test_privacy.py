"""Data-subject requests on SQLite and PostgreSQL: finding a person's visits, the access copy
against a direct SQL query, erasure with the summaries unchanged, restriction on the board and
at the printer, the log extract, and the register of requests."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import inspect, text

from forms.audit_query import AuditQuery
from forms.choices import (
    AuditAction,
    ConsentKind,
    ConsentMethod,
    ErasureReason,
    HandoutKind,
    PrivacyRequestKind,
    Urgency,
)
from forms.followup import FollowUpContact
from forms.handover import HandoverRequest
from forms.intake import IntakeForm
from forms.outcome import NamedWorker, Outcome
from forms.privacy import due_on, phone_digits
from forms.profile import ServiceProfile
from forms.settings import Settings
from storage.audit import Actor
from storage.errors import StorageError, TransitionRefused
from storage.models import Visit
from storage.privacy import HELD
from storage.services import Services
from storage.views import StaffMember
from tests.conftest import PIN, FakeClock, add_admin, add_worker
from tests.printouts.helpers import fonts
from tests.printouts.helpers import text as pdf_text
from tests.scenarios import DAY, at, busy_day
from workflows.handouts import Request, Restricted, produce
from workflows.privacy import CopyFormat, ExtractFormat, access_copy, erase, log_extract


def admin_actor(services: Services) -> Actor:
    return Actor(add_admin(services).id, "desk-9", via="cli")


def test_phone_digits_and_the_due_date() -> None:
    assert phone_digits("+358 40 000 0101") == phone_digits("040-000 0101") == phone_digits("(040) 0000101")
    assert phone_digits("00358 40 000 0101") == "0400000101"
    assert due_on(date(2026, 1, 31)) == date(2026, 2, 28)
    assert due_on(date(2026, 12, 15)) == date(2027, 1, 15)


def test_find_by_name_phone_or_ticket_within_retention(services: Services, worker: StaffMember,
                                                       clock: FakeClock) -> None:
    admin = admin_actor(services)
    aino = services.desk.admit(IntakeForm(call_name="Aino Esimerkki", callback_phone="040 000 0101"), worker.id)
    services.desk.admit(IntakeForm(call_name="Eero", callback_phone="040 000 0202"), worker.id)
    clock.advance(60 * 24)
    again = services.desk.admit(IntakeForm(call_name="AINO", callback_phone="+358 40 000 0101"), worker.id)
    find = services.privacy.find
    assert [v.id for v in find(admin, name="ain")] == [aino.id, again.id]
    assert [v.id for v in find(admin, name="%")] == []  # a wildcard is a character like any other
    assert [v.id for v in find(admin, phone="+358 40 000 0101")] == [aino.id, again.id]
    assert [v.id for v in find(admin, phone="040-0000101")] == [aino.id, again.id]
    assert [v.id for v in find(admin, ticket="a001", day=DAY)] == [aino.id]
    found = find(admin, ticket="A001", day=DAY)[0]
    assert (found.call_name, found.callback_phone, found.ticket) == ("Aino Esimerkki", "040 000 0101", "A001")
    with pytest.raises(ValueError):
        find(admin)
    # An erased visit is outside the window: nothing of it can be found any more.
    services.privacy.erase([aino.id], ErasureReason.DATA_SUBJECT_REQUEST, admin)
    assert [v.id for v in find(admin, phone="0400000101")] == [again.id]
    # Each look-up is on the audit trail, as a view of each visit found, by the administrator.
    views = services.audit.events(AuditQuery(action=AuditAction.VIEW), limit=None)
    assert {(e.username, e.detail, e.workstation) for e in views} == {("paula", "privacy find", "desk-9")}
    with pytest.raises(StorageError):  # a desk worker may not
        find(Actor(worker.id, "desk-1"), name="Aino")


def _normal(value: Any) -> Any:
    """A value as SQL or JSON gives it, made comparable: times to naive UTC, booleans to 0/1,
    JSON text parsed."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return (value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value[:1] in "[{":
        return json.loads(value)
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] in "T ":
        return _normal(datetime.fromisoformat(value))
    return value


def full_visit(services: Services, worker: StaffMember, clock: FakeClock) -> int:
    """A visit with something in every table that holds rows about it."""
    desk = services.desk
    olli = add_worker(services, "olli", "Olli Testinen")
    services.staff.sign_in("olli", PIN, "desk-2")
    visit = desk.admit(IntakeForm(call_name="Aino", callback_phone="040 000 0101", municipality="Testilä"),
                       worker.id).id
    desk.record_triage(visit, {"acute_today": "no"}, Urgency.NORMAL, [], worker.id, Urgency.SOON, "odottanut pitkään")
    desk.hand_over(visit, HandoverRequest(to_staff_id=olli.id, reason="tarvitsee koordinaattorin"), worker.id)
    clock.advance(5)
    desk.call(visit, olli.id)
    desk.record_consent(visit, ConsentKind.NETWORK_MEETING, ConsentMethod.SIGNED, olli.id)
    outside = NamedWorker(name="Ulla Ulkopuolinen", organisation="Kela", phone="+358 40 000 0202")
    desk.finish(visit, Outcome(referrals=("kela",), workers=(outside,), note="soittaa maanantaina",
                               follow_up_on=date(2026, 12, 1)), olli.id)
    desk.record_print(visit, "memo", "fi", 1, "printed", "WalkinPDF-1", None, None, olli.id)
    [line] = services.follow_ups.due(None, None)
    [referral] = services.follow_ups.detail(line.id).referrals
    contact = FollowUpContact.model_validate(
        {"reached": True, "referrals": {referral.id: "waiting"}, "next_on": date(2026, 12, 8)},
        context={"profile": services.follow_ups.profile, "failed_attempts": 0})
    services.follow_ups.record(line.id, contact, olli.id, keep_days=30)
    desk.visit(visit, viewer=worker.id)
    return visit


def test_the_access_copy_holds_everything_a_direct_query_finds(services: Services, worker: StaffMember,
                                                              clock: FakeClock, profile: ServiceProfile) -> None:
    visit = full_visit(services, worker, clock)
    admin = admin_actor(services)
    tables = [("visit", "id", Visit), *((model.__tablename__, "visit_id", model) for _name, model in HELD)]
    queried: dict[str, list[dict[str, Any]]] = {}
    with services.db.engine.connect() as connection:
        for table, column, model in tables:
            keys = {c.name: attr.key for attr in inspect(model).column_attrs for c in attr.columns}
            rows = connection.execute(text(f"SELECT * FROM {table} WHERE {column} = :id ORDER BY id"), {"id": visit})
            queried[table] = [{keys[k]: v for k, v in row._mapping.items()} for row in rows]
    assert all(queried[model.__tablename__] for _name, model in HELD)  # every table has a row to find

    document = json.loads(access_copy(services, profile, [visit], CopyFormat.JSON, "fi", admin))
    [copy] = document["visits"]
    sections = {"visit": [copy["visit"]], **{model.__tablename__: copy[name] for name, model in HELD}}
    for table, rows in queried.items():
        assert len(sections[table]) == len(rows), table
        for row, held in zip(rows, sections[table], strict=True):
            for key, value in row.items():
                assert _normal(held[key]) == _normal(value), (table, key)
    assert document["staff"] == {str(worker.id): "Kaisa Esimerkki", str(worker.id + 1): "Olli Testinen"}
    assert copy["visit"]["call_name"] == "Aino" and copy["responsible_workers"][0]["phone"] == "+358 40 000 0202"
    # The follow-up's contacts and how its referrals stood, which hang on the follow-up, not the visit.
    [contact] = copy["follow_up_contacts"]
    assert (contact["reached"], contact["next_on"], contact["staff_id"]) == (True, "2026-12-08", worker.id + 1)
    assert [(r["destination"], r["progress"]) for r in copy["follow_up_referrals"]] == [("kela", "waiting")]

    # The PDF, in each language, names what is held, in the client's language, fonts embedded.
    for language, title, label in (("fi", "Kopio tiedoistasi", "Takaisinsoittonumero"),
                                   ("sv", "Kopia av dina uppgifter", "Telefonnummer för återuppringning"),
                                   ("en", "A copy of your data", "Callback phone")):
        pdf = access_copy(services, profile, [visit], CopyFormat.PDF, language, admin)
        said = pdf_text(pdf)
        for wanted in (title, label, "040 000 0101", "Ulla Ulkopuolinen", "soittaa maanantaina",
                       "tarvitsee koordinaattorin", "Olli Testinen"):
            assert wanted in said, (language, wanted)
        assert all(fonts(pdf).values())
    exports = services.audit.events(AuditQuery(action=AuditAction.EXPORT), limit=None)
    assert [e.detail for e in exports] == ["access copy pdf"] * 3 + ["access copy json"]


def test_erasure_leaves_the_summaries_as_they_were(services: Services, worker: StaffMember, clock: FakeClock,
                                                   settings: Settings) -> None:
    busy_day(services, worker, clock)
    at(clock, 12, 0)
    aino = services.desk.admit(IntakeForm(call_name="Aino", callback_phone="040 000 0101"), worker.id)
    services.desk.call(aino.id, worker.id)
    outside = NamedWorker(name="Ulla Ulkopuolinen", organisation="Kela", phone="+358 40 000 0202")
    services.desk.finish(aino.id, Outcome(workers=(outside,), note="soittaa maanantaina"), worker.id)
    memo = settings.home / "printouts" / "2026-11-24" / "memo-A006-fi.pdf"
    memo.parent.mkdir(parents=True)
    memo.write_bytes(b"%PDF-")
    services.desk.record_print(aino.id, "memo", "fi", 1, "saved", None, str(memo), "no printer", worker.id)
    before = services.reports.summary(DAY, date(2026, 11, 25))
    visits_before = list(services.reports.visit_rows(DAY))
    admin = admin_actor(services)
    second = services.desk.find_today("A002")
    assert second is not None

    erased = erase(services, settings, [aino.id, second], ErasureReason.WRONG_PERSON, admin)
    assert (erased.visits, erased.files) == (2, 1) and not memo.exists()
    assert services.reports.summary(DAY, date(2026, 11, 25)) == before
    assert list(services.reports.visit_rows(DAY)) == visits_before
    detail = services.desk.visit(aino.id)
    assert detail.purged and detail.entry.call_name is None and detail.callback_phone is None
    assert detail.outcome_note is None and detail.workers[0].name == "" and detail.workers[0].phone is None
    assert services.desk.visit(second).override_reason == ""
    events = services.audit.events(AuditQuery(action=AuditAction.ERASE), limit=None)
    assert sorted((e.ticket, e.detail, e.username) for e in events) == [
        ("A002", "wrong_person", "paula"), ("A006", "wrong_person", "paula")]
    # Again: nothing left to erase, nothing recorded.
    assert services.privacy.erase([aino.id], ErasureReason.OTHER, admin) == 0
    assert len(services.audit.events(AuditQuery(action=AuditAction.ERASE), limit=None)) == 2


def test_a_restricted_visit_shows_its_ticket_only_and_prints_nothing(
        services: Services, worker: StaffMember, clock: FakeClock, profile: ServiceProfile,
        settings: Settings, tmp_path: Any) -> None:
    aino = services.desk.admit(IntakeForm(call_name="Aino", callback_phone="040 000 0101"), worker.id)
    admin = admin_actor(services)
    assert services.privacy.restrict([aino.id], admin) == 1
    [entry] = services.desk.snapshot().entries
    assert (entry.ticket, entry.call_name, entry.restricted) == ("A001", None, True)
    services.desk.call(aino.id, worker.id)
    [called] = services.desk.display_board().called
    assert (called.ticket, called.call_name) == ("A001", None)
    detail = services.desk.visit(aino.id, viewer=worker.id)
    assert detail.entry.call_name is None and detail.callback_phone is None
    with pytest.raises(Restricted, match="A001"):
        produce(Request(HandoutKind.BROCHURE, out=tmp_path / "b.pdf"), services, settings, profile, detail, None)
    assert not (tmp_path / "b.pdf").exists() and services.desk.visit(aino.id).handouts == ()
    with pytest.raises(TransitionRefused):  # the form showed no name: saving it would erase the name
        services.desk.change_intake(aino.id, IntakeForm(), worker.id)
    # The administrator still sees the person, to answer the request.
    assert services.privacy.find(admin, name="aino")[0].restricted

    assert services.privacy.restrict([aino.id], admin, lift=True) == 1
    assert services.desk.visit(aino.id).entry.call_name == "Aino"
    assert services.desk.display_board().called[0].call_name == "Aino"
    actions = [e.action for e in services.audit.events(AuditQuery(ticket="A001"), limit=None)]
    assert AuditAction.RESTRICT in actions and AuditAction.RESTRICTION_LIFTED in actions


def test_the_log_extract_lists_a_view_and_a_print_by_a_worker(services: Services, worker: StaffMember,
                                                             clock: FakeClock, profile: ServiceProfile) -> None:
    visit = services.desk.admit(IntakeForm(call_name="Aino"), worker.id).id
    other = services.desk.admit(IntakeForm(call_name="Eero"), worker.id).id
    clock.advance(3)
    services.desk.visit(visit, viewer=worker.id)
    clock.advance(1)
    services.desk.record_print(visit, "brochure", "sv", 1, "printed", "WalkinPDF-1", None, None, worker.id)
    admin = admin_actor(services)

    rows = list(csv.DictReader(io.StringIO(
        log_extract(services, profile, [visit], ExtractFormat.CSV, "fi", admin).decode("utf-8"))))
    assert [(r["username"], r["action"], r["workstation"], r["ticket"]) for r in rows] == [
        ("kaisa", "admit", "desk-1", "A001"), ("kaisa", "view", "desk-1", "A001"),
        ("kaisa", "print", "desk-1", "A001")]
    assert rows[1]["time"] == "2026-11-24T10:03:00+02:00"
    assert "Eero" not in str(rows) and all(r["ticket"] != "A002" for r in rows) and other
    for language, viewed, printed in (("fi", "katsoi tietoja", "tulosti"), ("sv", "såg uppgifterna", "skrev ut"),
                                      ("en", "viewed the data", "printed")):
        said = pdf_text(log_extract(services, profile, [visit], ExtractFormat.PDF, language, admin))
        assert viewed in said and printed in said and "kaisa" in said and "desk-1" in said
    # Each extract is itself on the trail, and shows in the next one.
    made = services.audit.events(AuditQuery(action=AuditAction.LOG_EXTRACT), limit=None)
    assert [e.detail for e in made] == ["log extract pdf"] * 3 + ["log extract csv"]
    again = log_extract(services, profile, [visit], ExtractFormat.CSV, "fi", admin).decode("utf-8")
    assert "log_extract" in again


def test_the_register_of_requests(services: Services, worker: StaffMember, clock: FakeClock) -> None:
    aino = services.desk.admit(IntakeForm(call_name="Aino", callback_phone="040 000 0101"), worker.id)
    admin = admin_actor(services)
    first = services.privacy.add_request(PrivacyRequestKind.ACCESS, date(2026, 10, 20), [aino.id], admin)
    second = services.privacy.add_request(PrivacyRequestKind.ERASURE, DAY, [], admin)
    register = services.privacy.requests(admin)
    assert [(r.id, r.kind, r.due_on, r.overdue, r.tickets) for r in register] == [
        (second, PrivacyRequestKind.ERASURE, date(2026, 12, 24), False, ()),
        (first, PrivacyRequestKind.ACCESS, date(2026, 11, 20), True, ("A001 2026-11-24",))]
    services.privacy.mark_done(first, admin)
    done = {r.id: r for r in services.privacy.requests(admin)}[first]
    assert (done.done_at, done.done_by, done.overdue) == (clock(), "Paula Pääkäyttäjä", False)
    with pytest.raises(TransitionRefused):
        services.privacy.mark_done(first, admin)
    with pytest.raises(StorageError):
        services.privacy.mark_done(999, admin)
    clock.now += timedelta(days=31)
    assert {r.id: r.overdue for r in services.privacy.requests(admin)} == {first: False, second: True}
    # The register itself holds no name or phone of the person.
    with services.db.engine.connect() as connection:
        stored = str([tuple(r) for t in ("privacy_request", "privacy_request_visit")
                      for r in connection.execute(text(f"SELECT * FROM {t}"))])
    assert "Aino" not in stored and "0101" not in stored
    details = [e.detail for e in services.audit.events(AuditQuery(action=AuditAction.PRIVACY_REQUEST))]
    assert details == [f"#{first} access done", f"#{second} erasure received", f"#{first} access received"]
