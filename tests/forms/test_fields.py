"""Every form field refuses bad input with a message in the UI language."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pydantic import ValidationError

from forms.fields import field_messages
from forms.i18n import set_language
from forms.intake import IntakeForm
from forms.outcome import NamedWorker, Outcome
from forms.staff import NewPin, NewStaff, SignIn, is_trivial_pin
from forms.timefmt import HELSINKI


def messages(model: type, **data: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        model(**data)
    return field_messages(caught.value)


def test_anonymous_intake_is_valid_with_defaults() -> None:
    form = IntakeForm()
    assert form.call_name is None and form.language == "fi"


def test_names_are_cleaned() -> None:
    assert IntakeForm(call_name="  Šimo \t Ångström ").call_name == "Šimo Ångström"
    assert IntakeForm(call_name="   ").call_name is None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"call_name": "x" * 200}, "call_name", "Enintään 40 merkkiä (nyt 200)."),
        ({"call_name": "Matti\x1b[31m"}, "call_name", "Poista ohjausmerkit."),
        ({"callback_phone": "soita minulle"}, "callback_phone", "Ei ole puhelinnumero."),
        ({"callback_phone": "123"}, "callback_phone", "Ei ole puhelinnumero."),
        ({"language": "klingon"}, "language", "Valitse jokin vaihtoehdoista."),
    ],
)
def test_bad_intake_fields_say_why_in_finnish(data: dict, field: str, message: str) -> None:
    assert messages(IntakeForm, **data)[field].startswith(message)


def test_messages_follow_the_ui_language() -> None:
    set_language("en")
    assert messages(IntakeForm, call_name="x" * 41)["call_name"] == "At most 40 characters (now 41)."


@pytest.mark.parametrize("phone", ["040 123 4567", "+358 40 123 4567", "(09) 123-456"])
def test_phone_numbers_pass(phone: str) -> None:
    assert IntakeForm(callback_phone=phone).callback_phone == phone


def test_staff_form() -> None:
    found = messages(NewStaff, username="Iso Kirjain", display_name="", job_title="t" * 120,
                     email="ei-osoite", pin="12", pin_again="12")
    assert set(found) == {"username", "display_name", "job_title", "email", "pin"}
    assert messages(NewStaff, username="anna", display_name="Anna", job_title="x",
                    pin="4826", pin_again="4862") == {"pin_again": "PIN-koodit eivät täsmää."}


@pytest.mark.parametrize("pin", ["0000", "1111", "999999", "1234", "123456", "7890", "4321", "0987", "1212",
                                 "6969", "2020", "123123", "2580", "1004", "5683", "147258"])
def test_a_trivial_new_pin_is_refused_beside_the_field(pin: str) -> None:
    assert is_trivial_pin(pin)
    assert messages(NewPin, pin=pin, pin_again=pin) == {
        "pin": "Liian helppo arvata: vältä jonoja (1234), toistoja (1111, 1212) ja yleisiä PIN-koodeja, kuten 2580."}


@pytest.mark.parametrize("pin", ["4826", "5917", "7291", "3861", "12341", "30517", "80473925"])
def test_an_ordinary_pin_is_accepted(pin: str) -> None:
    assert not is_trivial_pin(pin) and NewPin(pin=pin, pin_again=pin).pin == pin


def test_signing_in_with_an_old_trivial_pin_is_still_possible() -> None:
    """Accounts made before the rule keep working; the administrator gives them new PINs."""
    assert SignIn(username="kaisa", pin="1234").pin == "1234"


def test_outcome_implies_actions_and_checks_dates() -> None:
    outcome = Outcome(referrals=("kela",), workers=(NamedWorker(name="Eeva Esimerkki"),), follow_up_on="1.12.2026")
    assert {"referral", "worker_named"} <= {a.value for a in outcome.actions}
    assert outcome.follow_up_on.isoformat() == "2026-12-01"
    assert messages(Outcome, follow_up_on="31.2.2026") == {"follow_up_on": "Ei ole päivämäärä. Esimerkki: 24.11.2026."}
    assert "Valitse" in messages(NamedWorker)[""]


def test_booked_appointment_is_read_in_helsinki_time_and_implies_the_action() -> None:
    outcome = Outcome(next_appointment="1.12.2026 klo 10.00")
    assert outcome.next_appointment is not None
    assert outcome.next_appointment.isoformat() == "2026-12-01T10:00:00+02:00"
    assert "appointment" in {a.value for a in outcome.actions}
    assert Outcome(next_appointment="1.12.2026 9:30").next_appointment.hour == 9  # type: ignore[union-attr]
    assert messages(Outcome, next_appointment="huomenna") == {
        "next_appointment": "Ei ole päivämäärä ja kellonaika. Esimerkki: 1.12.2026 10.00."}


def finish_form(now: datetime, **data: object) -> dict[str, str]:
    """The messages the finish form shows for `data` at `now` ({} when it is accepted)."""
    try:
        Outcome.model_validate(data, context={"now": now})
    except ValidationError as error:
        return field_messages(error)
    return {}


TUESDAY = datetime(2026, 11, 24, 10, 0, tzinfo=HELSINKI)


@pytest.mark.parametrize(("data", "expected"), [
    ({"follow_up_on": "1.1.1900"}, {"follow_up_on": "The follow-up date is in the past."}),
    ({"follow_up_on": "23.11.2026"}, {"follow_up_on": "The follow-up date is in the past."}),
    ({"follow_up_on": "1.1.9999"},
     {"follow_up_on": "Further than a year ahead (25 Nov 2027 at the latest): check the year."}),
    ({"follow_up_on": "26.11.2027"},
     {"follow_up_on": "Further than a year ahead (25 Nov 2027 at the latest): check the year."}),
    ({"follow_up_on": "24.11.2026"}, {}),  # today
    ({"follow_up_on": "25.11.2027"}, {}),
    ({"next_appointment": "24.11.2026 9.59"}, {"next_appointment": "The appointment time is in the past."}),
    ({"next_appointment": "1.1.1900 10.00"}, {"next_appointment": "The appointment time is in the past."}),
    ({"next_appointment": "1.1.9999 10.00"},
     {"next_appointment": "Further than a year ahead (25 Nov 2027 at the latest): check the year."}),
    ({"next_appointment": "24.11.2026 10.30"}, {}),
    ({"next_appointment": "28.3.2027 03.30"},
     {"next_appointment": "There is no 03:30 on 28 Mar 2027 in Helsinki: the clocks go forward an hour that night."}),
    ({"next_appointment": "28.3.2027 04.00"}, {}),
])
def test_finish_dates_must_be_believable(data: dict[str, str], expected: dict[str, str]) -> None:
    set_language("en")
    assert finish_form(TUESDAY, **data) == expected


def test_a_time_helsinki_skips_is_refused_even_without_a_clock() -> None:
    assert messages(Outcome, next_appointment="29.3.2026 03.30") == {"next_appointment": (
        "Kello 03.30 ei ole olemassa 29.3.2026 Helsingin aikaa: kelloja siirretään sinä yönä tunti eteenpäin.")}
    autumn = Outcome(next_appointment="25.10.2026 03.30").next_appointment  # happens twice: the first
    assert autumn is not None and autumn.isoformat() == "2026-10-25T03:30:00+03:00"
    assert Outcome(follow_up_on="1.1.1900").follow_up_on == date(1900, 1, 1)  # no clock given: not checked
