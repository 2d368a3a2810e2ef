"""Intake drafts kept under an old field name load under today's."""

from __future__ import annotations

from forms.intake import IntakeForm, intake_draft


def test_an_old_draft_key_becomes_todays_field() -> None:
    draft = intake_draft({"call_name": "Venla", "referral_channel": "kela", "age_group": "25_34"})
    assert draft == {"call_name": "Venla", "arrival_channel": "kela", "age_group": "25_34"}
    assert IntakeForm.model_validate(draft).arrival_channel == "kela"
