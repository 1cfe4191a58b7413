from datetime import date

from sqlmodel import select

from models.tables import Party
from skiptrace.incremental_link import link_new_parties
from skiptrace.relink import relink_all
from tests.skiptrace.linking_people import JOHN, MARIA


def test_relink_all_keeps_identity_ids_stable(session, file_document):
    file_document("placement", date(2019, 3, 1), MARIA, JOHN)
    link_new_parties(session)
    before = {p.id: p.identity_id for p in session.exec(select(Party))}
    counts = relink_all(session)
    after = {p.id: p.identity_id for p in session.exec(select(Party))}
    assert before == after
    assert counts["created"] == 0 and counts["moved"] == 0
