"""print jobs: room for the plain-Finnish handout language

Revision ID: 0022
Revises: 0020
Create Date: 2026-11-30

Handouts are printed in plain Finnish (selkosuomi) as a language of its own, recorded by the code
"selko": five characters, and `print_job.language` held four. SQLite never checks a length, but
PostgreSQL would refuse every plain-Finnish print record. As in 0010, SQLite rebuilds the table
for the change, which drops its day-tally triggers (0004): they are made again.
"""

from importlib import import_module

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0020"
branch_labels = None
depends_on = None


def _widen(before: int, after: int) -> None:
    with op.batch_alter_table("print_job", schema=None) as batch_op:
        batch_op.alter_column("language", existing_type=sa.String(length=before), type_=sa.String(length=after),
                              existing_nullable=False)
    if op.get_bind().dialect.name == "sqlite":
        import_module("storage.migrations.versions.0004_day_tallies").create_triggers(("print_job",))


def upgrade() -> None:
    _widen(4, 8)


def downgrade() -> None:
    _widen(8, 4)
