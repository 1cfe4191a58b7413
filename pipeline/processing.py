"""Processing one stored document: read, extract, persist, then review policy and linking.

Only one process at a time works on a document (a PostgreSQL advisory lock); a failure
is recorded on the document with its reason, never raised; the database is written at
each stage boundary, so a crash loses at most the document in hand.

A failure of a later stage (review policy, identity linking) keeps the extraction: the
document stays ``extracted`` and carries the flag and its reason in ``Document.error``
(``link_failed: ...``, ``review_policy_failed: ...``, core.vocabulary.DocumentFlag);
``retry_later_stages`` (``casetrace relink``) runs them again and clears the flag.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from core.document import ReadDocument
from core.results import Extraction
from core.vocabulary import (
    FINISHED_DOCUMENT_STATUSES,
    DocumentFlag,
    DocumentStatus,
    error_flags,
    with_flag,
)
from extraction.pipeline import extract_document
from intake import errors
from intake.filestore import stored_path
from intake.read import read_bytes
from intake.settings import IntakeSettings
from models.db import init_db
from models.row_ids import stored_id
from models.tables import Document, Party, utcnow
from pipeline.persist import document_date, replace_extraction, store_read
from review.policy import apply_review_policy
from skiptrace.incremental_link import link_new_parties
from skiptrace.observations import refresh_observations
from skiptrace.party_records import is_person_party

log = logging.getLogger(__name__)

Progress = Callable[[str], None]
# First key of the PostgreSQL advisory locks on documents ("case"); the second is the id.
DOCUMENT_LOCK_SPACE = 0x63617365


def _set_progress(engine, document_id: int, status: str | None, progress: str) -> None:
    """Record progress in its own short transaction, so the workbench sees it live."""
    with Session(engine) as session:
        document = session.get(Document, document_id)
        if document is None:
            return
        if status:
            document.status = status
        document.progress = progress
        document.updated_at = utcnow()
        session.add(document)
        session.commit()


def extract(read: ReadDocument) -> Extraction:
    """Run the extraction stage (fields and parties) on a read document."""
    return extract_document(read)


def _after_extraction(session: Session, document: Document,
                      refreshed_party_ids: list[int] | None = None) -> None:
    """The later stages: review policy, then identity linking (and the contact
    observations of parties that were linked before a re-extraction).

    Each runs in its own savepoint: a failure rolls back only that stage and is
    recorded on the document as a flag with its reason (logged too), never raised,
    so a failing linker keeps the review policy's work and the extraction."""
    _run_stage(session, document, DocumentFlag.REVIEW_POLICY_FAILED,
               lambda: apply_review_policy(session, document))
    _run_stage(session, document, DocumentFlag.LINK_FAILED,
               lambda: _link(session, document, refreshed_party_ids))


def _link(session: Session, document: Document, refreshed_party_ids: list[int] | None) -> None:
    if refreshed_party_ids:
        refresh_observations(session, refreshed_party_ids)
    link_new_parties(session, [stored_id(document)])


def _failure_reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _run_stage(session: Session, document: Document, flag: DocumentFlag,
               stage: Callable[[], object]) -> bool:
    """Run one later stage in a savepoint; set or clear ``flag`` on the document."""
    try:
        with session.begin_nested():
            stage()
    except Exception as exc:  # recorded on the document; the extraction stays
        log.exception("%s for document #%s", flag.label, document.id)
        document.error = with_flag(document.error, flag, _failure_reason(exc))
        ok = False
    else:
        document.error = with_flag(document.error, flag, None)
        ok = True
    document.updated_at = utcnow()
    session.add(document)
    return ok


@dataclass(slots=True)
class RetryOutcome:
    """What ``retry_later_stages`` did for one document."""

    document_id: int
    ok: bool
    linked: int  # person parties of the document with an identity after the retry
    unlinked: int  # person parties still without one
    error: str | None  # the document's error text after the retry


def flagged_documents(session: Session) -> list[int]:
    """Extracted documents carrying a later-stage failure flag, oldest first."""
    rows = session.exec(select(Document.id, Document.error)
                        .where(Document.status == DocumentStatus.EXTRACTED,
                               col(Document.error).is_not(None))
                        .order_by(col(Document.id))).all()
    return [int(i) for i, error in rows if i is not None and error_flags(error)]


def retry_later_stages(document_ids: list[int] | None = None, *,
                       url: str | None = None) -> list[RetryOutcome]:
    """Run review policy and linking again where they failed (``casetrace relink``).

    ``document_ids`` None means every flagged document, and then also every person party
    in the database still without an identity (documents linked before failures were
    recorded). A document's flags are cleared when its stage succeeds; one that fails
    again keeps its flag with the new reason. Each document commits on its own.
    """
    engine = init_db(url)
    outcomes: list[RetryOutcome] = []
    with Session(engine, expire_on_commit=False) as session:
        wanted = flagged_documents(session) if document_ids is None else list(document_ids)
        for document_id in wanted:
            document = session.get(Document, document_id)
            if document is None:
                raise LookupError(f"no document #{document_id}")
            if document.status != DocumentStatus.EXTRACTED:
                outcomes.append(RetryOutcome(document_id, False, 0, 0,
                                             f"document #{document_id} is {document.status}, "
                                             "not extracted: nothing to link"))
                continue
            flags = error_flags(document.error)
            ok = True
            if DocumentFlag.REVIEW_POLICY_FAILED in flags:
                ok = _run_stage(session, document, DocumentFlag.REVIEW_POLICY_FAILED,
                                partial(apply_review_policy, session, document))
            ok = _run_stage(session, document, DocumentFlag.LINK_FAILED,
                            partial(link_new_parties, session, [document_id])) and ok
            session.commit()
            outcomes.append(_outcome(session, document, ok))
        if document_ids is None:
            leftover = session.exec(select(Party.id).where(col(Party.identity_id).is_(None))
                                    .limit(1)).first()
            if leftover is not None:
                with session.begin_nested():
                    link_new_parties(session, None)
                session.commit()
    return outcomes


def _outcome(session: Session, document: Document, ok: bool) -> RetryOutcome:
    parties = session.exec(select(Party).where(Party.document_id == document.id)).all()
    people = [p for p in parties if is_person_party(p)]
    linked = sum(p.identity_id is not None for p in people)
    return RetryOutcome(stored_id(document), ok, linked, len(people) - linked, document.error)


def process_document(document_id: int, *, url: str | None = None,
                     progress: Progress | None = None,
                     settings: IntakeSettings | None = None,
                     skip_finished: bool = False) -> Document:
    """Read, extract and store one queued document; failures are recorded, not raised.

    Only one process at a time works on a document (see ``_exclusive``): when another
    holds it, the document is returned as it stands. ``skip_finished`` (queue workers)
    leaves an extracted or failed document alone: the job that did it died before it
    could say so. Pages, fields, parties and the final status are written in one
    transaction, so a crash leaves either the whole result or none of it.
    """
    engine = init_db(url)
    with _exclusive(engine, document_id) as held:
        if not held:
            with Session(engine, expire_on_commit=False) as session:
                document = session.get(Document, document_id)
                if document is None:
                    raise LookupError(f"no document #{document_id}")
                return document
        return _process_held(engine, document_id, progress, settings, skip_finished)


@contextmanager
def _exclusive(engine: Engine, document_id: int) -> Iterator[bool]:
    """Hold the document's lock while it is processed; yields False if someone else holds it.

    On PostgreSQL this is a session advisory lock on its own connection: the server
    drops it when the holder's connection ends, so a worker killed mid-document never
    leaves it locked. SQLite deployments are one machine, where claiming the queued
    row (``claim_next_queued``) is enough.
    """
    if engine.dialect.name != "postgresql":
        yield True
        return
    key = {"space": DOCUMENT_LOCK_SPACE, "id": document_id}
    with engine.connect() as connection:
        held = bool(connection.execute(text("SELECT pg_try_advisory_lock(:space, :id)"),
                                       key).scalar())
        connection.commit()
        try:
            yield held
        finally:
            if held:
                connection.execute(text("SELECT pg_advisory_unlock(:space, :id)"), key)
                connection.commit()


def _process_held(engine: Engine, document_id: int, progress: Progress | None,
                  settings: IntakeSettings | None, skip_finished: bool) -> Document:
    def report(message: str) -> None:
        _set_progress(engine, document_id, None, message)
        if progress:
            progress(message)

    with Session(engine, expire_on_commit=False) as session:
        document = session.get(Document, document_id)
        if document is None:
            raise LookupError(f"no document #{document_id}")
        if skip_finished and document.status in FINISHED_DOCUMENT_STATUSES:
            return document
    _set_progress(engine, document_id, DocumentStatus.READING, "reading")
    with Session(engine, expire_on_commit=False) as session:
        document = session.get(Document, document_id)
        if document is None:
            raise LookupError(f"no document #{document_id}")
        try:
            data = stored_path(document.sha256).read_bytes()
            read = read_bytes(data, document.file_name, settings=settings, progress=report)
        except (errors.IntakeError, OSError) as exc:
            reason = exc.message if isinstance(exc, errors.IntakeError) else str(exc)
            return _fail(session, document, reason)
        report("extracting")
        try:
            extraction = extract(read)
        except Exception as exc:  # a bug in one extractor must not sink the batch
            log.exception("extraction failed for document #%s", document_id)
            store_read(session, document, read)
            return _fail(session, document, f"extraction failed: {type(exc).__name__}")
        # The final write: one transaction from here to the commit.
        session.refresh(document)
        store_read(session, document, read)
        document.doc_type = extraction.doc_type or read.doc_type
        refreshed = replace_extraction(session, document, extraction)
        document.document_date = document_date(extraction)
        confidences = [f.confidence for f in extraction.fields]
        document.min_confidence = min(confidences) if confidences else None
        failed_pages = [p.number for p in read.pages if p.status == "failed"]
        document.error = (f"pages failed: {', '.join(map(str, failed_pages))}"
                          if failed_pages else None)
        document.status = DocumentStatus.EXTRACTED
        document.progress = "extracted"
        document.updated_at = utcnow()
        session.add(document)
        _after_extraction(session, document, refreshed)  # failures become flags, not raises
        session.commit()
        session.refresh(document)
        return document


def _fail(session: Session, document: Document, reason: str) -> Document:
    document.status = DocumentStatus.FAILED
    document.error = reason
    document.progress = "failed"
    document.updated_at = utcnow()
    session.add(document)
    session.commit()
    return document
