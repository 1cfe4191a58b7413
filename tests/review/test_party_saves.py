"""Party review on a real database: audited saves, stale and locked saves refused, values
read with the project's parsers, full SSNs refused, corrected and added parties relinked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from models.tables import (
    Correction,
    Document,
    ExtractedFieldRow,
    IdentityEvent,
    Observation,
    Party,
    utcnow,
)
from review.party_saves import add_party, document_parties, save_party
from review.party_values import PartyValues, read_party_values, with_contact
from review.saves import save_field
from review.typed_values import InvalidValue
from tests.workbench.conftest import add_debtor, add_document

FULL_SSNS = ("123-45-6789", "123456789", "SSN 123 45 6789")


def _values(party: Party, **changes: str) -> PartyValues:
    boxes = {"role": party.role, "name": party.name, "addresses": "\n".join(party.addresses),
             "phones": "\n".join(party.phones), "emails": "\n".join(party.emails),
             "dob": party.dob or "", "ssn_last4": party.ssn_last4 or ""}
    return read_party_values(**(boxes | changes))


def test_party_values_are_read_with_the_project_parsers():
    values = read_party_values(role="debtor", name="  John   Q Sample ",
                               addresses="12 Oak St, Springfield, IL 62704\n",
                               phones="(217) 555-0143; 414.205.4039 (mobile)",
                               emails="John.Sample@Example.com", dob="April 9, 1981",
                               ssn_last4="***-**-4821")
    assert values.name == "John Q Sample"
    assert values.phones == ("+12175550143", "+14142054039 (mobile)")
    assert values.emails == ("john.sample@example.com",)
    assert values.dob == "1981-04-09" and values.ssn_last4 == "4821"


@pytest.mark.parametrize(("boxes", "message"), [
    ({"phones": "555-0143"}, "not a valid phone number"),
    ({"dob": "the ninth of never"}, "not a date"),
    ({"dob": "2090-01-01"}, "not a possible date of birth"),
    ({"emails": "john at example"}, "not an e-mail address"),
    ({"ssn_last4": "48"}, "exactly the last four digits"),
    ({"role": "judge"}, "not a party role"),
    ({"name": "  "}, "needs a name"),
])
def test_party_values_refuse_what_cannot_be_read(boxes, message):
    with pytest.raises(InvalidValue, match=message):
        read_party_values(**({"role": "debtor", "name": "John Q Sample"} | boxes))


@pytest.mark.parametrize("box", ["name", "addresses", "phones", "emails", "dob", "ssn_last4"])
@pytest.mark.parametrize("ssn", FULL_SSNS)
def test_a_full_ssn_in_any_party_box_is_refused_without_echoing_it(box, ssn):
    with pytest.raises(InvalidValue) as refused:
        read_party_values(**({"role": "debtor", "name": "John Q Sample"} | {box: ssn}))
    assert "full SSN" in refused.value.message
    assert "6789" not in str(refused.value) and "45" not in str(refused.value)


def test_a_full_ssn_typed_as_a_field_value_is_refused_and_never_stored(session):
    document = add_document(session)
    row = session.exec(select(ExtractedFieldRow).where(
        ExtractedFieldRow.document_id == document.id)).first()
    result = save_field(session, row.id, user="rita", action="correct",
                        expected_version=row.version, new_value="123-45-6789")
    assert not result.saved and "full SSN" in result.message and "6789" not in result.message
    assert not [c for c in session.exec(select(Correction)).all()
                if "6789" in (c.new_value or "")]


def test_correcting_a_phone_is_audited_versioned_and_relinked(session):
    document = add_document(session)
    identity, party = add_debtor(session, document)
    version = party.version
    result = save_party(session, party.id, user="rita", expected_version=version,
                        values=_values(party, phones="(414) 205-4039"))
    assert result.saved, result.message
    session.refresh(party)
    assert party.phones == ["+14142054039"] and party.version == version + 1
    assert party.status == "corrected" and party.reviewed_by == "rita"
    audit = session.exec(select(Correction).where(Correction.party_id == party.id)).all()
    assert [(c.field_name, c.old_value, c.new_value, c.outcome) for c in audit] == [
        ("party.phones", "+12175550143", "+14142054039", "saved")]
    assert party.identity_id == identity.id  # the same person: its identity id stays
    session.refresh(identity)
    assert identity.status == "active"
    phones = session.exec(select(Observation.normalized).where(
        Observation.party_id == party.id, Observation.kind == "phone")).all()
    assert phones == ["+14142054039"]  # the old phone's observation is gone
    assert session.get(Document, document.id).version == 1


def test_an_unchanged_save_is_an_accept(session):
    document = add_document(session)
    _, party = add_debtor(session, document)
    result = save_party(session, party.id, user="rita", expected_version=party.version,
                        values=_values(party))
    assert result.saved and "accepted" in result.message
    audit = session.exec(select(Correction).where(Correction.party_id == party.id)).one()
    assert (audit.field_name, audit.action) == ("party", "accept")


def test_a_stale_party_save_is_refused_and_recorded_as_a_conflict(session):
    document = add_document(session)
    _, party = add_debtor(session, document)
    seen = party.version
    assert save_party(session, party.id, user="ada", expected_version=seen,
                      values=_values(party, name="John Quincy Sample")).saved
    session.refresh(party)
    late = save_party(session, party.id, user="rita", expected_version=seen,
                      values=_values(party, name="Jon Q Sample"))
    assert not late.saved and late.conflict and "Reload" in late.message
    session.refresh(party)
    assert party.name == "John Quincy Sample"
    conflicts = session.exec(select(Correction).where(Correction.outcome == "conflict")).all()
    assert [(c.user, c.party_id) for c in conflicts] == [("rita", party.id)]


def test_a_party_save_is_refused_while_someone_else_holds_the_lock(session):
    document = add_document(session)
    _, party = add_debtor(session, document)
    document.lock_user, document.lock_expires_at = "ada", utcnow() + timedelta(minutes=10)
    session.add(document)
    session.flush()
    result = save_party(session, party.id, user="rita", expected_version=party.version,
                        values=_values(party, name="Jon Sample"))
    assert not result.saved and "ada is reviewing" in result.message
    session.refresh(party)
    assert party.name == "John Q Sample"


def test_an_added_party_is_audited_and_joins_the_person_it_matches(session):
    first = add_document(session, name="first.pdf")
    identity, _ = add_debtor(session, first)
    second = add_document(session, name="second.pdf")
    values = read_party_values(role="debtor", name="John Q Sample", dob="1981-04-09",
                               addresses="12 Oak St, Springfield, IL 62704",
                               phones="(217) 555-0143", ssn_last4="4821")
    result = add_party(session, second.id, user="rita", values=values, page=1,
                       bbox=[72, 92, 200, 102], expected_document_version=second.version)
    assert result.saved, result.message
    added = session.get(Party, result.party_id)
    assert added.status == "added" and added.extractor == "reviewer" and added.version == 1
    assert added.identity_id == identity.id, "the added debtor did not join its person"
    audit = {c.field_name: c.new_value for c in session.exec(
        select(Correction).where(Correction.party_id == added.id)).all()}
    assert audit["party.name"] == "John Q Sample" and audit["party.phones"] == "+12175550143"
    assert f"identity #{identity.id}" in result.message


def test_an_added_party_on_a_stale_document_is_refused(session):
    document = add_document(session)
    values = read_party_values(role="debtor", name="Mary Roe")
    result = add_party(session, document.id, user="rita", values=values, page=1,
                       bbox=[1, 2, 3, 4], expected_document_version=document.version - 1)
    assert not result.saved and result.conflict
    assert session.exec(select(Party).where(Party.name == "Mary Roe")).first() is None


def test_a_party_that_is_no_longer_a_person_leaves_its_identity(session):
    document = add_document(session)
    identity, party = add_debtor(session, document)
    result = save_party(session, party.id, user="rita", expected_version=party.version,
                        values=_values(party, role="creditor", name="Sample Funding LLC"))
    assert result.saved and "not traced" in result.message
    session.refresh(party)
    session.refresh(identity)
    assert party.identity_id is None and identity.status == "retired"
    events = session.exec(select(IdentityEvent).where(
        IdentityEvent.identity_id == identity.id, IdentityEvent.kind == "relinked")).all()
    assert len(events) == 1 and "no longer traced" in events[0].detail
    assert not session.exec(select(Observation).where(Observation.party_id == party.id)).all()


def test_a_renamed_party_moves_to_the_person_it_now_matches(session):
    mary_doc = add_document(session, name="mary.pdf")
    mary, _ = add_debtor(session, mary_doc, "Mary Ann Roe",
                         address="400 Pine Ave, Peoria, IL 61602", phone="+13095550177")
    mary_party = session.exec(select(Party).where(Party.identity_id == mary.id)).one()
    mary_party.dob, mary_party.ssn_last4 = "1975-02-11", "1234"
    session.add(mary_party)
    document = add_document(session, name="misread.pdf")
    misread, party = add_debtor(session, document, "John Q Sample")
    values = read_party_values(role="debtor", name="Mary Ann Roe", dob="1975-02-11",
                               addresses="400 Pine Ave, Peoria, IL 61602",
                               phones="(309) 555-0177", ssn_last4="1234")
    result = save_party(session, party.id, user="rita", expected_version=party.version,
                        values=values)
    assert result.saved, result.message
    session.refresh(party)
    assert party.identity_id == mary.id
    session.refresh(misread)
    assert misread.status == "retired"


def test_with_contact_adds_one_checked_value(session):
    document = add_document(session)
    _, party = add_debtor(session, document)
    values = with_contact(PartyValues.of(party), "phones", "414 205 4039")
    assert values.phones == ("+12175550143", "+14142054039")
    assert with_contact(values, "phones", "+14142054039") == values
    with pytest.raises(InvalidValue, match="full SSN"):
        with_contact(values, "addresses", "123-45-6789")


def test_document_parties_come_in_reading_order(session):
    document = add_document(session)
    session.add(Party(document_id=document.id, role="creditor", name="Lower", page=1,
                      bbox=[0, 300, 10, 310]))
    session.add(Party(document_id=document.id, role="debtor", name="Upper", page=1,
                      bbox=[0, 100, 10, 110]))
    session.flush()
    assert [p.name for p in document_parties(session, document.id)] == ["Upper", "Lower"]


def test_identity_left_in_use_is_not_retired(session):
    first = add_document(session, name="a.pdf")
    identity, _ = add_debtor(session, first)
    second = add_document(session, name="b.pdf")
    _, other = add_debtor(session, second, identity=identity)
    result = save_party(session, other.id, user="rita", expected_version=other.version,
                        values=_values(other, role="attorney", name="Pat Counsel Esq"))
    assert result.saved
    session.refresh(identity)
    assert identity.status == "active"
    events = session.exec(select(IdentityEvent).where(IdentityEvent.identity_id == identity.id)
                          ).all()
    assert any("no longer traced" in e.detail for e in events)


@pytest.mark.parametrize(("picked", "box"), [
    ("MARY ANN ROE,", "name"), ("(309) 555-0177", "phones"),
    ("400 Pine Ave, Peoria, IL 61602", "addresses"), ("04/09/1981", "dob"),
    ("Mary.Roe@Example.com", "emails"), ("***-**-4821", "ssn_last4"),
])
def test_picked_words_are_offered_for_the_box_they_read_as(picked, box):
    from review.party_values import guess_attribute

    assert guess_attribute(picked) == box
