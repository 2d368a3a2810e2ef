"""The command line in the desk's language: which language before the arguments are read, and
argparse's own words (usage, options, its error messages) through our message catalogue."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from forms.i18n import N_, UI_LANGUAGES, UiLanguage, _

# argparse's own messages that a user can meet, marked so that they are in our catalogue (argparse
# looks them up with gettext at the moment it uses them; its programming errors stay English).
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("expected %s argument"),
    N_("expected %s arguments"),
    N_("ignored explicit argument %r"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)


def language_of(argv: Sequence[str], environ: Mapping[str, str] = os.environ) -> UiLanguage:
    """The UI language for the help and the parser's errors, before the arguments are parsed:
    `--lang` before the subcommand (the `print` subcommand's own --lang is the handout's), else
    the settings (file or WALKIN_LANGUAGE), else Finnish."""
    tokens = list(argv)
    for at, token in enumerate(tokens):
        if not token.startswith("-"):
            break  # the subcommand: what follows is its own
        wanted = token.partition("=")[2] if token.startswith("--lang=") else (
            tokens[at + 1] if token == "--lang" and at + 1 < len(tokens) else None)
        if wanted in UI_LANGUAGES:
            return next(language for language in UI_LANGUAGES if language == wanted)
    from forms.first_view import first_view

    # Read without validating the settings (pydantic): what is wrong in them is said in full once
    # the arguments are read.
    return first_view(environ).language


def _ngettext(singular: str, plural: str, n: int) -> str:
    # The catalogue has no plural forms; Finnish and Swedish say both of these alike.
    return _(singular if n == 1 else plural)


@contextmanager
def argparse_in_ui_language() -> Iterator[None]:
    """While building and running a parser, argparse's own words come from our catalogue in the
    current UI language. argparse calls the module's `_` and `ngettext` (gettext's default domain,
    which our catalogue is not) each time it words something, so they are swapped for the while."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


# The placeholders argparse shows for an option's value (its destination in capitals), worded for
# the help: `--date PVM` in Finnish.
METAVARS = {name: name for name in (
    N_("ACTION"), N_("COPIES"), N_("DATE"), N_("DAY_FROM"), N_("DAY_TO"), N_("DAYS"),
    N_("DESK_ROLE"), N_("DISPLAY_NAME"), N_("EMAIL"), N_("FILE"), N_("JOB_TITLE"), N_("LOCATION"),
    N_("NEW_USERNAME"), N_("OUT"), N_("OWNER_URL"), N_("PHONE"), N_("PHONE_HOURS"), N_("STAFF"),
    N_("TICKET"), N_("USER"), N_("USERNAME"), N_("VISIT"),
)}
"""Keyed by argparse's English name; the value is the msgid (the same words)."""


class DeskHelpFormatter(argparse.HelpFormatter):
    """Placeholders in the UI language (argparse would show the destination's English name)."""

    def _get_default_metavar_for_optional(self, action: argparse.Action) -> str:
        return _metavar(super()._get_default_metavar_for_optional(action))

    def _get_default_metavar_for_positional(self, action: argparse.Action) -> str:
        name = super()._get_default_metavar_for_positional(action)
        return _metavar(name.upper()).lower() if name.upper() in METAVARS else name


def _metavar(name: str) -> str:
    return _(METAVARS[name]) if name in METAVARS else name


class DeskArgumentParser(argparse.ArgumentParser):
    """`walkin`'s parser and (argparse makes them of the same class) every subcommand's."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", DeskHelpFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
