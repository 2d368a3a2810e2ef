"""PostgreSQL's two roles: the owner runs the migrations, the desks' role gets only what a desk does
(rows, never the schema; the audit trail only read and added to), so no desk can empty it."""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

from forms.i18n import _
from storage.errors import StorageError

ROWS = "SELECT, INSERT, UPDATE, DELETE"
"""What a desk does to every table but those below."""

NARROWER = {
    # DELETE only as the purge does it: a trigger refuses any row not older than the floor the
    # purge writes in `audit_purge` and clears in the same transaction (migration 0020).
    "audit_event": "SELECT, INSERT, DELETE",
    # The desk reads the revision to know the schema is current; only the owner moves it.
    "alembic_version": "SELECT",
}


def grant_desk_role(connection: Connection, role: str) -> None:
    """Give `role` exactly the desk's privileges on this schema's tables and sequences, and the same
    on the tables later migrations create. Run as the owner of the tables, after migrating."""
    found = connection.execute(
        text("SELECT rolsuper, pg_has_role(:role, current_user, 'MEMBER') FROM pg_roles WHERE rolname = :role"),
        {"role": role},
    ).first()
    if found is None:
        raise StorageError(_("There is no database role {role} on the server. Create it first "
                             "(createuser --pwprompt {role}).").format(role=role))
    superuser, owner_powers = found
    if not owns_audit_trail(connection):
        raise StorageError(_("The role {role} does not own the tables, so it cannot grant them: --owner-url names "
                             "the owner role.").format(role=connection.scalar(text("SELECT current_user"))))
    if superuser or owner_powers:
        raise StorageError(_("The role {role} owns the tables (or is a superuser), so it could empty the "
                             "audit trail. The desks need a role of their own.").format(role=role))
    quote = connection.dialect.identifier_preparer.quote
    desk = quote(role)
    schema = quote(connection.scalar(text("SELECT current_schema()")))
    statements = [
        f"GRANT USAGE ON SCHEMA {schema} TO {desk}",
        # Start from nothing, so that a privilege granted by hand earlier (TRUNCATE, say) goes too.
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {desk}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {desk}",
        f"GRANT {ROWS} ON ALL TABLES IN SCHEMA {schema} TO {desk}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {desk}",
        # Tables a later migration creates are usable at once; each upgrade narrows them again.
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT {ROWS} ON TABLES TO {desk}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {desk}",
    ]
    for table, privileges in NARROWER.items():
        statements += [f"REVOKE ALL ON {quote(table)} FROM {desk}", f"GRANT {privileges} ON {quote(table)} TO {desk}"]
    for statement in statements:
        connection.execute(text(statement))


def owns_audit_trail(connection: Connection) -> bool:
    """Whether the connected role could empty the audit trail (it owns the table, or is a superuser)."""
    return bool(connection.scalar(text(
        "SELECT pg_has_role(current_user, tableowner, 'USAGE') FROM pg_tables "
        "WHERE schemaname = current_schema() AND tablename = 'audit_event'")))


def may_not_upgrade_message(connection: Connection, url: str) -> str:
    """For a desk whose role may not migrate, or was never granted the tables: who can fix it, with
    the command to copy."""
    desk = connection.scalar(text("SELECT current_user"))
    found = connection.execute(text(
        "SELECT tableowner, has_schema_privilege(schemaname, 'USAGE') AND has_table_privilege("
        "format('%I.%I', schemaname, tablename), 'SELECT') FROM pg_tables WHERE tablename = 'alembic_version' "
        "ORDER BY schemaname = current_schema() DESC NULLS LAST LIMIT 1")).first()
    if found is None:  # no tables yet: the schema's owner creates them
        owner = connection.scalar(text(
            "SELECT coalesce(nullif(nullif(pg_get_userbyid(n.nspowner), 'pg_database_owner'), ''), "
            "pg_get_userbyid(d.datdba)) FROM pg_database d LEFT JOIN pg_namespace n "
            "ON n.nspname = coalesce(current_schema(), 'public') WHERE d.datname = current_database()"))
        granted = True
    else:
        owner, granted = found
    owner_url = make_url(url)._replace(username=owner, password=None).render_as_string()
    if granted:
        return _("The database needs a schema upgrade that this workstation's database role ({role}) may not "
                 "make. Ask the database administrator to run, as the owner role: "
                 "walkin db upgrade --owner-url {owner_url} --desk-role {role}").format(role=desk, owner_url=owner_url)
    return _("This workstation's database role ({role}) has not been granted the desks' privileges. Ask the "
             "database administrator to run, as the owner role: "
             "walkin db upgrade --owner-url {owner_url} --desk-role {role}").format(role=desk, owner_url=owner_url)
