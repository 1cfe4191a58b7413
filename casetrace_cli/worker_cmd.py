"""`casetrace ingest --queue` and `casetrace worker`: intake through the background queue."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from casetrace_cli.console import err, reason
from casetrace_cli.uploads import within_upload_limits
from core.vocabulary import FINISHED_DOCUMENT_STATUSES
from intake import errors
from models.db import init_db
from models.row_ids import stored_id
from models.tables import Batch
from pipeline.batches import IngestOutcome, expand_paths
from pipeline.job_queue import (
    QueueUnavailable,
    close_queue_connections,
    enqueue_document,
    require_postgres,
)
from pipeline.store_file import store_file

# What a database that cannot be reached raises, through SQLAlchemy or psycopg directly.
DATABASE_DOWN = (OperationalError, psycopg.OperationalError)


def database_down_line(exc: BaseException) -> str:
    """One line for an unreachable database, without the driver's multi-line story."""
    cause = exc.orig if isinstance(exc, OperationalError) and exc.orig else exc
    text = str(cause).strip().splitlines()
    return f"cannot reach the database: {text[0] if text else type(cause).__name__}"


def ingest_to_queue(paths: list[Path]) -> list[IngestOutcome]:
    """Store every file and queue one job per new document; workers do the rest.

    Outcomes: "queued" (a job is waiting), "duplicate" (already processed), "failed"
    (the file could not be read here: not found, no permission). A file that is not a
    readable document is stored and queued like any other; its worker records why it
    failed on the Document, where the workbench shows it. Raises QueueUnavailable
    without PostgreSQL.
    """
    url = require_postgres()
    engine = init_db(url)
    files, refused = within_upload_limits(expand_paths(paths))
    outcomes = [IngestOutcome(str(path), None, "failed", line.removeprefix(f"{path}: "))
                for path, line in refused]
    try:
        with Session(engine, expire_on_commit=False) as session:
            batch = Batch(created_by="cli", label=f"{len(files)} files (queued)")
            session.add(batch)
            session.commit()
            for path in files:
                outcomes.append(_queue_one(session, path, batch.id, url))
    finally:
        close_queue_connections()
    return outcomes


def _queue_one(session: Session, path: Path, batch_id: int | None, url: str) -> IngestOutcome:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return IngestOutcome(str(path), None, "failed", errors.not_found().message)
    except OSError as exc:
        return IngestOutcome(str(path), None, "failed",
                             f"cannot read file ({exc.strerror or exc})")
    document, created = store_file(session, data, str(path), batch_id=batch_id)
    if not created and document.status in FINISHED_DOCUMENT_STATUSES:
        return IngestOutcome(str(path), document.id, "duplicate",
                             f"already ingested as document #{document.id} "
                             f"({document.status}); nothing added")
    enqueue_document(stored_id(document), url)
    return IngestOutcome(str(path), document.id, "queued",
                         f"document #{document.id} queued for a worker")


def run_worker(concurrency: int = 1, once: bool = False) -> int:
    """Run ``concurrency`` worker processes on this machine; the exit status for the CLI."""
    from pipeline.job_queue import ensure_queue_schema

    try:
        url = require_postgres()
        init_db(url)
        ensure_queue_schema(url)
    except QueueUnavailable as exc:
        err.print(f"[red]error[/red] {reason(exc)}")
        return 2
    except DATABASE_DOWN as exc:
        err.print(f"[red]error[/red] {database_down_line(exc)}")
        return 2
    where = make_url(url).render_as_string(hide_password=True)
    err.print(f"{concurrency} worker process(es) on {where}"
              f"{' until the queue is empty' if once else '; Ctrl-C stops them'}")
    if concurrency <= 1:
        from pipeline.worker import serve_blocking

        return serve_blocking(url, once=once)
    return _run_processes(concurrency, once)


def _run_processes(count: int, once: bool) -> int:
    """One process per worker (extraction is CPU-bound); stop signals are passed on."""
    command = [sys.executable, "-m", "pipeline.worker", *(["--once"] if once else [])]
    children = [subprocess.Popen(command) for _ in range(count)]

    def forward(signum, _frame) -> None:
        for child in children:
            if child.poll() is None:
                child.send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        codes = [child.wait() for child in children]
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    err.print(f"{count} workers stopped")
    return 1 if any(codes) else 0
