"""Parties on key/value sheets read as kinds of layout (issue #11, 2026-12-04): a sheet set
value first with no separators, a company's legal form wrapped alone onto the next line, a
grid's company value that is no label, a label run into its value cut where a name can
start, names with accented capitals, co-parties by a 'co-' label, and later persons under
the debtor's heading. Pages are built in code (``builders``) in wordings and shapes the
generator does not draw."""

from __future__ import annotations

import pytest

from core.lines import Line
from extraction.kv_pairs import holds_pair, page_pairs
from extraction.party_names import looks_like_name
from extraction.pipeline import document_lines, extract_document
from tests.extraction.builders import document, page


def _lines(*placed: tuple[float, float, str]) -> list[Line]:
    return document_lines(document(page(*placed)))[0]


def _pairs(lines: list[Line]) -> set[tuple[str, str, str]]:
    return {(p.label, p.value, p.where) for p in page_pairs(lines)}


def _sheet(*placed: tuple[float, float, str], doc_type: str = "placement"):
    return extract_document(document(page(*placed), doc_type=doc_type), use_ner=False)


VALUE_FIRST = ((72, 60, "Household"),
               (72, 80, "Ola K. Nordmann"), (260, 80, "Borrower"),
               (72, 94, "ola.nordmann@example.org"), (260, 94, "Mail"),
               (72, 108, "1971-03-02"), (260, 108, "Birthday"),
               (72, 122, "XXX-XX-4417"), (260, 122, "Taxpayer no"),
               (72, 146, "Ledger"),
               (72, 166, "88213907"), (260, 166, "Loan ref"),
               (72, 180, "Fjordline Capital Ltd"), (260, 180, "Holder now"))


def test_a_value_first_sheet_without_separators_pairs_each_label_with_the_cell_before() -> None:
    pairs = _pairs(_lines(*VALUE_FIRST))
    assert ("Borrower", "Ola K. Nordmann", "left") in pairs
    assert ("Holder now", "Fjordline Capital Ltd", "left") in pairs
    assert not any(label == "Ola K. Nordmann" for label, _, _ in pairs)  # the name is no label


def test_a_sheet_printed_label_first_is_not_read_value_first() -> None:
    pairs = _pairs(_lines((72, 80, "Borrower"), (260, 80, "Ola K. Nordmann"),
                          (72, 94, "Mail"), (260, 94, "ola.nordmann@example.org"),
                          (72, 108, "Birthday"), (260, 108, "1971-03-02"),
                          (72, 122, "Taxpayer no"), (260, 122, "XXX-XX-4417")))
    assert ("Borrower", "Ola K. Nordmann", "right") in pairs
    assert not any(where == "left" for _, _, where in pairs)


def test_a_few_value_first_rows_of_a_table_do_not_make_a_sheet_value_first() -> None:
    # an address table: value, date, status (three cells): no value-first sheet
    lines = _lines((72, 80, "Borrower"), (260, 80, "Ola K. Nordmann"),
                   (72, 94, "12 Elm Rd, Bergen, WA 98101"), (260, 94, "2020"), (320, 94, "Old"),
                   (72, 108, "14 Oak Rd, Bergen, WA 98101"), (260, 108, "2021"),
                   (320, 108, "Now"))
    assert not any(where == "left" for _, _, where in _pairs(lines))


def test_a_contacts_table_under_its_own_heading_does_not_make_the_block_above_value_first(
        ) -> None:
    # 'Number  Kind' rows print a value before a word, but under their own heading: the
    # block above prints its label first ('Birthday  1971-03-02'), and that decides it
    lines = _lines((72, 60, "Household"),
                   (72, 80, "Birthday"), (260, 80, "1971-03-02"),
                   (72, 94, "Borrower"), (260, 94, "Ola K. Nordmann"),
                   (72, 114, "Numbers"),
                   (72, 128, "Number"), (260, 128, "Kind"),
                   (72, 142, "602-555-0147"), (260, 142, "Mobile"),
                   (72, 156, "602-555-0148"), (260, 156, "Home"),
                   (72, 170, "602-555-0149"), (260, 170, "Work"),
                   (72, 184, "602-555-0150"), (260, 184, "Fax"))
    pairs = _pairs(lines)
    assert ("Borrower", "Ola K. Nordmann", "right") in pairs
    assert ("Ola K. Nordmann", "Borrower", "left") not in pairs


def test_a_short_value_first_block_with_abbreviated_labels_is_read_value_first() -> None:
    lines = _lines((72, 60, "Household"),
                   (72, 80, "Ola K. Nordmann"), (260, 80, "Borrower"),
                   (72, 94, "XXX-XX-4417"), (260, 94, "Taxpayer no."),
                   (72, 108, "1971-03-02"), (260, 108, "Birth dt."),
                   (72, 128, "Ledger"))
    assert ("Borrower", "Ola K. Nordmann", "left") in _pairs(lines)


def test_a_legal_form_wrapped_alone_onto_the_next_line_ends_the_company() -> None:
    lines = _lines((72, 80, "Holder of note:"), (200, 80, "BRIGHTWATER HOLDINGS"),
                   (200, 92, "LTD"), (72, 110, "Opened:"), (200, 110, "01/02/2019"))
    assert ("Holder of note", "BRIGHTWATER HOLDINGS LTD", "right") in _pairs(lines)


def test_a_person_over_the_next_value_is_not_joined_to_it() -> None:
    lines = _lines((72, 80, "Borrower:"), (200, 80, "Ola Nordmann"),
                   (72, 92, "Works for:"), (200, 92, "Fjordline Ltd"))
    assert ("Borrower", "Ola Nordmann", "right") in _pairs(lines)


def test_a_company_ending_with_its_legal_form_is_no_label_of_the_cell_under_it() -> None:
    lines = _lines((72, 80, "Assigned to"), (200, 80, "Brightwater Holdings Ltd"),
                   (72, 94, "Prior lender"), (200, 94, "Fjord Savings Bank"))
    pairs = _pairs(lines)
    assert ("Assigned to", "Brightwater Holdings Ltd", "right") in pairs
    assert not any(label == "Brightwater Holdings Ltd" for label, _, _ in pairs)


def test_a_label_run_into_its_value_is_not_cut_after_a_connector_or_before_a_small_word() -> None:
    lines = _lines((72, 80, "Holder of Record Brightwater Holdings Ltd"))
    readings = {(p.label, p.value) for p in page_pairs(lines) if p.where == "split"}
    assert ("Holder of Record", "Brightwater Holdings Ltd") in readings
    assert ("Holder", "of Record Brightwater Holdings Ltd") not in readings
    assert ("Holder of", "Record Brightwater Holdings Ltd") not in readings


@pytest.mark.parametrize(("text", "pair"), [
    ("Date Opened February 10, 2018", True),  # the label ends before the date's month
    ("Closed On Mar. 3, 2020", True),
    ("October 14, 1955", False),  # a date alone
    ("Born 1955-10-14", True),
])
def test_a_month_ends_a_label_before_its_date(text: str, pair: bool) -> None:
    assert holds_pair(text) is pair


@pytest.mark.parametrize("name", ["Ólafur Ragnarsson", "Ängel Öberg", "ÉLODIE MARTÍN",
                                  "Íris de Sá"])
def test_names_starting_with_an_accented_capital_look_like_names(name: str) -> None:
    assert looks_like_name(name)


def test_prose_with_an_accented_word_is_still_no_name() -> None:
    assert not looks_like_name("émigré paid the balance last week")


@pytest.mark.slow
def test_value_first_sheet_names_its_debtor_with_their_facts() -> None:
    result = _sheet(*VALUE_FIRST)
    parties = {p.name: p for p in result.parties}
    assert parties["Ola K. Nordmann"].role == "debtor"
    assert parties["Ola K. Nordmann"].dob == "1971-03-02"
    assert parties["Ola K. Nordmann"].ssn_last4 == "4417"
    assert parties["Ola K. Nordmann"].emails == ["ola.nordmann@example.org"]


@pytest.mark.slow
def test_a_co_label_names_a_co_debtor_after_the_debtor() -> None:
    # a co-party printed before the debtor (the encoder hears 'account holder' in it): the
    # sheet's debtor is still the borrower; a 'co-' label the encoder does not reach
    # ('Co-Lessee') still names a co-debtor
    result = _sheet((72, 60, "Parties"),
                    (72, 80, "Co-Account Holder:"), (200, 80, "Kari Nordmann"),
                    (72, 94, "Borrower:"), (200, 94, "Ola K. Nordmann"),
                    (72, 108, "Birthday:"), (200, 108, "1971-03-02"),
                    (72, 122, "Taxpayer no:"), (200, 122, "XXX-XX-4417"),
                    (72, 136, "Co-Lessee:"), (200, 136, "Per Hansen"))
    parties = {p.name: p for p in result.parties}
    assert parties["Ola K. Nordmann"].role == "debtor"
    assert parties["Ola K. Nordmann"].ssn_last4 == "4417"  # the debtor's, not the co-party's
    assert parties["Ola K. Nordmann"].dob == "1971-03-02"
    assert parties["Kari Nordmann"].role == "debtor"
    assert parties["Kari Nordmann"].ssn_last4 is None
    assert parties["Per Hansen"].role == "debtor"
    assert parties["Per Hansen"].ssn_last4 is None


@pytest.mark.slow
def test_a_label_run_into_a_company_among_the_accounts_numbers_names_the_creditor() -> None:
    result = _sheet((72, 60, "Borrower"),
                    (72, 80, "Name: Ola K. Nordmann"), (72, 92, "Birthday: 1971-03-02"),
                    (72, 104, "Taxpayer no: XXX-XX-4417"),
                    (72, 130, "Ledger"),
                    (72, 150, "Loan Ref 88213907"),
                    (72, 162, "Zorblat By Brightwater Holdings Ltd"),
                    (72, 174, "Opened On 01/02/2019"))
    creditors = [p.name for p in result.parties if p.role == "creditor"]
    assert creditors == ["Brightwater Holdings Ltd"]


@pytest.mark.parametrize(("name", "plausible"), [
    ("Case-Holt Ltd", True),  # a stop word inside a hyphenated surname is the surname
    ("Ola Date-Nordmann", True),
    ("Case No. 4471", False),
    ("Date Opened", False),
])
def test_stop_words_inside_a_hyphenated_surname_do_not_stop_the_name(name: str,
                                                                     plausible: bool) -> None:
    from extraction.party_names import plausible_name

    assert plausible_name(name) is plausible


@pytest.mark.slow
def test_a_firm_named_in_one_hyphenated_word_is_read_only_under_a_firms_label() -> None:
    result = _sheet((72, 60, "Borrower"),
                    (72, 80, "Name:"), (200, 80, "Ola K. Nordmann"),
                    (72, 94, "Employer:"), (200, 94, "Holt-Brennan"),
                    (72, 108, "Taxpayer no:"), (200, 108, "XXX-XX-4417"),
                    (72, 122, "Zorblat:"), (200, 122, "Wibble-Frobnic"))
    names = {p.name: p.role for p in result.parties}
    assert names.get("Holt-Brennan") == "other"
    assert "Wibble-Frobnic" not in names  # under a label that means no firm: no party
