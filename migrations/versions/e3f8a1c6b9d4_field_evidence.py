"""field evidence: the calibration bucket a field's confidence was read from

Revision ID: e3f8a1c6b9d4
Revises: d7b3a9c2e5f1
Create Date: 2026-12-02 17:00:00.000000

The extractor already says how it found each value (``ExtractedField.evidence``: the
rendering, where the label was, how strong, whether it repeats, whether a rival scored as
high); storing it lets the review page say why a value was or was not accepted without a
person. Fields stored before this revision have none ("") until re-extracted.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = 'e3f8a1c6b9d4'
down_revision: str | None = 'd7b3a9c2e5f1'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('field', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evidence', sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('field', schema=None) as batch_op:
        batch_op.drop_column('evidence')
