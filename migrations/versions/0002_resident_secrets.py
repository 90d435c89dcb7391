"""resident secrets: derivable resume token salt, one-time delete nonce (issue 17)

Revision ID: 0002_resident_secrets
Revises: 0001_initial
Create Date: 2026-12-03 08:45:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0002_resident_secrets'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.add_column(sa.Column('token_salt', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('delete_nonce_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('delete_nonce_expires_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_column('delete_nonce_expires_at')
        batch_op.drop_column('delete_nonce_hash')
        batch_op.drop_column('token_salt')
