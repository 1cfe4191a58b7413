"""Figures for the Overview page: where documents are, where the extractor is weak, throughput."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import pandas as pd
from sqlmodel import Session, select

from core.vocabulary import (
    CHANGED_FIELD_STATUSES,
    REVIEWED_FIELD_STATUSES,
    DocumentStatus,
    FieldStatus,
    LabelledStatus,
    ReviewStatus,
)
from models.tables import Correction, Document, ExtractedFieldRow, utcnow
from review.locks import as_utc

THROUGHPUT_DAYS = 14
# Field statuses counted on the Overview, in the order the table shows them.
OUTCOME_STATUSES = (FieldStatus.AUTO_ACCEPTED, FieldStatus.ACCEPTED, FieldStatus.CORRECTED,
                    FieldStatus.REJECTED, FieldStatus.NOT_IN_DOCUMENT, FieldStatus.ADDED,
                    FieldStatus.EXTRACTED)
DECIDED = [s for s in OUTCOME_STATUSES if s in REVIEWED_FIELD_STATUSES]
CHANGED = [s for s in OUTCOME_STATUSES if s in CHANGED_FIELD_STATUSES]


def documents_by_status_and_type(session: Session) -> pd.DataFrame:
    """Counts of documents per processing status (rows, in plain words) and document type."""
    pairs = session.exec(select(Document.status, Document.doc_type)).all()
    frame = pd.DataFrame([(_label(DocumentStatus, s), t) for s, t in pairs],
                         columns=["status", "doc_type"])
    if frame.empty:
        return frame
    return pd.crosstab(frame["status"], frame["doc_type"], margins=True, margins_name="total")


def _label(kind: type[LabelledStatus], value: str) -> str:
    """A stored status in plain words (``not_in_document`` → "not in document")."""
    try:
        return kind(value).label
    except ValueError:
        return value.replace("_", " ")


def review_status_counts(session: Session) -> dict[str, int]:
    statuses = session.exec(select(Document.review_status)
                            .where(Document.status == DocumentStatus.EXTRACTED)).all()
    return dict(Counter(statuses))


def field_outcomes(session: Session) -> pd.DataFrame:
    """Per field name: how many auto-accepted, accepted, corrected, rejected... and the
    share a person had to change (high = the extractor is weak there)."""
    pairs = session.exec(select(ExtractedFieldRow.name, ExtractedFieldRow.status)).all()
    frame = pd.DataFrame(pairs, columns=["field", "status"])
    if frame.empty:
        return frame
    table = pd.crosstab(frame["field"], frame["status"])
    for status in OUTCOME_STATUSES:
        if status not in table:
            table[str(status)] = 0
    decided = table[[str(s) for s in DECIDED]].sum(axis=1)
    changed = table[[str(s) for s in CHANGED]].sum(axis=1)
    table = table[[str(s) for s in OUTCOME_STATUSES]
                  + [c for c in table.columns if c not in OUTCOME_STATUSES]]
    table.columns = [_label(FieldStatus, c) for c in table.columns]
    table.columns.name = None
    table["changed share"] = (changed / decided.where(decided > 0)).round(2)
    return table.sort_values("changed share", ascending=False)


def throughput(session: Session, days: int = THROUGHPUT_DAYS,
               now: datetime | None = None) -> pd.DataFrame:
    """Per day: documents uploaded, extracted and reviewed (from their audit trail)."""
    now = as_utc(now or utcnow())
    since = now - timedelta(days=days - 1)
    start = since.replace(hour=0, minute=0, second=0, microsecond=0)
    day_index = pd.date_range(start.date(), now.date(), freq="D")
    documents = session.exec(select(Document.created_at, Document.updated_at, Document.status)
                             ).all()
    uploaded = Counter(as_utc(c).date() for c, _, _ in documents if as_utc(c) >= start)
    extracted = Counter(as_utc(u).date() for _, u, s in documents
                        if s == DocumentStatus.EXTRACTED and as_utc(u) >= start)
    corrections = session.exec(select(Correction.document_id, Correction.created_at).where(
        Correction.outcome == "saved")).all()
    reviewed: Counter[object] = Counter()
    last_touch: dict[int, datetime] = {}
    for document_id, moment in corrections:
        last_touch[document_id] = max(as_utc(moment), last_touch.get(document_id, as_utc(moment)))
    done = set(session.exec(select(Document.id).where(
        Document.review_status == ReviewStatus.REVIEWED)).all())
    for document_id, moment in last_touch.items():
        if document_id in done and moment >= start:
            reviewed[moment.date()] += 1
    days_ = [d.date() for d in day_index]
    return pd.DataFrame({"uploaded": [uploaded[d] for d in days_],
                         "extracted": [extracted[d] for d in days_],
                         "reviewed": [reviewed[d] for d in days_]},
                        index=pd.Index(days_, name="day"))
