from __future__ import annotations

import io
import json
from datetime import date

import openpyxl
from sqlmodel import select

from models.tables import ExtractedFieldRow
from review import saves
from tests.workbench.conftest import add_debtor, add_document
from workbench import exports


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
    row = exports.cases_frame(session).iloc[0]
    assert (row["amount_due"], row["filing_date"], row["case_number"]) == (
        "99.10", "", "24SC00891")


def test_debtors_frame_has_best_address_phone_and_last_four_only(session):
    old = add_document(session, name="old.pdf")
    new = add_document(session, name="new.pdf")
    identity, _ = add_debtor(session, old, address="1 Old Rd, Springfield, IL 62704",
                             observed_on=date(2020, 1, 1))
    add_debtor(session, new, identity=identity)
    frame = exports.debtors_frame(session)
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
    debtors = exports.debtors_frame(session)
    csv_text = exports.to_csv_bytes(debtors).decode()
    assert "'=HYPERLINK" in csv_text
    workbook = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx_bytes(
        {"debtors": debtors, "cases": exports.cases_frame(session)})))
    assert workbook.sheetnames == ["debtors", "cases"]
    header = [c.value for c in workbook["cases"][1]]
    amount = workbook["cases"][2][header.index("amount_due")].value
    assert amount == "1234.56"
    assert workbook["debtors"][2][1].value.startswith("'=")
