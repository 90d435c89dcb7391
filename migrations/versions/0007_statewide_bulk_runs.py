"""statewide bulk runs: the county runs made from one statewide upload share a token (issue 14)

An administrator's statewide DOJ file is screened as one queue run per county; the runs name their statewide run so
they are listed together, and so that a county's DA never sees them (they hold every county's people).

Revision ID: 0007_statewide_bulk_runs
Revises: 0006_clinic_events
Create Date: 2026-12-04 19:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_statewide_bulk_runs'
down_revision = '0006_clinic_events'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('bulk_job', schema=None) as batch_op:
        batch_op.add_column(sa.Column('statewide_run', sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f('ix_bulk_job_statewide_run'), ['statewide_run'], unique=False)


def downgrade():
    with op.batch_alter_table('bulk_job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bulk_job_statewide_run'))
        batch_op.drop_column('statewide_run')
