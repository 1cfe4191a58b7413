"""Storing files and processing them into the database, one document at a time.

The original bytes are stored (content-addressed) before anything else; the
database is written at each stage boundary, so a crash mid-batch loses at most
the document in hand and a rerun picks up queued documents where it stopped.
Re-extraction never overwrites a reviewer's decision.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import delete, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from core.document import ReadDocument
from core.results import Extraction
from extraction.pipeline import extract_document
from intake import errors, sniff
from intake.filestore import store_bytes, stored_path
from intake.read import read_bytes
from intake.settings import IntakeSettings
from models.db import get_engine, init_db
from models.tables import (
    Batch,
    Correction,
    Document,
    ExtractedFieldRow,
    LinkDecision,
    Observation,
    Page,
    Party,
    PartyKey,
    utcnow,
)
from review.policy import apply_review_policy
from skiptrace.incremental_link import link_new_parties
from skiptrace.observations import refresh_observations

log = logging.getLogger(__name__)

Progress = Callable[[str], None]
# Field statuses a person set: re-extraction leaves these rows (and their names) alone.
REVIEWED_STATUSES = frozenset({"accepted", "corrected", "rejected", "not_in_document", "added"})
# Which extracted date stands for "when this document speaks", best first.
DOCUMENT_DATE_FIELDS = ("judgment_date", "filing_date", "due_date")
# Statuses after which a queue worker has nothing left to do for a document.
FINISHED_STATUSES = frozenset({"extracted", "failed"})
# First key of the PostgreSQL advisory locks on documents ("case"); the second is the id.
DOCUMENT_LOCK_SPACE = 0x63617365


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one file, for the one-line summary."""

    path: str
    document_id: int | None
    status: str  # "extracted" | "duplicate" | "failed"
    message: str

    @property
    def ok(self) -> bool:
        return self.status != "failed"


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
                        status="queued", batch_id=batch_id)
    session.add(document)
    try:
        session.commit()
    except IntegrityError:  # another worker stored the same bytes a moment ago
        session.rollback()
        existing = session.exec(select(Document).where(Document.sha256 == digest)).one()
        return existing, False
    session.refresh(document)
    return document, True


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


def _replace_pages(session: Session, document: Document, read: ReadDocument) -> None:
    for old in session.exec(select(Page).where(Page.document_id == document.id)).all():
        session.delete(old)
    session.flush()
    for page in read.pages:
        session.add(Page(document_id=document.id, number=page.number, source=page.source,
                         width=page.width, height=page.height,
                         words=[w.to_dict() for w in page.words], text=page.text,
                         status=page.status, error=page.error))


def _is_referenced(session: Session, column, value: int) -> bool:
    return session.exec(select(column).where(column == value).limit(1)).first() is not None


def _reconcile_fields(session: Session, document: Document, extraction) -> None:
    """Update machine-extracted fields in place, name by name.

    Fields a reviewer decided are left as they are (and new values for those
    names are dropped); an old field that audit rows point at is kept as
    ``superseded`` rather than deleted, so the audit trail never dangles."""
    rows = session.exec(select(ExtractedFieldRow)
                        .where(ExtractedFieldRow.document_id == document.id)
                        .order_by(ExtractedFieldRow.id)).all()
    reviewed_names = {row.name for row in rows if row.status in REVIEWED_STATUSES}
    open_rows: dict[str, list[ExtractedFieldRow]] = {}
    for row in rows:
        if row.status not in REVIEWED_STATUSES:
            open_rows.setdefault(row.name, []).append(row)
    new_by_name: dict[str, list] = {}
    for field in sorted(extraction.fields, key=lambda f: -f.confidence):
        if field.name not in reviewed_names:
            new_by_name.setdefault(field.name, []).append(field)
    for name in set(open_rows) | set(new_by_name):
        old, new = open_rows.get(name, []), new_by_name.get(name, [])
        for row, field in zip(old, new, strict=False):
            row.value, row.raw, row.confidence = field.value, field.raw, field.confidence
            row.page, row.bbox, row.extractor = field.page, list(field.bbox), field.extractor
            row.status = "extracted"
            row.version += 1
            session.add(row)
        for row in old[len(new):]:
            if _is_referenced(session, Correction.field_id, row.id):
                row.status = "superseded"
                row.version += 1
                session.add(row)
            else:
                session.delete(row)
        for field in new[len(old):]:
            session.add(ExtractedFieldRow(document_id=document.id, name=field.name,
                                          value=field.value, raw=field.raw,
                                          confidence=field.confidence, page=field.page,
                                          bbox=list(field.bbox), extractor=field.extractor))


def _party_key(role: str, name: str) -> tuple[str, str]:
    return role, " ".join(name.casefold().split())


def _reconcile_parties(session: Session, document: Document, extraction) -> list[int]:
    """Update parties in place where role and name match, so identity links and an
    investigator's merge/split decisions (which point at party rows) survive
    re-extraction. Returns the ids of updated parties that are already linked."""
    old = {}
    for party in session.exec(select(Party).where(Party.document_id == document.id)
                              .order_by(Party.id)).all():
        old.setdefault(_party_key(party.role, party.name), []).append(party)
    refreshed: list[int] = []
    for found in extraction.parties:
        matches = old.get(_party_key(found.role, found.name))
        if matches:
            party = matches.pop(0)
            if party.identity_id is not None:
                refreshed.append(party.id)
        else:
            party = Party(document_id=document.id, role=found.role, name=found.name)
        party.dob, party.ssn_last4 = found.dob, found.ssn_last4
        party.addresses, party.phones = list(found.addresses), list(found.phones)
        party.emails, party.confidence = list(found.emails), found.confidence
        party.page, party.bbox, party.extractor = found.page, list(found.bbox), found.extractor
        session.add(party)
    for leftovers in old.values():
        for party in leftovers:
            for observation in session.exec(select(Observation)
                                            .where(Observation.party_id == party.id)).all():
                session.delete(observation)
            decided = (_is_referenced(session, LinkDecision.party_a, party.id)
                       or _is_referenced(session, LinkDecision.party_b, party.id))
            if not decided:  # a party an investigator decided on stays as evidence
                session.execute(delete(PartyKey).where(PartyKey.party_id == party.id))
                session.delete(party)
    return refreshed


def _replace_extraction(session: Session, document: Document, extraction) -> list[int]:
    """Bring stored fields and parties in line with a new extraction (see above)."""
    _reconcile_fields(session, document, extraction)
    refreshed = _reconcile_parties(session, document, extraction)
    session.flush()
    return refreshed


def _document_date(extraction) -> date | None:
    by_name = {f.name: f.value for f in sorted(extraction.fields, key=lambda f: -f.confidence)}
    for name in DOCUMENT_DATE_FIELDS:
        value = by_name.get(name)
        if value:
            try:
                return date.fromisoformat(value)
            except ValueError:
                continue
    return None


def extract(read: ReadDocument) -> Extraction:
    """Run the extraction stage (fields and parties) on a read document."""
    return extract_document(read)


def _after_extraction(session: Session, document: Document,
                      refreshed_party_ids: list[int] | None = None) -> None:
    """The later stages: review policy, then identity linking (and the contact
    observations of parties that were linked before a re-extraction)."""
    apply_review_policy(session, document)
    if refreshed_party_ids:
        refresh_observations(session, refreshed_party_ids)
    link_new_parties(session, [document.id])


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
        if skip_finished and document.status in FINISHED_STATUSES:
            return document
    _set_progress(engine, document_id, "reading", "reading")
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
            _store_read(session, document, read)
            return _fail(session, document, f"extraction failed: {type(exc).__name__}")
        # The final write: one transaction from here to the commit.
        session.refresh(document)
        _store_read(session, document, read)
        document.doc_type = extraction.doc_type or read.doc_type
        refreshed = _replace_extraction(session, document, extraction)
        document.document_date = _document_date(extraction)
        confidences = [f.confidence for f in extraction.fields]
        document.min_confidence = min(confidences) if confidences else None
        failed_pages = [p.number for p in read.pages if p.status == "failed"]
        document.error = (f"pages failed: {', '.join(map(str, failed_pages))}"
                          if failed_pages else None)
        document.status = "extracted"
        document.progress = "extracted"
        document.updated_at = utcnow()
        session.add(document)
        try:
            with session.begin_nested():  # a savepoint: a failing hook keeps the extraction
                _after_extraction(session, document, refreshed)
        except Exception:
            log.exception("linking/review policy failed for document #%s", document_id)
        session.commit()
        session.refresh(document)
        return document


def _store_read(session: Session, document: Document, read: ReadDocument) -> None:
    document.media_type = read.media_type
    document.page_count = len(read.pages)
    document.doc_type = read.doc_type
    _replace_pages(session, document, read)


def _fail(session: Session, document: Document, reason: str) -> Document:
    document.status = "failed"
    document.error = reason
    document.progress = "failed"
    document.updated_at = utcnow()
    session.add(document)
    session.commit()
    return document


def claim_next_queued(url: str | None = None) -> int | None:
    """Atomically take the oldest queued document (safe with several processes)."""
    engine = get_engine(url)
    with Session(engine) as session:
        candidates = session.exec(select(Document.id).where(Document.status == "queued")
                                  .order_by(Document.id).limit(5)).all()
        for candidate in candidates:
            result = session.exec(update(Document)  # type: ignore[call-overload]
                                  .where(Document.id == candidate, Document.status == "queued")
                                  .values(status="reading", progress="claimed"))
            session.commit()
            if result.rowcount == 1:
                return candidate
    return None


def process_pending(*, url: str | None = None, limit: int | None = None,
                    progress: Progress | None = None) -> int:
    """Process queued documents one by one; returns how many were processed."""
    init_db(url)
    done = 0
    while limit is None or done < limit:
        document_id = claim_next_queued(url)
        if document_id is None:
            break
        process_document(document_id, url=url, progress=progress, skip_finished=True)
        done += 1
    return done


def ingest_bytes(session: Session, data: bytes, name: str, *, url: str | None = None,
                 batch_id: int | None = None, progress: Progress | None = None,
                 settings: IntakeSettings | None = None) -> IngestOutcome:
    """Store and process one file now (the in-process path used without a queue)."""
    document, created = store_file(session, data, name, batch_id=batch_id)
    if not created and document.status in ("extracted", "failed"):
        return IngestOutcome(name, document.id, "duplicate",
                             f"already ingested as document #{document.id} "
                             f"({document.status}); nothing added")
    processed = process_document(document.id, url=url, progress=progress, settings=settings)
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
