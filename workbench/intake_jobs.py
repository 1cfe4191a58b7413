"""Uploads from the Intake page: store and queue at once, process in the background.

Storing and queueing take milliseconds, so the page returns at once; a single
worker thread per server process then works the queue (``process_pending``
claims documents atomically, so a separate ``casetrace`` worker can run too).
Set ``CASETRACE_WORKBENCH_WORKER=0`` to leave processing to such a worker.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from core.settings import UploadSettings, WorkbenchSettings
from core.vocabulary import DocumentStatus
from models.row_ids import stored_id
from models.tables import Batch, Document
from pipeline.batches import process_pending, remove_failed, requeue_failed
from pipeline.job_queue import enqueue_documents, queue_configured
from pipeline.store_file import store_file

log = logging.getLogger(__name__)

ACCEPTED_SUFFIXES = ("pdf", "png", "jpg", "jpeg", "tif", "tiff")
IDLE_POLL_SECONDS = 5.0
# A batch is still at work while any of its documents is in one of these.
ACTIVE_STATUSES = (DocumentStatus.QUEUED, DocumentStatus.READING, DocumentStatus.EXTRACTING)
# What a batch row remembers beyond its documents, one line each after the title in
# ``Batch.label`` (no table of its own): files refused before storing, files already
# stored as another batch's document, documents removed after failing.
REFUSED_MARK = "refused: "
KNOWN_MARK = "already stored: "
REMOVED_MARK = "removed: "


@dataclass(frozen=True, slots=True)
class UploadReceipt:
    """What an upload did: the batch, the documents queued, and files already known."""

    batch_id: int
    queued: list[int] = field(default_factory=list)
    known: list[tuple[str, int, str]] = field(default_factory=list)  # (file, document, status)
    refused: list[str] = field(default_factory=list)  # one-line reasons


@dataclass(frozen=True, slots=True)
class BatchNotes:
    """``Batch.label`` read back: its title and the lines it keeps about files."""

    title: str
    refused: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, label: str) -> BatchNotes:
        title, *lines = (label or "").split("\n")
        notes = cls(title)
        for line in lines:
            for mark, kept in ((REFUSED_MARK, notes.refused), (KNOWN_MARK, notes.known),
                               (REMOVED_MARK, notes.removed)):
                if line.startswith(mark):
                    kept.append(line.removeprefix(mark))
        return notes

    def text(self) -> str:
        lines = [" ".join(self.title.split())]
        lines += [REFUSED_MARK + " ".join(r.split()) for r in self.refused]
        lines += [KNOWN_MARK + " ".join(k.split()) for k in self.known]
        lines += [REMOVED_MARK + " ".join(r.split()) for r in self.removed]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class BatchSummary:
    batch_id: int
    created_at: datetime
    created_by: str
    notes: BatchNotes
    total: int  # documents the batch holds now
    by_status: dict[str, int]

    @property
    def finished(self) -> bool:
        return not any(self.by_status.get(status) for status in ACTIVE_STATUSES)

    @property
    def refused(self) -> list[str]:
        return self.notes.refused

    @property
    def label(self) -> str:
        """What the batch holds, counted from its rows, so it matches the table."""
        parts = [f"{self.total} document(s)"]
        parts += [f"{len(items)} {what}" for items, what in (
            (self.notes.refused, "refused at upload"), (self.notes.known, "already stored"),
            (self.notes.removed, "removed")) if items]
        return " · ".join(parts) + f" · by {self.created_by}"


def queue_uploads(session: Session, files: Sequence[tuple[str, bytes]], user: str,
                  label: str = "") -> UploadReceipt:
    """Store every file (content-addressed) and queue it as a document of one new batch.

    A file over ``CASETRACE_MAX_UPLOAD_MB``, or one that would take the batch over
    ``CASETRACE_MAX_BATCH_MB``, is refused with one line naming it and not stored;
    the other files of the batch still are."""
    limits = UploadSettings.from_env()
    taken = 0
    batch = Batch(created_by=user, label=label or f"upload by {user}")
    session.add(batch)
    session.flush()
    batch_id = stored_id(batch)
    queued: list[int] = []
    known: list[tuple[str, int, str]] = []
    refused: list[str] = []
    for name, data in files:
        if not data:
            refused.append(f"{name}: the file is empty")
            continue
        too_big = limits.refusal(name, len(data), taken)
        if too_big:
            refused.append(too_big)
            continue
        taken += len(data)
        document, created = store_file(session, data, name, batch_id=batch_id)
        session.flush()
        if created:
            queued.append(stored_id(document))
        else:
            known.append((name, stored_id(document), document.status))
    # Refused and already-stored files are remembered on the batch row, so the page shows
    # them after the receipt is gone (the documents themselves are the batch's own rows).
    notes = BatchNotes(batch.label, refused=list(refused),
                       known=[f"{name} as document #{number}" for name, number, _ in known])
    batch = session.get(Batch, batch_id) or batch
    batch.label = notes.text()
    session.add(batch)
    session.flush()
    return UploadReceipt(batch_id, queued, known, refused)


def recent_batches(session: Session, limit: int = 10) -> list[BatchSummary]:
    """The newest batches with how many of their documents are in each status."""
    batches = session.exec(select(Batch).order_by(col(Batch.id).desc()).limit(limit)).all()
    summaries = []
    for batch in batches:
        statuses = session.exec(select(Document.status)
                                .where(Document.batch_id == batch.id)).all()
        summaries.append(BatchSummary(stored_id(batch), batch.created_at, batch.created_by,
                                      BatchNotes.parse(batch.label), len(statuses),
                                      dict(Counter(statuses))))
    return summaries


def retry_document(session: Session, document_id: int) -> int:
    """Queue a failed document again (re-read from its stored original); its id, for
    ``dispatch``. ``pipeline.batches.DocumentActionRefused`` says why when it cannot."""
    return stored_id(requeue_failed(session, document_id))


def remove_document(session: Session, document_id: int, user: str) -> str:
    """Remove a failed document that nothing references; the batch remembers it.

    The original stays in the content-addressed store; the access log records who."""
    document = remove_failed(session, document_id, user)
    if document.batch_id is not None:
        batch = session.get(Batch, document.batch_id)
        if batch is not None:
            notes = BatchNotes.parse(batch.label)
            notes.removed.append(f"{document.file_name} (document #{document_id}) by {user}")
            batch.label = notes.text()
            session.add(batch)
            session.flush()
    return document.file_name


def batch_documents(session: Session, batch_id: int) -> list[Document]:
    return list(session.exec(select(Document).where(Document.batch_id == batch_id)
                             .order_by(col(Document.id))).all())


def status_line(document: Document) -> str:
    """One line a person understands: the stage, or the reason it failed."""
    if document.status == "failed":
        return f"failed: {document.error or 'no reason recorded'}"
    if document.status == "extracted":
        return "extracted" + (f" ({document.error})" if document.error else "")
    if document.progress and document.progress not in (document.status, "claimed"):
        return document.progress
    return document.status


def review_link(document: Document) -> str | None:
    """The address of the document's review (``/review?document=N``); None until extracted."""
    if document.status != DocumentStatus.EXTRACTED or document.id is None:
        return None
    return f"/review?document={document.id}"


def worker_enabled() -> bool:
    """``CASETRACE_WORKBENCH_WORKER`` (``core.settings``), read on every call."""
    return WorkbenchSettings.from_env().worker


def external_queue(url: str | None = None) -> bool:
    """True when ``casetrace worker`` processes (PostgreSQL + CASETRACE_QUEUE=procrastinate)."""
    return queue_configured(url)


def dispatch(document_ids: Sequence[int], wake_thread: Callable[[], None],
             url: str | None = None) -> str:
    """Hand new documents to whoever processes them here; say who ("queue", "thread", "none").

    With the PostgreSQL queue configured they become jobs for ``casetrace worker``;
    otherwise this server's own background thread takes them, unless turned off.
    """
    if external_queue(url):

        enqueue_documents(document_ids, url)
        return "queue"
    if worker_enabled():
        wake_thread()
        return "thread"
    return "none"


class IntakeWorker:
    """A daemon thread that processes queued documents until the queue is empty, then waits."""

    def __init__(self, url: str | None = None,
                 process_one: Callable[[str | None], int] | None = None) -> None:
        self._url = url
        self._process_one = process_one or _process_one
        self._wake = threading.Event()
        self._guard = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopping = False
        self.processed = 0

    def wake(self) -> None:
        """Make sure the thread runs and looks at the queue now."""
        with self._guard:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="casetrace-intake",
                                                daemon=True)
                self._thread.start()
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the document in hand, then end the thread (tests, shutdown)."""
        self._stopping = True
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stopping:
            self._wake.clear()
            try:
                done = self._process_one(self._url)
            except Exception:  # keep the worker alive; the document records its own failure
                log.exception("background intake failed")
                done = 0
            self.processed += done
            if done == 0 and not self._stopping:
                self._wake.wait(IDLE_POLL_SECONDS)


def _process_one(url: str | None) -> int:
    return process_pending(url=url, limit=1)
