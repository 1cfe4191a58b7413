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


def test_reextraction_keeps_a_reviewed_party_as_the_reviewer_left_it(db_url, tmp_path: Path):
    """A corrected name and phone survive re-extraction, and the page's original reading
    of that party does not come back as a second party."""
    from dataclasses import replace

    from models.tables import Party
    from pipeline.processing import process_document
    from review.party_saves import save_party
    from review.party_values import PartyValues

    placement = ["ACCOUNT PLACEMENT", "Creditor: ACME FUNDING LLC",
                 "Balance Due: $1,250.00", "Debtor: HAROLD P WINSLOW",
                 "Address: 41 Orchard Lane, Springfield, IL 62704", "Phone: (217) 555-0142"]
    ingest_paths([write(tmp_path / "a.pdf", text_pdf_bytes(placement))], url=db_url)
    (document,) = _documents(db_url)
    engine = get_engine(db_url)
    with Session(engine) as session:
        parties = session.exec(select(Party).where(Party.document_id == document.id)
                               .order_by(Party.id)).all()
        (party,) = [p for p in parties if p.role == "debtor"]
        printed_name, party_id = party.name, party.id
        fixed = replace(PartyValues.of(party), name=printed_name + " JR",
                        phones=("+12025550143",))
        result = save_party(session, party.id, user="rita", expected_version=party.version,
                            values=fixed)
        assert result.saved, result.message
        session.commit()
        count_before = len(parties)
    process_document(document.id, url=db_url)
    with Session(engine) as session:
        after = session.exec(select(Party).where(Party.document_id == document.id)).all()
        kept = session.get(Party, party_id)
    assert kept is not None
    assert (kept.name, kept.phones, kept.status) == (printed_name + " JR", ["+12025550143"],
                                                     "corrected")
    assert len(after) == count_before
    assert printed_name not in {p.name for p in after}


def test_ingest_stores_how_each_field_was_found(db_url, tmp_path: Path):
    """Each stored field keeps its evidence bucket, so the review page can say why it was
    or was not auto-accepted; a re-extraction rewrites it with the value."""
    from models.tables import ExtractedFieldRow
    from pipeline.processing import process_document

    sheet = ["ACCOUNT PLACEMENT", "Creditor: ACME FUNDING LLC", "Balance Due: $1,250.00"]
    ingest_paths([write(tmp_path / "a.pdf", text_pdf_bytes(sheet))], url=db_url)
    (document,) = _documents(db_url)
    engine = get_engine(db_url)

    def stored() -> dict[str, str]:
        with Session(engine) as session:
            rows = session.exec(select(ExtractedFieldRow).where(
                ExtractedFieldRow.document_id == document.id)).all()
            return {row.name: row.evidence for row in rows}

    evidence = stored()
    assert evidence["amount_due"].startswith("text|amount_due|")
    assert all(value.split("|")[1] == name for name, value in evidence.items())
    with Session(engine) as session:
        for row in session.exec(select(ExtractedFieldRow)).all():
            row.evidence = ""
            session.add(row)
        session.commit()
    process_document(document.id, url=db_url)
    assert stored() == evidence
