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
    assert table.loc["case_number", "to review"] == 1


def test_documents_by_status_and_type_and_throughput(session):
    add_document(session, doc_type="judgment")
    add_document(session, name="q.pdf", status="queued")
    table = overview.documents_by_status_and_type(session)
    assert table.loc["extracted", "judgment"] == 1
    assert table.loc["total", "total"] == 2
    per_day = overview.throughput(session)
    assert len(per_day) == overview.THROUGHPUT_DAYS
    assert per_day["uploaded"].iloc[-1] == 2


def test_statuses_read_as_plain_words(session):
    document = add_document(session)
    add_document(session, name="q.pdf", status="queued")
    fields = {f.name: f for f in saves.document_fields(session, document.id)}
    saves.save_field(session, fields["filing_date"].id, user="r", action="not_in_document",
                     expected_version=0)
    columns = list(overview.field_outcomes(session).columns)
    assert "not in document" in columns and "auto-accepted" in columns
    assert not [c for c in columns if "_" in c]


def test_overview_page_shows_plain_words(database_url, monkeypatch):
    from tests.workbench.test_app_review import signed_in_app
    from workbench.db import db_session

    monkeypatch.setenv("CASETRACE_WORKBENCH_WORKER", "0")
    with db_session() as db:
        add_document(db, fields=[("case_number", "1", 0.99), ("amount_due", "2.00", 0.5)])
    app = signed_in_app("ada", "admin")
    app.switch_page("workbench/pages/overview.py")
    app.run()
    assert not app.exception, app.exception
    tables = [frame.value for frame in app.dataframe]
    shown = {str(c) for table in tables for c in table.columns}
    assert "to review" in shown and "auto-accepted" in shown
    assert not {"auto_accepted", "not_in_document", "extracted"} & shown
