from datetime import date

from sqlmodel import select

from models.tables import Observation
from skiptrace.incremental_link import link_new_parties
from tests.skiptrace.linking_people import JOHN
from tests.skiptrace.linking_people import identity_of as _identity_of


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
