"""`walkin privacy`: the data-protection commands. `describe` prints the description of the
processing (Markdown or PDF, fi/sv/en) from the profile and the settings, for the county's record."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from forms.i18n import _

if TYPE_CHECKING:
    from forms.settings import Settings


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    privacy = commands.add_parser("privacy", help=_("personal data: the description of the processing")).add_subparsers(
        dest="privacy_command", required=True)
    describe = privacy.add_parser("describe", help=_("what the app stores, where, for how long, who sees it and "
                                                     "on what basis, from the profile and the settings"))
    describe.add_argument("--format", choices=("md", "pdf"), default="md")
    describe.add_argument("--lang", dest="describe_lang", choices=("fi", "sv", "en"),
                          help=_("language of the description (default: the screens' language)"))
    describe.add_argument("--out", type=Path, help=_("write to this file (default: standard output)"))


def run(args: argparse.Namespace, settings: Settings) -> int:
    from forms.profile import ProfileError, load_profile
    from forms.timefmt import service_day, utc_now
    from printouts.printer import NotSaved, write_pdf
    from tui.cli_admin import fail
    from workflows.privacy import describe, markdown

    try:
        profile = load_profile(settings.profile)
    except ProfileError as error:
        return fail("\n".join(error.problems))
    language = args.describe_lang or settings.language
    description = describe(profile, settings, language, service_day(utc_now()))
    if args.format == "md":
        content = markdown(description).encode("utf-8")
    else:
        from printouts.processing import processing_pdf

        content = processing_pdf(description, profile, language, service_day(utc_now()))
    if args.out is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return 0
    try:
        write_pdf(content, args.out)  # whole or not at all, whatever the format
    except NotSaved as error:
        return fail(error.message)
    print(_("Saved: {path}").format(path=args.out))
    return 0
