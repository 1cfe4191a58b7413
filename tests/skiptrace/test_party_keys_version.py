"""Stored keys made by other blocking keys are rewritten on the next link, not trusted."""

from datetime import date

from sqlmodel import select

from models.tables import PartyKey
from skiptrace.incremental_link import link_new_parties
from skiptrace.party_keys import KEYS_VERSION, TF_PREFIX, has_keys
from tests.skiptrace.linking_people import JOHN, MARIA

MARIA_MOVED = {"name": "GONZALEZ, MARIA", "dob": "04/09/1981",
               "addresses": ["88 Lake Shore Dr, Chicago, IL 60611"]}


def test_keys_from_older_blocking_keys_are_rewritten_on_the_next_link(session, file_document):
    _d1, (maria, _john) = file_document("placement", date(2019, 3, 1), MARIA, JOHN)
    link_new_parties(session)
    assert has_keys(session)
    # what a database linked before the keys changed holds: other key names, no version
    for row in session.exec(select(PartyKey)).all():
        if row.key == KEYS_VERSION:
            session.delete(row)
        elif not row.key.startswith(TF_PREFIX):
            row.key = f"old.{row.key}"
    session.flush()
    assert not has_keys(session)
    _d2, (moved,) = file_document("judgment", date(2025, 2, 1), MARIA_MOVED)
    link_new_parties(session, [_d2.id])
    session.refresh(maria)
    session.refresh(moved)
    assert moved.identity_id == maria.identity_id
    assert has_keys(session)
    stored = session.exec(select(PartyKey.key).where(PartyKey.party_id == maria.id)).all()
    assert not any(key.startswith("old.") for key in stored)
