"""The review queue: documents a person must look at, lowest confidence first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import and_, exists, func, or_
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from core.vocabulary import REVIEWABLE_STATUSES, DocumentStatus, ReviewStatus
from models.tables import Document, ExtractedFieldRow, utcnow
from review.locks import as_utc
from review.policy import AUTO_ACCEPTED, OPEN

REVIEWABLE_DOCS = REVIEWABLE_STATUSES


@dataclass(frozen=True, slots=True)
class QueueItem:
    document_id: int
    file_name: str
    doc_type: str
    review_status: str
    min_confidence: float | None
    open_fields: int
    locked_by: str | None


def review_queue(session: Session, *, doc_type: str | None = None,
                 field_name: str | None = None, now: datetime | None = None,
                 limit: int = 200) -> list[QueueItem]:
    """Documents a person must look at, lowest open-field confidence first.

    A document with no field at all comes first: a person must say whether that is right.
    Counting and ordering happen in the database, so the queue stays fast at any size.
    """
    now = now or utcnow()
    field = ExtractedFieldRow
    is_open = or_(col(field.status) == OPEN,
                  and_(col(Document.review_status) == ReviewStatus.AUDIT,
                       col(field.status) == AUTO_ACCEPTED))
    if field_name:
        is_open = and_(is_open, col(field.name) == field_name)
    open_stats = (select(field.document_id, func.min(field.confidence).label("lowest"),
                         func.count(col(field.id)).label("open_count"))
                  .join(Document, col(Document.id) == col(field.document_id))
                  .where(Document.status == DocumentStatus.EXTRACTED, is_open)
                  .group_by(col(field.document_id)).subquery())
    # select()'s typed overloads stop at four columns; for more it builds this Select, whose
    # row type mypy cannot infer from the constructor, so it is written out.
    query = (
        cast("Select[int, str, str, str, str | None, datetime | None, float | None, int | None]",
             Select(col(Document.id), col(Document.file_name), col(Document.doc_type),
                    col(Document.review_status), col(Document.lock_user),
                    col(Document.lock_expires_at), open_stats.c.lowest,
                    open_stats.c.open_count))
        .outerjoin(open_stats, open_stats.c.document_id == Document.id)
        .where(Document.status == DocumentStatus.EXTRACTED,
               col(Document.review_status).in_(REVIEWABLE_DOCS)))
    if doc_type:
        query = query.where(Document.doc_type == doc_type)
    if field_name:
        query = query.where(open_stats.c.open_count > 0)
    else:
        no_field = ~exists().where(col(field.document_id) == col(Document.id))
        query = query.where(or_(open_stats.c.open_count > 0, no_field))
    query = query.order_by(func.coalesce(open_stats.c.lowest, -1.0), col(Document.id)).limit(limit)
    items = []
    for (document_id, file_name, kind, review_status, lock_user, lock_expires_at, lowest,
         open_count) in session.exec(query).all():
        active = bool(lock_user and lock_expires_at and as_utc(lock_expires_at) > as_utc(now))
        items.append(QueueItem(document_id=document_id, file_name=file_name, doc_type=kind,
                               review_status=review_status, min_confidence=lowest,
                               open_fields=open_count or 0,
                               locked_by=lock_user if active else None))
    return items
