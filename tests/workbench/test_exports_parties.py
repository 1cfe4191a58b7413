"""CRM exports leave rejected parties out, on a real (SQLite) database."""

from __future__ import annotations

from models.tables import Party
from review.party_reject import reject_party
from tests.workbench.conftest import add_debtor, add_document
from workbench import exports
from workbench.exports import ExportFilters

ALL = ExportFilters(include_unreviewed=True)


def test_a_rejected_debtor_is_left_out_of_case_and_debtor_exports(session):
    first = add_document(session, name="first.pdf")
    second = add_document(session, name="second.pdf")
    identity, kept = add_debtor(session, first)
    _, wrong = add_debtor(session, second, identity=identity)
    before = exports.debtors_frame(session, ALL)
    assert list(before["documents"]) == [2]
    assert reject_party(session, wrong.id, user="rita", expected_version=wrong.version).saved
    debtors = exports.debtors_frame(session, ALL)
    assert list(debtors["identity_id"]) == [identity.id] and list(debtors["documents"]) == [1]
    cases = exports.cases_frame(session, ALL).set_index("file_name")
    assert cases.loc["first.pdf", "debtors"] == kept.name
    assert cases.loc["second.pdf", "debtors"] == ""
    assert cases.loc["second.pdf", "debtor_identity_ids"] == ""


def test_a_rejected_party_stays_out_even_if_skip_tracing_linked_it_again(session):
    """Skip tracing links unlinked person parties whatever their status; the export does
    not rely on the rejected party being unlinked."""
    document = add_document(session)
    _, party = add_debtor(session, document)
    party.status = "rejected"
    session.add(party)
    session.flush()
    assert session.get(Party, party.id).identity_id is not None
    assert exports.debtors_frame(session, ALL).empty
    assert exports.cases_frame(session, ALL).iloc[0]["debtors"] == ""
