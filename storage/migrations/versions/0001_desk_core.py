"""desk core: staff, visits, referrals, workers, sign-ins, drafts

Revision ID: 0001
Revises: 
Create Date: 2026-11-23
"""

from alembic import op
import sqlalchemy as sa
import storage.models


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=32), nullable=False),
    sa.Column('display_name', sa.String(length=80), nullable=False),
    sa.Column('job_title', sa.String(length=80), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=True),
    sa.Column('phone_hours', sa.String(length=80), nullable=True),
    sa.Column('email', sa.String(length=120), nullable=True),
    sa.Column('location', sa.String(length=120), nullable=True),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('pin_hash', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_pins', sa.Integer(), nullable=False),
    sa.Column('locked_until', storage.models.UTCDateTime(), nullable=True),
    sa.Column('created_at', storage.models.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff')),
    sa.UniqueConstraint('username', name=op.f('uq_staff_username'))
    )
    op.create_table('desk_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('workstation', sa.String(length=60), nullable=False),
    sa.Column('signed_in_at', storage.models.UTCDateTime(), nullable=False),
    sa.Column('last_seen_at', storage.models.UTCDateTime(), nullable=False),
    sa.Column('signed_out_at', storage.models.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_desk_session_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_session'))
    )
    with op.batch_alter_table('desk_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_desk_session_staff_id'), ['staff_id'], unique=False)

    op.create_table('draft',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('updated_at', storage.models.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_draft_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draft')),
    sa.UniqueConstraint('staff_id', 'kind', name='uq_draft_staff_kind')
    )
    op.create_table('visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_day', sa.Date(), nullable=False),
    sa.Column('ticket_no', sa.Integer(), nullable=False),
    sa.Column('ticket', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('arrived_at', storage.models.UTCDateTime(), nullable=False),
    sa.Column('admitted_by_id', sa.Integer(), nullable=False),
    sa.Column('workstation', sa.String(length=60), nullable=True),
    sa.Column('updated_at', storage.models.UTCDateTime(), nullable=False),
    sa.Column('call_name', sa.String(length=40), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('life_situation', sa.String(length=24), nullable=True),
    sa.Column('referral_channel', sa.String(length=24), nullable=True),
    sa.Column('municipality', sa.String(length=60), nullable=True),
    sa.Column('age_group', sa.String(length=12), nullable=True),
    sa.Column('callback_phone', sa.String(length=30), nullable=True),
    sa.Column('urgency', sa.String(length=8), nullable=False),
    sa.Column('triage_urgency', sa.String(length=8), nullable=True),
    sa.Column('override_reason', sa.String(length=200), nullable=True),
    sa.Column('triage_answers', sa.JSON(), nullable=True),
    sa.Column('triage_rules', sa.JSON(), nullable=True),
    sa.Column('triaged_at', storage.models.UTCDateTime(), nullable=True),
    sa.Column('triaged_by_id', sa.Integer(), nullable=True),
    sa.Column('called_at', storage.models.UTCDateTime(), nullable=True),
    sa.Column('called_by_id', sa.Integer(), nullable=True),
    sa.Column('started_at', storage.models.UTCDateTime(), nullable=True),
    sa.Column('finished_at', storage.models.UTCDateTime(), nullable=True),
    sa.Column('finished_by_id', sa.Integer(), nullable=True),
    sa.Column('left_at', storage.models.UTCDateTime(), nullable=True),
    sa.Column('did_guidance', sa.Boolean(), nullable=False),
    sa.Column('did_referral', sa.Boolean(), nullable=False),
    sa.Column('did_appointment', sa.Boolean(), nullable=False),
    sa.Column('did_worker_named', sa.Boolean(), nullable=False),
    sa.Column('did_consent', sa.Boolean(), nullable=False),
    sa.Column('follow_up_on', sa.Date(), nullable=True),
    sa.Column('outcome_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['admitted_by_id'], ['staff.id'], name=op.f('fk_visit_admitted_by_id_staff')),
    sa.ForeignKeyConstraint(['called_by_id'], ['staff.id'], name=op.f('fk_visit_called_by_id_staff')),
    sa.ForeignKeyConstraint(['finished_by_id'], ['staff.id'], name=op.f('fk_visit_finished_by_id_staff')),
    sa.ForeignKeyConstraint(['triaged_by_id'], ['staff.id'], name=op.f('fk_visit_triaged_by_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit')),
    sa.UniqueConstraint('service_day', 'ticket_no', name='uq_visit_day_ticket')
    )
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.create_index('ix_visit_status_day', ['status', 'service_day'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_updated_at'), ['updated_at'], unique=False)

    op.create_table('responsible_worker',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=80), nullable=True),
    sa.Column('organisation', sa.String(length=120), nullable=True),
    sa.Column('phone', sa.String(length=30), nullable=True),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_responsible_worker_staff_id_staff')),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_responsible_worker_visit_id_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_responsible_worker'))
    )
    with op.batch_alter_table('responsible_worker', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_responsible_worker_visit_id'), ['visit_id'], unique=False)

    op.create_table('visit_referral',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('destination', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_visit_referral_visit_id_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_referral'))
    )
    with op.batch_alter_table('visit_referral', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_referral_visit_id'), ['visit_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('visit_referral', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_referral_visit_id'))

    op.drop_table('visit_referral')
    with op.batch_alter_table('responsible_worker', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_responsible_worker_visit_id'))

    op.drop_table('responsible_worker')
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_updated_at'))
        batch_op.drop_index('ix_visit_status_day')

    op.drop_table('visit')
    op.drop_table('draft')
    with op.batch_alter_table('desk_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_desk_session_staff_id'))

    op.drop_table('desk_session')
    op.drop_table('staff')
