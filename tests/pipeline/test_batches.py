"""Ingesting into the database: store first, idempotent, bad files recorded."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from intake.filestore import stored_path
from models.db import get_engine
from models.tables import Document, Page
from pipeline.batches import ingest_paths
from tests.intake.builders import text_pdf_bytes, write


def _documents(url: str) -> list[Document]:
    with Session(get_engine(url)) as session:
        return list(session.exec(select(Document).order_by(Document.id)).all())


def test_ingest_twice_adds_nothing(db_url, tmp_path: Path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    write(folder / "a.pdf", text_pdf_bytes())
    write(folder / "sub" / "b.pdf", text_pdf_bytes(pages=2))
    first = ingest_paths([folder], url=db_url)
    assert [o.status for o in first] == ["extracted", "extracted"]
    second = ingest_paths([folder], url=db_url)
    assert [o.status for o in second] == ["duplicate", "duplicate"]
    assert "already ingested" in second[0].message
    documents = _documents(db_url)
    assert len(documents) == 2
    with Session(get_engine(db_url)) as session:
        pages = session.exec(select(Page)).all()
    assert sorted(p.number for p in pages) == [1, 1, 2]
    assert all(p.source == "text" and p.words for p in pages)


def test_ingest_stores_original_before_processing(db_url, tmp_path: Path):
    data = text_pdf_bytes()
    ingest_paths([write(tmp_path / "a.pdf", data)], url=db_url)
    (document,) = _documents(db_url)
    assert stored_path(document.sha256).read_bytes() == data
    assert document.status == "extracted" and document.page_count == 1


def test_ingest_bad_file_is_recorded_and_batch_goes_on(db_url, tmp_path: Path):
    good = write(tmp_path / "good.pdf", text_pdf_bytes())
    bad = write(tmp_path / "notes.pdf", b"just some text, not a PDF at all\n")
    empty = write(tmp_path / "empty.pdf", b"")
    outcomes = ingest_paths([bad, empty, good, tmp_path / "missing.pdf"], url=db_url)
    assert [o.status for o in outcomes] == ["failed", "failed", "extracted", "failed"]
    assert "not a PDF or image" in outcomes[0].message
    assert "empty file" in outcomes[1].message
    assert "no such file" in outcomes[3].message
    by_name = {d.file_name: d for d in _documents(db_url)}
    assert by_name["notes.pdf"].status == "failed"
    assert "not a PDF or image" in (by_name["notes.pdf"].error or "")
    assert by_name["good.pdf"].status == "extracted"
