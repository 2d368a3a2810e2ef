"""sites: each visit belongs to the walk-in site where it arrived

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-30

A county runs several walk-in sites on one server, each with its own queue and ticket series. A
visit records its site; tickets are unique per site and day (a unique index on the ticket text,
whose letters are the site's). `ticket_no` stays the day's arrival number across the service,
unique per day as before: keeping its constraint spares SQLite a rebuild of `visit`, which would
drop the day-tally triggers and, with foreign keys on, cascade into the tables that refer to it.
A sign-in records the workstation's site (the wait estimate counts the workers at the site), and a
handover to a worker at another site records that site.

The visits recorded before belong to the first site of the profile the desk upgrading runs on
(`first_site`, handed over by storage.db), or to the example profile's first site when Alembic runs
on its own.
"""

import sqlalchemy as sa
from alembic import op

from storage.migrations import first_site

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("visit", sa.Column("site", sa.String(length=40), nullable=False,
                                     server_default=first_site()))
    if op.get_bind().dialect.name == "postgresql":
        # Every new visit names its site; the default was only for the rows already there.
        op.alter_column("visit", "site", server_default=None)
    op.create_index("uq_visit_day_site_ticket", "visit", ["service_day", "site", "ticket"], unique=True)
    op.create_index("ix_visit_site_status", "visit", ["site", "status"])
    op.add_column("desk_session", sa.Column("site", sa.String(length=40), nullable=True))
    op.add_column("visit_handover", sa.Column("to_site", sa.String(length=40), nullable=True))


def downgrade() -> None:
    op.drop_index("ix_visit_site_status", "visit")
    op.drop_index("uq_visit_day_site_ticket", "visit")
    for table, column in (("visit_handover", "to_site"), ("desk_session", "site"), ("visit", "site")):
        # Plain DROP COLUMN (SQLite 3.35+): a batch rebuild would trip over the day-tally triggers.
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
