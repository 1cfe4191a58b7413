from __future__ import annotations

from review import saves
from tests.workbench.conftest import add_document
from workbench import overview


def test_field_outcomes_show_where_reviewers_change_values(session):
    document = add_document(session)
    fields = {f.name: f for f in saves.document_fields(session, document.id)}
    saves.save_field(session, fields["amount_due"].id, user="r", action="correct",
                      expected_version=0, new_value="1.00")
    saves.save_field(session, fields["filing_date"].id, user="r", action="accept",
                      expected_version=0)
    table = overview.field_outcomes(session)
    assert table.loc["amount_due", "changed share"] == 1.0
    assert table.loc["filing_date", "changed share"] == 0.0
    assert table.loc["case_number", "extracted"] == 1


def test_documents_by_status_and_type_and_throughput(session):
    add_document(session, doc_type="judgment")
    add_document(session, name="q.pdf", status="queued")
    table = overview.documents_by_status_and_type(session)
    assert table.loc["extracted", "judgment"] == 1
    assert table.loc["total", "total"] == 2
    per_day = overview.throughput(session)
    assert len(per_day) == overview.THROUGHPUT_DAYS
    assert per_day["uploaded"].iloc[-1] == 2
