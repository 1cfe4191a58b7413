"""A boxed row of two label/value pairs printed close together, the first value wrapped in
its box: the next label starts on the column the rows around it share, and a company's
legal form wrapped onto the line under is part of its name. Built in code
(``builders``): a referral sheet with labels ('Former lender', 'Client') and spacing the
generator does not draw."""

from __future__ import annotations

from extraction.pipeline import extract_document
from tests.extraction.builders import document, page, sized_words

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


def test_initials_before_a_legal_form_are_part_of_a_companys_name() -> None:
    from extraction.kv_pairs import case_split

    assert case_split("Hudson DFS Inc.") is None
    assert case_split("Marlowe Trust SPV II LLC") is None
    assert case_split("Responsible Party JANE ROE") == 2  # a label before a name in capitals
    assert case_split("Creditor NORTHWIND FUNDING LLC") == 1  # a word too long for initials


def test_a_company_with_initials_under_a_small_creditor_label_is_the_creditor() -> None:
    from core.document import PageContent, ReadDocument

    cell = sized_words
    # a row of small labels over a row of values: 'Client' over 'Hudson DFS LLC'
    words = (cell("Client", 72, 100, 7) + cell("Interest Rate", 250, 100, 7)
             + cell("Loan No.", 400, 100, 7)
             + cell("Hudson DFS LLC", 72, 110, 10) + cell("18.20%", 250, 110, 10)
             + cell("5512340098761234", 400, 110, 10))
    doc = ReadDocument(path="built.pdf", sha256="0" * 64, media_type="application/pdf",
                       pages=[PageContent(number=1, width=612, height=792, source="text",
                                          words=words)], doc_type="placement")
    extraction = extract_document(doc)
    assert [f.value for f in extraction.fields if f.name == "creditor_name"] == [
        "Hudson DFS LLC"]
