"""Persisting a re-extraction: reviewer decisions and identity links survive."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from models.db import get_engine
from pipeline.batches import ingest_paths
from tests.intake.builders import text_pdf_bytes, write
from tests.pipeline.test_batches import _documents


def test_reextraction_keeps_reviewer_decisions_and_identity_links(db_url, tmp_path: Path):
    from models.tables import ExtractedFieldRow, Party
    from pipeline.processing import process_document

    ingest_paths([write(tmp_path / "a.pdf", text_pdf_bytes())], url=db_url)
    (document,) = _documents(db_url)
    engine = get_engine(db_url)
    with Session(engine) as session:
        fields = session.exec(select(ExtractedFieldRow)
                              .where(ExtractedFieldRow.document_id == document.id)).all()
        assert fields, "the fixture document must yield fields"
        corrected = fields[0]
        corrected.value, corrected.status, corrected.reviewed_by = "REVIEWED", "corrected", "rita"
        session.add(corrected)
        session.commit()
        parties_before = {p.id: p.identity_id for p in session.exec(select(Party)).all()}
        corrected_id, corrected_name = corrected.id, corrected.name
    process_document(document.id, url=db_url)
    with Session(engine) as session:
        same_name = session.exec(select(ExtractedFieldRow).where(
            ExtractedFieldRow.document_id == document.id,
            ExtractedFieldRow.name == corrected_name)).all()
        parties_after = {p.id: p.identity_id for p in session.exec(select(Party)).all()}
    assert [(f.id, f.value, f.status) for f in same_name] == [
        (corrected_id, "REVIEWED", "corrected")]
    assert parties_after == parties_before
