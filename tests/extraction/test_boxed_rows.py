"""A boxed row of two label/value pairs printed close together, the first value wrapped in
its box: the next label starts on the column the rows around it share, and a company's
legal form wrapped onto the line under is part of its name. Built in code
(``builders``): a referral sheet with labels ('Former lender', 'Client') and spacing the
generator does not draw."""

from __future__ import annotations

from extraction.pipeline import extract_document
from tests.extraction.builders import document, page

FIRST = "Client: Ridgeway Capital"
SECOND_X = 72 + 6 * (len(FIRST) + 1)  # one space after the first value: one cell by gap

SHEET = page(
    (72, 60, "REFERRAL SHEET"),
    (72, 90, FIRST), (SECOND_X, 90, "Former lender: Coastline Savings Bank"),
    (120, 101, "Holdings LLC"),
    (72, 116, "Opened: 01/02/2020"), (SECOND_X, 116, "Rate: 12.5%"),
    (72, 130, "Account: 4410 2231 9907 1234"), (SECOND_X, 130, "Placed: 03/04/2024"),
)


def test_the_next_label_on_the_rows_column_ends_the_creditors_name() -> None:
    extraction = extract_document(document(SHEET, doc_type="placement"))
    creditors = [f.value for f in extraction.fields if f.name == "creditor_name"]
    assert creditors == ["Ridgeway Capital Holdings LLC"]


def test_the_creditor_party_is_named_once_with_its_wrapped_legal_form() -> None:
    extraction = extract_document(document(SHEET, doc_type="placement"))
    assert [p.name for p in extraction.parties if p.role == "creditor"] == [
        "Ridgeway Capital Holdings LLC"]
