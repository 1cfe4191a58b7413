"""Reading the rows the review rules work on (documents and their fields)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from models.tables import Document, ExtractedFieldRow


def document_or_fail(session: Session, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise LookupError(f"document {document_id} does not exist")
    return document


def document_field_rows(session: Session, document_id: int | None) -> list[ExtractedFieldRow]:
    """The document's fields in the order they were stored."""
    return list(session.exec(select(ExtractedFieldRow).where(
        ExtractedFieldRow.document_id == document_id).order_by(col(ExtractedFieldRow.id))).all())
