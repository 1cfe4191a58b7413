"""party review: party versions and review status, corrections that name a party

Revision ID: d7b3a9c2e5f1
Revises: c4a9e1f0d2b7
Create Date: 2026-12-02 02:00:00.000000

A reviewer now corrects parties as fields are corrected: ``party.version`` lets a stale
save be refused (``UPDATE ... WHERE version = :seen``), ``status`` / ``reviewed_by`` /
``reviewed_at`` say who decided, and ``correction.party_id`` ties an audit row to the
party it changed. Existing parties start at version 0, status "extracted".
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = 'd7b3a9c2e5f1'
down_revision: str | None = 'c4a9e1f0d2b7'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('party', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('status', sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=False, server_default='extracted'))
        batch_op.add_column(sa.Column('reviewed_by', sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=True))
        batch_op.add_column(sa.Column('reviewed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_party_status'), ['status'], unique=False)
    with op.batch_alter_table('correction', schema=None) as batch_op:
        batch_op.add_column(sa.Column('party_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_correction_party_id'), ['party_id'], unique=False)
        batch_op.create_foreign_key('fk_correction_party_id_party', 'party', ['party_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('correction', schema=None) as batch_op:
        batch_op.drop_constraint('fk_correction_party_id_party', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_correction_party_id'))
        batch_op.drop_column('party_id')
    with op.batch_alter_table('party', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_party_status'))
        batch_op.drop_column('reviewed_at')
        batch_op.drop_column('reviewed_by')
        batch_op.drop_column('status')
        batch_op.drop_column('version')
