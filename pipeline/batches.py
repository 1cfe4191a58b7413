"""Ingesting many files: files and folders in, one outcome per file, and the queued backlog.

A bad file gets a failed outcome with its one-line reason and never stops the batch.
Processing is imported when a file is processed, not with this module, so the CLI's
queue path (outcomes, folder walking) does not load the readers and models.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import update
from sqlmodel import Session, col, select

from core.vocabulary import FINISHED_DOCUMENT_STATUSES, DocumentStatus
from intake import errors
from intake.settings import IntakeSettings
from models.db import get_engine, init_db
from models.row_ids import stored_id
from models.tables import (
    Batch,
    Correction,
    Document,
    ExtractedFieldRow,
    Job,
    Observation,
    Page,
    Party,
    utcnow,
)
from pipeline.store_file import store_file
from review.purpose_log import log_document_removed

if TYPE_CHECKING:
    from pipeline.processing import Progress


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one file, for the one-line summary."""

    path: str
    document_id: int | None
    status: str  # "extracted" | "duplicate" | "failed"
    message: str


def claim_next_queued(url: str | None = None) -> int | None:
    """Atomically take the oldest queued document (safe with several processes)."""
    engine = get_engine(url)
    with Session(engine) as session:
        candidates = session.exec(select(Document.id)
                                  .where(Document.status == DocumentStatus.QUEUED)
                                  .order_by(col(Document.id)).limit(5)).all()
        for candidate in candidates:
            result = session.exec(update(Document)  # type: ignore[call-overload]
                                  .where(col(Document.id) == candidate,
                                         col(Document.status) == DocumentStatus.QUEUED)
                                  .values(status=DocumentStatus.READING, progress="claimed"))
            session.commit()
            if result.rowcount == 1:
                return candidate
    return None


def process_pending(*, url: str | None = None, limit: int | None = None,
                    progress: Progress | None = None) -> int:
    """Process queued documents one by one; returns how many were processed."""
    from pipeline.processing import process_document

    init_db(url)
    done = 0
    while limit is None or done < limit:
        document_id = claim_next_queued(url)
        if document_id is None:
            break
        process_document(document_id, url=url, progress=progress, skip_finished=True)
        done += 1
    return done


class DocumentActionRefused(ValueError):
    """A retry or removal that cannot be done as asked; the message says why."""


def _failed_document(session: Session, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise DocumentActionRefused(f"document #{document_id} does not exist")
    if document.status != DocumentStatus.FAILED:
        raise DocumentActionRefused(f"document #{document_id} is {document.status}, not failed")
    return document


def requeue_failed(session: Session, document_id: int) -> Document:
    """Queue a failed document again; it is re-read from its stored original.

    The caller hands it to whoever processes the queue (``process_pending`` claims it like
    any new upload, and ``pipeline.processing.process_document`` reads the original from
    the content-addressed store). Refused when the original is no longer stored."""
    from intake.filestore import stored_path

    document = _failed_document(session, document_id)
    if not stored_path(document.sha256).exists():
        raise DocumentActionRefused(f"the original of document #{document_id} is no longer "
                                    "stored; upload the file again")
    document.status, document.error, document.progress = DocumentStatus.QUEUED, None, ""
    document.updated_at = utcnow()
    session.add(document)
    session.flush()
    return document


def remove_failed(session: Session, document_id: int, user: str) -> Document:
    """Delete a failed document (and its pages and jobs) when nothing references it.

    A document with fields, parties, observations or corrections is refused: those rows
    are someone's work or an identity's evidence. The original file stays in the
    content-addressed store. Who removed it is written to the access log."""
    document = _failed_document(session, document_id)
    for table, what in ((ExtractedFieldRow, "fields"), (Party, "parties"),
                        (Observation, "observations"), (Correction, "corrections")):
        if session.exec(select(table.id)  # type: ignore[attr-defined]
                        .where(table.document_id == document_id).limit(1)).first():
            raise DocumentActionRefused(f"document #{document_id} has {what}; "
                                        "it is kept")
    for own in (Page, Job):
        for row in session.exec(select(own).where(own.document_id == document_id)).all():
            session.delete(row)
    session.flush()
    log_document_removed(session, user=user, document_id=document_id,
                         file_name=document.file_name, reason=document.error or "")
    session.delete(document)
    session.flush()
    return document


def ingest_bytes(session: Session, data: bytes, name: str, *, url: str | None = None,
                 batch_id: int | None = None, progress: Progress | None = None,
                 settings: IntakeSettings | None = None) -> IngestOutcome:
    """Store and process one file now (the in-process path used without a queue)."""
    from pipeline.processing import process_document

    document, created = store_file(session, data, name, batch_id=batch_id)
    if not created and document.status in FINISHED_DOCUMENT_STATUSES:
        return IngestOutcome(name, document.id, "duplicate",
                             f"already ingested as document #{document.id} "
                             f"({document.status}); nothing added")
    processed = process_document(stored_id(document), url=url, progress=progress, settings=settings)
    if processed.status == "failed":
        return IngestOutcome(name, processed.id, "failed", processed.error or "failed")
    return IngestOutcome(name, processed.id, "extracted", summarize(session, processed))


def summarize(session: Session, document: Document) -> str:
    pages = session.exec(select(Page).where(Page.document_id == document.id)).all()
    ocr = sum(1 for p in pages if p.source == "ocr")
    fields = session.exec(select(ExtractedFieldRow.id)
                          .where(ExtractedFieldRow.document_id == document.id)).all()
    parties = session.exec(select(Party.id).where(Party.document_id == document.id)).all()
    text = (f"document #{document.id}: {document.doc_type}, {len(pages)} pages "
            f"({ocr} OCR), {len(fields)} fields, {len(parties)} parties")
    if document.error:
        text += f"; {document.error}"
    return text


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given, folders walked recursively (sorted; hidden files skipped)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and not any(part.startswith(".")
                                                           for part in p.relative_to(path).parts)))
        else:
            files.append(path)
    return files


def ingest_paths(paths: list[Path], *, url: str | None = None,
                 on_outcome: Callable[[IngestOutcome], None] | None = None,
                 progress: Progress | None = None) -> list[IngestOutcome]:
    """Ingest files and folders; every file gets an outcome, bad ones never stop the batch."""
    engine = init_db(url)
    outcomes: list[IngestOutcome] = []
    files = expand_paths(paths)
    with Session(engine, expire_on_commit=False) as session:
        batch = Batch(created_by="cli", label=f"{len(files)} files")
        session.add(batch)
        session.commit()
        for path in files:
            try:
                data = path.read_bytes()
                outcome = ingest_bytes(session, data, str(path), url=url, batch_id=batch.id,
                                       progress=progress)
            except errors.IntakeError as exc:
                outcome = IngestOutcome(str(path), None, "failed", exc.message)
            except FileNotFoundError:
                outcome = IngestOutcome(str(path), None, "failed", errors.not_found().message)
            except OSError as exc:
                outcome = IngestOutcome(str(path), None, "failed",
                                        f"cannot read file ({exc.strerror or exc})")
            outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
    return outcomes
