"""print jobs: room for a longer handout kind

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30

`print_job.kind` held 12 characters. SQLite never checks a length, so a longer kind passed every
test there and would have failed each print record on PostgreSQL. The model now also refuses a
kind that is not a HandoutKind. SQLite rebuilds the table for the change, which drops its
day-tally triggers (0004): they are made again.
"""

from importlib import import_module

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _widen(before: int, after: int) -> None:
    with op.batch_alter_table("print_job", schema=None) as batch_op:
        batch_op.alter_column("kind", existing_type=sa.String(length=before), type_=sa.String(length=after),
                              existing_nullable=False)
    if op.get_bind().dialect.name == "sqlite":
        import_module("storage.migrations.versions.0004_day_tallies").create_triggers(("print_job",))


def upgrade() -> None:
    _widen(12, 40)


def downgrade() -> None:
    _widen(40, 12)
