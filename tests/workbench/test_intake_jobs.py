from __future__ import annotations

import time

import pytest
from sqlmodel import select

from models.tables import Batch, Document, Party
from pipeline.batches import DocumentActionRefused
from tests.intake.builders import text_pdf_bytes
from workbench.db import db_session
from workbench.intake_jobs import (
    IntakeWorker,
    dispatch,
    queue_uploads,
    recent_batches,
    remove_document,
    retry_document,
    review_link,
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


def test_the_batch_label_counts_its_documents_and_remembers_refused_and_known_files(
        database_url):
    pdf = text_pdf_bytes()
    with db_session() as session:
        queue_uploads(session, [("a.pdf", pdf)], "ivan")
        receipt = queue_uploads(session, [("b.pdf", text_pdf_bytes(["OTHER"])),
                                          ("again.pdf", pdf), ("empty.pdf", b"")], "ivan")
    with db_session() as session:
        summary = recent_batches(session)[0]
    assert summary.batch_id == receipt.batch_id
    assert summary.label == ("1 document(s) · 1 refused at upload · 1 already stored · by ivan")
    assert summary.refused == ["empty.pdf: the file is empty"]
    assert summary.notes.known == [f"again.pdf as document #{receipt.known[0][1]}"]


def test_remove_refuses_a_document_that_is_not_failed_or_has_parties(database_url):
    with db_session() as session:
        receipt = queue_uploads(session, [("a.pdf", text_pdf_bytes())], "ivan")
    [document_id] = receipt.queued
    with db_session() as session, pytest.raises(DocumentActionRefused, match="not failed"):
        remove_document(session, document_id, "ivan")
    with db_session() as session:
        document = session.get(Document, document_id)
        document.status = "failed"
        session.add(Party(document_id=document_id, role="debtor", name="A B"))
    with db_session() as session, pytest.raises(DocumentActionRefused, match="has parties"):
        remove_document(session, document_id, "ivan")
    with db_session() as session:
        assert session.get(Document, document_id) is not None
        with pytest.raises(DocumentActionRefused, match="does not exist"):
            retry_document(session, document_id + 1000)


def test_review_link_only_for_extracted_documents():
    extracted = Document(id=7, sha256="x", file_name="x.pdf", status="extracted")
    failed = Document(id=8, sha256="y", file_name="y.pdf", status="failed")
    assert review_link(extracted) == "/review?document=7"
    assert review_link(failed) is None
