"""Rejecting a party and "Document done" for parties, on a real database: audited,
version-checked and lock-refused like a save; the party's skip-trace evidence withdrawn and
kept withdrawn; re-extraction does not bring it back."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from models.row_ids import stored_id
from models.tables import (
    Correction,
    Document,
    ExtractedFieldRow,
    IdentityEvent,
    Observation,
    Party,
    utcnow,
)
from review.party_finish import finish_document
from review.party_reject import reject_party
from review.party_saves import save_party
from review.party_values import PartyValues
from review.saves import save_field
from tests.workbench.conftest import add_debtor, add_document


def _corrections(session: Session, party_id: int) -> list[Correction]:
    return list(session.exec(select(Correction).where(Correction.party_id == party_id)
                             .order_by(col(Correction.id))).all())


def test_a_rejected_party_is_audited_versioned_and_withdrawn_from_skip_tracing(session):
    document = add_document(session)
    identity, party = add_debtor(session, document)
    assert session.exec(select(Observation).where(Observation.party_id == party.id)).all()
    doc_version, seen = document.version, party.version
    result = reject_party(session, party.id, user="rita", expected_version=seen)
    assert result.saved, result.message
    assert f"withdrawn from skip-trace identity #{identity.id}" in result.message
    session.refresh(party)
    session.refresh(identity)
    session.refresh(document)
    assert (party.status, party.version, party.reviewed_by) == ("rejected", seen + 1, "rita")
    assert party.identity_id is None and identity.status == "retired"
    assert document.version == doc_version + 1
    assert not session.exec(select(Observation).where(Observation.party_id == party.id)).all()
    (row,) = _corrections(session, party.id)
    assert (row.action, row.field_name, row.old_value, row.new_value, row.outcome) == (
        "reject", "party", "John Q Sample", None, "saved")
    (event,) = session.exec(select(IdentityEvent).where(
        IdentityEvent.identity_id == identity.id, IdentityEvent.kind == "relinked")).all()
    assert "rejected in review by rita: no longer traced" in (event.detail or "")


def test_a_stale_or_locked_reject_is_refused_and_recorded_as_a_conflict(session):
    document = add_document(session)
    identity, party = add_debtor(session, document)
    stale = reject_party(session, party.id, user="rita", expected_version=party.version + 1)
    assert not stale.saved and stale.conflict and "after you opened it" in stale.message
    document.lock_user, document.lock_expires_at = "sam", utcnow() + timedelta(minutes=10)
    session.add(document)
    session.flush()
    locked = reject_party(session, party.id, user="rita", expected_version=party.version)
    assert not locked.saved and "sam is reviewing this document" in locked.message
    session.refresh(party)
    assert (party.status, party.identity_id) == ("extracted", identity.id)
    assert [(c.action, c.outcome) for c in _corrections(session, party.id)] == [
        ("reject", "conflict"), ("reject", "conflict")]


def test_relinking_another_party_does_not_link_the_rejected_one_again(session):
    document = add_document(session)
    _, rejected = add_debtor(session, document)
    _, other = add_debtor(session, document, "Mary Ann Example",
                          address="9 Pine Rd, Madison, WI 53703", phone="+16085550101")
    assert reject_party(session, rejected.id, user="rita",
                        expected_version=rejected.version).saved
    values = PartyValues.of(other)
    fixed = replace(values, phones=("+16085550199",))
    assert save_party(session, other.id, user="rita", expected_version=other.version,
                      values=fixed).saved
    session.refresh(rejected)
    session.refresh(other)
    assert other.identity_id is not None
    assert rejected.identity_id is None, "linking the document picked the rejected party up"
    assert not session.exec(select(Observation).where(Observation.party_id == rejected.id)).all()


def test_saving_a_rejected_party_brings_it_back_into_skip_tracing(session):
    document = add_document(session)
    _, party = add_debtor(session, document)
    assert reject_party(session, party.id, user="rita", expected_version=party.version).saved
    session.refresh(party)
    result = save_party(session, party.id, user="rita", expected_version=party.version,
                        values=PartyValues.of(party))
    assert result.saved, result.message
    session.refresh(party)
    assert party.status == "accepted" and party.identity_id is not None
    assert session.exec(select(Observation).where(Observation.party_id == party.id)).all()


def test_document_done_accepts_the_open_parties_with_audit_rows(session):
    document = add_document(session, fields=[("case_number", "24SC00891", 0.5)])
    _, open_party = add_debtor(session, document)
    seen = open_party.version
    _, rejected = add_debtor(session, document, "Mary Ann Example")
    assert reject_party(session, rejected.id, user="rita",
                        expected_version=rejected.version).saved
    refused = finish_document(session, document.id, "rita")
    assert not refused.saved and "still open" in refused.message
    session.refresh(open_party)
    assert (open_party.status, open_party.version) == ("extracted", seen)
    field = session.exec(select(ExtractedFieldRow)
                         .where(ExtractedFieldRow.document_id == document.id)).one()
    assert save_field(session, field.id, user="rita", action="accept",
                      expected_version=field.version).saved
    done = finish_document(session, document.id, "rita")
    assert done.saved and "1 open party accepted" in done.message
    session.refresh(open_party)
    session.refresh(rejected)
    assert (open_party.status, open_party.version, open_party.reviewed_by) == (
        "accepted", seen + 1, "rita")
    assert rejected.status == "rejected"
    assert [(c.action, c.user) for c in _corrections(session, open_party.id)] == [
        ("accept", "rita")]
    assert session.get(Document, document.id).review_status == "reviewed"
    stale = save_party(session, open_party.id, user="rita", expected_version=seen,
                       values=PartyValues.of(open_party))
    assert not stale.saved and stale.conflict


def _reextract_after_reject(db_url: str, tmp_path: Path) -> int:
    """Ingest a placement, reject its debtor, extract it again; the rejected party's id.
    The rejected party stays rejected, and the page's reading of it is not stored as a
    new party."""
    from models.db import get_engine
    from pipeline.batches import ingest_paths
    from pipeline.processing import process_document
    from tests.intake.builders import text_pdf_bytes, write
    from tests.pipeline.test_batches import _documents

    placement = ["ACCOUNT PLACEMENT", "Creditor: ACME FUNDING LLC",
                 "Balance Due: $1,250.00", "Debtor: HAROLD P WINSLOW",
                 "Address: 41 Orchard Lane, Springfield, IL 62704", "Phone: (217) 555-0142"]
    ingest_paths([write(tmp_path / "a.pdf", text_pdf_bytes(placement))], url=db_url)
    (document,) = _documents(db_url)
    engine = get_engine(db_url)
    with Session(engine) as session:
        parties = session.exec(select(Party).where(Party.document_id == document.id)).all()
        (party,) = [p for p in parties if p.role == "debtor"]
        assert party.identity_id is not None, "the fixture debtor must be linked"
        party_id, name, count_before = stored_id(party), party.name, len(parties)
        assert reject_party(session, party_id, user="rita",
                            expected_version=party.version).saved
        session.commit()
    process_document(stored_id(document), url=db_url)
    with Session(engine) as session:
        after = session.exec(select(Party).where(Party.document_id == document.id)).all()
        kept = session.get(Party, party_id)
        assert kept is not None
        assert (kept.name, kept.status) == (name, "rejected")
        assert len(after) == count_before
        assert [p.id for p in after if p.name == name] == [party_id]
    return party_id


def test_reextraction_does_not_bring_a_rejected_party_back(db_url, tmp_path: Path):
    party_id = _reextract_after_reject(db_url, tmp_path)
    from models.db import get_engine

    with Session(get_engine(db_url)) as session:
        kept = session.get(Party, party_id)
        assert kept is not None and kept.status == "rejected"


def test_reextraction_leaves_a_rejected_party_unlinked(db_url, tmp_path: Path):
    from models.db import get_engine

    party_id = _reextract_after_reject(db_url, tmp_path)
    with Session(get_engine(db_url)) as session:
        kept = session.get(Party, party_id)
        assert kept is not None and kept.identity_id is None
