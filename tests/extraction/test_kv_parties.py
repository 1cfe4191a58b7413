"""Key/value sheets in arrangements the generator never draws (issue #11): a label over its
value in a form cell with a colon, a second column whose gap is narrower than a cell gap, a
label run into its value, section headings. Pages are built in code (``builders``)."""

from __future__ import annotations

import pytest

from core.lines import Line
from extraction.kv_pairs import column_starts, line_pairs, page_pairs
from extraction.pipeline import document_lines, extract_document
from tests.extraction.builders import document, page, sized_words, words_at


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


@pytest.mark.parametrize(("text", "cut"), [
    ("BORROWER Ada Lovelace", 1),  # a label in capitals run into a name in mixed case
    ("Debtor Of Record ADA LOVELACE", 3),  # the reverse
    ("Jose Hernandez III", None),  # a suffix in capitals is part of the name
    ("Northwind Receivables LLC", None),
    ("Ada Lovelace", None),
    ("ADA LOVELACE", None),
])
def test_a_change_of_case_ends_a_label_run_into_its_value(text: str, cut: int | None) -> None:
    from extraction.kv_pairs import case_split

    assert case_split(text) == cut


def test_a_label_run_into_a_name_in_another_case_has_one_reading() -> None:
    lines = _lines((72, 100, "PERSON ON FILE Ada Q. Lovelace"))
    readings = {(p.label, p.value) for p in page_pairs(lines) if p.where == "split"}
    assert readings == {("PERSON ON FILE", "Ada Q. Lovelace")}


def test_a_row_of_column_headings_is_no_label_and_value() -> None:
    # a two-column sheet: both sections' headings share a row, each over its own pairs
    lines = _lines((72, 100, "Who"), (300, 100, "Account"),
                   (72, 112, "Zorblat: Ada Lovelace"), (300, 112, "Client: Northwind LLC"))
    assert ("Who", "Account") not in {(p.label, p.value) for p in page_pairs(lines)}


def test_a_row_of_small_labels_over_larger_values_reads_down_not_across() -> None:
    from core.document import PageContent, ReadDocument

    cell = sized_words
    words = (cell("Zorblat", 72, 100, 7) + cell("Wibble", 300, 100, 7)
             + cell("Ada Lovelace", 72, 110, 10) + cell("Engine Works Inc.", 300, 110, 10))
    doc = ReadDocument(path="built.pdf", sha256="0" * 64, media_type="application/pdf",
                       pages=[PageContent(number=1, width=612, height=792, source="text",
                                          words=words)])
    pairs = {(p.label, p.value, p.where) for p in page_pairs(document_lines(doc)[0])}
    assert ("Zorblat", "Ada Lovelace", "below") in pairs
    assert ("Zorblat", "Wibble", "right") not in pairs  # the next label, in the same print


SHEET = ((72, 50, "Part One"),
         (72, 70, "Zorblat: Ada Q. Lovelace"),
         (72, 82, "Born: 03/04/1980"),
         (72, 94, "Wibble: Engine Works Inc."),
         (72, 106, "Frobnic: Ben Lovelace"),
         (72, 118, "602-555-0147            Mobile"),
         (72, 142, "Part Two"),
         (72, 162, "Quux: Northwind Receivables LLC"),
         (72, 174, "Ref: 123456789"))


@pytest.mark.slow
def test_labels_no_meaning_reaches_are_read_from_the_sheets_structure() -> None:
    """Labels the prototypes do not reach: the section with a birth date is the debtor's
    (the first person the debtor, the next a co-debtor, a company where they work); a company
    beside the account's number elsewhere is the creditor, at a confidence of its own."""
    result = _sheet(*SHEET, doc_type="placement")
    parties = {p.name: p for p in result.parties}
    assert parties["Ada Q. Lovelace"].role == "debtor"
    assert parties["Ada Q. Lovelace"].dob == "1980-03-04"
    assert parties["Ada Q. Lovelace"].phones == ["+16025550147"]
    assert parties["Ben Lovelace"].role == "debtor"
    assert parties["Ben Lovelace"].phones == [] and parties["Ben Lovelace"].dob is None
    assert parties["Engine Works Inc."].role == "other"
    assert parties["Engine Works Inc."].dob is None
    assert parties["Northwind Receivables LLC"].role == "creditor"
    creditor = [f for f in result.fields if f.name == "creditor_name"]
    assert [f.value for f in creditor] == ["Northwind Receivables LLC"]
    # found by the sheet's structure: its own evidence kind, which no committed bucket holds
    assert creditor[0].evidence.startswith("text|creditor_name|party-kv-org|")
    assert creditor[0].confidence < 0.9


@pytest.mark.slow
def test_a_court_forms_sections_are_not_read_as_a_sheets() -> None:
    result = _sheet(*SHEET, doc_type="summons")
    assert not any(p.extractor in ("kv-person", "kv-among", "kv-org") for p in result.parties)


@pytest.mark.slow
def test_a_creditor_a_label_names_wins_over_a_company_beside_the_numbers() -> None:
    placed = [*SHEET, (72, 186, "Creditor: Southwind Funding LLC")]
    result = _sheet(*placed, doc_type="placement")
    creditors = [p.name for p in result.parties if p.role == "creditor"]
    assert creditors == ["Southwind Funding LLC"]


def test_a_tables_column_far_down_the_page_does_not_cut_a_label() -> None:
    # a label's second word starts where a table's second column starts, ten lines further
    # down; the cut applies only at columns of the lines around a line
    placed = [(72, 100, "Owner of debt: Northwind LLC")]
    placed += [(72, 112 + 12 * i, "Notes") for i in range(6)]
    placed += [(72, 230 + 12 * i, f"{left}") for i, left in enumerate(
        ["Ref 7", "Seen somewhere long", "Opened there", "Status xx"])]
    lines = document_lines(document(page(*placed)))[0]
    x_of = lines[0].words[1].bbox[0]  # 'of'
    for line, right in zip(lines[7:], ["Kind A", "Place B", "Note C", "Flag D"], strict=True):
        line.words += words_at(right, x_of, line.words[0].bbox[1])
        line.__post_init__()
    assert any(abs(x - x_of) < 1 for x in column_starts(lines))  # the table's column
    assert ("Owner of debt", "Northwind LLC", "inline") in _pairs(lines)


def test_a_boxed_label_wrapped_onto_two_lines_is_one_label() -> None:
    lines = _lines((72, 100, "APR:"), (150, 100, "11.2%"), (300, 100, "ORIGINAL"),
                   (420, 100, "ZENITH BANK NA"), (300, 112, "CREDITOR:"))
    assert ("ORIGINAL CREDITOR", "ZENITH BANK NA", "right") in _pairs(lines)


@pytest.mark.slow
def test_a_court_forms_employer_box_is_left_to_the_role_rules() -> None:
    # on a claim form a job title sits in a box whose label reads like an employer's
    placed = [(72, 60, "Small Claim Form"), (72, 80, "Job title, if known: Registered Agent")]
    court = _sheet(*placed, doc_type="summons")
    assert not any(p.name == "Registered Agent" for p in court.parties)


def test_a_signers_title_over_its_name_is_no_debtor_label() -> None:
    # a letter signed "Sincerely, / Account Representative / <the sender>": the title reads
    # like an account holder's label, the sender under it is no debtor
    letter = _sheet((220, 60, "Harbor Point Recovery LLC"),
                    (200, 74, "41 Quay St, Portland, ME 04101  Tel 207-555-0144"),
                    (72, 110, "Ada Lovelace"), (72, 124, "12 Engine Row, Salem, OR 97301"),
                    (72, 150, "Dear Ada Lovelace:"),
                    (72, 166, "Please call us about the balance of $1,204.50."),
                    (72, 200, "Sincerely,"), (72, 214, "Account Representative"),
                    (72, 228, "Harbor Point Recovery LLC"), doc_type="collection_letter")
    roles = {(p.role, p.name) for p in letter.parties}
    assert ("debtor", "Harbor Point Recovery LLC") not in roles
    assert any(role == "debtor" and "Lovelace" in name for role, name in roles)
