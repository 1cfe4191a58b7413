"""Auto-accept and audit sampling: which extracted fields still need a person.

Rules kept here (no Streamlit) so they hold for the workbench, the CLI and the
queue workers alike: fields at or above the auto-accept threshold are accepted
without a person, and a random share of fully auto-accepted documents still goes
to a person (an audit).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlmodel import Session, col, select

from core.settings import ReviewValues
from core.vocabulary import FieldStatus
from models.tables import Document, ExtractedFieldRow, utcnow
from review.rows import document_field_rows

AUTO_ACCEPT_THRESHOLD = 0.95
AUDIT_SHARE = 0.10
LOCK_MINUTES = 15

OPEN = FieldStatus.EXTRACTED  # a field a person must still decide
AUTO_ACCEPTED = FieldStatus.AUTO_ACCEPTED


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
        """The variables that are set, through the one resolver (``core.settings``), so a
        bad value is one coded line naming it; unset ones keep the defaults above."""
        return cls(**ReviewValues.env_values())  # type: ignore[arg-type]


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
    fields = document_field_rows(session, document.id)
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
    if any(f.status == OPEN for f in document_field_rows(session, document.id)):
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
        select(Document.id).join(field, col(field.document_id) == col(Document.id))
        .where(Document.status == "extracted", Document.review_status == "pending",
               field.status == OPEN, field.confidence >= settings.auto_accept_threshold)
        .distinct()).all()
    changed = 0
    for document_id in candidates:
        document = session.get(Document, document_id)
        if document is None:  # deleted since the query above
            raise LookupError(f"document {document_id} does not exist")
        if triage_document(session, document, settings, rng) != "pending":
            changed += 1
    return changed
