"""site figures: the day tallies by site, the follow-up answers' site, administrators' site scope

Revision ID: 0025
Revises: 0024
Create Date: 2026-11-30

Every figure of a day is tallied per walk-in site (`day_tally.site` in its key), so a summary of
one site, several or all adds up the rows of its sites. The tallies are a cache: they are emptied
here and counted again (storage.tallies.TALLY_VERSION went up too). The triggers of 0004 still drop
a whole day, every site of it, at any change of the day: they name `day_tally` only in their bodies,
so the table can be made again under them.

An anonymous follow-up answer records the site of its visit (a site is no personal data); the
answers from before belong to the first site, as the visits do (0024).

`staff_site`: the sites an administrator's figures are limited to; none: every site.
"""

import sqlalchemy as sa
from alembic import op

from storage.migrations import first_site

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def _tally(with_site: bool) -> None:
    """Empty the tallies and give them the key asked for. PostgreSQL changes the table in place (the
    desks' role keeps its grants); SQLite cannot change a primary key, and a cache is made again."""
    key = ["service_day", "site", "measure", "key"] if with_site else ["service_day", "measure", "key"]
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DELETE FROM day_tally")
        op.drop_constraint("pk_day_tally", "day_tally", type_="primary")
        if with_site:
            op.add_column("day_tally", sa.Column("site", sa.String(length=40), nullable=False, server_default=""))
        else:
            op.drop_column("day_tally", "site")
        op.create_primary_key("pk_day_tally", "day_tally", key)
        return
    op.drop_table("day_tally")
    op.create_table(
        "day_tally",
        sa.Column("service_day", sa.Date(), nullable=False),
        *([sa.Column("site", sa.String(length=40), nullable=False, server_default="")] if with_site else []),
        sa.Column("measure", sa.String(length=24), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*key, name="pk_day_tally"),
        sqlite_with_rowid=False,
    )


def upgrade() -> None:
    _tally(with_site=True)
    op.add_column("follow_up_answer", sa.Column("site", sa.String(length=40), nullable=True))
    op.execute(sa.text("UPDATE follow_up_answer SET site = :site").bindparams(site=first_site()))
    op.create_table(
        "staff_site",
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("site", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_staff_site_staff_id_staff"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("staff_id", "site", name=op.f("pk_staff_site")),
    )


def downgrade() -> None:
    op.drop_table("staff_site")
    # Plain DROP COLUMN (SQLite 3.35+): a batch rebuild would drop the table's day-tally triggers.
    op.execute("ALTER TABLE follow_up_answer DROP COLUMN site")
    _tally(with_site=False)
