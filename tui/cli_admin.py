"""The administrator's commands: staff accounts, the database and its password, retention and the
audit trail. Those that change accounts, erase, or show personal data act for an administrator who
gives their username and PIN (`--admin`); the audit trail records that person, through the command
line. Only the very first account of an empty database is added without one."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from typing import TYPE_CHECKING

from forms.i18n import N_, _

if TYPE_CHECKING:
    from forms.audit_query import AuditQuery
    from forms.profile import ServiceProfile
    from forms.settings import Settings
    from storage.audit import Actor
    from storage.db import Database
    from storage.services import Services


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    staff = commands.add_parser("staff", help=_("staff accounts")).add_subparsers(dest="staff_command", required=True)
    add = staff.add_parser("add", help=_("add a staff account; the PIN is asked twice"))
    add.add_argument("--username", required=True)
    _detail_options(add, required=True)
    add.add_argument("--role", choices=("desk", "admin"), default="desk")
    _scope_option(add)
    admin_options(add, reads_new_pin=True)
    admin_options(staff.add_parser("list", help=_("every account, active or not")))
    change = staff.add_parser("change", help=_("change an account's details or role"))
    change.add_argument("username")
    change.add_argument("--new-username")
    _detail_options(change, required=False)
    change.add_argument("--role", choices=("desk", "admin"))
    _scope_option(change)
    change.add_argument("--all-sites", action="store_true",
                        help=_("lift the limit: the account sees every site's figures again"))
    admin_options(change)
    for name, text in (("deactivate", N_("the account can no longer sign in; its history stays")),
                       ("activate", N_("let a deactivated account sign in again"))):
        toggle = staff.add_parser(name, help=_(text))
        toggle.add_argument("username")
        admin_options(toggle)
    reset = staff.add_parser("reset-pin", help=_("set a new PIN (also lifts a lockout)"))
    reset.add_argument("username")
    admin_options(reset, reads_new_pin=True)

    db = commands.add_parser("db", help=_("the database")).add_subparsers(dest="db_command", required=True)
    upgrade = db.add_parser("upgrade", help=_("bring the database to the newest schema; on a shared server, "
                                              "as the owner role, granting the desks' role what it needs"))
    upgrade.add_argument("--owner-url", help=_("connect as the tables' owner (PostgreSQL), e.g. "
                                               "postgresql+psycopg://walkin_owner@db.example/walkin; its password is "
                                               "asked, never stored"))
    upgrade.add_argument("--desk-role", action="append", default=[],
                         help=_("the desks' database role to grant (default with --owner-url: the role in "
                                "database.url)"))
    upgrade.add_argument("--password-stdin", action="store_true",
                         help=_("read the owner's password from standard input"))
    password = db.add_parser("set-password", help=_("keep the server's password in the OS keyring"))
    password.add_argument("--password-stdin", action="store_true")

    purge = commands.add_parser("purge", help=_("erase the personal fields of old visits"))
    purge.add_argument("--days", type=int, help=_("keep this many days (default: the retention_days setting)"))
    purge.add_argument("--including-undocumented", action="store_true",
                       help=_("also erase old visits still awaiting documentation in the client information "
                              "system (by default they are kept and listed)"))
    admin_options(purge)

    audit = commands.add_parser("audit", help=_("the audit trail as CSV"))
    audit.add_argument("--from", dest="day_from", help=_("YYYY-MM-DD"))
    audit.add_argument("--to", dest="day_to", help=_("YYYY-MM-DD"))
    audit.add_argument("--user", help=_("username"))
    audit.add_argument("--action", help=_("e.g. view, print, export, sign_in"))
    audit.add_argument("--ticket", help=_("e.g. A007 (with --from/--to for its day)"))
    audit.add_argument("--out", help=_("write to this file (default: standard output)"))
    admin_options(audit)


def admin_options(parser: argparse.ArgumentParser, reads_new_pin: bool = False) -> None:
    """`--admin USERNAME`, and `--pin-stdin` for scripts. A command that also reads a new PIN reads
    both from standard input, one a line: the administrator's first."""
    parser.add_argument("--admin", metavar=_("USERNAME"),
                        help=_("the administrator who gives the command; their PIN is asked for"))
    parser.add_argument("--pin-stdin", action="store_true", help=(
        _("read the PINs from standard input, one a line: the administrator's (with --admin) first, then the new one")
        if reads_new_pin else _("read the administrator's PIN from standard input (for scripts)")))


def site_option(parser: argparse.ArgumentParser) -> None:
    """`--site ID`, repeatable: the walk-in sites a summary covers (default: every site the
    administrator may see)."""
    parser.add_argument("--site", action="append", default=[], metavar=_("ID"),
                        help=_("a walk-in site (a location id of the profile); repeat it for several "
                               "(default: all sites)"))


def _detail_options(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument("--display-name", required=required)
    parser.add_argument("--job-title", required=required)
    for option in ("--phone", "--phone-hours", "--email", "--location"):
        parser.add_argument(option)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from forms.profile import ProfileError
    from storage.errors import StorageError

    try:
        if args.command == "db":
            return (_set_password if args.db_command == "set-password" else _upgrade)(args, settings)
        where = _audit_query(args) if args.command == "audit" else None
        profile, services = opened(settings)
        try:
            if args.command == "staff" and (problem := profile.not_sites(getattr(args, "site", []))):
                return fail(problem)
            if args.command == "staff" and args.staff_command == "add" and not services.staff.count():
                return _first_account(args, services)
            actor = administrator(args, settings, services)
            if args.command == "staff":
                return _staff(args, services, actor)
            if args.command == "purge":
                return _purge(args, settings, services, actor)
            assert where is not None
            return _audit(args, services, actor, where)
        finally:
            services.close()
    except ProfileError as error:
        return fail("\n".join(error.problems))
    except StorageError as error:
        return fail(error.message)


def fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


class BadOption(Exception):
    """An option's value that cannot be used; `message` names the option."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)


def day_option(value: str | None, option: str) -> date | None:
    """A --date, --from or --to: YYYY-MM-DD, within the years a summary or the audit can hold
    (9999-12-31 has no next day to count to)."""
    if value is None:
        return None
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        day = None
    if day is None or not FIRST_DAY <= day <= LAST_DAY:
        raise BadOption(_("{option}: {value} is not a date from {first} to {last} (YYYY-MM-DD).").format(
            option=option, value=value, first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat()))
    return day


def opened(settings: Settings) -> tuple[ServiceProfile, Services]:
    """The profile, and the database opened and brought up to date."""
    from forms.profile import load_profile
    from storage.services import open_services

    profile = load_profile(settings.profile)
    return profile, open_services(settings.database_url, profile, settings.database.busy_timeout_seconds,
                                  clock=settings.clock(), workstation=settings.workstation)


def administrator(args: argparse.Namespace, settings: Settings, services: Services) -> Actor:
    """The administrator named with `--admin`, once their PIN is right: the one the audit trail
    records, through the command line. Raises StorageError with the one line to show. A wrong PIN
    is checked as at the desk: the refusal is recorded and counts towards the account's lock."""
    from forms.choices import AuditAction, StaffRole
    from storage.audit import Actor
    from storage.errors import StorageError

    if not args.admin:
        raise StorageError(_("Only an administrator may do this: add --admin and your username (the PIN is "
                             "asked for, or read from standard input with --pin-stdin)."))
    pin = sys.stdin.readline().strip() if args.pin_stdin else getpass.getpass(_("Administrator's PIN: "))
    if not pin:
        raise StorageError(_("No PIN given: nothing was done."))
    member = services.staff.check_pin(args.admin, pin)
    actor = Actor(member.id, settings.workstation, via="cli")
    if member.role != StaffRole.ADMIN:
        services.audit.add(actor, AuditAction.SIGN_IN_REFUSED, detail="not an administrator")
        raise StorageError(_("{username} is not an administrator: nothing was done.").format(
            username=member.username))
    return actor


# ---------------------------------------------------------------- staff ---
def _first_account(args: argparse.Namespace, services: Services) -> int:
    """An empty database: its first account needs no administrator, and must be one."""
    if args.role != "admin":
        return fail(_("The database has no accounts yet: the first one must be an administrator (--role admin)."))
    return _staff(args, services, None)


def _staff(args: argparse.Namespace, services: Services, actor: Actor | None) -> int:
    """`actor`: the administrator; None only for the first account of an empty database."""
    from pydantic import ValidationError

    from forms.fields import field_messages
    from forms.staff import NewPin, NewStaff, StaffDetails

    command = args.staff_command
    if command == "list":
        for m in services.staff.all_members():
            state = "" if m.active else _("(deactivated)")
            sites = ",".join(services.staff.sites_of(m.id))
            print(f"{m.username:<20} {m.display_name:<30} {m.role:<6} {state} {sites}".rstrip())
        return 0
    try:
        if command == "add":
            pin = _read_pin(args.pin_stdin)
            new = NewStaff(**_details(args), username=args.username, role=args.role, pin=pin, pin_again=pin)
            added = services.staff.add(new, by=actor)
            print(_("Added {name} ({username}).").format(name=added.display_name, username=added.username))
            if args.site:
                services.staff.set_sites(added.id, args.site, by=actor)
                print(_("{name} sees the figures of {sites} only.").format(
                    name=added.display_name, sites=", ".join(args.site)))
            return 0
        member = services.staff.find(args.username)
        if member is None:
            return fail(_("No account {username}.").format(username=args.username))
        if command == "change":
            current = {"username": member.username, "display_name": member.display_name,
                       "job_title": member.job_title, "phone": member.phone, "phone_hours": member.phone_hours,
                       "email": member.email, "location": member.location, "role": member.role}
            changes = {k: v for k, v in _details(args).items() if v is not None}
            if args.new_username:
                changes["username"] = args.new_username
            if args.role:
                changes["role"] = args.role
            if changes or not (args.site or args.all_sites):
                changed = services.staff.change(member.id, StaffDetails(**{**current, **changes}), by=actor)
                print(_("Changed {name} ({username}).").format(name=changed.display_name, username=changed.username))
            if args.site or args.all_sites:
                services.staff.set_sites(member.id, [] if args.all_sites else args.site, by=actor)
                print(_("{name} sees the figures of {sites} only.").format(
                    name=member.display_name, sites=", ".join(args.site)) if args.site else
                      _("{name} sees the figures of every site.").format(name=member.display_name))
        elif command in ("deactivate", "activate"):
            services.staff.set_active(member.id, command == "activate", by=actor)
            print(_("{name}: {state}.").format(
                name=member.display_name, state=_("active") if command == "activate" else _("deactivated")))
        else:
            pin = _read_pin(args.pin_stdin)
            pin = NewPin(pin=pin, pin_again=pin).pin
            services.staff.reset_pin(member.id, pin, by=actor)
            print(_("New PIN set for {name}.").format(name=member.display_name))
        return 0
    except ValidationError as error:
        return fail("\n".join(f"--{k.replace('_', '-')}: {v}" for k, v in field_messages(error).items()))


def _scope_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", action="append", default=[], metavar=_("ID"),
                        help=_("limit the account's figures to this walk-in site (a location id of the "
                               "profile); repeat it for several"))


def _details(args: argparse.Namespace) -> dict[str, str | None]:
    return {name: getattr(args, name) for name in
            ("display_name", "job_title", "phone", "phone_hours", "email", "location")}


def _read_pin(from_stdin: bool) -> str:
    """From standard input for scripts; otherwise asked twice without echo."""
    if from_stdin:
        return sys.stdin.readline().strip()
    pin = getpass.getpass(_("PIN: "))
    if getpass.getpass(_("PIN again: ")) != pin:
        raise SystemExit(fail(_("The PINs do not match.")))
    return pin


# ------------------------------------------------------------- database ---
def _upgrade(args: argparse.Namespace, settings: Settings) -> int:
    """Migrate as the settings' role, or as the owner named by --owner-url; then grant the desks' role."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from forms.profile import load_profile
    from storage.db import Database

    desk_url = settings.database_url
    url = args.owner_url or desk_url
    desk_roles = list(args.desk_role)
    if args.owner_url:
        try:
            owner = make_url(args.owner_url)
        except ArgumentError:
            return fail(_("--owner-url is not a database URL; for example "
                          "postgresql+psycopg://walkin_owner@db.example/walkin"))
        if owner.password is None and not owner.drivername.startswith("sqlite"):
            password = _read_secret(args.password_stdin, _("Password for {role}: ").format(role=owner.username))
            if not password:
                return fail(_("No password given for {role}.").format(role=owner.username))
            url = owner.set(password=password).render_as_string(hide_password=False)
        desk = make_url(desk_url)
        if not desk_roles and not desk.drivername.startswith("sqlite") and desk.username != owner.username:
            desk_roles = [desk.username]
    db = Database(url, settings.database.busy_timeout_seconds)
    try:
        db.upgrade(desk_roles, load_profile(settings.profile).first_site)
        _tally_history(db)
        print(_("The database is up to date (schema {revision}).").format(revision=db.current_revision()))
        for role in desk_roles:
            print(_("The role {role} may now work at the desks: the tables' rows, and the audit trail "
                    "only to read and add to.").format(role=role))
        if not desk_roles and db.owns_audit_trail():
            print(_("Warning: this role owns the tables, so it could empty the audit trail. Give the desks a "
                    "role of their own: see the README, \"two roles\"."), file=sys.stderr)
    finally:
        db.dispose()
    return 0


def _tally_history(db: Database) -> None:
    """The past months' tallies that the upgrade left to count, here rather than at the desks'
    first start (seconds for years of visits), with how far it is on standard error."""
    import time

    from storage.reports import Reports

    started = time.monotonic()

    def progress(done: int, total: int) -> None:
        line = _("Counting the figures of past months for the summaries: {percent} %").format(
            percent=done * 100 // total)
        if sys.stderr.isatty():  # one line, rewritten as it goes
            print(f"\r{line}", end="\n" if done == total else "", file=sys.stderr, flush=True)
        elif done == 0:
            print(line, file=sys.stderr, flush=True)

    if Reports(db).catch_up(progress):
        print(_("The figures of past months are counted ({seconds:.0f} s).").format(
            seconds=time.monotonic() - started), file=sys.stderr)


def _set_password(args: argparse.Namespace, settings: Settings) -> int:
    from storage.credentials import is_plaintext_backend, keyring_account, needs_keyring, store_password

    url = settings.database.url
    if url is None or url.startswith("sqlite"):
        return fail(_("The database is SQLite on this machine: it has no password. Set database.url "
                      "to the shared server first."))
    if not needs_keyring(url):
        return fail(_("The database URL in the settings contains a password. Remove it from there "
                      "first; it belongs in the keyring."))
    password = _read_secret(args.password_stdin, _("Password: "))
    if not password:
        return fail(_("No password given; nothing was stored."))
    backend = store_password(url, password)
    print(_("Password for {account} stored in the keyring ({backend}).").format(
        account=keyring_account(url), backend=backend))
    if is_plaintext_backend():
        print(_("Warning: this keyring keeps passwords in a plain file. Use the Secret Service "
                "(GNOME Keyring, KWallet) on a workstation."), file=sys.stderr)
    return 0


def _read_secret(from_stdin: bool, prompt: str) -> str:
    """A password from standard input for scripts; otherwise asked without echo."""
    return sys.stdin.readline().rstrip("\n") if from_stdin else getpass.getpass(prompt)


# ---------------------------------------------------------- retention ---
def _purge(args: argparse.Namespace, settings: Settings, services: Services, actor: Actor) -> int:
    from tui.retention import purge_old

    if args.days is not None and not 1 <= args.days <= 3650:
        return fail(_("--days is from 1 to 3650."))
    purged, files = purge_old(services, settings, actor, args.days, args.including_undocumented)
    print(_("Erased the personal fields of {visits} visits from before {day}; {drafts} drafts and "
            "{files} saved printouts removed.").format(
        visits=purged.visits, day=purged.before.isoformat(), drafts=purged.drafts, files=files))
    if purged.erased_undocumented:
        print(_("{n} of them awaited documentation in the client information system (erased as asked "
                "with --including-undocumented).").format(n=purged.erased_undocumented))
    if purged.kept:
        print(_("Kept: {n} old visits await documentation in the client information system: {visits}. "
                "Once they are there, erase them too with --including-undocumented.").format(
            n=len(purged.kept), visits=", ".join(f"{v.ticket} {v.service_day.isoformat()}" for v in purged.kept)),
            file=sys.stderr)
    print(_("Removed {events} audit events older than {days} days (audit_retention_days).").format(
        events=purged.audit_events, days=max(settings.audit_retention_days, args.days or settings.retention_days)))
    return 0


# ---------------------------------------------------------------- audit ---
def _audit_query(args: argparse.Namespace) -> AuditQuery:
    """The events asked for; BadOption names the options that cannot be used (checked before
    the administrator is asked for a PIN)."""
    from pydantic import ValidationError

    from forms.audit_query import AuditQuery
    from forms.fields import field_messages

    try:
        return AuditQuery(day_from=day_option(args.day_from, "--from"), day_to=day_option(args.day_to, "--to"),
                          username=args.user, action=args.action, ticket=args.ticket)
    except ValidationError as error:
        raise BadOption("\n".join(f"--{k.replace('_', '-').replace('username', 'user')}: {v}"
                                  for k, v in field_messages(error).items())) from None


def _audit(args: argparse.Namespace, services: Services, actor: Actor, where: AuditQuery) -> int:
    from workflows.exports import audit_csv

    text = audit_csv(services, where, actor)
    with (open(args.out, "w", encoding="utf-8", newline="") if args.out else _stdout()) as out:
        out.write(text)
    return 0


def _stdout():  # type: ignore[no-untyped-def]
    """Standard output for a `with`, left open."""
    import contextlib

    return contextlib.nullcontext(sys.stdout)
