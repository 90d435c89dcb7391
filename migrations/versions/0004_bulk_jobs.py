"""bulk_job: DA bulk screening runs started from the web (issue 7)

Revision ID: 0004_bulk_jobs
Revises: 0001_initial
Create Date: 2026-11-29 15:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_bulk_jobs'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('bulk_job',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('county_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('upload_name', sa.String(length=120), nullable=False),
    sa.Column('upload_bytes', sa.Integer(), nullable=False),
    sa.Column('summary', sa.JSON(), nullable=True),
    sa.Column('error', sa.String(length=300), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('heartbeat_at', sa.DateTime(), nullable=True),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('delete_after', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['county_id'], ['county.id'], name=op.f('fk_bulk_job_county_id_county')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_bulk_job_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bulk_job')),
    sa.UniqueConstraint('token', name=op.f('uq_bulk_job_token'))
    )
    with op.batch_alter_table('bulk_job', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bulk_job_county_id'), ['county_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bulk_job_delete_after'), ['delete_after'], unique=False)
        batch_op.create_index(batch_op.f('ix_bulk_job_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_bulk_job_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('bulk_job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bulk_job_user_id'))
        batch_op.drop_index(batch_op.f('ix_bulk_job_status'))
        batch_op.drop_index(batch_op.f('ix_bulk_job_delete_after'))
        batch_op.drop_index(batch_op.f('ix_bulk_job_county_id'))

    op.drop_table('bulk_job')
