"""The worker's side of exactly-once: skip what is done, wait for what is busy, replace
rather than add when a document is processed again."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from bench.soak import tiny_case_pdf
from intake.filestore import stored_path
from models.db import get_engine, init_db
from models.tables import Document, ExtractedFieldRow, Job, Page, Party
from pipeline.job_queue import DocumentBusy, OriginalMissing
from pipeline.processing import DOCUMENT_LOCK_SPACE, process_document
from pipeline.store_file import store_file
from pipeline.worker import WorkerSettings, run_document_job


def _stored(url: str, index: int = 1, pages: int = 1) -> int:
    with Session(init_db(url)) as session:
        document, _ = store_file(session, tiny_case_pdf(index, pages=pages), f"c{index}.pdf")
        return document.id


def _row_ids(url: str, document_id: int) -> dict[str, list[int]]:
    with Session(get_engine(url)) as session:
        return {table.__name__: sorted(session.exec(select(table.id).where(
            table.document_id == document_id)).all())
            for table in (Page, ExtractedFieldRow, Party)}


def test_worker_finished_document_is_skipped_not_redone(db_url):
    document_id = _stored(db_url)
    assert run_document_job(document_id, url=db_url, worker_name="first") == "extracted"
    before = _row_ids(db_url, document_id)
    assert all(before.values())
    # The worker died after its commit, before it could record the job as done.
    with Session(get_engine(db_url)) as session:
        job = session.exec(select(Job)).one()
        job.status = "running"
        session.add(job)
        session.commit()
    assert run_document_job(document_id, url=db_url, worker_name="second") == "extracted"
    assert _row_ids(db_url, document_id) == before
    with Session(get_engine(db_url)) as session:
        job = session.exec(select(Job)).one()
    assert (job.status, job.attempts, job.worker) == ("done", 2, "second")


def test_worker_half_written_document_is_replaced_not_added(db_url):
    """Rows left by a crash under the old stage-by-stage commits are replaced."""
    document_id = _stored(db_url, pages=3)
    with Session(get_engine(db_url)) as session:
        session.add(Page(document_id=document_id, number=1, text="left over"))
        session.add(Page(document_id=document_id, number=2, text="left over"))
        document = session.get(Document, document_id)
        document.status = "extracting"
        session.add(document)
        session.commit()
    assert run_document_job(document_id, url=db_url, worker_name="w") == "extracted"
    with Session(get_engine(db_url)) as session:
        pages = session.exec(select(Page).where(Page.document_id == document_id)).all()
    assert sorted(p.number for p in pages) == [1, 2, 3]
    assert "left over" not in {p.text for p in pages}


def test_worker_re_extracting_a_linked_document_replaces_rows(db_url):
    document_id = _stored(db_url, pages=3)
    process_document(document_id, url=db_url)
    first = _row_ids(db_url, document_id)
    process_document(document_id, url=db_url)
    second = _row_ids(db_url, document_id)
    assert {k: len(v) for k, v in first.items()} == {k: len(v) for k, v in second.items()}
    assert len(first["Page"]) == 3
    # parties are updated in place, so identity links survive a re-extraction
    assert first["Party"] == second["Party"]


def test_worker_missing_original_waits_instead_of_failing(db_url):
    document_id = _stored(db_url)
    with Session(get_engine(db_url)) as session:
        sha = session.get(Document, document_id).sha256
    stored_path(sha).unlink()
    with pytest.raises(OriginalMissing, match="CASETRACE_FILE_STORE"):
        run_document_job(document_id, url=db_url, worker_name="w")
    with Session(get_engine(db_url)) as session:
        assert session.get(Document, document_id).status == "queued"


@pytest.mark.postgres
def test_worker_busy_document_waits_for_its_holder(pg_url):
    document_id = _stored(pg_url)
    engine = get_engine(pg_url)
    with engine.connect() as holder:  # another live worker, mid-document
        holder.execute(text("SELECT pg_advisory_lock(:space, :id)"),
                       {"space": DOCUMENT_LOCK_SPACE, "id": document_id})
        holder.commit()
        with pytest.raises(DocumentBusy):
            run_document_job(document_id, url=pg_url, worker_name="second")
        with Session(engine) as session:
            assert session.get(Document, document_id).status == "queued"
        assert _row_ids(pg_url, document_id)["Page"] == []
        holder.execute(text("SELECT pg_advisory_unlock_all()"))
        holder.commit()
    assert run_document_job(document_id, url=pg_url, worker_name="second") == "extracted"


def test_worker_settings_refuse_a_timeout_heartbeats_cannot_meet():
    with pytest.raises(ValueError, match="more than twice"):
        WorkerSettings(heartbeat_seconds=10, stalled_seconds=15)


@pytest.mark.postgres
def test_worker_taken_for_dead_registers_again_and_goes_on(pg_url, start_worker):
    """A live worker whose registration was pruned (silent too long, database restart)
    must not die on its next fetch: it registers again and keeps working."""
    import time

    from pipeline.job_queue import QUEUE_SCHEMA, enqueue_document, ensure_queue_schema

    engine = init_db(pg_url)
    ensure_queue_schema(pg_url)
    start_worker("pruned")
    workers = text(f"SELECT count(*) FROM {QUEUE_SCHEMA}.procrastinate_workers")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with engine.connect() as connection:
            if connection.execute(workers).scalar():
                break
        time.sleep(0.25)
    with engine.begin() as connection:
        connection.execute(text(f"DELETE FROM {QUEUE_SCHEMA}.procrastinate_workers"))
    document_id = _stored(pg_url)
    enqueue_document(document_id, pg_url)
    while time.monotonic() < deadline:
        with Session(engine) as session:
            if session.get(Document, document_id).status == "extracted":
                break
        time.sleep(0.25)
    with Session(engine) as session:
        assert session.get(Document, document_id).status == "extracted"
