from __future__ import annotations

import io
import json
from datetime import date

import openpyxl
from sqlmodel import select

from models.tables import Batch, Document, ExtractedFieldRow
from review import saves
from tests.workbench.conftest import add_debtor, add_document
from workbench import exports
from workbench.exports import ExportFilters

ALL = ExportFilters(include_unreviewed=True)


def _reviewed(session, document: Document) -> Document:
    document.review_status = "reviewed"
    session.add(document)
    session.flush()
    return document


def test_cases_frame_prefers_the_reviewers_value_and_drops_rejected(session):
    document = add_document(session)
    fields = {f.name: f for f in session.exec(select(ExtractedFieldRow)).all()}
    saves.save_field(session, fields["amount_due"].id, user="rita", action="correct",
                      expected_version=0, new_value="99.10")
    saves.save_field(session, fields["filing_date"].id, user="rita", action="reject",
                      expected_version=0)
    session.add(ExtractedFieldRow(document_id=document.id, name="amount_due", value="5.00",
                                  confidence=0.99, bbox=[]))
    session.flush()
    row = exports.cases_frame(session, ALL).iloc[0]
    assert (row["amount_due"], row["filing_date"], row["case_number"]) == (
        "99.10", "", "24SC00891")


def test_debtors_frame_has_best_address_phone_and_last_four_only(session):
    old = add_document(session, name="old.pdf")
    new = add_document(session, name="new.pdf")
    identity, _ = add_debtor(session, old, address="1 Old Rd, Springfield, IL 62704",
                             observed_on=date(2020, 1, 1))
    add_debtor(session, new, identity=identity)
    frame = exports.debtors_frame(session, ALL)
    assert list(frame["identity_id"]) == [identity.id]
    row = frame.iloc[0]
    assert row["best_address"] == "12 Oak St, Springfield, IL 62704"
    assert (row["best_phone"], row["ssn_last4"], row["documents"]) == ("+12175550143", "4821", 2)
    assert row["case_numbers"] == "24SC00891"


def test_training_records_hold_only_fully_reviewed_documents(session):
    done = add_document(session, name="done.pdf")
    add_document(session, name="open.pdf")
    for field in saves.document_fields(session, done.id):
        saves.save_field(session, field.id, user="rita", action="accept",
                          expected_version=field.version)
    records = exports.training_records(session)
    assert [r["document_id"] for r in records] == [done.id]
    assert {c["action"] for c in records[0]["corrections"]} == {"accept"}
    assert records[0]["pages"][0]["words"][0]["text"] == "SUPERIOR"
    line = exports.to_jsonl(records).decode().splitlines()[0]
    assert json.loads(line)["document_id"] == done.id


def test_csv_and_xlsx_defuse_formulas_and_keep_amounts(session):
    document = add_document(session)
    add_debtor(session, document, name="=HYPERLINK(\"http://x\")")
    debtors = exports.debtors_frame(session, ALL)
    csv_text = exports.to_csv_bytes(debtors).decode()
    assert "'=HYPERLINK" in csv_text
    workbook = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx_bytes(
        {"debtors": debtors, "cases": exports.cases_frame(session, ALL)})))
    assert workbook.sheetnames == ["debtors", "cases"]
    header = [c.value for c in workbook["cases"][1]]
    amount = workbook["cases"][2][header.index("amount_due")].value
    assert amount == "1234.56"
    assert workbook["debtors"][2][1].value.startswith("'=")


def test_phones_stay_plain_e164_while_formulas_are_still_guarded(session):
    document = _reviewed(session, add_document(session))
    add_debtor(session, document, phone="+14142054039")
    other = _reviewed(session, add_document(session, name="other.pdf"))
    add_debtor(session, other, name="=1+2", phone="+14142054040")
    csv_text = exports.to_csv_bytes(exports.debtors_frame(session)).decode()
    assert ",+14142054039," in csv_text and "'+1414" not in csv_text
    assert "'=1+2" in csv_text
    frame = exports.defuse(exports.pd.DataFrame({"cell": [
        "+14142054039", "-12.50", "2024-03-03", "=SUM(A1)", "+cmd|' /C calc'!A0", "-2+3",
        "@SUM(1)", "+1 414 205"]}))
    assert list(frame["cell"]) == ["+14142054039", "-12.50", "2024-03-03", "'=SUM(A1)",
                                   "'+cmd|' /C calc'!A0", "'-2+3", "'@SUM(1)", "'+1 414 205"]
    workbook = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx_bytes(
        {"debtors": exports.debtors_frame(session)})))
    header = [c.value for c in workbook["debtors"][1]]
    phones = [row[header.index("best_phone")].value for row in workbook["debtors"].iter_rows(2)]
    assert phones == ["+14142054039", "+14142054040"]


def test_filters_change_the_rows_and_pending_documents_are_left_out(session):
    first, second = Batch(label="march"), Batch(label="april")
    session.add_all([first, second])
    session.flush()
    done = _reviewed(session, add_document(session, name="done.pdf", batch=first))
    add_document(session, name="open.pdf", batch=first)  # still to review
    judgment = _reviewed(session, add_document(session, name="judgment.pdf",
                                               doc_type="judgment", batch=second))
    judgment.created_at = done.created_at.replace(year=2023)
    session.add(judgment)
    session.flush()
    for document in (done, judgment):
        add_debtor(session, document, name=f"Debtor {document.file_name}")

    def names(filters=None):
        return list(exports.cases_frame(session, filters)["file_name"])

    assert names() == ["done.pdf", "judgment.pdf"]
    assert names(ALL) == ["done.pdf", "open.pdf", "judgment.pdf"]
    assert list(exports.cases_frame(session, ALL)["status"]) == [
        "reviewed", "to review", "reviewed"]
    assert names(ExportFilters(batch_id=second.id)) == ["judgment.pdf"]
    assert names(ExportFilters(doc_types=("complaint",))) == ["done.pdf"]
    assert names(ExportFilters(uploaded_from=done.created_at.date())) == ["done.pdf"]
    assert names(ExportFilters(uploaded_to=date(2023, 12, 31))) == ["judgment.pdf"]
    assert len(exports.debtors_frame(session)) == 2
    assert list(exports.debtors_frame(session, ExportFilters(batch_id=second.id))["name"]) == [
        "Debtor judgment.pdf"]
    assert ExportFilters(batch_id=2, uploaded_to=date(2024, 1, 2)).to_log() == {
        "name_contains": "", "doc_types": [], "include_unreviewed": False, "batch_id": 2,
        "uploaded_from": None, "uploaded_to": "2024-01-02"}


def test_export_page_logs_the_filters_and_leaves_pending_out_unless_asked(database_url):
    from review.purpose_log import PERMISSIBLE_PURPOSES
    from tests.workbench.test_app_review import signed_in_app
    from workbench.db import db_session

    with db_session() as session:
        done = _reviewed(session, add_document(session, name="done.pdf"))
        add_debtor(session, done, phone="+14142054039")
        add_debtor(session, add_document(session, name="open.pdf"), name="Pending Person")
    app = signed_in_app("ines", "investigator")
    app.switch_page("workbench/pages/export.py")
    app.run()
    app.selectbox(key="export_purpose").select(PERMISSIBLE_PURPOSES[0])
    app.run()
    next(b for b in app.button if b.key == "prepare_cases").click()
    app.run()
    app.checkbox(key="export_unreviewed").check()
    app.run()
    next(b for b in app.button if b.key == "prepare_cases").click()
    app.run()
    assert not app.exception, app.exception
    from models.tables import AccessLog
    with db_session() as session:
        rows = session.exec(select(AccessLog).where(AccessLog.action == "export")).all()
    assert [(r.row_count, r.filters["include_unreviewed"]) for r in rows] == [
        (1, False), (2, True)]
