"""`walkin privacy`: data-subject requests from the command line (find a person's visits, an
access copy, erase, restrict, the log extract, the register of requests). An administrator's
commands: each asks for `--admin` and the PIN, and the audit trail records that person. And
`describe`: the description of the processing (Markdown or PDF, fi/sv/en) from the profile and the
settings, for the county's record; it holds no client data, so it asks for no PIN."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from forms.choices import ErasureReason, PrivacyRequestKind
from forms.i18n import _
from tui.cli_admin import admin_options, administrator, day_option, fail, opened

if TYPE_CHECKING:
    from forms.privacy import FindQuery
    from forms.profile import ServiceProfile
    from forms.settings import Settings
    from storage.audit import Actor
    from storage.services import Services

LANGUAGES = ("fi", "sv", "en")

Command = Callable[[argparse.Namespace, "Settings", "ServiceProfile", "Services", "Actor"], int]


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    privacy = commands.add_parser("privacy", help=_("data-subject requests: find, access copy, erase, restrict, "
                                                    "log extract, the register of requests"))
    subcommands = privacy.add_subparsers(dest="privacy_command", required=True)

    find = subcommands.add_parser("find", help=_("find a person's visits not yet erased"))
    by = find.add_mutually_exclusive_group(required=True)
    by.add_argument("--name", help=_("the name to call, or a part of it (any case)"))
    by.add_argument("--phone", help=_("the callback phone (spaces, dashes and +358 do not matter)"))
    by.add_argument("--ticket", help=_("a ticket, e.g. A007, with --date"))
    find.add_argument("--date", help=_("YYYY-MM-DD: the day of the ticket"))
    admin_options(find)

    export = subcommands.add_parser("export", help=_("everything held about the visits (an access copy)"))
    _visit_ids(export)
    export.add_argument("--format", choices=("json", "pdf"), default="pdf")
    _language_and_out(export)

    erase = subcommands.add_parser("erase", help=_("erase the visits' personal fields now; the counts stay"))
    _visit_ids(erase)
    erase.add_argument("--reason", required=True, choices=[r.value for r in ErasureReason],
                       help=", ".join(f"{r.value}: {r.label}" for r in ErasureReason))
    admin_options(erase)

    restrict = subcommands.add_parser("restrict", help=_("restrict the visits' processing: no handouts, the "
                                                         "ticket only on the screens"))
    _visit_ids(restrict)
    restrict.add_argument("--lift", action="store_true", help=_("lift the restriction"))
    admin_options(restrict)

    extract = subcommands.add_parser("extract", help=_("the log extract: who processed the visits' data, when, "
                                                       "where"))
    _visit_ids(extract)
    extract.add_argument("--format", choices=("pdf", "csv"), default="pdf")
    _language_and_out(extract)

    requests = subcommands.add_parser("requests", help=_("the register of requests (add one, or mark one done)"))
    admin_options(requests)
    register = requests.add_subparsers(dest="requests_command")
    add = register.add_parser("add", help=_("a request received"))
    add.add_argument("--kind", required=True, choices=[k.value for k in PrivacyRequestKind],
                     help=", ".join(f"{k.value}: {k.label}" for k in PrivacyRequestKind))
    add.add_argument("--received", help=_("YYYY-MM-DD (default: today)"))
    add.add_argument("--visit", type=int, action="append", default=[], metavar="VISIT_ID",
                     help=_("a visit it concerns (from find); repeat for several"))
    _admin_after(add)
    done = register.add_parser("done", help=_("mark a request done"))
    done.add_argument("number", type=int)
    _admin_after(done)

    describe = subcommands.add_parser("describe", help=_("what the app stores, where, for how long, who sees it "
                                                         "and on what basis, from the profile and the settings"))
    describe.add_argument("--format", choices=("md", "pdf"), default="md")
    describe.add_argument("--lang", dest="describe_lang", choices=LANGUAGES,
                          help=_("language of the description (default: the screens' language)"))
    describe.add_argument("--out", type=Path, help=_("write to this file (default: standard output)"))


def _visit_ids(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("visit_ids", type=int, nargs="+", metavar="VISIT_ID",
                        help=_("visit numbers, as `walkin privacy find` lists them"))


def _language_and_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", dest="document_lang", choices=LANGUAGES, default="fi",
                        help=_("language of the PDF (default fi)"))
    parser.add_argument("--out", type=Path, help=_("write to this file (default: the data folder's exports)"))
    admin_options(parser)


def _admin_after(parser: argparse.ArgumentParser) -> None:
    """`--admin` after `add` or `done` too, without blanking one given before them."""
    admin_options(parser)
    for action in parser._actions:
        if action.dest in ("admin", "pin_stdin"):
            action.default = argparse.SUPPRESS


def run(args: argparse.Namespace, settings: Settings) -> int:
    from forms.profile import ProfileError
    from printouts.printer import NotSaved
    from storage.errors import StorageError

    if args.privacy_command == "describe":
        return _describe(args, settings)
    try:
        if args.privacy_command == "find":
            _find_query(args)  # a bad date is said before the PIN is asked
        profile, services = opened(settings)
        try:
            actor = administrator(args, settings, services)
            return COMMANDS[args.privacy_command](args, settings, profile, services, actor)
        finally:
            services.close()
    except ProfileError as error:
        return fail("\n".join(error.problems))
    except (StorageError, NotSaved) as error:
        return fail(error.message)
    except ValueError as error:
        return fail(str(error))


def _find_query(args: argparse.Namespace) -> FindQuery:
    """What to find, checked before the PIN is asked (the screen's rules: forms.privacy.FindQuery)."""
    from pydantic import ValidationError

    from forms.fields import field_messages
    from forms.privacy import FindQuery
    from tui.cli_admin import BadOption

    day = day_option(args.date, "--date")
    if args.ticket and day is None:
        raise BadOption(_("--ticket needs --date: tickets start again every day."))
    try:
        return FindQuery(name=args.name, phone=args.phone, ticket=args.ticket, day=day)
    except ValidationError as error:
        raise BadOption(" ".join(field_messages(error).values())) from None


def _find(args: argparse.Namespace, settings: Settings, profile: ServiceProfile, services: Services,
          actor: Actor) -> int:
    from workflows.privacy import find

    found = find(services, _find_query(args), actor)
    if not found:
        print(_("No visits found (visits whose personal data are already erased are not searched)."))
        return 1
    print(_("visit  ticket  day         status      name to call / callback phone"))
    for v in found:
        flag = "  " + _("(restricted)") if v.restricted else ""
        print(f"{v.id:>5}  {v.ticket:<6}  {v.service_day.isoformat()}  {v.status.label:<10}  "
              f"{v.call_name or '–'} / {v.callback_phone or '–'}{flag}")
    return 0


def _export(args: argparse.Namespace, settings: Settings, profile: ServiceProfile, services: Services,
            actor: Actor) -> int:
    from workflows.privacy import CopyFormat, access_copy, file_stem, write_out

    data = access_copy(services, profile, args.visit_ids, CopyFormat(args.format), args.document_lang, actor)
    print(write_out(data, args.out, settings, services, file_stem("access-copy", args.visit_ids), f".{args.format}"))
    return 0


def _extract(args: argparse.Namespace, settings: Settings, profile: ServiceProfile, services: Services,
             actor: Actor) -> int:
    from workflows.privacy import ExtractFormat, file_stem, log_extract, write_out

    data = log_extract(services, profile, args.visit_ids, ExtractFormat(args.format), args.document_lang, actor)
    print(write_out(data, args.out, settings, services, file_stem("log-extract", args.visit_ids), f".{args.format}"))
    return 0


def _erase(args: argparse.Namespace, settings: Settings, profile: ServiceProfile, services: Services,
           actor: Actor) -> int:
    from workflows.privacy import erase

    print(erase(services, settings, args.visit_ids, ErasureReason(args.reason), actor).text())
    return 0


def _restrict(args: argparse.Namespace, settings: Settings, profile: ServiceProfile, services: Services,
              actor: Actor) -> int:
    from workflows.privacy import restricted_text

    print(restricted_text(services.privacy.restrict(args.visit_ids, actor, lift=args.lift), args.lift))
    return 0


def _requests(args: argparse.Namespace, settings: Settings, profile: ServiceProfile, services: Services,
              actor: Actor) -> int:
    from forms.timefmt import service_day
    from workflows.privacy import add_request, mark_done, request_state

    if args.requests_command == "add":
        received = day_option(args.received, "--received") or service_day(services.clock())
        print(add_request(services, PrivacyRequestKind(args.kind), received, args.visit, actor))
        return 0
    if args.requests_command == "done":
        print(mark_done(services, args.number, actor))
        return 0
    register = services.privacy.requests(actor)
    if not register:
        print(_("The register of requests is empty."))
    for r in register:
        state = request_state(r)
        print(_("{number:>4}  {kind:<16} received {received}  due {due}  {state}  {tickets}").format(
            number=r.id, kind=r.kind.label, received=r.received_on.isoformat(), due=r.due_on.isoformat(),
            state=state, tickets=", ".join(r.tickets)).rstrip())
    return 0


COMMANDS: dict[str, Command] = {
    "find": _find,
    "export": _export,
    "erase": _erase,
    "restrict": _restrict,
    "extract": _extract,
    "requests": _requests,
}
"""Each subcommand and what runs it: a new one adds a parser in `add_parsers` and a line here."""


def _describe(args: argparse.Namespace, settings: Settings) -> int:
    import sys

    from forms.profile import ProfileError, load_profile
    from forms.timefmt import service_day, utc_now
    from printouts.printer import NotSaved, write_pdf
    from workflows.processing import describe, markdown

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
