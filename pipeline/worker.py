"""Queue workers: take document jobs, process them, and put back the jobs of dead workers.

A worker is one process running one job at a time (extraction is CPU-bound
Python, so more jobs at once means more processes, not threads). Procrastinate
records a heartbeat per worker; every worker also looks, every few seconds, for
jobs whose worker stopped beating (killed, machine lost) and puts them back in
the queue. Processing itself is safe to repeat: ``process_document`` holds the
document's lock, skips a document already finished and writes its result in
one transaction, so a retried job never adds a second set of rows.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import logging
import os
import socket
import sys
import time

from procrastinate import App
from procrastinate.exceptions import ProcrastinateException
from reportlab.pdfgen import canvas
from sqlmodel import Session, col, select

from core.errors import CasetraceError
from core.logging_setup import setup_logging
from core.settings import WorkerSettings  # declared with every other CASETRACE_* setting
from core.vocabulary import FINISHED_DOCUMENT_STATUSES, OPEN_JOB_STATUSES, DocumentStatus, JobStatus
from intake.filestore import file_store_root, stored_path
from intake.read import read_bytes
from models.db import init_db
from models.row_ids import stored_id
from models.tables import Document, Job, utcnow
from pipeline.job_queue import (
    QUEUE_NAME,
    RETRIED_ERRORS,
    RETRY,
    TASK_NAME,
    DocumentBusy,
    OriginalMissing,
    build_queue_app,
    ensure_queue_schema,
    require_postgres,
)
from pipeline.processing import extract, process_document

log = logging.getLogger(__name__)

JOB_BEAT_SECONDS = 5.0


def worker_name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


def run_document_job(document_id: int, *, url: str, worker_name: str) -> str:
    """Process one document for a queue job; returns the document's final status.

    Raises DocumentBusy (the queue retries later) when another live worker holds the
    document, e.g. the original worker of a job that was wrongly thought dead.
    """
    engine = init_db(url)
    _require_original(engine, document_id)
    job_id = _job_started(engine, document_id, worker_name)
    last_beat = time.monotonic()

    def beat(message: str) -> None:
        """Show life on the Job row now and then (the Document row has every step)."""
        nonlocal last_beat
        if time.monotonic() - last_beat >= JOB_BEAT_SECONDS:
            last_beat = time.monotonic()
            _job_update(engine, job_id, progress=message, heartbeat_at=utcnow())

    try:
        document = process_document(document_id, url=url, progress=beat, skip_finished=True)
    except LookupError:
        _job_update(engine, job_id, status=JobStatus.FAILED, error="the document no longer exists",
                    finished_at=utcnow())
        return "missing"
    except Exception as exc:
        retried = isinstance(exc, RETRIED_ERRORS)
        first_line = (str(exc).strip().splitlines() or [""])[0]
        _job_update(engine, job_id, status=JobStatus.QUEUED if retried else JobStatus.FAILED,
                    error=f"{type(exc).__name__}: {first_line}"[:500],
                    finished_at=None if retried else utcnow())
        raise
    if document.status not in FINISHED_DOCUMENT_STATUSES:
        _job_update(engine, job_id, status=JobStatus.QUEUED, progress="waiting: document busy")
        raise DocumentBusy(f"document #{document_id} is being processed by another worker")
    done = document.status == DocumentStatus.EXTRACTED
    _job_update(engine, job_id, status=JobStatus.DONE if done else JobStatus.FAILED,
                progress=document.status, error=document.error, finished_at=utcnow())
    return document.status


def _require_original(engine, document_id: int) -> None:
    """A missing original on this machine is a file-store problem here (a share not
    mounted), not a bad document: the job waits for another try instead of failing it."""
    with Session(engine) as session:
        document = session.get(Document, document_id)
    if document is not None and not stored_path(document.sha256).is_file():
        raise OriginalMissing(f"document #{document_id}: original not found under "
                              f"{file_store_root()} on {socket.gethostname()} "
                              f"(is CASETRACE_FILE_STORE the shared store?)")


def _job_started(engine, document_id: int, worker: str) -> int:
    with Session(engine) as session:
        job = session.exec(select(Job).where(Job.document_id == document_id,
                                             Job.kind == "process",
                                             col(Job.status).in_(OPEN_JOB_STATUSES))
                           .order_by(col(Job.id).desc())).first()
        if job is None:
            job = Job(document_id=document_id, kind="process")
        now = utcnow()
        job.status = JobStatus.RUNNING
        job.attempts += 1
        job.worker = worker
        job.started_at = now
        job.heartbeat_at = now
        job.progress = "started"
        session.add(job)
        session.commit()
        return stored_id(job)


def _job_update(engine, job_id: int, **values) -> None:
    with Session(engine) as session:
        job = session.get(Job, job_id)
        if job is None:
            return
        for name, value in values.items():
            setattr(job, name, value)
        session.add(job)
        session.commit()


async def requeue_stalled_jobs(app: App, stalled_seconds: float) -> list[int]:
    """Put back in the queue the jobs of workers silent for longer than ``stalled_seconds``."""
    await app.job_manager.prune_stalled_workers(stalled_seconds)
    stalled = await app.job_manager.get_stalled_jobs(queue=QUEUE_NAME,
                                                     seconds_since_heartbeat=stalled_seconds)
    requeued = []
    for job in stalled:
        try:
            await app.job_manager.retry_job(job)
        except ProcrastinateException:  # another worker put it back a moment ago
            continue
        log.warning("job %s (document %s) was stalled: its worker stopped; queued again",
                    job.id, job.task_kwargs.get("document_id"))
        requeued.append(stored_id(job))
    return requeued


async def _requeue_forever(app: App, settings: WorkerSettings) -> None:
    while True:
        await asyncio.sleep(settings.heartbeat_seconds)
        try:
            await requeue_stalled_jobs(app, settings.stalled_seconds)
        except Exception:  # a database blip must not stop the worker
            log.exception("looking for stalled jobs failed")


def warm_up() -> None:
    """Load the extraction models before taking jobs.

    Otherwise the first document spends seconds importing them, holding the interpreter
    so long that the worker's heartbeat can fall silent and its job be handed out again.
    """
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    for number, line in enumerate(("Case No. 24-CV-00001", "Defendant JANE ROE",
                                   "Amount Due: $1.00", "Filed: 01/02/2024")):
        pdf.drawString(72, 720 - 20 * number, line)
    pdf.showPage()
    pdf.save()
    try:
        extract(read_bytes(buffer.getvalue(), "warm-up.pdf"))
    except Exception:  # the jobs will meet (and record) the same problem
        log.exception("warming up the extraction models failed")


def _run_document_task(context, document_id: int) -> str:
    return run_document_job(document_id, url=context.additional_context["database_url"],
                            worker_name=context.worker_name or "worker")


def queue_worker_app(url: str) -> App:
    """The queue app with the document task registered: what a worker runs."""
    app = build_queue_app(url)
    app.task(name=TASK_NAME, queue=QUEUE_NAME, pass_context=True,
             retry=RETRY)(_run_document_task)
    return app


async def serve(url: str, *, once: bool = False, name: str | None = None,
                settings: WorkerSettings | None = None) -> None:
    """Work the intake queue until stopped (SIGINT/SIGTERM), or until it is empty (``once``).

    If the worker loses its connection or its registration (the database restarted; it
    was silent so long that others took it for dead), it registers again and goes on.
    """
    settings = settings or WorkerSettings.from_env()
    app = queue_worker_app(url)
    pause = 1.0
    while True:
        try:
            await _serve_once(app, url, once=once, name=name or worker_name(),
                              settings=settings)
            return
        except ProcrastinateException as exc:
            log.warning("worker lost the queue (%s); starting again in %.0f s",
                        str(exc.__cause__ or exc).strip().splitlines()[0], pause)
            await asyncio.sleep(pause)
            pause = min(pause * 2, 30.0)


async def _serve_once(app: App, url: str, *, once: bool, name: str,
                      settings: WorkerSettings) -> None:
    async with app.open_async():
        await requeue_stalled_jobs(app, settings.stalled_seconds)
        requeuer = asyncio.create_task(_requeue_forever(app, settings))
        try:
            await app.run_worker_async(
                queues=[QUEUE_NAME], name=name, concurrency=1,
                wait=not once, update_heartbeat_interval=settings.heartbeat_seconds,
                stalled_worker_timeout=settings.stalled_seconds,
                fetch_job_polling_interval=settings.poll_seconds,
                additional_context={"database_url": url})
        finally:
            requeuer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await requeuer


def serve_blocking(url: str | None = None, *, once: bool = False, name: str | None = None) -> int:
    """Prepare the database and the queue tables, then work the queue in this process."""
    url = require_postgres(url)
    init_db(url)
    ensure_queue_schema(url)
    warm_up()
    asyncio.run(serve(url, once=once, name=name))
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m pipeline.worker``: one worker process (``casetrace worker`` starts these)."""
    parser = argparse.ArgumentParser(prog="python -m pipeline.worker", description=__doc__)
    parser.add_argument("--once", action="store_true", help="stop when the queue is empty")
    parser.add_argument("--name", default=None, help="worker name in logs and in the Job table")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    setup_logging(args.verbose)
    logging.getLogger("pipeline.worker").setLevel(logging.INFO)
    try:
        return serve_blocking(once=args.once, name=args.name)
    except CasetraceError as exc:  # a bad setting, no PostgreSQL: one line, not a traceback
        print(f"error {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
