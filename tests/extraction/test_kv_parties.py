"""Key/value sheets in arrangements the generator never draws (issue #11): a label over its
value in a form cell with a colon, a second column whose gap is narrower than a cell gap, a
label run into its value, section headings. Pages are built in code (``builders``)."""

from __future__ import annotations

import pytest

from core.lines import Line
from extraction.kv_pairs import column_starts, line_pairs, page_pairs
from extraction.pipeline import document_lines, extract_document
from tests.extraction.builders import document, page, words_at


def _lines(*placed: tuple[float, float, str]) -> list[Line]:
    return document_lines(document(page(*placed)))[0]


def _pairs(lines: list[Line]) -> set[tuple[str, str, str]]:
    return {(p.label, p.value, p.where) for p in page_pairs(lines)}


def test_label_over_its_value_in_a_form_cell() -> None:
    lines = _lines((72, 100, "Account Holder Name:"), (300, 100, "Place of Work:"),
                   (72, 112, "Ada Q. Lovelace"), (300, 112, "Engine Works Ltd"))
    pairs = _pairs(lines)
    assert ("Account Holder Name", "Ada Q. Lovelace", "below") in pairs
    assert ("Place of Work", "Engine Works Ltd", "below") in pairs
    # beside each label of the row stands the next label: a reading kv_parties drops
    assert ("Account Holder Name", "Place of Work:", "right") in pairs


def test_value_under_a_label_is_not_another_pair() -> None:
    lines = _lines((72, 100, "Party Details"), (72, 112, "Holder - Ada Lovelace"))
    assert ("Party Details", "Holder - Ada Lovelace", "below") not in _pairs(lines)
    assert ("Holder", "Ada Lovelace", "inline") in _pairs(lines)


def test_second_column_closer_than_a_cell_gap_parts_the_cells() -> None:
    # proportional columns: the left texts end unevenly, the right column starts at x=200
    placed = [(72, 100 + 12 * i, left) for i, left in enumerate(
        ["Ref 7", "Holder Name Ada Lovelace Two", "Opened 2019", "Status Open now"])]
    lines = document_lines(document(page(*placed)))[0]
    for i, right in enumerate(["Phone Type", "Work Site Engine Works", "Kind A", "Seen B"]):
        lines[i].words += words_at(right, 200, 100 + 12 * i)
        lines[i].__post_init__()
    assert any(abs(x - 200) < 1 for x in column_starts(lines))
    pairs = {(p.label, p.value) for p in line_pairs(lines, 1, column_starts(lines))}
    assert ("Holder Name", "Ada Lovelace Two") in pairs
    assert not any("Work Site" in value for _, value in pairs)


def test_monospaced_labels_padded_to_one_value_column_are_no_column() -> None:
    # right-aligned labels: every value starts at one x after text ending at one x
    lines = _lines((72, 100, "   Holder ADA LOVELACE"), (72, 112, "Work Site ENGINE WORKS"),
                   (72, 124, "  Reached 01/02/2020"))
    assert column_starts(lines) == []
    assert ("Work Site", "ENGINE WORKS", "split") in _pairs(lines)


@pytest.mark.parametrize("label", ["Plaintiff,", "the plaintiff", "Plaintiff's", "Court."])
def test_clause_words_are_no_labels(label: str) -> None:
    lines = _lines((72, 100, f"{label} Ada Lovelace"))
    assert not any(p.label == label for p in page_pairs(lines))


def _sheet(*placed: tuple[float, float, str], doc_type: str = "other"):
    return extract_document(document(page(*placed), doc_type=doc_type), use_ner=False)


@pytest.mark.slow
def test_label_meanings_name_parties_a_lexicon_does_not_list() -> None:
    from extraction.label_meaning import meanings

    read = [m for m, _ in meanings(["Name of Account Holder", "Company Employing Debtor",
                                    "Creditor of Record", "Interest Rate", "Original Lender"])]
    assert read == ["debtor", "employer", "creditor", "none", "original"]


@pytest.mark.slow
def test_form_cells_give_the_debtor_and_their_contacts_off_a_placement() -> None:
    result = _sheet(
        (72, 60, "CASE INTAKE WORKSHEET"),
        (72, 90, "Name of Account Holder:"), (300, 90, "Creditor of Record:"),
        (72, 102, "Ada Q. Lovelace"), (300, 102, "Northwind Receivables LLC"),
        (72, 126, "Date Born:"), (300, 126, "Company Employing Debtor:"),
        (72, 138, "12/10/1985"), (300, 138, "Engine Works Ltd"),
        (72, 170, "Numbers we hold"),
        (72, 182, "602-555-0147            Mobile"))
    parties = {p.name: p for p in result.parties}
    assert "Creditor of Record" not in parties  # the label beside a label is no value
    assert parties["Ada Q. Lovelace"].role == "debtor"
    assert parties["Ada Q. Lovelace"].dob == "1985-12-10"
    assert parties["Ada Q. Lovelace"].phones == ["+16025550147"]
    assert parties["Northwind Receivables LLC"].role == "creditor"
    assert parties["Engine Works Ltd"].role == "other"
    assert [f.value for f in result.fields if f.name == "creditor_name"] == [
        "Northwind Receivables LLC"]


@pytest.mark.slow
def test_a_heading_that_means_the_debtor_scopes_an_unknown_label() -> None:
    result = _sheet((72, 60, "Consumer"), (72, 80, "Zorblat - Ada Q. Lovelace"),
                    (72, 92, "Co-Signer - Ben Lovelace"), (72, 104, "Email - ada@example.com"))
    parties = {p.name: p for p in result.parties}
    assert parties["Ada Q. Lovelace"].role == "debtor"
    assert parties["Ada Q. Lovelace"].emails == ["ada@example.com"]  # not the co-signer's
    assert parties["Ben Lovelace"].emails == []


@pytest.mark.slow
def test_a_court_paper_role_words_are_no_key_value_labels() -> None:
    result = _sheet((72, 40, "SUPERIOR COURT OF THE STATE"),
                    (72, 80, "Plaintiff Motion Hearing Notice"),
                    (72, 92, "Debtor Name Ada Lovelace"), doc_type="complaint")
    assert not any(p.extractor.startswith("kv") for p in result.parties)
