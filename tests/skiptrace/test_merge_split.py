from datetime import date

import pytest
from sqlmodel import select

from models.tables import Identity, IdentityEvent, LinkDecision
from skiptrace.incremental_link import link_new_parties
from skiptrace.merge_split import IdentityError, merge_identities, split_identity
from skiptrace.relink import relink_all
from tests.skiptrace.linking_people import MARIA, MARIA_LATER, OTHER_MARIA
from tests.skiptrace.linking_people import identity_of as _identity_of


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
