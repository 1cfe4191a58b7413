"""The background queue: one Procrastinate job per document, kept in PostgreSQL.

Procrastinate stores its jobs in the database casetrace already uses, so a
team deployment needs no extra service (no Redis, no broker): workers on any
machine that reaches the database and the file store take jobs with
``SELECT ... FOR UPDATE SKIP LOCKED`` and send heartbeats, and a job whose
worker stopped beating is put back in the queue (``pipeline.worker``).

Its tables live in their own PostgreSQL schema (``procrastinate``), so the
Alembic migrations of casetrace never see them. Without PostgreSQL there is
no queue and documents are processed in-process, as before.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

import psycopg
from procrastinate import App, PsycopgConnector, RetryStrategy
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.schema import SchemaManager
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from core.errors import CasetraceError
from core.settings import QUEUE_BACKEND, QueueSettings
from core.vocabulary import OPEN_JOB_STATUSES, JobStatus
from models.db import database_url, init_db
from models.tables import Job, utcnow

log = logging.getLogger(__name__)

QUEUE_ENV = "CASETRACE_QUEUE"
QUEUE_NAME = "intake"
TASK_NAME = "casetrace.process_document"
QUEUE_SCHEMA = "procrastinate"
# Two of these at once: schema creation is serialized across machines by this advisory lock.
SCHEMA_LOCK_KEY = 0x63617366


class QueueUnavailable(CasetraceError):
    """The queue was asked for where it cannot work (no PostgreSQL); one-line message."""

    code = "Q001"


class DocumentBusy(CasetraceError):
    """Another live worker holds the document; the job is tried again later."""

    code = "Q002"


class OriginalMissing(CasetraceError):
    """This worker cannot see the stored original (file store not shared or not mounted)."""

    code = "Q003"


# A job that cannot run yet (document busy, original not visible here, database down) waits
# and tries again; any other error is a bug, recorded on the job, not retried in a loop.
RETRIED_ERRORS = (DocumentBusy, OriginalMissing, OperationalError, psycopg.OperationalError)
RETRY = RetryStrategy(max_attempts=30, wait=10, retry_exceptions=set(RETRIED_ERRORS))


def is_postgres(url: str | None = None) -> bool:
    return make_url(url or database_url()).get_backend_name() == "postgresql"


def queue_configured(url: str | None = None) -> bool:
    """True when uploads should be queued for ``casetrace worker`` instead of run in-process.

    ``CASETRACE_QUEUE=procrastinate`` turns the queue on; it needs PostgreSQL, and with
    SQLite the setting is ignored (with a warning) so intake keeps working. Another
    value is a SettingsError (C003) naming the variable (``core.settings``).
    """
    wanted = QueueSettings.from_env().backend
    if wanted != QUEUE_BACKEND:
        return False
    if not is_postgres(url):
        log.warning("%s=%s needs PostgreSQL (CASETRACE_DATABASE_URL); processing in-process",
                    QUEUE_ENV, wanted)
        return False
    return True


def require_postgres(url: str | None = None) -> str:
    """The database URL, or QueueUnavailable when it is not PostgreSQL."""
    url = url or database_url()
    if not is_postgres(url):
        raise QueueUnavailable("the background queue needs PostgreSQL: set "
                               "CASETRACE_DATABASE_URL=postgresql+psycopg://user@host/db")
    return url


def libpq_conninfo(url: str, *, search_path: str | None = None) -> str:
    """A SQLAlchemy URL as a libpq connection string (optionally with a search_path)."""
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    if search_path is None:
        return plain
    return psycopg.conninfo.make_conninfo(plain, options=f"-c search_path={search_path}")


_SCHEMA_READY: set[str] = set()
_SCHEMA_GUARD = threading.Lock()


def ensure_queue_schema(url: str | None = None) -> None:
    """Create Procrastinate's tables in their own schema, once, safely from many machines."""
    url = require_postgres(url)
    with _SCHEMA_GUARD:
        if url in _SCHEMA_READY:
            return
        with psycopg.connect(libpq_conninfo(url), autocommit=False) as conn:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK_KEY,))
            exists = conn.execute("SELECT to_regclass(%s)",
                                  (f"{QUEUE_SCHEMA}.procrastinate_jobs",)).fetchone()
            if exists is None or exists[0] is None:
                conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{QUEUE_SCHEMA}"')
                conn.execute(f'SET LOCAL search_path TO "{QUEUE_SCHEMA}"')
                conn.execute(SchemaManager.get_schema())
                log.info("created the job queue tables in schema %s", QUEUE_SCHEMA)
            conn.commit()
        _SCHEMA_READY.add(url)


def build_queue_app(url: str, *, pool_size: int = 4) -> App:
    """A Procrastinate app for one database. Deferring needs only the task's name;
    the worker registers the task itself (``pipeline.worker.queue_worker_app``)."""
    connector = PsycopgConnector(conninfo=libpq_conninfo(url, search_path=QUEUE_SCHEMA),
                                 min_size=1, max_size=pool_size)
    return App(connector=connector)


_OPEN_APPS: dict[str, App] = {}


def _sync_app(url: str) -> App:
    """The app opened for deferring jobs from this (synchronous) process, kept open."""
    with _SCHEMA_GUARD:
        app = _OPEN_APPS.get(url)
        if app is None:
            app = build_queue_app(url, pool_size=2)
            app.open()
            _OPEN_APPS[url] = app
    return app


def close_queue_connections() -> None:
    """Close the connections opened for deferring (tests, end of a CLI run)."""
    with _SCHEMA_GUARD:
        for app in _OPEN_APPS.values():
            app.close()
        _OPEN_APPS.clear()


def enqueue_document(document_id: int, url: str | None = None) -> None:
    """Queue one document for a worker; a document already waiting is not queued twice."""
    enqueue_documents([document_id], url)


def enqueue_documents(document_ids: Iterable[int], url: str | None = None) -> int:
    """Queue documents for workers; returns how many new jobs were created."""
    url = require_postgres(url)
    engine = init_db(url)
    ensure_queue_schema(url)
    app = _sync_app(url)
    created = 0
    for document_id in document_ids:
        _note_job(engine, document_id)
        key = f"document:{document_id}"
        try:
            # lock: never two jobs on one document at once; queueing_lock: never two waiting.
            app.configure_task(TASK_NAME, queue=QUEUE_NAME, lock=key,
                               queueing_lock=key).defer(document_id=document_id)
        except AlreadyEnqueued:
            continue
        created += 1
    return created


def _note_job(engine, document_id: int) -> None:
    """Record the job in casetrace's own Job table, where the workbench reads attempts."""
    with Session(engine) as session:
        open_job = session.exec(select(Job).where(Job.document_id == document_id,
                                                  Job.kind == "process",
                                                  col(Job.status).in_(OPEN_JOB_STATUSES))).first()
        if open_job is None:
            session.add(Job(document_id=document_id, kind="process", status=JobStatus.QUEUED,
                            created_at=utcnow()))
            session.commit()
