"""Review locks: one reviewer at a time per document, for a while.

A lock expires by itself (``ReviewSettings.lock_minutes``), so a reviewer who walks
away never blocks a document for good.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from core.errors import CasetraceError
from models.tables import Document, utcnow
from review.policy import ReviewSettings
from review.rows import document_or_fail


class DocumentLocked(CasetraceError, RuntimeError):
    """Someone else holds the review lock on this document."""

    code = "R001"


def as_utc(moment: datetime) -> datetime:
    """The same moment as an aware UTC datetime, whether the database kept the offset or not."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def lock_held_until(document: Document, now: datetime) -> datetime | None:
    """When the review lock on the document runs out, or None when nobody holds it now."""
    expires = document.lock_expires_at
    if document.lock_user and expires and as_utc(expires) > as_utc(now):
        return expires
    return None


def lock_active(document: Document, now: datetime) -> bool:
    return lock_held_until(document, now) is not None


def acquire_lock(session: Session, document_id: int, user: str, settings: ReviewSettings,
                 *, now: datetime | None = None) -> Document:
    """Take or extend the review lock; raise DocumentLocked when another user holds it."""
    now = now or utcnow()
    document = document_or_fail(session, document_id)
    held_until = lock_held_until(document, now)
    if held_until is not None and document.lock_user != user:
        raise DocumentLocked(
            f"document {document_id} is being reviewed by {document.lock_user} "
            f"until {as_utc(held_until):%H:%M} UTC")
    document.lock_user = user
    document.lock_expires_at = now + timedelta(minutes=settings.lock_minutes)
    session.add(document)
    session.flush()
    return document


def release_lock(session: Session, document_id: int, user: str) -> None:
    """Give the lock back (only its holder can)."""
    document = document_or_fail(session, document_id)
    if document.lock_user == user:
        document.lock_user = None
        document.lock_expires_at = None
        session.add(document)
        session.flush()


def release_user_locks(session: Session, user: str) -> int:
    """Give back every lock ``user`` holds (on sign-out); return how many."""
    held = session.exec(select(Document).where(Document.lock_user == user)).all()
    for document in held:
        document.lock_user = None
        document.lock_expires_at = None
        session.add(document)
    session.flush()
    return len(held)


def active_locks(session: Session, now: datetime | None = None) -> int:
    """How many documents someone is reviewing right now."""
    now = now or utcnow()
    held = session.exec(select(Document).where(col(Document.lock_user).is_not(None))).all()
    return sum(lock_active(document, now) for document in held)
