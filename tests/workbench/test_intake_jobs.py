from __future__ import annotations

import time

import pytest
from sqlmodel import select

from models.tables import Batch, Document
from tests.intake.builders import text_pdf_bytes
from workbench.db import db_session
from workbench.intake_jobs import (
    IntakeWorker,
    dispatch,
    queue_uploads,
    recent_batches,
    status_line,
)


def test_queue_uploads_stores_and_queues_each_file_once(database_url):
    pdf = text_pdf_bytes()
    with db_session() as session:
        receipt = queue_uploads(session, [("a.pdf", pdf), ("empty.pdf", b""),
                                          ("again.pdf", pdf)], "ivan")
    assert len(receipt.queued) == 1
    assert receipt.known == [("again.pdf", receipt.queued[0], "queued")]
    assert receipt.refused == ["empty.pdf: the file is empty"]
    with db_session() as session:
        document = session.get(Document, receipt.queued[0])
        batch = session.get(Batch, receipt.batch_id)
        summary = recent_batches(session)[0]
    assert (document.status, document.batch_id, batch.created_by) == ("queued", batch.id, "ivan")
    assert (summary.total, summary.by_status, summary.finished) == (1, {"queued": 1}, False)


def test_status_line_gives_the_failure_reason():
    failed = Document(sha256="x", file_name="x.pdf", status="failed", error="not a PDF")
    reading = Document(sha256="y", file_name="y.pdf", status="reading", progress="OCR page 3/7")
    assert status_line(failed) == "failed: not a PDF"
    assert status_line(reading) == "OCR page 3/7"


@pytest.mark.slow  # the real pipeline loads its models in the worker thread
def test_intake_worker_processes_the_queue_in_the_background(database_url):
    with db_session() as session:
        receipt = queue_uploads(session, [("claim.pdf", text_pdf_bytes())], "ivan")
    worker = IntakeWorker(database_url)
    started = time.monotonic()
    worker.wake()
    assert time.monotonic() - started < 1.0  # waking never waits for the work
    deadline = started + 120
    status = "queued"
    try:
        while time.monotonic() < deadline and status not in ("extracted", "failed"):
            time.sleep(0.5)
            with db_session() as session:
                status = session.get(Document, receipt.queued[0]).status
    finally:
        worker.stop()
    assert status == "extracted"
    with db_session() as session:
        assert session.exec(select(Document)).one().page_count == 1


def test_dispatch_picks_the_queue_on_postgres_else_the_thread(database_url, backend,
                                                                monkeypatch):
    with db_session() as session:
        receipt = queue_uploads(session, [("a.pdf", text_pdf_bytes())], "ivan")
    woken = []
    monkeypatch.setenv("CASETRACE_QUEUE", "procrastinate")  # SQLite has no queue: ignored there
    expected = "queue" if backend == "postgres" else "thread"
    assert dispatch(receipt.queued, lambda: woken.append(True), database_url) == expected
    assert woken == ([True] if expected == "thread" else [])
    monkeypatch.delenv("CASETRACE_QUEUE")
    monkeypatch.setenv("CASETRACE_WORKBENCH_WORKER", "0")
    assert dispatch(receipt.queued, lambda: woken.append(True), database_url) == "none"


def test_an_oversized_upload_is_refused_by_name_while_the_rest_is_stored(database_url,
                                                                         monkeypatch):
    monkeypatch.setenv("CASETRACE_MAX_UPLOAD_MB", "0.01")  # about 10 kB
    pdf = text_pdf_bytes()
    big = pdf + b"%" + b"x" * 20_000
    with db_session() as session:
        receipt = queue_uploads(session, [("big.pdf", big), ("small.pdf", pdf)], "ivan")
    assert len(receipt.queued) == 1
    assert len(receipt.refused) == 1 and "\n" not in receipt.refused[0]
    assert receipt.refused[0].startswith("big.pdf: ") and "CASETRACE_MAX_UPLOAD_MB" in \
        receipt.refused[0]
    with db_session() as session:
        names = [d.file_name for d in session.exec(select(Document)).all()]
    assert names == ["small.pdf"]


def test_a_batch_over_its_limit_refuses_the_files_past_it(database_url, monkeypatch):
    pdf = text_pdf_bytes()
    monkeypatch.setenv("CASETRACE_MAX_BATCH_MB", str(1.5 * len(pdf) / (1024 * 1024)))
    other = pdf + b"%other"
    with db_session() as session:
        receipt = queue_uploads(session, [("a.pdf", pdf), ("b.pdf", other)], "ivan")
    assert len(receipt.queued) == 1
    assert receipt.refused[0].startswith("b.pdf: ") and "CASETRACE_MAX_BATCH_MB" in \
        receipt.refused[0]
