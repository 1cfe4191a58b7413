"""Parties of key/value sheets in arrangements the generator does not draw (issue #11):
a row of labels over a row of values that prints the debtor's e-mail beside their name, a
title whose words read as a label and a heading, two columns whose headings share a row,
labels printed after their values. Pages are built in code (``builders``)."""

from __future__ import annotations

import pytest

from core.lines import Line
from extraction.kv_pairs import page_pairs
from extraction.pipeline import document_lines, extract_document
from tests.extraction.builders import document, page


def _lines(*placed: tuple[float, float, str]) -> list[Line]:
    return document_lines(document(page(*placed)))[0]


def _sheet(*placed: tuple[float, float, str], doc_type: str = "placement"):
    return extract_document(document(page(*placed), doc_type=doc_type), use_ner=False)


@pytest.mark.slow
def test_a_name_in_a_row_of_values_beside_an_email_is_the_debtor() -> None:
    # four columns, labels no prototype reaches over the name; the e-mail beside the name
    # does not make the name a label of the e-mail
    result = _sheet((72, 60, "Intake Record"),
                    (72, 90, "Zorblat"), (210, 90, "Mail Box"), (360, 90, "Born On"),
                    (480, 90, "Tax Id"),
                    (72, 102, "Ada Q. Lovelace"), (210, 102, "ada@example.com"),
                    (360, 102, "03/04/1980"), (480, 102, "XXX-XX-1234"),
                    (72, 130, "Phones"),
                    (72, 142, "602-555-0147            Mobile"))
    debtors = [p for p in result.parties if p.role == "debtor"]
    assert [p.name for p in debtors] == ["Ada Q. Lovelace"]
    assert debtors[0].emails == ["ada@example.com"]
    assert debtors[0].dob == "1980-03-04"
    assert debtors[0].phones == ["+16025550147"]


@pytest.mark.slow
def test_a_title_run_into_a_role_word_is_no_party() -> None:
    # 'Borrower' then a heading's words: no label and value, the title of the sheet
    result = _sheet((150, 40, "Borrower Account Overview"),
                    (72, 80, "Zorblat: Ada Q. Lovelace"),
                    (72, 92, "Born: 03/04/1980"),
                    (72, 104, "Email: ada@example.com"))
    names = {p.name for p in result.parties}
    assert "Account Overview" not in names
    assert {p.name for p in result.parties if p.role == "debtor"} == {"Ada Q. Lovelace"}


@pytest.mark.slow
def test_three_columns_whose_headings_share_a_row_keep_their_parties_apart() -> None:
    # each column's heading over label/value runs with no separator and no change of case:
    # the heading row is no label beside its value, the cell under a heading no value of it
    result = _sheet((72, 60, "Borrower Party"), (250, 60, "Loan Terms"), (430, 60, "Reach"),
                    (72, 72, "Borrower Ada Q. Lovelace"), (250, 72, "Opened 03/04/2015"),
                    (430, 72, "Email ada@example.com"),
                    (72, 84, "Born 03/04/1980"), (250, 84, "Rate 12.5%"),
                    (430, 84, "Mobile 602-555-0147"),
                    (72, 96, "Tax no. xxx-xx-1234"), (250, 96, "Ref 88812"))
    names = {p.name for p in result.parties}
    assert not names & {"Loan Terms", "Reach", "Borrower Ada Q. Lovelace"}
    debtors = [p for p in result.parties if p.role == "debtor"]
    assert [p.name for p in debtors] == ["Ada Q. Lovelace"]
    assert debtors[0].dob == "1980-03-04"
    assert debtors[0].emails == ["ada@example.com"]
    assert debtors[0].phones == ["+16025550147"]


@pytest.mark.slow
def test_a_role_word_heading_beside_another_heading_is_no_label() -> None:
    result = _sheet((72, 60, "Debtor"), (300, 60, "Obligation Terms"),
                    (72, 72, "Debtor: Ada Q. Lovelace"), (300, 72, "Opened: 03/04/2015"),
                    (72, 84, "Born: 03/04/1980"), (300, 84, "Ref: 88812"),
                    (72, 96, "Email: ada@example.com"))
    assert "Obligation Terms" not in {p.name for p in result.parties}
    debtors = [p for p in result.parties if p.role == "debtor"]
    assert [p.name for p in debtors] == ["Ada Q. Lovelace"]
    assert debtors[0].emails == ["ada@example.com"]


@pytest.mark.parametrize(("text", "pair"), [
    ("Borrower: Ada Lovelace", True),
    ("CARDHOLDER Ada Lovelace", True),
    ("Tax no. xxx-xx-1234", True),
    ("Mail box ada@example.com", True),
    ("Mar. 4, 1980", False),  # a date's month is no label
    ("03/04/1980", False),
    ("Ada Lovelace", False),
    ("Borrower:", False),
    ("12 Engine Row, Salem", False),
])
def test_a_cell_holds_a_label_and_its_value(text: str, pair: bool) -> None:
    from extraction.kv_pairs import holds_pair

    assert holds_pair(text) is pair


@pytest.mark.slow
def test_each_column_under_a_row_of_headings_is_its_own_section() -> None:
    # the company on the lines of the person's facts is in the other column's section (the
    # account's numbers), so it is whom the account is owed to, not where the person works
    result = _sheet((72, 60, "Part One"), (320, 60, "Part Two"),
                    (72, 72, "Zorblat: Ada Q. Lovelace"), (320, 72, "Ref: 123456789"),
                    (72, 84, "Born: 03/04/1980"), (320, 84, "Quux: Northwind Receivables LLC"),
                    (72, 96, "Mail: ada@example.com"), (320, 96, "Opened: 05/06/2015"),
                    (72, 108, "Wibble: Engine Works Inc."))
    parties = {p.name: p for p in result.parties}
    assert parties["Ada Q. Lovelace"].role == "debtor"
    assert parties["Ada Q. Lovelace"].dob == "1980-03-04"
    assert parties["Northwind Receivables LLC"].role == "creditor"
    assert parties["Engine Works Inc."].role == "other"


@pytest.mark.slow
def test_a_label_run_into_a_name_among_labels_run_into_values() -> None:
    # no separator, no change of case: the reading whose label reads as a person's label
    result = _sheet((72, 60, "Party One"),
                    (72, 72, "Card member Ada Q. Lovelace"),
                    (72, 84, "Born 03/04/1980"),
                    (72, 96, "Mail ada@example.com"),
                    (72, 120, "Part Two"),
                    (72, 132, "Opened 05/06/2015"))
    debtors = [p for p in result.parties if p.role == "debtor"]
    assert [p.name for p in debtors] == ["Ada Q. Lovelace"]
    assert debtors[0].dob == "1980-03-04"
    assert debtors[0].emails == ["ada@example.com"]


@pytest.mark.slow
def test_a_title_over_a_list_of_run_in_labels_is_no_name() -> None:
    result = _sheet((150, 30, "Account Transfer Sheet"),
                    (72, 60, "Card member Ada Q. Lovelace"),
                    (72, 72, "Born 03/04/1980"),
                    (72, 84, "Mail ada@example.com"))
    assert [p.name for p in result.parties if p.role == "debtor"] == ["Ada Q. Lovelace"]


@pytest.mark.slow
def test_a_name_alone_among_run_in_labels_is_not_cut_into_a_label_and_a_name() -> None:
    result = _sheet((72, 60, "Party One"),
                    (72, 72, "Card member Ada Q. Lovelace"),
                    (72, 84, "Born 03/04/1980"),
                    (72, 96, "Ben Lovelace"),
                    (72, 108, "Mail ada@example.com"))
    names = {p.name for p in result.parties}
    assert "Lovelace" not in names and not any(n.startswith("Q.") for n in names)


@pytest.mark.slow
def test_a_section_heading_ends_the_block_of_the_company_named_above_it() -> None:
    result = _sheet((72, 60, "Debtor: Ada Q. Lovelace"),
                    (72, 72, "Born: 03/04/1980"),
                    (72, 84, "Client: Northwind Receivables LLC"),
                    (72, 108, "Where Seen"),
                    (72, 120, "12 Engine Row, Salem, OR 97301        Current"),
                    (72, 134, "40 Quay St, Portland, OR 97201        Previous"))
    parties = {p.name: p for p in result.parties}
    assert parties["Northwind Receivables LLC"].addresses == []
    assert parties["Ada Q. Lovelace"].addresses == ["12 Engine Row, Salem, OR 97301",
                                                    "40 Quay St, Portland, OR 97201"]


@pytest.mark.slow
def test_a_sheet_that_prints_each_value_before_its_label() -> None:
    # labels right of their values, each ending with its separator (colons here)
    result = _sheet((72, 60, "Party One"),
                    (72, 72, "Ada Q. Lovelace"), (300, 72, "Debtor:"),
                    (72, 84, "03/04/1980"), (300, 84, "Date of birth:"),
                    (72, 96, "ada@example.com"), (300, 96, "Email:"),
                    (72, 108, "Ben Lovelace"), (300, 108, "Co-signer:"))
    parties = {p.name: p for p in result.parties}
    assert parties["Ada Q. Lovelace"].role == "debtor"
    assert parties["Ada Q. Lovelace"].dob == "1980-03-04"
    assert parties["Ada Q. Lovelace"].emails == ["ada@example.com"]
    assert parties["Ben Lovelace"].role == "debtor"
    assert "Debtor" not in " ".join(parties)


def test_a_value_before_its_label_is_read_only_where_the_sheet_does_so() -> None:
    lines = _lines((72, 72, "Ada Q. Lovelace"), (300, 72, "Debtor:"))
    assert not any(p.where == "left" for p in page_pairs(lines))


@pytest.mark.slow
def test_a_lone_heading_over_rows_of_labels_and_values_labels_none_of_them() -> None:
    result = _sheet((72, 60, "Debtor"),
                    (72, 72, "Party Named Here"), (200, 72, "Ada Q. Lovelace"),
                    (380, 72, "Born:"), (460, 72, "03/04/1980"),
                    (72, 84, "Tax no."), (200, 84, "xxx-xx-1234"),
                    (380, 84, "Mail:"), (460, 84, "ada@example.com"))
    debtors = [p for p in result.parties if p.role == "debtor"]
    assert [p.name for p in debtors] == ["Ada Q. Lovelace"]
    assert debtors[0].dob == "1980-03-04"


@pytest.mark.parametrize("padded", ["Holder of record: :", "Holder of record - ..",
                                    "Holder of record:  --"])
def test_a_separator_padded_with_dots_or_a_second_colon_waits_for_the_cell_beside(
        padded: str) -> None:
    lines = _lines((72, 100, padded), (300, 100, "Northwind Receivables LLC"))
    pairs = {(p.label, p.value, p.where) for p in page_pairs(lines)}
    assert ("Holder of record", "Northwind Receivables LLC", "right") in pairs


@pytest.mark.slow
def test_the_company_a_label_names_as_the_creditors_field_is_the_creditor_party() -> None:
    # 'Account owner' is read as the creditor_name field's label; the party is the company
    # beside the account's number that kv_parties found by the sheet's structure
    result = _sheet((72, 50, "Part One"), (72, 70, "Zorblat: Ada Q. Lovelace"),
                    (72, 82, "Born: 03/04/1980"), (72, 94, "Mail: ada@example.com"),
                    (72, 130, "Part Two"),
                    (72, 150, "Account owner: Northwind Receivables LLC"),
                    (72, 162, "Ref: 123456789"))
    creditors = [p.name for p in result.parties if p.role == "creditor"]
    assert creditors == ["Northwind Receivables LLC"]
    assert [f.value for f in result.fields if f.name == "creditor_name"] == creditors
