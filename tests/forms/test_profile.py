"""Profiles are data: checked with every problem named by its location."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms.profile import DEFAULT_PROFILE, ProfileError, load_profile
from tui.cli import main


def edited(tmp_path: Path, old: str, new: str) -> Path:
    text = DEFAULT_PROFILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "profile.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_default_profile_is_valid() -> None:
    profile = load_profile()
    assert len(profile.triage.questions) == 7
    assert {r.id for r in profile.triage.rules} >= {
        "acute", "health_check", "coordinator_client", "already_in_typ", "income_housing"
    }


def test_unknown_question_is_named_with_its_location(tmp_path: Path) -> None:
    path = edited(tmp_path, '{ question = "health_affects_work", is = "yes" }',
                  '{ question = "helth", is = "yes" }')
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.problems == ["triage.rules[1].when[0]: unknown question 'helth'"]


def test_schema_errors_carry_their_location(tmp_path: Path) -> None:
    path = edited(tmp_path, 'urgency = "acute"', 'urgency = "urgent"')
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.problems[0].startswith("triage.rules[0].urgency:")


def test_toml_syntax_error_is_reported(tmp_path: Path) -> None:
    path = edited(tmp_path, 'ticket_prefix = "A"', 'ticket_prefix = "A')
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert "TOML syntax error" in caught.value.problems[0]
    assert "line" in caught.value.problems[0]


def test_a_new_rule_needs_no_code(tmp_path: Path) -> None:
    extra = '''
[[triage.rules]]
id = "wants_try_out"
when = [{ question = "help_wanted", includes = "work_trial" }]
suggest = { fi = "Selvitä työkokeilu." }
short = { fi = "työkokeilu" }
'''
    path = tmp_path / "profile.toml"
    path.write_text(DEFAULT_PROFILE.read_text(encoding="utf-8") + extra, encoding="utf-8")
    profile = load_profile(path)
    assert profile.triage.rule("wants_try_out") is not None


def test_profile_check_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "check", str(DEFAULT_PROFILE)]) == 0
    assert "OK (7 kysymystä, 6 sääntöä)" in capsys.readouterr().out
    bad = edited(tmp_path, 'location = "kirkonkyla"', 'location = "nowhere"')
    assert main(["profile", "check", str(bad)]) == 1
    assert "walkin_hours[1].location: unknown location 'nowhere'" in capsys.readouterr().out
    assert main(["--lang", "en", "profile", "check", str(DEFAULT_PROFILE)]) == 0
    assert "OK (7 questions, 6 rules)" in capsys.readouterr().out
