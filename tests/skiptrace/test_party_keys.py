"""Blocking keys in the database: incremental linking loads only the parties that share one."""

from datetime import date

import numpy as np
from sqlmodel import delete, select

from models.tables import Party, PartyKey
from skiptrace.incremental_link import link_new_parties
from skiptrace.normalize import normalize_records
from skiptrace.party_keys import (
    TF_PREFIX,
    parties_sharing_keys,
    record_keys,
    stored_population,
    term_frequencies,
)
from skiptrace.records import PersonRecord
from skiptrace.relink import relink_all
from tests.skiptrace.linking_people import JOHN, MARIA

MARIA_MOVED = {"name": "GONZALEZ, MARIA", "dob": "04/09/1981",
               "addresses": ["88 Lake Shore Dr, Chicago, IL 60611"]}


def _keys_of(session, party_id: int) -> set[str]:
    return set(session.exec(select(PartyKey.key).where(PartyKey.party_id == party_id)).all())


def test_record_keys_hold_the_blocking_keys_and_the_names() -> None:
    table = normalize_records([PersonRecord("a", given_name="Maria", surname="Gonzalez",
                                            dob=date(1981, 4, 9), ssn_last4="4821",
                                            phone="+12175550143")])
    keys = record_keys(table)[0]
    assert "phone=+12175550143" in keys
    assert "ssn4+birth_year=4821|1981" in keys
    assert f"{TF_PREFIX}surname=gonzalez" in keys
    assert not any(key.endswith("=") for key in keys)


def test_linking_stores_keys_and_finds_only_parties_sharing_one(session, file_document):
    _d1, (maria, john) = file_document("placement", date(2019, 3, 1), MARIA, JOHN)
    link_new_parties(session)
    assert _keys_of(session, maria.id) and _keys_of(session, john.id)
    assert stored_population(session) == 2
    found = parties_sharing_keys(session, [_keys_of(session, maria.id)])
    assert found == {maria.id}


def test_a_moved_debtor_joins_through_the_stored_keys(session, file_document):
    _d1, (maria, _john) = file_document("placement", date(2019, 3, 1), MARIA, JOHN)
    link_new_parties(session)
    _d2, (moved,) = file_document("judgment", date(2025, 2, 1), MARIA_MOVED)
    link_new_parties(session, [_d2.id])
    session.refresh(maria)
    session.refresh(moved)
    assert moved.identity_id == maria.identity_id
    assert _keys_of(session, moved.id)


def test_keys_are_rebuilt_for_a_database_linked_before_there_were_keys(session, file_document):
    _d1, (maria, _john) = file_document("placement", date(2019, 3, 1), MARIA, JOHN)
    link_new_parties(session)
    session.exec(delete(PartyKey))
    session.flush()
    _d2, (moved,) = file_document("judgment", date(2025, 2, 1), MARIA_MOVED)
    link_new_parties(session, [_d2.id])
    session.refresh(moved)
    assert moved.identity_id == maria.identity_id
    assert stored_population(session) == 3


def test_relink_all_rewrites_every_key(session, file_document):
    file_document("placement", date(2019, 3, 1), MARIA, JOHN)
    link_new_parties(session)
    before = sorted(session.exec(select(PartyKey.party_id, PartyKey.key)).all())
    relink_all(session)
    after = sorted(session.exec(select(PartyKey.party_id, PartyKey.key)).all())
    assert before == after


def test_term_frequencies_count_stored_names_and_the_new_ones(session, file_document):
    file_document("placement", date(2019, 3, 1), MARIA, JOHN)
    link_new_parties(session)
    people = session.exec(select(Party).order_by(Party.id)).all()
    table = normalize_records([PersonRecord("new", given_name="Maria", surname="Gonzalez"),
                               PersonRecord("old", given_name="John", surname="Quarshie")])
    frequencies = term_frequencies(session, table, np.array([True, False]), population=3)
    surname = frequencies[1]
    assert len(people) == 2
    assert surname.tolist() == [2 / 3, 1 / 3]  # the stored Gonzalez and the new one; Quarshie
