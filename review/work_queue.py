"""The review queue: documents a person must look at, lowest confidence first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, func, or_
from sqlmodel import Session, col, select

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
    is_open = or_(field.status == OPEN,
                  and_(Document.review_status == ReviewStatus.AUDIT, field.status == AUTO_ACCEPTED))
    if field_name:
        is_open = and_(is_open, field.name == field_name)
    open_stats = (select(field.document_id, func.min(field.confidence).label("lowest"),
                         func.count(field.id).label("open_count"))
                  .join(Document, Document.id == field.document_id)
                  .where(Document.status == DocumentStatus.EXTRACTED, is_open)
                  .group_by(field.document_id).subquery())
    query = (select(Document.id, Document.file_name, Document.doc_type, Document.review_status,
                    Document.lock_user, Document.lock_expires_at, open_stats.c.lowest,
                    open_stats.c.open_count)
             .outerjoin(open_stats, open_stats.c.document_id == Document.id)
             .where(Document.status == DocumentStatus.EXTRACTED,
                    col(Document.review_status).in_(REVIEWABLE_DOCS)))
    if doc_type:
        query = query.where(Document.doc_type == doc_type)
    if field_name:
        query = query.where(open_stats.c.open_count > 0)
    else:
        no_field = ~exists().where(field.document_id == Document.id)
        query = query.where(or_(open_stats.c.open_count > 0, no_field))
    query = query.order_by(func.coalesce(open_stats.c.lowest, -1.0), Document.id).limit(limit)
    items = []
    for (document_id, file_name, kind, review_status, lock_user, lock_expires_at, lowest,
         open_count) in session.exec(query).all():
        active = bool(lock_user and lock_expires_at and as_utc(lock_expires_at) > as_utc(now))
        items.append(QueueItem(document_id=document_id, file_name=file_name, doc_type=kind,
                               review_status=review_status, min_confidence=lowest,
                               open_fields=open_count or 0,
                               locked_by=lock_user if active else None))
    return items
