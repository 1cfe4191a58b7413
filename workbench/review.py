"""The review workflow as plain functions over the database (no Streamlit here).

Rules kept here so they hold for every screen and are tested on their own:
- the queue shows the documents a person must look at, lowest confidence first;
- fields at or above the auto-accept threshold are accepted without a person,
  and a random share of fully auto-accepted documents still goes to a person;
- a document in review is locked for a while; every save checks the version the
  reviewer saw, so a stale save is refused and recorded as a conflict;
- every change a person makes writes a Correction row (who, when, old, new, box) and
  marks the field as reviewed, which re-extraction must leave alone; auto-accepts are
  recorded on the field itself (``reviewed_by = "system"``).
"""

from __future__ import annotations

import os
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, exists, func, or_, update
from sqlmodel import Session, col, select

from models.tables import Correction, Document, ExtractedFieldRow, utcnow
from workbench.values import InvalidValue, normalize_value

AUTO_ACCEPT_THRESHOLD = 0.95
AUDIT_SHARE = 0.10
LOCK_MINUTES = 15

OPEN = "extracted"
AUTO_ACCEPTED = "auto_accepted"
ACTION_STATUS = {
    "accept": "accepted",
    "correct": "corrected",
    "reject": "rejected",
    "not_in_document": "not_in_document",
}
REVIEWABLE_DOCS = ("pending", "audit", "in_review")


@dataclass(frozen=True)
class ReviewSettings:
    """Knobs an operator sets (``CASETRACE_AUTO_ACCEPT``, ``CASETRACE_AUDIT_SHARE``,
    ``CASETRACE_LOCK_MINUTES``)."""

    auto_accept_threshold: float = AUTO_ACCEPT_THRESHOLD
    audit_share: float = AUDIT_SHARE
    lock_minutes: int = LOCK_MINUTES

    def __post_init__(self) -> None:
        if not 0.0 < self.auto_accept_threshold <= 1.01:
            raise ValueError(f"auto_accept_threshold must be in (0, 1.01], "
                             f"got {self.auto_accept_threshold}")
        if not 0.0 <= self.audit_share <= 1.0:
            raise ValueError(f"audit_share must be in [0, 1], got {self.audit_share}")
        if self.lock_minutes < 1:
            raise ValueError(f"lock_minutes must be at least 1, got {self.lock_minutes}")

    @classmethod
    def from_env(cls) -> ReviewSettings:
        env = os.environ
        return cls(
            auto_accept_threshold=float(env.get("CASETRACE_AUTO_ACCEPT", AUTO_ACCEPT_THRESHOLD)),
            audit_share=float(env.get("CASETRACE_AUDIT_SHARE", AUDIT_SHARE)),
            lock_minutes=int(env.get("CASETRACE_LOCK_MINUTES", LOCK_MINUTES)),
        )


@dataclass(frozen=True, slots=True)
class QueueItem:
    document_id: int
    file_name: str
    doc_type: str
    review_status: str
    min_confidence: float | None
    open_fields: int
    locked_by: str | None


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What a save did: ``saved`` False means nothing changed; ``message`` says why."""

    saved: bool
    message: str
    conflict: bool = False
    field_id: int | None = None


class DocumentLocked(RuntimeError):
    """Someone else holds the review lock on this document."""


# --- triage: auto-accept and audit sampling -------------------------------------------


def needs_review(field: ExtractedFieldRow, document: Document) -> bool:
    """A field is open until a person decides; in an audit document auto-accepts count as open."""
    if field.status == OPEN:
        return True
    return document.review_status == "audit" and field.status == AUTO_ACCEPTED


def triage_document(session: Session, document: Document, settings: ReviewSettings,
                    rng: random.Random) -> str:
    """Auto-accept confident fields; route the document to review, audit or done.

    Idempotent: fields already decided are left alone, and the audit die is cast
    only once, when every field has just been auto-accepted.
    """
    fields = _fields(session, document.id)
    for field in fields:
        if field.status == OPEN and field.confidence >= settings.auto_accept_threshold:
            # A machine decision: recorded on the field (by "system", when), not as a
            # Correction, which is a person's change. Re-extraction may replace it.
            field.status = AUTO_ACCEPTED
            field.version += 1
            field.reviewed_by = "system"
            field.reviewed_at = utcnow()
            session.add(field)
    if fields and all(f.status != OPEN for f in fields):
        document.review_status = "audit" if rng.random() < settings.audit_share else AUTO_ACCEPTED
    if fields:
        document.min_confidence = min(f.confidence for f in fields)
    session.add(document)
    session.flush()
    return document.review_status


def apply_review_policy(session: Session, document: Document,
                        settings: ReviewSettings | None = None,
                        rng: random.Random | None = None) -> str:
    """Intake's hook after each (re-)extraction: reopen the document if new fields need a
    person, then triage it. Reviewed fields were kept by intake and stay decided."""
    settings = settings or ReviewSettings.from_env()
    if any(f.status == OPEN for f in _fields(session, document.id)):
        document.review_status = "pending"
    return triage_document(session, document, settings, rng or random.Random())


def triage_pending(session: Session, settings: ReviewSettings,
                   rng: random.Random | None = None) -> int:
    """Triage the pending documents that hold an open field at or above the threshold;
    return how many left "pending". Intake triages each document as it is extracted
    (``apply_review_policy``); this catches the rest and costs one query when none is left.
    """
    rng = rng or random.Random()
    field = ExtractedFieldRow
    candidates = session.exec(
        select(Document.id).join(field, field.document_id == Document.id)
        .where(Document.status == "extracted", Document.review_status == "pending",
               field.status == OPEN, field.confidence >= settings.auto_accept_threshold)
        .distinct()).all()
    changed = 0
    for document_id in candidates:
        document = session.get(Document, document_id)
        if triage_document(session, document, settings, rng) != "pending":
            changed += 1
    return changed


# --- the queue ----------------------------------------------------------------------


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
                  and_(Document.review_status == "audit", field.status == AUTO_ACCEPTED))
    if field_name:
        is_open = and_(is_open, field.name == field_name)
    open_stats = (select(field.document_id, func.min(field.confidence).label("lowest"),
                         func.count(field.id).label("open_count"))
                  .join(Document, Document.id == field.document_id)
                  .where(Document.status == "extracted", is_open)
                  .group_by(field.document_id).subquery())
    query = (select(Document.id, Document.file_name, Document.doc_type, Document.review_status,
                    Document.lock_user, Document.lock_expires_at, open_stats.c.lowest,
                    open_stats.c.open_count)
             .outerjoin(open_stats, open_stats.c.document_id == Document.id)
             .where(Document.status == "extracted",
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


# --- locks --------------------------------------------------------------------------


def as_utc(moment: datetime) -> datetime:
    """The same moment as an aware UTC datetime, whether the database kept the offset or not."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _lock_active(document: Document, now: datetime) -> bool:
    return bool(document.lock_user and document.lock_expires_at
                and as_utc(document.lock_expires_at) > as_utc(now))


def acquire_lock(session: Session, document_id: int, user: str, settings: ReviewSettings,
                 *, now: datetime | None = None) -> Document:
    """Take or extend the review lock; raise DocumentLocked when another user holds it."""
    now = now or utcnow()
    document = _document(session, document_id)
    if _lock_active(document, now) and document.lock_user != user:
        raise DocumentLocked(
            f"document {document_id} is being reviewed by {document.lock_user} "
            f"until {as_utc(document.lock_expires_at):%H:%M} UTC")
    document.lock_user = user
    document.lock_expires_at = now + timedelta(minutes=settings.lock_minutes)
    session.add(document)
    session.flush()
    return document


def release_lock(session: Session, document_id: int, user: str) -> None:
    """Give the lock back (only its holder can)."""
    document = _document(session, document_id)
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
    return sum(_lock_active(document, now) for document in held)


# --- saving decisions ---------------------------------------------------------------


def save_field(session: Session, field_id: int, *, user: str, action: str,
               expected_version: int, new_value: str | None = None,
               new_bbox: Sequence[float] | None = None, new_page: int | None = None,
               now: datetime | None = None) -> SaveResult:
    """Apply one reviewer decision to one field, if the reviewer saw its latest version.

    ``action`` is accept, correct, reject or not_in_document. A stale version or a
    lock held by someone else refuses the save and records it as a conflict. The
    version is checked inside the write itself (``UPDATE ... WHERE version = :seen``),
    so of two saves that overlap in the database exactly one wins.
    """
    if action not in ACTION_STATUS:
        raise ValueError(f"unknown review action {action!r}: use one of {', '.join(ACTION_STATUS)}")
    now = now or utcnow()
    field = session.get(ExtractedFieldRow, field_id)
    if field is None:
        return SaveResult(False, f"field {field_id} no longer exists; reload the document")
    document = _document(session, field.document_id)
    value = field.value
    if action == "correct":
        try:
            value = normalize_value(field.name, new_value or "")
        except InvalidValue as error:
            return SaveResult(False, str(error), field_id=field_id)
    bbox = list(new_bbox) if new_bbox is not None else list(field.bbox)
    refusal = _refusal(document, user, now, field.version, expected_version,
                       what=f"{field.name} was changed by {field.reviewed_by or 'someone'}")
    if action == "correct" and value == field.value and bbox == list(field.bbox):
        action = "accept"
    old_value, old_bbox = field.value, list(field.bbox)
    if refusal is None:
        written = session.execute(
            update(ExtractedFieldRow)
            .where(col(ExtractedFieldRow.id) == field_id,
                   col(ExtractedFieldRow.version) == expected_version)
            .values(value=value, bbox=bbox, page=new_page or field.page,
                    status=ACTION_STATUS[action], version=ExtractedFieldRow.version + 1,
                    reviewed_by=user, reviewed_at=now)
            .execution_options(synchronize_session=False))
        session.refresh(field)
        if written.rowcount != 1:  # someone saved first while this save was on its way
            refusal = (f"Not saved: {field.name} was changed by {field.reviewed_by or 'someone'} "
                       "after you opened it. Reload to see the latest values.")
    if refusal:
        session.add(Correction(
            field_id=field.id, document_id=document.id, field_name=field.name, action=action,
            old_value=field.value, new_value=value, old_bbox=list(field.bbox), new_bbox=bbox,
            user=user, created_at=now, outcome="conflict"))
        session.flush()
        return SaveResult(False, refusal, conflict=True, field_id=field_id)
    session.add(Correction(
        field_id=field.id, document_id=document.id, field_name=field.name, action=action,
        old_value=old_value, new_value=None if action in ("reject", "not_in_document") else value,
        old_bbox=old_bbox, new_bbox=bbox, user=user, created_at=now))
    _after_change(session, document, user, now)
    return SaveResult(True, f"{field.name}: {ACTION_STATUS[action]}", field_id=field.id)


def add_field(session: Session, document_id: int, *, user: str, name: str, value: str,
              page: int, bbox: Sequence[float], expected_document_version: int,
              now: datetime | None = None) -> SaveResult:
    """Record a field the extractor missed, with the box the reviewer pointed at."""
    now = now or utcnow()
    document = _document(session, document_id)
    try:
        value = normalize_value(name, value)
    except InvalidValue as error:
        return SaveResult(False, str(error))
    refusal = _refusal(document, user, now, document.version, expected_document_version,
                       what="the document was changed meanwhile")
    if refusal:
        session.add(Correction(document_id=document_id, field_name=name, action="add",
                               new_value=value, new_bbox=list(bbox), user=user,
                               created_at=now, outcome="conflict"))
        session.flush()
        return SaveResult(False, refusal, conflict=True)
    field = ExtractedFieldRow(document_id=document_id, name=name, value=value, raw=value,
                              confidence=1.0, page=page, bbox=list(bbox), extractor="reviewer",
                              status="added", version=1, reviewed_by=user, reviewed_at=now)
    session.add(field)
    session.flush()
    session.add(Correction(field_id=field.id, document_id=document_id, field_name=name,
                           action="add", new_value=value, new_bbox=list(bbox), user=user,
                           created_at=now))
    _after_change(session, document, user, now)
    return SaveResult(True, f"{name}: added", field_id=field.id)


def finish_review(session: Session, document_id: int, user: str) -> SaveResult:
    """Mark a document reviewed when no field is open; release the lock."""
    document = _document(session, document_id)
    still_open = [f.name for f in _fields(session, document_id) if needs_review(f, document)]
    if still_open:
        return SaveResult(False, f"{len(still_open)} field(s) still open: {', '.join(still_open)}")
    document.review_status = "reviewed"
    session.add(document)
    release_lock(session, document_id, user)
    return SaveResult(True, f"document {document_id} reviewed")


def _refusal(document: Document, user: str, now: datetime, current_version: int,
             expected_version: int, *, what: str) -> str | None:
    if _lock_active(document, now) and document.lock_user != user:
        return (f"Not saved: {document.lock_user} is reviewing this document "
                f"until {as_utc(document.lock_expires_at):%H:%M} UTC.")
    if current_version != expected_version:
        return f"Not saved: {what} after you opened it. Reload to see the latest values."
    return None


def _after_change(session: Session, document: Document, user: str, now: datetime) -> None:
    document.version += 1
    document.updated_at = now
    if not any(needs_review(f, document) for f in _fields(session, document.id)):
        document.review_status = "reviewed"
    session.add(document)
    session.flush()


def _document(session: Session, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise LookupError(f"document {document_id} does not exist")
    return document


def _fields(session: Session, document_id: int | None) -> list[ExtractedFieldRow]:
    return list(session.exec(select(ExtractedFieldRow).where(
        ExtractedFieldRow.document_id == document_id).order_by(ExtractedFieldRow.id)).all())


def document_fields(session: Session, document_id: int) -> list[ExtractedFieldRow]:
    """The document's fields, lowest confidence first (what the reviewer should see first)."""
    return sorted(_fields(session, document_id), key=lambda f: (f.confidence, f.id or 0))


def field_history(session: Session, document_id: int) -> list[Correction]:
    """Every recorded change on the document, newest first."""
    return list(session.exec(select(Correction).where(Correction.document_id == document_id)
                             .order_by(col(Correction.created_at).desc(),
                                       col(Correction.id).desc())).all())


def accept_all_open(session: Session, document_id: int, *, user: str,
                    versions: dict[int, int]) -> list[SaveResult]:
    """Accept every open field the reviewer saw (``versions``: field id -> version seen)."""
    return [save_field(session, field_id, user=user, action="accept", expected_version=version)
            for field_id, version in versions.items()]
