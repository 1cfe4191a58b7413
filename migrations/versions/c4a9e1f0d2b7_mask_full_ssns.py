"""mask full SSNs in stored page words and text

Revision ID: c4a9e1f0d2b7
Revises: 38511eee8d53
Create Date: 2026-12-02 10:00:00.000000

A data migration for databases ingested before intake masked full SSNs: every page's
stored words go through the same function intake uses (``intake.redaction``), masked
words keep their boxes and are marked ``redacted``, and ``Page.text`` is recomputed from
the masked words. On SQLite ``secure_delete`` is switched on first so the old page
content is overwritten, not left in the file's free pages. There is no way back: the
full numbers remain only in the stored originals.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.document import PageContent, Word
from intake.redaction import mask_page_text, redact_stored_words

revision: str = 'c4a9e1f0d2b7'
down_revision: str | None = '38511eee8d53'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 200

page = sa.table("page", sa.column("id", sa.Integer), sa.column("words", sa.JSON),
                sa.column("text", sa.String))


def _page_text(words: list[dict]) -> str:
    """``Page.text`` as intake's ``PageContent.text`` joins the words (line by line)."""
    return PageContent(1, 0.0, 0.0, "text", [Word.from_dict(w) for w in words]).text


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        bind.exec_driver_sql("PRAGMA secure_delete = ON")
    last_id = 0
    while True:
        rows = bind.execute(sa.select(page.c.id, page.c.words, page.c.text)
                            .where(page.c.id > last_id).order_by(page.c.id)
                            .limit(BATCH)).all()
        if not rows:
            break
        for page_id, words, text in rows:
            last_id = page_id
            masked_words, found = redact_stored_words(list(words or []))
            new_text = _page_text(masked_words) if found else mask_page_text(text or "")
            if found or new_text != (text or ""):
                bind.execute(sa.update(page).where(page.c.id == page_id)
                             .values(words=masked_words, text=new_text))


def downgrade() -> None:
    # The full numbers are gone from the database on purpose; the originals keep them.
    pass
