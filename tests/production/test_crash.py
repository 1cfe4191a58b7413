"""Crash safety: a worker killed with SIGKILL mid-document loses nothing and adds nothing."""

from __future__ import annotations

import signal
import time

import pytest
from sqlalchemy import func, text
from sqlmodel import Session, col, select

from bench.soak import tiny_case_pdf
from intake.filestore import sha256_hex, stored_path
from models.db import init_db
from models.tables import Document, ExtractedFieldRow, Job, Page, Party
from pipeline.job_queue import QUEUE_SCHEMA, enqueue_documents
from pipeline.store_file import store_file

pytestmark = pytest.mark.postgres

BATCH = 200
# Six 20-page documents in a row (a second or more each), 40 % into the batch: the worker
# to be killed is sure to be holding one of them, so it dies in the middle of a document.
HEAVY_PAGES = {index: 20 for index in range(80, 86)}
# Generous: on a quiet machine the whole test takes well under two minutes.
TIMEOUT = 300


def _store_batch(engine) -> dict[int, int]:
    """Store the batch; document id -> expected page count."""
    expected = {}
    with Session(engine) as session:
        for index in range(BATCH):
            pages = HEAVY_PAGES.get(index, 1)
            document, created = store_file(session, tiny_case_pdf(index, pages=pages),
                                           f"case-{index:03d}.pdf")
            assert created
            expected[document.id] = pages
    return expected


def _document_in_hand(engine, worker: str, candidates: set[int], timeout: float) -> int:
    """Wait until ``worker`` is in the middle of one of ``candidates``; return its id."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with Session(engine) as session:
            row = session.exec(
                select(Job.document_id).join(Document, col(Document.id) == Job.document_id)
                .where(Job.worker == worker, Job.status == "running",
                       col(Job.document_id).in_(candidates),
                       col(Document.status).in_(("reading", "extracting")))).first()
        if row is not None:
            return row
        time.sleep(0.1)
    raise AssertionError(f"{worker} never started one of documents {sorted(candidates)}")


def _wait_until_extracted(engine, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    done = 0
    while time.monotonic() < deadline:
        with Session(engine) as session:
            done = session.exec(select(func.count()).select_from(Document)
                                .where(Document.status == "extracted")).one()
        if done >= count:
            return
        time.sleep(0.25)
    raise AssertionError(f"only {done} of {count} documents extracted after {timeout:.0f}s")


def _wait_until_queue_empty(engine, timeout: float) -> dict[str, int]:
    """Wait until no job is waiting or running; the job counts by status."""
    query = text(f"SELECT status, count(*) FROM {QUEUE_SCHEMA}.procrastinate_jobs "
                 "GROUP BY status")
    deadline = time.monotonic() + timeout
    while True:
        with engine.connect() as connection:
            statuses = {status: count for status, count in connection.execute(query).all()}
        if not statuses.get("todo") and not statuses.get("doing"):
            return statuses
        if time.monotonic() > deadline:
            raise AssertionError(f"jobs still open after {timeout:.0f}s: {statuses}")
        time.sleep(0.25)


def _counts_by_document(session: Session, table) -> dict[int, int]:
    rows = session.exec(select(table.document_id, func.count())
                        .group_by(table.document_id)).all()
    return dict(rows)


def test_crash_sigkill_mid_document_every_document_processed_once(pg_url, start_worker):
    engine = init_db(pg_url)
    expected_pages = _store_batch(engine)
    ids = list(expected_pages)
    assert enqueue_documents(ids, pg_url) == BATCH

    victim = start_worker("victim")
    start_worker("steady")
    heavy = {document_id for document_id, pages in expected_pages.items() if pages > 1}
    killed_document = _document_in_hand(engine, "victim", heavy, timeout=TIMEOUT)
    victim.send_signal(signal.SIGKILL)
    assert victim.wait(10) == -signal.SIGKILL
    start_worker("restarted")
    _wait_until_extracted(engine, BATCH, timeout=TIMEOUT)
    assert _wait_until_queue_empty(engine, timeout=60) == {"succeeded": BATCH}

    with Session(engine) as session:
        documents = session.exec(select(Document)).all()
        assert {d.status for d in documents} == {"extracted"}
        # One set of rows per document: the pages it has, fields and parties once.
        assert _counts_by_document(session, Page) == expected_pages
        field_counts = _counts_by_document(session, ExtractedFieldRow)
        party_counts = _counts_by_document(session, Party)
        assert set(field_counts) == set(ids) and set(party_counts) == set(ids)
        duplicate_fields = session.exec(
            select(ExtractedFieldRow.document_id, ExtractedFieldRow.name,
                   ExtractedFieldRow.value)
            .group_by(ExtractedFieldRow.document_id, ExtractedFieldRow.name,
                      ExtractedFieldRow.value, ExtractedFieldRow.page)
            .having(func.count() > 1)).all()
        assert duplicate_fields == []
        duplicate_parties = session.exec(
            select(Party.document_id, Party.role)
            .group_by(Party.document_id, Party.role, Party.name)
            .having(func.count() > 1)).all()
        assert duplicate_parties == []
        # Every document of the same shape got the same number of rows as its siblings.
        assert len({field_counts[i] for i in ids if i not in heavy}) == 1
        assert len({party_counts[i] for i in ids}) == 1
        # The killed document was taken up again, by another worker, and finished once.
        jobs = session.exec(select(Job)).all()
        assert len(jobs) == BATCH and {j.status for j in jobs} == {"done"}
        killed_job = next(j for j in jobs if j.document_id == killed_document)
        assert killed_job.attempts >= 2 and killed_job.worker in ("steady", "restarted")
        # Every original is in the file store, byte for byte.
        for document in documents:
            assert sha256_hex(stored_path(document.sha256).read_bytes()) == document.sha256
