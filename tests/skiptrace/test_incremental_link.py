from datetime import date

from sqlmodel import select

from models.tables import Identity, Observation
from skiptrace.incremental_link import link_new_parties
from tests.skiptrace.linking_people import JOHN, MARIA, MARIA_LATER, OTHER_MARIA
from tests.skiptrace.linking_people import identity_of as _identity_of


def test_link_new_parties_links_the_same_person_across_documents(session, file_document):
    _doc1, (maria, creditor) = file_document(
        "placement", date(2019, 3, 1), MARIA, {"role": "creditor", "name": "LVNV Funding LLC"})
    assert link_new_parties(session) == 1
    _doc2, (maria_again, other, john) = file_document("judgment", date(2025, 2, 1), MARIA_LATER,
                                                      OTHER_MARIA, JOHN)
    assert link_new_parties(session, [_doc2.id]) == 3
    assert _identity_of(session, maria) == _identity_of(session, maria_again)
    assert _identity_of(session, other) != _identity_of(session, maria)
    assert _identity_of(session, john) not in (maria.identity_id, other.identity_id)
    assert _identity_of(session, creditor) is None
    assert link_new_parties(session) == 0
    observations = session.exec(select(Observation).where(
        Observation.identity_id == maria.identity_id, Observation.kind == "address")).all()
    assert {o.observed_on for o in observations} == {date(2019, 3, 1), date(2025, 2, 1)}
    assert {o.source_type for o in observations} == {"placement", "judgment"}


def test_a_party_matching_two_identities_merges_them_keeping_the_older(session, file_document):
    from models.tables import ExtractedFieldRow

    def with_fields(document, **fields):
        for name, value in fields.items():
            session.add(ExtractedFieldRow(document_id=document.id, name=name, value=value,
                                          confidence=0.99))
        session.flush()

    letter, (from_letter,) = file_document("collection_letter", date(2023, 9, 12), {
        "name": "Maria Garcia", "addresses": ["PO Box 90287, Chicago, IL 60623"]})
    with_fields(letter, account_number="XXXXXXXXXXXX3837")
    link_new_parties(session)
    summons, (from_summons,) = file_document("summons", date(2024, 11, 3),
                                             {"name": "MARIA P. GARCIA"})
    with_fields(summons, case_number="2024-CV-659925")
    link_new_parties(session)
    older, newer = _identity_of(session, from_letter), _identity_of(session, from_summons)
    assert older < newer  # a name alone was not enough to join them
    complaint, (from_complaint,) = file_document("complaint", date(2024, 11, 4), {
        "name": "Maria Priscilla Garcia", "addresses": ["PO Box 90287, Chicago, IL 60623"]})
    with_fields(complaint, case_number="2024-CV-659925", account_number="XXXX-3837")
    link_new_parties(session)
    assert {_identity_of(session, p) for p in (from_letter, from_summons, from_complaint)} == {
        older}
    retired = session.get(Identity, newer)
    assert retired.status == "merged" and retired.merged_into == older
