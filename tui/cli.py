"""`walkin` and its subcommands: run the desk, add staff, fill demo data, check a profile."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING

from forms.i18n import UI_LANGUAGES, _, set_language
from tui import cli_admin
from tui.cli_admin import BadOption, admin_options, administrator, day_option, fail, opened, site_option
from tui.cli_language import DeskArgumentParser, argparse_in_ui_language, language_of
from tui.log_file import start_log

if TYPE_CHECKING:
    from textual.app import App

    from forms.settings import Settings
    from tui.app import SettingsToLoad

log = logging.getLogger("walkin")


def entry() -> None:
    """The `walkin` command: `main`, then the end of the process without the interpreter's own
    teardown (freeing every module and object of the app, 0.4–0.9 s after Ctrl+Q on this machine
    class), once nothing is left to wait for: the database is closed, every thread but this one
    has ended, and the log and the terminal are flushed. Otherwise the ordinary exit."""
    import threading

    from storage.pins import stop_hashing
    from tui.terminal_echo import quiet_stdin

    echo_back = quiet_stdin()
    try:
        code = main()
    finally:
        echo_back()
    stop_hashing()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    if threading.active_count() > 1:
        sys.exit(code)
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    # Everything the app creates (database, printouts, exports, log) is for its owner only.
    os.umask(0o077)
    if (sys.argv[1:] if argv is None else argv) == []:
        # The desk's usual start, with nothing to parse: its first screen does not wait for the
        # parser of every subcommand to be built (10 ms and more).
        return _desk({})
    # The help and the parser's errors are in the UI language too: chosen before parsing.
    set_language(language_of(sys.argv[1:] if argv is None else argv))
    with argparse_in_ui_language():
        args = _parser().parse_args(argv)
    overrides: dict[str, object] = {"language": args.lang} if args.lang else {}
    try:
        if args.today:
            overrides["demo_today"] = day_option(args.today, "--today")
    except BadOption as error:
        return fail(error.message)
    if getattr(args, "command", None) is None:
        return _desk(overrides)
    from forms.files import FolderUnusable, usable_data_folder
    from forms.settings import SettingsError, load_settings

    try:
        settings = load_settings(**overrides)
    except SettingsError as error:
        print("\n".join(error.problems), file=sys.stderr)
        return 2
    set_language(settings.language)
    if getattr(args, "command", None) == "profile" and args.profile_command == "check":
        from tui import cli_replay

        return cli_replay.run(args, settings)
    try:
        usable_data_folder(settings.home)
        return _run(args, settings)
    except (FolderUnusable, BadOption) as error:
        return fail(error.message)
    except Exception as error:
        return _crashed(error, settings.home)


def _crashed(error: Exception, home: Path) -> int:
    """Never a traceback on the terminal: it goes to the log, with one line here."""
    logged = _log_crash(home)
    if logged is None:
        return fail(_("walkin stopped on an unexpected error ({error}), and the log cannot be written either. "
                      "Tell the administrator.").format(error=type(error).__name__))
    return fail(_("walkin stopped on an unexpected error ({error}). Tell the administrator; the details "
                  "are in {log}.").format(error=type(error).__name__, log=logged))


def _desk(overrides: dict[str, object]) -> int:
    from tui import heap

    start = desk_start(overrides)
    try:
        return run_desk(start)
    except Exception as error:
        return _crashed(error, start.view.home)
    finally:
        heap.let_go()


def desk_start(overrides: dict[str, object]) -> SettingsToLoad:
    """The desk's settings as `walkin` gives them: its first screen paints before pydantic and the
    settings load (they follow in the app's start-up thread, `_desk_settings`), so a worker can
    start typing at once."""
    from forms.first_view import first_view
    from tui import heap

    view = first_view(**overrides)
    set_language(view.language)
    heap.hold_off()  # from Textual's import until the desk has opened (tui.app), or `_desk` ends
    from tui.app import SettingsToLoad

    return SettingsToLoad(view, lambda: _desk_settings(overrides))


def _desk_settings(overrides: dict[str, object]) -> Settings:
    """The desk's settings, its data folder checked and its log started; StartRefused (the
    command's own lines and exit status) for what the desk cannot start with."""
    from forms.files import FolderUnusable, usable_data_folder
    from forms.settings import SettingsError, load_settings
    from tui.app import StartRefused

    try:
        settings = load_settings(**overrides)
    except SettingsError as error:
        raise StartRefused(error.problems, 2) from None
    set_language(settings.language)
    try:
        usable_data_folder(settings.home)
    except FolderUnusable as error:
        raise StartRefused([error.message], 1) from None
    start_log(settings.home)
    log.info("walkin-desk %s starts at %s", _version(), settings.workstation)
    return settings


def _run(args: argparse.Namespace, settings) -> int:  # type: ignore[no-untyped-def]
    command = getattr(args, "command", None)
    if command in ("staff", "db", "purge", "audit"):
        return cli_admin.run(args, settings)
    if command == "privacy":
        from tui import cli_privacy

        return cli_privacy.run(args, settings)
    if command == "profile":
        from tui import cli_replay

        return cli_replay.run(args, settings)
    if command == "demo":
        return _demo(args, settings)
    if command == "print":
        return _print(args, settings)
    if command == "summary":
        return _summary(args, settings)
    if command == "report":
        return _report(args, settings)
    if command == "display":
        from tui.display_app import DisplayApp

        site = display_site(args.site, settings)
        start_log(settings.home)
        if args.serve:
            return _serve_display(args, settings, site)
        DisplayApp(settings, settings.clock(), site).run()
        return 0

    raise AssertionError(f"no such command: {command}")  # the parser knows every command


def display_site(wanted: str | None, settings: Settings) -> str | None:
    """The site a display shows: --site, else the workstation's (its settings, or the only site).
    BadOption, naming the sites, for one the profile does not list or none to go by; None when the
    profile cannot be read (the display says why, and tries again)."""
    from forms.profile import ProfileError, load_profile

    try:
        profile = load_profile(settings.profile)
    except ProfileError:
        return wanted
    sites = ", ".join(f"{site.id} ({site.name})" for site in profile.locations)
    if wanted is not None:
        if profile.location(wanted) is None:
            raise BadOption(_("--site {site} is not a site of the service profile. Its sites are: {sites}.").format(
                site=wanted, sites=sites))
        return wanted
    try:
        site = profile.workstation_site(settings.site)
    except ValueError as error:
        raise BadOption(str(error)) from None
    if site is None:
        raise BadOption(_("The service has several walk-in sites, and this workstation's settings name none: "
                          "choose the display's with --site. Its sites are: {sites}.").format(sites=sites))
    return site


def _serve_display(args: argparse.Namespace, settings: Settings, site: str | None) -> int:
    from tui.display_serve import BadAddress, serve

    # Each browser page starts its own display process: with the same language, day and site.
    forwarded = [*(["--lang", args.lang] if args.lang else []), *(["--today", args.today] if args.today else [])]
    try:
        serve(args.serve, forwarded, _("Waiting-room display"), ["--site", site] if site else [])
    except BadAddress as error:
        return fail(str(error))
    return 0


CRASHES_BEFORE_GIVING_UP = 3
CRASH_WINDOW_SECONDS = 60.0


def run_desk(settings: Settings | SettingsToLoad, run: Callable[[App[None]], object] = lambda app: app.run()) -> int:
    """Run the desk; after an unexpected error start it again at the sign-in screen, so a crash
    never leaves the terminal at a shell with the desk's rights. Only an error that repeats at
    once (three times in a minute: it would only repeat again) ends it. Settings still to load
    are read by the app after its first paint; what it cannot start with is printed here."""
    from tui.app import SettingsToLoad, WalkinApp

    # With this set, Textual lets Ctrl+C and Ctrl+Z reach the process as signals: quit or suspend
    # to the shell without a PIN. A desk never wants that.
    os.environ.pop("TEXTUAL_ALLOW_SIGNALS", None)
    crashes: list[float] = []
    while True:
        app = WalkinApp(settings) if isinstance(settings, SettingsToLoad) else WalkinApp(settings, settings.clock())
        run(app)
        if app.start_refused is not None:
            print("\n".join(app.start_refused.lines), file=sys.stderr)
            return app.start_refused.code
        if not app.return_code:
            return 0
        settings = getattr(app, "settings", settings)  # read by now (unless they failed to): not again
        now = monotonic()
        crashes = [at for at in crashes if now - at < CRASH_WINDOW_SECONDS] + [now]
        if len(crashes) >= CRASHES_BEFORE_GIVING_UP:
            print(_("walkin-desk stopped after the same kind of error kept repeating; see the log "
                    "in {folder}.").format(folder=app.home / "logs"), file=sys.stderr)
            return 1


def _log_crash(home: Path) -> Path | None:
    """Write the traceback of the exception being handled to the log; the log, or None."""
    try:
        path = start_log(home)
    except OSError:
        return None
    log.exception("walkin stopped on an unexpected error")
    return path


def _version() -> str:
    # Looked up only when asked: importlib.metadata alone takes longer than a frame to import.
    from importlib.metadata import version

    return version("walkin-desk")


class _ShowVersion(argparse.Action):
    """argparse's "version" action, with the version looked up only when the option is given."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        print(f"walkin-desk {_version()}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    # The subcommands' modules load with the parser: `walkin` alone, the desk, needs neither.
    from forms.choices import HandoutLanguage
    from tui import cli_privacy, cli_replay

    parser = DeskArgumentParser(
        prog="walkin", description=_("Walk-in reception desk for a work-ability support service.")
    )
    parser.add_argument("--version", action=_ShowVersion, nargs=0, help=_("show the version and exit"))
    parser.add_argument("--lang", choices=UI_LANGUAGES, help=_("language of the screens (default fi)"))
    parser.add_argument("--today", metavar=_("DATE"),
                        help=_("for demos only: run as if it were this day, YYYY-MM-DD (the time of day kept)"))
    commands = parser.add_subparsers(dest="command")

    cli_admin.add_parsers(commands)
    cli_privacy.add_parsers(commands)
    cli_replay.add_parsers(commands)

    demo = commands.add_parser("demo", help=_("fill the database with fictional visits"))
    demo.add_argument("--days", type=int, default=1, help=_("today and the days before it (default 1)"))
    demo.add_argument("--force", action="store_true",
                      help=_("add them even though the database has visits or accounts of its own"))
    admin_options(demo)

    handout = commands.add_parser("print", help=_("print a handout (or save it with --out)"))
    handout.add_argument("kind", choices=("brochure", "feedback", "card", "memo", "consent"))
    handout.add_argument("--lang", dest="handout_lang", choices=[language.value for language in HandoutLanguage],
                         help=_("handout language, selko: plain Finnish (default: the visit's, else Finnish)"))
    handout.add_argument("--staff", help=_("username of the worker on the card and memo"))
    handout.add_argument("--visit", help=_("today's ticket, e.g. A007"))
    handout.add_argument("--copies", type=int, default=1,
                         help=_("sheets to print, 1-100 (--layout sheet: ten contact cards a sheet)"))
    handout.add_argument("--layout", choices=("single", "sheet"), default="single",
                         help=_("contact card: one with crop marks, or ten on A4"))
    handout.add_argument("--out", type=Path, help=_("write the PDF to this file instead of printing"))
    admin_options(handout)

    display = commands.add_parser("display", help=_("the waiting-room screen: tickets called, read-only, no sign-in"))
    display.add_argument("--serve", metavar=_("HOST:PORT"),
                         help=_("serve the display to a browser (a TV on the wall), e.g. 0.0.0.0:8080"))
    display.add_argument("--site", metavar=_("SITE"),
                         help=_("the walk-in site whose calls and hours it shows, a location id of the profile "
                                "(default: the workstation's site)"))

    summary = commands.add_parser("summary", help=_("a day's or a period's summary"))
    summary.add_argument("--date", help=_("YYYY-MM-DD (default: today)"))
    summary.add_argument("--from", dest="day_from", help=_("YYYY-MM-DD"))
    summary.add_argument("--to", dest="day_to", help=_("YYYY-MM-DD"))
    summary.add_argument("--format", choices=("text", "csv", "csv-plain", "json", "pdf", "xlsx"), default="text",
                         help=_("xlsx: an Excel workbook, a sheet per table; csv: a row per visit, for Excel (; and "
                                "a BOM); csv-plain: comma-separated, for programs"))
    summary.add_argument("--out", type=Path, help=_("write to this file (default: standard output)"))
    site_option(summary)
    admin_options(summary)

    report = commands.add_parser("report", help=_("the monthly report with charts, as a PDF (administrators)"))
    report.add_argument("--month", required=True, metavar=_("YYYY-MM"), help=_("the month, e.g. 2026-11"))
    report.add_argument("--lang", dest="report_lang", choices=UI_LANGUAGES,
                        help=_("language of the report (default: the screens')"))
    site_option(report)
    report.add_argument("--out", type=Path, help=_("write the PDF to this file (default: the data folder)"))
    admin_options(report)
    return parser


def _demo(args: argparse.Namespace, settings) -> int:  # type: ignore[no-untyped-def]
    from storage import demo
    from storage.errors import StorageError

    if not 1 <= args.days <= 3650:
        return fail(_("--days is from 1 to 3650."))
    profile, services = opened(settings)
    try:
        visits, accounts = demo.own_data(services)
        if (visits or accounts) and not args.force:
            return fail(_("Nothing was added: this database already has {visits} visits and {accounts} accounts "
                          "of its own, and fictional visits would mix into its figures. Try the demo with an "
                          "empty data folder (WALKIN_HOME), or add --force.").format(
                visits=visits, accounts=len(accounts)))
        if accounts:
            # Fictional visits in a real service's figures and audit trail, in its workers' names.
            administrator(args, settings, services)
        had_staff = bool(services.staff.count())
        count = demo.fill(services, profile, args.days, services.clock())
    except StorageError as error:
        return fail(error.message)
    finally:
        services.close()
    print(_("Added {count} fictional visits.").format(count=count))
    if not had_staff:
        names = ", ".join(username for username, *_rest in demo.DEMO_STAFF)
        print(_("Demo accounts: {names}; PIN {pin}.").format(names=names, pin=demo.DEMO_PIN))
    return 0


def _print(args: argparse.Namespace, settings) -> int:  # type: ignore[no-untyped-def]
    from forms.choices import AuditAction, HandoutKind, PrintOutcome
    from forms.profile import ProfileError
    from storage.errors import StorageError
    from workflows.handouts import Request, outcome_text, produce

    if not 1 <= args.copies <= 100:
        return fail(_("--copies is from 1 to 100."))
    try:
        profile, services = opened(settings)
        on_duty = None
        if args.staff:
            on_duty = next((m for m in services.staff.active_members() if m.username == args.staff), None)
            if on_duty is None:
                return fail(_("No active staff member {username}.").format(username=args.staff))
        visit = None
        if args.visit:
            # A visit's handouts carry what was agreed with the client, and record a print on the visit.
            actor = administrator(args, settings, services)
            visit_id = services.desk.find_today(args.visit)
            if visit_id is None:
                return fail(_("No visit {ticket} today.").format(ticket=args.visit.upper()))
            services.audit.add(actor, AuditAction.VIEW, visit_id, detail=f"print {args.kind}")
            visit = services.desk.visit(visit_id)
        kind = HandoutKind(args.kind)
        request = Request(kind, args.handout_lang, args.copies, args.layout, args.out)
        result = produce(request, services, settings, profile, visit, on_duty)
    except ProfileError as error:
        return fail("\n".join(error.problems))
    except StorageError as error:
        return fail(error.message)
    except ValueError as error:  # includes DoesNotFit: the message says what to shorten
        return fail(str(error))
    print(outcome_text(kind, result))
    return 0 if result.outcome in (PrintOutcome.PRINTED, PrintOutcome.WRITTEN) else 1


def _summary(args: argparse.Namespace, settings) -> int:  # type: ignore[no-untyped-def]
    from forms.timefmt import service_day
    from storage.audit import COMMAND_LINE
    from storage.errors import StorageError
    from workflows.summaries import (
        PdfWay,
        SiteRefused,
        SummaryFormat,
        deliver_pdf,
        save_workbook,
        summary_as_text,
        summary_sites,
    )

    if (args.day_from is None) != (args.day_to is None) or (args.date and args.day_from):
        return fail(_("Give --date, or both --from and --to."))
    try:
        profile, services = opened(settings)
    except StorageError as error:
        return fail(error.message)
    try:
        day_from = (day_option(args.day_from, "--from") or day_option(args.date, "--date")
                    or service_day(services.clock()))
        day_to = day_option(args.day_to, "--to") or day_from
        if day_to < day_from:
            return fail(_("--to is before --from."))
        form = SummaryFormat(args.format)
        # Only the text is counts alone; the CSV has a row per visit, the others name the workers.
        # An administrator who names themself gets their own sites' figures, the text too.
        text_only = form is SummaryFormat.TEXT and not args.admin
        actor = COMMAND_LINE if text_only else administrator(args, settings, services)
        sites = summary_sites(services, profile, args.site, actor.staff_id)
        if form in (SummaryFormat.PDF, SummaryFormat.XLSX):
            # An administrator's export: every worker's name, as on their screen.
            if form is SummaryFormat.PDF:
                delivered = deliver_pdf(services, settings, profile, day_from, day_to, actor, lambda _id: True,
                                        PdfWay.SAVE, args.out, sites)
            else:
                delivered = save_workbook(services, settings, profile, day_from, day_to, actor, lambda _id: True,
                                          args.out, sites)
            if not delivered.ok:
                return fail(delivered.message)
            print(delivered.message)
            return 0
        text = summary_as_text(services, profile, day_from, day_to, form, actor, sites=sites)
    except SiteRefused as error:
        return fail(str(error))
    except StorageError as error:
        return fail(error.message)
    finally:
        services.close()
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _report(args: argparse.Namespace, settings) -> int:  # type: ignore[no-untyped-def]
    from printouts.printer import NotSaved
    from storage.errors import StorageError
    from workflows.monthly import save_monthly_pdf
    from workflows.summaries import SiteRefused, summary_sites

    if args.report_lang:
        set_language(args.report_lang)
    try:
        month = day_option(f"{args.month.strip()}-01", "--month") if _is_month(args.month) else None
    except BadOption:
        month = None
    if month is None:
        return fail(_("--month: {value} is not a month (YYYY-MM, e.g. 2026-11).").format(value=args.month))
    try:
        profile, services = opened(settings)
    except StorageError as error:
        return fail(error.message)
    try:
        actor = administrator(args, settings, services)
        sites = summary_sites(services, profile, args.site, actor.staff_id)
        print(save_monthly_pdf(services, settings, profile, month, actor, args.out, sites))
    except SiteRefused as error:
        return fail(str(error))
    except (StorageError, NotSaved) as error:
        return fail(error.message)
    finally:
        services.close()
    return 0


def _is_month(value: str) -> bool:
    year, dash, month = value.strip().partition("-")
    return bool(dash) and len(year) == 4 and year.isdigit() and len(month) == 2 and month.isdigit()


if __name__ == "__main__":  # the served display starts `python -m tui.cli display` per browser page
    entry()
