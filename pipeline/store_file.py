"""Storing an uploaded file: the bytes first (content-addressed), then a queued Document.

Kept apart from processing, with light imports only, so the CLI and the workbench can
store uploads without loading the readers and the extraction models.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from core.vocabulary import DocumentStatus
from intake import sniff
from intake.filestore import store_bytes
from models.tables import Document


def store_file(session: Session, data: bytes, file_name: str, *, batch_id: int | None = None
               ) -> tuple[Document, bool]:
    """Store the bytes and queue a Document; (document, False) when the bytes are known."""
    digest, path, _ = store_bytes(data)
    existing = session.exec(select(Document).where(Document.sha256 == digest)).first()
    if existing is not None:
        return existing, False
    document = Document(sha256=digest, file_name=Path(file_name).name, stored_path=str(path),
                        size_bytes=len(data),
                        media_type=sniff.sniff_media_type(data[:2048]) or "",
                        status=DocumentStatus.QUEUED, batch_id=batch_id)
    session.add(document)
    try:
        session.commit()
    except IntegrityError:  # another worker stored the same bytes a moment ago
        session.rollback()
        existing = session.exec(select(Document).where(Document.sha256 == digest)).one()
        return existing, False
    session.refresh(document)
    return document, True
