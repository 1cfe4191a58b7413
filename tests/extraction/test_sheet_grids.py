"""Parties of key/value sheets set as grids and stacked lists (issue #11, 2026-12-06): a
grid's facts read with the label over them, a label over one bare value is no heading, a
co-party beside the debtor in a grid row does not stand for the debtor, the cell beside a
grid's label is the next label, a label that leans to the employer names no person, and
the legal words for the two sides of a debt. Pages are built in code (``builders``) in
wordings the generator does not draw."""

from __future__ import annotations

from extraction.kv_parties import section_headings
from extraction.label_meaning import readings
from extraction.pipeline import document_lines, extract_document
from tests.extraction.builders import document, page

COLUMNS = (72, 190, 310, 430)


def _row(y: float, *cells: str) -> list[tuple[float, float, str]]:
    return [(x, y, text) for x, text in zip(COLUMNS, cells, strict=False) if text]


def _parties(*placed: tuple[float, float, str]) -> dict[str, object]:
    result = extract_document(document(page(*placed), doc_type="placement"), use_ner=False)
    return {p.name: p for p in result.parties}


def test_a_grid_birth_date_makes_its_section_a_persons() -> None:
    # the birth date is printed under its label, not beside it: only the grid says whose
    parties = _parties(
        (72, 60, "Household"),
        *_row(80, "Named Person", "Birthday"),
        *_row(94, "Ola K. Nordmann", "1971-03-02"),
        (72, 130, "Ledger"),
        *_row(150, "Loan ref", "Balance"),
        *_row(164, "88213907", "$1,200.00"),
    )
    assert "Ola K. Nordmann" in parties
    assert parties["Ola K. Nordmann"].role == "debtor"  # type: ignore[attr-defined]


def test_a_co_party_beside_the_debtor_in_a_grid_row_does_not_stand_for_the_debtor() -> None:
    parties = _parties(
        (72, 60, "Borrower Details"),
        *_row(80, "Principal Party", "Workplace", "Birthday", "Co-Maker"),
        *_row(94, "Ola K. Nordmann", "Fjordline Tech Ltd", "1971-03-02", "Kari Nordmann"),
    )
    assert parties["Ola K. Nordmann"].role == "debtor"  # type: ignore[attr-defined]
    assert parties["Ola K. Nordmann"].dob == "1971-03-02"  # type: ignore[attr-defined]
    assert parties["Kari Nordmann"].role == "debtor"  # type: ignore[attr-defined]
    assert parties["Kari Nordmann"].dob is None  # type: ignore[attr-defined]


def test_the_cell_beside_a_grid_label_is_the_next_label_not_a_name() -> None:
    # no workplace printed under 'Staff of': the cell beside it is the next label
    parties = _parties(
        (72, 60, "Borrower Details"),
        *_row(80, "Principal Party", "Mail", "Staff of", "Social Sec"),
        *_row(94, "Ola K. Nordmann", "ola@example.org", "", "XXX-XX-4417"),
    )
    assert "Social Sec" not in parties
    assert parties["Ola K. Nordmann"].role == "debtor"  # type: ignore[attr-defined]


def test_a_label_over_one_bare_value_is_no_heading() -> None:
    lines = document_lines(
        document(
            page(
                (72, 60, "Household"),
                (72, 80, "Taxpayer no"),
                (72, 94, "XXX-XX-4417"),
                (72, 120, "Ledger"),
                (72, 134, "Loan ref: 88213907"),
            )
        )
    )[0]
    headings = set(section_headings(lines).values())
    assert "Taxpayer no" not in headings
    assert {"Household", "Ledger"} <= headings


def test_a_name_without_a_legal_form_under_a_label_leaning_to_the_employer_is_no_person() -> None:
    parties = _parties(
        (72, 60, "Household"),
        (72, 80, "Named Person: Ola K. Nordmann"),
        (72, 94, "Birthday: 1971-03-02"),
        (72, 108, "Staff of: HANSEN BERG AND DAHL"),
        (72, 122, "Taxpayer no: XXX-XX-4417"),
    )
    assert parties["Ola K. Nordmann"].role == "debtor"  # type: ignore[attr-defined]
    assert parties["HANSEN BERG AND DAHL"].role == "other"  # type: ignore[attr-defined]


def test_the_legal_words_for_who_owes_and_who_is_owed() -> None:
    owes, owed = readings(["Judgment Obligor", "Obligee"])
    assert owes.meaning == "debtor"
    assert owed.meaning == "creditor"


def test_a_label_beside_its_value_over_the_next_pair_is_no_row_of_labels() -> None:
    # 'FIRST LENDER: | Bayline Credit Union' over 'FOR: | Osterley Receivables LLC': the
    # second pair's company is whom the account is owed to, not the next label of a grid
    parties = _parties(
        (72, 60, "BORROWER FILE"),
        (72, 74, "BORROWER:"), (190, 74, "Tomasz Wrobel"),
        (72, 88, "BIRTH DATE:"), (190, 88, "03/14/1979"),
        (72, 116, "LOAN FACTS"),
        (72, 130, "FIRST LENDER:"), (190, 130, "Bayline Credit Union"),
        (72, 144, "FOR:"), (190, 144, "Osterley Receivables LLC"),
        (72, 158, "LOAN NO.:"), (190, 158, "5500123498761234"),
    )
    assert parties["Osterley Receivables LLC"].role == "creditor"  # type: ignore[attr-defined]
