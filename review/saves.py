"""Saving a reviewer's decisions: every change audited, stale saves refused.

Every save checks the version the reviewer saw, so a stale save is refused and
recorded as a conflict; every change a person makes writes a Correction row (who,
when, old, new, box) and marks the field as reviewed, which re-extraction must leave
alone. Auto-accepts are recorded on the field itself (``reviewed_by = "system"``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from core.vocabulary import FieldStatus, ReviewStatus
from models.tables import Correction, Document, ExtractedFieldRow, utcnow
from review.locks import as_utc, lock_held_until, release_lock
from review.policy import needs_review
from review.rows import document_field_rows, document_or_fail
from review.typed_values import InvalidValue, normalize_value

ACTION_STATUS = {
    "accept": FieldStatus.ACCEPTED,
    "correct": FieldStatus.CORRECTED,
    "reject": FieldStatus.REJECTED,
    "not_in_document": FieldStatus.NOT_IN_DOCUMENT,
}


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What a save did: ``saved`` False means nothing changed; ``message`` says why."""

    saved: bool
    message: str
    conflict: bool = False
    field_id: int | None = None
    party_id: int | None = None


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
    document = document_or_fail(session, field.document_id)
    value = field.value
    if action == "correct":
        try:
            value = normalize_value(field.name, new_value or "")
        except InvalidValue as error:
            return SaveResult(False, str(error), field_id=field_id)
    bbox = list(new_bbox) if new_bbox is not None else list(field.bbox)
    refusal = save_refusal(document, user, now, field.version, expected_version,
                       what=f"{field.name} was changed by {field.reviewed_by or 'someone'}")
    if action == "correct" and value == field.value and bbox == list(field.bbox):
        action = "accept"
    old_value, old_bbox = field.value, list(field.bbox)
    if refusal is None:
        written = session.exec(
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
            field_id=field.id, document_id=field.document_id, field_name=field.name, action=action,
            old_value=field.value, new_value=value, old_bbox=list(field.bbox), new_bbox=bbox,
            user=user, created_at=now, outcome="conflict"))
        session.flush()
        return SaveResult(False, refusal, conflict=True, field_id=field_id)
    session.add(Correction(
        field_id=field.id, document_id=field.document_id, field_name=field.name, action=action,
        old_value=old_value, new_value=None if action in ("reject", "not_in_document") else value,
        old_bbox=old_bbox, new_bbox=bbox, user=user, created_at=now))
    _after_change(session, document, user, now)
    return SaveResult(True, f"{field.name}: {ACTION_STATUS[action]}", field_id=field.id)


def add_field(session: Session, document_id: int, *, user: str, name: str, value: str,
              page: int, bbox: Sequence[float], expected_document_version: int,
              now: datetime | None = None) -> SaveResult:
    """Record a field the extractor missed, with the box the reviewer pointed at."""
    now = now or utcnow()
    document = document_or_fail(session, document_id)
    try:
        value = normalize_value(name, value)
    except InvalidValue as error:
        return SaveResult(False, str(error))
    refusal = save_refusal(document, user, now, document.version, expected_document_version,
                       what="the document was changed meanwhile")
    if refusal:
        session.add(Correction(document_id=document_id, field_name=name, action="add",
                               new_value=value, new_bbox=list(bbox), user=user,
                               created_at=now, outcome="conflict"))
        session.flush()
        return SaveResult(False, refusal, conflict=True)
    field = ExtractedFieldRow(document_id=document_id, name=name, value=value, raw=value,
                              confidence=1.0, page=page, bbox=list(bbox), extractor="reviewer",
                              status=FieldStatus.ADDED, version=1, reviewed_by=user,
                              reviewed_at=now)
    session.add(field)
    session.flush()
    session.add(Correction(field_id=field.id, document_id=document_id, field_name=name,
                           action="add", new_value=value, new_bbox=list(bbox), user=user,
                           created_at=now))
    _after_change(session, document, user, now)
    return SaveResult(True, f"{name}: added", field_id=field.id)


def finish_review(session: Session, document_id: int, user: str) -> SaveResult:
    """Mark a document reviewed when no field is open; release the lock."""
    document = document_or_fail(session, document_id)
    still_open = [f.name for f in document_field_rows(session, document_id)
                  if needs_review(f, document)]
    if still_open:
        return SaveResult(False, f"{len(still_open)} field(s) still open: {', '.join(still_open)}")
    document.review_status = ReviewStatus.REVIEWED
    session.add(document)
    release_lock(session, document_id, user)
    return SaveResult(True, f"document {document_id} reviewed")


def save_refusal(document: Document, user: str, now: datetime, current_version: int,
             expected_version: int, *, what: str) -> str | None:
    """Why a save must be refused (someone else's lock, or a version the reviewer did not
    see), or None; shared by field and party saves."""
    held_until = lock_held_until(document, now)
    if held_until is not None and document.lock_user != user:
        return (f"Not saved: {document.lock_user} is reviewing this document "
                f"until {as_utc(held_until):%H:%M} UTC.")
    if current_version != expected_version:
        return f"Not saved: {what} after you opened it. Reload to see the latest values."
    return None


def _after_change(session: Session, document: Document, user: str, now: datetime) -> None:
    document.version += 1
    document.updated_at = now
    if not any(needs_review(f, document) for f in document_field_rows(session, document.id)):
        document.review_status = ReviewStatus.REVIEWED
    session.add(document)
    session.flush()


def document_fields(session: Session, document_id: int) -> list[ExtractedFieldRow]:
    """The document's fields, lowest confidence first (what the reviewer should see first)."""
    rows = document_field_rows(session, document_id)
    return sorted(rows, key=lambda f: (f.confidence, f.id or 0))


def field_history(session: Session, document_id: int) -> list[Correction]:
    """Every recorded change on the document, newest first."""
    return list(session.exec(select(Correction).where(Correction.document_id == document_id)
                             .order_by(col(Correction.created_at).desc(),
                                       col(Correction.id).desc())).all())
