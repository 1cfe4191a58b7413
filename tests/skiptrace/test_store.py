from datetime import date

import pytest
from sqlmodel import select

from models.tables import Identity, IdentityEvent, LinkDecision, Observation, Party
from skiptrace.store import (
    IdentityError,
    link_new_parties,
    merge_identities,
    relink_all,
    split_identity,
)

MARIA = {"name": "Maria L. Gonzalez", "dob": "1981-04-09", "ssn_last4": "4821",
         "addresses": ["1420 W Elm St Apt 3B, Springfield, IL 62704"],
         "phones": ["+12175550143"]}
MARIA_LATER = {"name": "GONZALEZ, MARIA", "dob": "04/09/1981",
               "addresses": ["88 Lake Shore Dr, Chicago, IL 60611"], "phones": ["+12175550143"]}
OTHER_MARIA = {"name": "Maria Gonzalez", "dob": "1990-12-01", "ssn_last4": "1111",
               "addresses": ["5 Pine Rd, Tulsa, OK 74101"]}
JOHN = {"name": "John Quarshie", "dob": "1970-05-06", "ssn_last4": "7777",
        "addresses": ["9 Oak Ave, Peoria, IL 61602"]}


def _identity_of(session, party):
    session.refresh(party)
    return party.identity_id


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


def test_garnishment_employer_is_an_employer_observation(session, file_document):
    document, (debtor, _employer) = file_document(
        "garnishment", date(2024, 6, 1), JOHN,
        {"role": "garnishee", "name": "Acme Widgets Inc",
         "addresses": ["100 Industrial Pkwy, Peoria, IL 61604"]})
    link_new_parties(session)
    kinds = {(o.kind, o.normalized) for o in session.exec(
        select(Observation).where(Observation.identity_id == _identity_of(session, debtor)))}
    assert ("employer", "100 industrial pkwy, peoria, il 61604") in kinds
    assert ("address", "100 industrial pkwy, peoria, il 61604") not in kinds


def test_relink_all_keeps_identity_ids_stable(session, file_document):
    file_document("placement", date(2019, 3, 1), MARIA, JOHN)
    link_new_parties(session)
    before = {p.id: p.identity_id for p in session.exec(select(Party))}
    counts = relink_all(session)
    after = {p.id: p.identity_id for p in session.exec(select(Party))}
    assert before == after
    assert counts["created"] == 0 and counts["moved"] == 0


def test_manual_split_survives_relink_and_records_origin(session, file_document):
    _d1, (maria,) = file_document("placement", date(2019, 3, 1), MARIA)
    _d2, (maria_again,) = file_document("judgment", date(2025, 2, 1), MARIA_LATER)
    link_new_parties(session)
    identity_id = _identity_of(session, maria)
    assert _identity_of(session, maria_again) == identity_id
    new_id = split_identity(session, identity_id, [maria_again.id], user="ann",
                            reason="different person per phone call")
    assert new_id != identity_id
    relink_all(session)
    assert _identity_of(session, maria) == identity_id
    assert _identity_of(session, maria_again) == new_id
    event = session.exec(select(IdentityEvent).where(IdentityEvent.identity_id == new_id)).one()
    assert event.kind == "split" and event.other_identity_id == identity_id
    decision = session.exec(select(LinkDecision)).one()
    assert decision.kind == "split" and decision.user == "ann"


def test_manual_merge_survives_relink_and_keeps_the_chosen_id(session, file_document):
    _d1, (maria, other) = file_document("placement", date(2019, 3, 1), MARIA, OTHER_MARIA)
    link_new_parties(session)
    keep, gone = _identity_of(session, maria), _identity_of(session, other)
    assert keep != gone
    merge_identities(session, keep, gone, user="ann", reason="same person, confirmed")
    relink_all(session)
    assert _identity_of(session, maria) == _identity_of(session, other) == keep
    assert session.get(Identity, gone).status == "merged"
    assert session.get(Identity, gone).merged_into == keep


def test_merge_and_split_reject_bad_requests(session, file_document):
    _d1, (maria,) = file_document("placement", date(2019, 3, 1), MARIA)
    link_new_parties(session)
    identity_id = _identity_of(session, maria)
    with pytest.raises(IdentityError):
        merge_identities(session, identity_id, identity_id, user="ann", reason="")
    with pytest.raises(IdentityError):
        split_identity(session, identity_id, [maria.id], user="ann", reason="")
    with pytest.raises(IdentityError):
        split_identity(session, 999, [1], user="ann", reason="")


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
