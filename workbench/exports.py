"""Exports for CRM import and for training: debtors, cases, reviewed corrections.

Values come from the database as reviewers left them: a reviewed value beats an
extracted one, rejected values and rejected parties are left out, and only the last
four of an SSN exist to export at all. Text cells that a spreadsheet would run as a formula
are defused (CSV injection), since names and addresses come from documents; a
cell that is a valid typed value (an E.164 phone such as ``+14142054039``, a
number, an ISO date) is left as it is, so a CRM imports phones as phones.

By default only documents whose review is over (reviewed by a person, or
auto-accepted) are exported; ``ExportFilters`` narrows by batch, upload dates
and document type, or lets documents still in review in (their ``status``
column says so).
"""

from __future__ import annotations

import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlmodel import Session, col, select

from core.vocabulary import (
    DROPPED_FIELD_STATUSES,
    FIELD_NAMES,
    DocumentStatus,
    FieldStatus,
    PartyRole,
    ReviewStatus,
)
from models.row_ids import stored_id
from models.tables import (
    Correction,
    Document,
    ExtractedFieldRow,
    Identity,
    Observation,
    Page,
    Party,
)
from skiptrace.history import identity_history

DROPPED_STATUSES = DROPPED_FIELD_STATUSES
# Which value of a field wins: a person's, then an auto-accepted one, then the extractor's.
STATUS_RANK: dict[str, int] = {
    FieldStatus.CORRECTED: 0, FieldStatus.ADDED: 0, FieldStatus.ACCEPTED: 0,
    FieldStatus.AUTO_ACCEPTED: 1, FieldStatus.EXTRACTED: 2}
_FORMULA_START = re.compile(r"^[=+\-@\t\r]")
# Typed values a spreadsheet reads as data, never as a formula: an E.164 phone, a number.
_SAFE_VALUE = re.compile(r"^\+[1-9]\d{6,14}$|^[-+]?(\d+(\.\d*)?|\.\d+)$")
# Review is over for these documents: their values are final (a person's or the policy's).
FINAL_REVIEW_STATUSES = (ReviewStatus.REVIEWED, ReviewStatus.AUTO_ACCEPTED)

DEBTOR_COLUMNS = ("identity_id", "name", "dob", "ssn_last4", "best_address", "address_why",
                  "best_phone", "email", "documents", "case_numbers")
CASE_COLUMNS = ("document_id", "file_name", "doc_type", "batch_id", "uploaded", "status",
                "debtors",
                "debtor_identity_ids", "creditor_name",
                *[n for n in FIELD_NAMES if n != "creditor_name"])


@dataclass(frozen=True)
class ExportFilters:
    """Which documents an export draws on (and what its access_log row records)."""

    include_unreviewed: bool = False
    batch_id: int | None = None
    uploaded_from: date | None = None
    uploaded_to: date | None = None
    doc_types: tuple[str, ...] = ()
    name_contains: str = ""

    def to_log(self) -> dict[str, object]:
        return {"name_contains": self.name_contains, "doc_types": sorted(self.doc_types),
                "include_unreviewed": self.include_unreviewed, "batch_id": self.batch_id,
                "uploaded_from": self.uploaded_from.isoformat() if self.uploaded_from else None,
                "uploaded_to": self.uploaded_to.isoformat() if self.uploaded_to else None}

    def admits(self, document: Document) -> bool:
        if not self.include_unreviewed and document.review_status not in FINAL_REVIEW_STATUSES:
            return False
        if self.batch_id is not None and document.batch_id != self.batch_id:
            return False
        if self.doc_types and document.doc_type not in self.doc_types:
            return False
        day = document.created_at.date()
        if self.uploaded_from is not None and day < self.uploaded_from:
            return False
        return self.uploaded_to is None or day <= self.uploaded_to


def exported_documents(session: Session, filters: ExportFilters | None = None) -> list[Document]:
    """The extracted documents an export with these filters draws on, oldest first."""
    filters = filters or ExportFilters()
    documents = session.exec(select(Document).where(Document.status == DocumentStatus.EXTRACTED)
                             .order_by(col(Document.id))).all()
    return [d for d in documents if filters.admits(d)]


def best_field_values(fields: Iterable[ExtractedFieldRow]) -> dict[str, str]:
    """One value per field name: reviewed before auto-accepted before extracted, then confidence."""
    best: dict[str, ExtractedFieldRow] = {}
    for field in fields:
        if field.status in DROPPED_STATUSES:
            continue
        current = best.get(field.name)
        key = (STATUS_RANK.get(field.status, 3), -field.confidence)
        if current is None or key < (STATUS_RANK.get(current.status, 3), -current.confidence):
            best[field.name] = field
    return {name: field.value for name, field in best.items()}


def cases_frame(session: Session, filters: ExportFilters | None = None) -> pd.DataFrame:
    """One row per extracted document the filters admit: parties, amounts and dates as
    reviewed, with the document's review status in plain words."""
    documents = exported_documents(session, filters)
    fields = _group(session.exec(select(ExtractedFieldRow)).all(), "document_id")
    parties = _group(session.exec(select(Party).where(
        Party.role == PartyRole.DEBTOR, col(Party.status).not_in(DROPPED_STATUSES))).all(),
        "document_id")
    rows = []
    for document in documents:
        values = best_field_values(fields.get(document.id, []))
        debtors = parties.get(document.id, [])
        rows.append({
            "document_id": document.id, "file_name": document.file_name,
            "doc_type": document.doc_type, "batch_id": document.batch_id,
            "uploaded": document.created_at.date().isoformat(),
            "status": _review_label(document.review_status),
            "debtors": "; ".join(p.name for p in debtors),
            "debtor_identity_ids": "; ".join(str(p.identity_id) for p in debtors
                                             if p.identity_id),
            **{name: values.get(name, "") for name in FIELD_NAMES},
        })
    return pd.DataFrame(rows, columns=list(CASE_COLUMNS))


def debtors_frame(session: Session, filters: ExportFilters | None = None) -> pd.DataFrame:
    """One row per active identity named as a debtor on a document the filters admit, with
    its best address and phone (from everything known of the identity)."""
    admitted = {d.id for d in exported_documents(session, filters)}
    debtor_parties = _group([p for p in session.exec(select(Party).where(
        Party.role == PartyRole.DEBTOR, col(Party.identity_id).is_not(None),
        col(Party.status).not_in(DROPPED_STATUSES))).all()
        if p.document_id in admitted], "identity_id")
    identities = session.exec(select(Identity).where(Identity.status == "active")
                              .order_by(col(Identity.id))).all()
    case_numbers = _case_numbers(session)
    rows = []
    for identity in identities:
        identity_id = stored_id(identity)
        parties = debtor_parties.get(identity_id)
        if not parties:
            continue
        address, why = _best_contact(session, identity_id, "address")
        phone, _ = _best_contact(session, identity_id, "phone")
        email, _ = _best_contact(session, identity_id, "email")
        rows.append({
            "identity_id": identity.id,
            "name": identity.display_name or parties[0].name,
            "dob": _first(p.dob for p in parties),
            "ssn_last4": _first(p.ssn_last4 for p in parties),
            "best_address": address, "address_why": why, "best_phone": phone, "email": email,
            "documents": len({p.document_id for p in parties}),
            "case_numbers": "; ".join(sorted({case_numbers[p.document_id] for p in parties
                                              if p.document_id in case_numbers})),
        })
    return pd.DataFrame(rows, columns=list(DEBTOR_COLUMNS))


def training_records(session: Session) -> list[dict]:
    """Reviewed documents as training examples: words, final fields, and what was corrected.

    Only documents whose every field a person decided (review_status "reviewed").
    """
    documents = session.exec(select(Document).where(Document.review_status == ReviewStatus.REVIEWED)
                             .order_by(col(Document.id))).all()
    records = []
    for document in documents:
        pages = session.exec(select(Page).where(Page.document_id == document.id)
                             .order_by(col(Page.number))).all()
        fields = session.exec(select(ExtractedFieldRow).where(
            ExtractedFieldRow.document_id == document.id).order_by(col(ExtractedFieldRow.id))).all()
        corrections = session.exec(select(Correction).where(
            Correction.document_id == document.id, Correction.outcome == "saved")
            .order_by(col(Correction.id))).all()
        records.append({
            "document_id": document.id, "sha256": document.sha256, "doc_type": document.doc_type,
            "pages": [{"number": p.number, "width": p.width, "height": p.height,
                       "source": p.source, "words": p.words} for p in pages],
            "fields": [{"name": f.name, "value": f.value, "page": f.page, "bbox": f.bbox,
                        "status": f.status, "extractor": f.extractor} for f in fields
                       if f.status not in DROPPED_STATUSES],
            "absent_fields": sorted({f.name for f in fields if f.status in DROPPED_STATUSES}),
            "corrections": [{"field": c.field_name, "action": c.action, "old": c.old_value,
                             "new": c.new_value, "old_bbox": c.old_bbox, "new_bbox": c.new_bbox,
                             "user": c.user, "at": c.created_at.isoformat()}
                            for c in corrections],
        })
    return records


def corrections_frame(records: list[dict]) -> pd.DataFrame:
    """The corrections of reviewed documents, one row each (for a spreadsheet)."""
    rows = [{"document_id": r["document_id"], "doc_type": r["doc_type"], **c}
            for r in records for c in r["corrections"]]
    return pd.DataFrame(rows, columns=["document_id", "doc_type", "field", "action", "old",
                                       "new", "old_bbox", "new_bbox", "user", "at"])


def to_jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n"
                   for r in records).encode("utf-8")


def defuse(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where text that a spreadsheet would evaluate is prefixed with a quote."""
    def cell(value):
        if (isinstance(value, str) and _FORMULA_START.match(value)
                and not _SAFE_VALUE.match(value)):
            return "'" + value
        return value
    return frame.apply(lambda column: column.map(cell)) if not frame.empty else frame.copy()


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    return defuse(frame).to_csv(index=False).encode("utf-8")


def to_xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """One workbook, one sheet per frame (sheet names as given, at most 31 characters)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            defuse(frame).astype(object).where(frame.notna(), None).to_excel(
                writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


def _review_label(status: str) -> str:
    try:
        return ReviewStatus(status).label
    except ValueError:
        return status


def _best_contact(session: Session, identity_id: int, kind: str) -> tuple[str, str]:
    """The skip-trace ranking's first value and reason; else the latest observation."""
    ranked = _ranked_history(session, identity_id).get(f"{kind}es" if kind == "address"
                                                       else f"{kind}s")
    if ranked:
        top = max(ranked, key=lambda entry: entry.get("score") or 0.0)
        reasons = top.get("reasons") or []
        return str(top.get("value", "")), "; ".join(map(str, reasons)) if isinstance(
            reasons, list) else str(reasons)
    latest = session.exec(select(Observation).where(
        Observation.identity_id == identity_id, Observation.kind == kind)
        .order_by(col(Observation.observed_on).desc(), col(Observation.id).desc())).first()
    return (latest.value, "latest seen") if latest else ("", "")


def _ranked_history(session: Session, identity_id: int) -> dict:
    return identity_history(session, identity_id).to_dict()


def _case_numbers(session: Session) -> dict[int, str]:
    fields = _group(session.exec(select(ExtractedFieldRow).where(
        ExtractedFieldRow.name == "case_number")).all(), "document_id")
    return {doc_id: value for doc_id, rows in fields.items()
            if (value := best_field_values(rows).get("case_number"))}


def _group(rows: Iterable, attribute: str) -> dict:
    grouped: dict = defaultdict(list)
    for row in rows:
        grouped[getattr(row, attribute)].append(row)
    return grouped


def _first(values: Iterable[str | None]) -> str:
    return next((v for v in values if v), "")
