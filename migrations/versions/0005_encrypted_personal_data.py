"""personal data encrypted at rest: encrypted columns become text, blind indexes for search and unsent mail (issue 13)

Existing rows are encrypted here, in batches, with the keys the app is configured with (DATA_ENCRYPTION_KEYS and
BLIND_INDEX_KEY, or the development keys in instance/); their search terms and address indexes are computed from the
plaintext first.

Revision ID: 0005_encrypted_personal_data
Revises: 0004_cleared_records
Create Date: 2026-12-03 09:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0005_encrypted_personal_data'
down_revision = '0004_cleared_records'
branch_labels = None
depends_on = None

# table -> column -> (type before, nullable); the purpose of each value is "table.column" (app.crypto).
ENCRYPTED = {
    'application': {
        'answers': (sa.JSON(), False), 'full_name': (sa.String(200), True), 'date_of_birth': (sa.Date(), True),
        'email': (sa.String(254), True), 'phone': (sa.String(40), True), 'screening': (sa.JSON(), True),
    },
    'conviction': {
        'case_number': (sa.String(60), True), 'offense_text': (sa.String(200), False), 'code': (sa.String(4), True),
        'section': (sa.String(20), True), 'subdivision': (sa.String(20), True), 'facts': (sa.JSON(), False),
    },
    'referral_event': {'note': (sa.Text(), True)},
    'outbox_message': {'to_address': (sa.String(254), False), 'context': (sa.JSON(), False)},
    'user': {'totp_secret': (sa.String(64), True), 'recovery_codes': (sa.JSON(), False)},
}
BATCH = 500


def _targets():
    from app.key_rotation import EncryptedTable

    return [EncryptedTable(name, tuple((column, f'{name}.{column}') for column in columns))
            for name, columns in ENCRYPTED.items()]


def _change_types(to_text):
    postgresql = op.get_bind().dialect.name == 'postgresql'
    for name, columns in ENCRYPTED.items():
        with op.batch_alter_table(name, schema=None) as batch_op:
            for column, (before, nullable) in columns.items():
                if isinstance(before, sa.Text):
                    continue
                new, old = (sa.Text(), before) if to_text else (before, sa.Text())
                using = None
                if postgresql:
                    using = f'{column}::text' if to_text else f'{column}::{new.compile(dialect=op.get_bind().dialect)}'
                batch_op.alter_column(column, existing_type=old, type_=new, existing_nullable=nullable,
                                      postgresql_using=using)


def _index_plaintext(connection):
    """Search terms (names, case numbers) and address indexes, from the values before they are encrypted."""
    from flask import current_app

    from app.crypto import address_index
    from app.search_index import words_of

    ring = current_app.extensions['keyring']
    application = sa.table('application', sa.column('id'), sa.column('full_name'))
    conviction = sa.table('conviction', sa.column('application_id'), sa.column('case_number'))
    search_term = sa.table('search_term', sa.column('application_id'), sa.column('digest'))
    last_id = 0
    while True:
        rows = connection.execute(sa.select(application).where(application.c.id > last_id)
                                  .order_by(application.c.id).limit(BATCH)).all()
        if not rows:
            break
        numbers = {}
        for application_id, number in connection.execute(
                sa.select(conviction.c.application_id, conviction.c.case_number)
                .where(conviction.c.application_id.in_([row.id for row in rows]))):
            numbers.setdefault(application_id, []).append(number)
        terms = [{'application_id': row.id, 'digest': ring.blind_index(word)}
                 for row in rows for word in sorted(words_of(row.full_name, numbers.get(row.id, [])))]
        if terms:
            connection.execute(search_term.insert(), terms)
        last_id = rows[-1].id
    outbox = sa.table('outbox_message', sa.column('id'), sa.column('to_address'), sa.column('to_address_index'))
    for message_id, address in connection.execute(sa.select(outbox.c.id, outbox.c.to_address)).all():
        connection.execute(outbox.update().where(outbox.c.id == message_id)
                           .values(to_address_index=address_index(address)))


def upgrade():
    from flask import current_app

    from app.key_rotation import Selection, rewrite, to_current_key

    op.create_table('search_term',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('digest', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_search_term_application_id_application'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_term'))
    )
    with op.batch_alter_table('search_term', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_term_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_term_digest'), ['digest'], unique=False)
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('to_address_index', sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbox_message_to_address_index'), ['to_address_index'], unique=False)
    _change_types(to_text=True)

    connection = op.get_bind()
    ring = current_app.extensions['keyring']
    _index_plaintext(connection)
    for target in _targets():
        rewrite(connection, target, to_current_key(ring, plaintext_allowed=True),
                Selection(ring.current_prefix, under=False), batch=BATCH)


def downgrade():
    from flask import current_app

    from app.key_rotation import Selection, rewrite

    connection = op.get_bind()
    ring = current_app.extensions['keyring']
    for target in _targets():
        rewrite(connection, target, ring.decrypt, Selection('v1.', under=True), batch=BATCH)
    _change_types(to_text=False)
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_message_to_address_index'))
        batch_op.drop_column('to_address_index')
    with op.batch_alter_table('search_term', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_term_digest'))
        batch_op.drop_index(batch_op.f('ix_search_term_application_id'))
    op.drop_table('search_term')
