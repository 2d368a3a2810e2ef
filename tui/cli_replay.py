"""`walkin profile check` and `walkin profile replay`: a profile file checked, and a draft's triage
tried on the stored answers of past visits before a region takes it into use."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from forms.i18n import UI_LANGUAGES, _, set_language
from tui.cli_admin import BadOption, admin_options, administrator, day_option, fail, opened

if TYPE_CHECKING:
    from forms.profile import ServiceProfile
    from forms.settings import Settings


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    profile = commands.add_parser("profile", help=_("service profile")).add_subparsers(
        dest="profile_command", required=True)
    check = profile.add_parser("check", help=_("validate a profile file and list every error"))
    check.add_argument("file")
    replay = profile.add_parser("replay", help=_(
        "try a draft profile's triage on the stored answers of past visits; changes nothing"))
    replay.add_argument("file")
    replay.add_argument("--from", dest="day_from", required=True, help=_("YYYY-MM-DD"))
    replay.add_argument("--to", dest="day_to", required=True, help=_("YYYY-MM-DD"))
    replay.add_argument("--lang", dest="replay_lang", choices=UI_LANGUAGES,
                        help=_("language of the comparison (default: the screens' language)"))
    replay.add_argument("--format", choices=("text", "json"), default="text",
                        help=_("text: to read (default); json: for a program"))
    admin_options(replay)


def checked_profile(path: Path) -> ServiceProfile | None:
    """The profile in `path`, or None once every problem in it is printed, one a line."""
    from forms.profile import ProfileError, load_profile

    try:
        return load_profile(path)
    except ProfileError as error:
        for problem in error.problems:
            print(f"{path}: {problem}")
        return None


def run(args: argparse.Namespace, settings: Settings) -> int:
    """`profile check`, or `profile replay`: the draft is checked first, as `check` checks it (the
    same lines, the same exit code), before the database or an administrator's PIN."""
    if args.profile_command == "replay" and args.replay_lang:
        set_language(args.replay_lang)
    draft = checked_profile(Path(args.file))
    if draft is None:
        return 1
    if args.profile_command == "check":
        print(_("{path}: OK ({questions} questions, {rules} rules)").format(
            path=args.file, questions=len(draft.triage.questions), rules=len(draft.triage.rules)))
        return 0
    return _replay(args, settings, draft)


def _replay(args: argparse.Namespace, settings: Settings, draft: ServiceProfile) -> int:
    from forms.profile import ProfileError
    from storage.errors import StorageError
    from workflows.replay import ReplayFormat, replay_period, replay_text

    try:
        day_from, day_to = day_option(args.day_from, "--from"), day_option(args.day_to, "--to")
    except BadOption as error:
        return fail(error.message)
    assert day_from is not None and day_to is not None
    if day_to < day_from:
        return fail(_("--to is before --from."))
    try:
        profile, services = opened(settings)
    except ProfileError as error:
        return fail("\n".join(error.problems))
    except StorageError as error:
        return fail(error.message)
    try:
        # Administrators only: the comparison lists visits by ticket and day with their urgency,
        # which the desk's records tie to a person, and it reads every triaged visit's answers.
        actor = administrator(args, settings, services)
        result = replay_period(services, profile.triage, draft.triage, day_from, day_to, actor)
    except StorageError as error:
        return fail(error.message)
    finally:
        services.close()
    sys.stdout.write(replay_text(result, ReplayFormat(args.format), profile.triage, draft.triage,
                                 day_from, day_to, Path(args.file).name))
    return 0
