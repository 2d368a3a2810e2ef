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


def test_a_byte_order_mark_is_not_a_syntax_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Notepad on Windows saves UTF-8 with a BOM."""
    path = tmp_path / "profile.toml"
    path.write_bytes(b"\xef\xbb\xbf" + DEFAULT_PROFILE.read_bytes())
    assert len(load_profile(path).triage.questions) == 7
    assert main(["profile", "check", str(path)]) == 0
    assert "OK (7 kysymystä, 6 sääntöä)" in capsys.readouterr().out


def test_a_clause_that_does_not_fit_its_question_is_one_problem(tmp_path: Path) -> None:
    path = edited(tmp_path, '{ question = "health_affects_work", is = "yes" }',
                  '{ question = "health_affects_work", includes = "gym" }')
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.problems == [
        "triage.rules[1].when[0]: operator does not fit the yes_no question 'health_affects_work'"]


def test_cross_references_are_reported_beside_schema_errors(tmp_path: Path) -> None:
    path = edited(tmp_path, '{ question = "health_affects_work", is = "yes" }', '{ question = "helth", is = "yes" }')
    text = path.read_text(encoding="utf-8").replace('ticket_prefix = "A"', 'ticket_prefix = "a"', 1)
    text = text.replace('location = "kirkonkyla"', 'location = "nowhere"')
    path.write_text(text.replace('includes = "typ"', 'includes = "tyb"'), encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.problems == [
        "service.ticket_prefix: String should match pattern '^[A-Z]{1,2}$'",
        "triage.rules[1].when[0]: unknown question 'helth'",
        "triage.rules[3].when[0]: unknown choice 'tyb' of question 'current_services'",
        "walkin_hours[1].location: unknown location 'nowhere'",
    ]


def test_a_reference_to_a_part_with_errors_is_not_reported_again(tmp_path: Path) -> None:
    """The question and the location have errors of their own; the rules and hours that name them
    are not also told that they name something unknown."""
    path = edited(tmp_path, 'id = "income_housing"\ntext = {', 'id = "income_housing"\nkind = "multi"\ntext = {')
    text = path.read_text(encoding="utf-8").replace(
        'address = "Kuvitelmantie 5, 99980 Harjoitusjärvi"', "address = 5")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.problems == [
        "locations[1].address: Input should be a valid string",
        "triage.questions[5]: Value error, a multi question needs choices",
    ]


def test_a_duplicate_id_is_reported_with_a_schema_error_elsewhere(tmp_path: Path) -> None:
    path = edited(tmp_path, 'id = "income_housing"\nwhen', 'id = "acute"\nwhen')
    path.write_text(path.read_text(encoding="utf-8").replace("show_names = false", "show_names = 3"),
                    encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.problems == ["display.show_names: Input should be a valid boolean, unable to interpret input",
                                     "triage.rules[4].id: duplicate id 'acute'"]


def test_a_client_language_falls_back_only_to_a_handout_language(tmp_path: Path) -> None:
    path = edited(tmp_path, 'code = "ru"\nhandout = "en"', 'code = "ru"\nhandout = "ru"')
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    [problem] = caught.value.problems
    assert problem.startswith("client_languages[3].handout:") and "'ru' is not a handout language" in problem


def test_a_display_language_must_have_the_display_texts(tmp_path: Path) -> None:
    path = edited(tmp_path, 'languages = ["fi", "sv", "en"]', 'languages = ["fi", "so"]')
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.problems[0].startswith("display.languages[1]:")


def test_a_client_language_the_desk_does_not_know_needs_a_name(tmp_path: Path) -> None:
    unnamed = edited(tmp_path, 'code = "uk"', 'code = "fa"')
    with pytest.raises(ProfileError) as caught:
        load_profile(unnamed)
    assert caught.value.problems[0].startswith("client_languages[7]:") and "needs a name" in caught.value.problems[0]
    named = edited(tmp_path, 'code = "uk"', 'code = "fa"\nname = { fi = "persia", en = "Persian" }')
    profile = load_profile(named)
    assert (profile.language_label("fa"), profile.handout_language("fa")) == ("persia", "en")


def test_a_client_language_listed_twice_is_named(tmp_path: Path) -> None:
    path = edited(tmp_path, 'code = "uk"', 'code = "ru"')
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.problems == ["client_languages[7].code: 'ru' is listed twice"]


def test_the_default_client_languages_and_their_handouts() -> None:
    profile = load_profile()
    assert [c.code for c in profile.client_languages] == ["fi", "sv", "en", "ru", "ar", "so", "et", "uk", "other"]
    assert {c.code: profile.handout_language(c.code) for c in profile.client_languages} == {
        "fi": "fi", "sv": "sv", "en": "en", "ru": "en", "ar": "en", "so": "en", "et": "fi", "uk": "en",
        "other": "fi"}
    assert profile.display.languages == ("fi", "sv", "en")


def test_a_finnish_fallback_is_plain_finnish_when_the_profile_says_so() -> None:
    profile = load_profile()
    plain = profile.model_copy(update={"handouts": profile.handouts.model_copy(update={"plain_finnish_default": True})})
    assert [plain.handout_language(code) for code in ("fi", "et", "other", "ru", "sv")] == [
        "selko", "selko", "selko", "en", "sv"]
