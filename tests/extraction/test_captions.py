"""Caption parties (extraction/captions.py) on pages built in code."""

from __future__ import annotations

from core.lines import Line
from extraction.captions import caption_parties, starts_capitalized
from extraction.pipeline import document_lines
from tests.extraction.builders import document, page


def _lines(*placed: tuple[float, float, str]) -> list[Line]:
    return document_lines(document(page(*placed)))[0]


def test_caption_names_both_sides() -> None:
    found = caption_parties(_lines((72, 100, "ACME CREDIT LLC,"), (72, 112, "Plaintiff,"),
                                   (72, 124, "v."), (72, 136, "JOHN Q. ROE,"),
                                   (72, 148, "Defendant.")))
    assert {(a.role, a.name) for a in found} == {("creditor", "ACME CREDIT LLC"),
                                                 ("debtor", "JOHN Q. ROE")}


def test_a_sentences_end_over_a_stray_v_is_no_plaintiff() -> None:
    # a later page's OCR: the end of a sentence, then a lone "v." read off a margin mark
    found = caption_parties(_lines((72, 100, "the obligation was entered into"),
                                   (72, 112, "herein. 6"), (72, 124, "v."),
                                   (72, 136, "JOHN Q. ROE,")))
    assert not any(a.role == "creditor" for a in found)


def test_starts_capitalized() -> None:
    assert starts_capitalized("LVNV Funding LLC") and starts_capitalized("123 Main St LLC")
    assert starts_capitalized('"Acme" Holdings') and not starts_capitalized("herein. 6")


def test_in_re_caption_names_the_debtor() -> None:
    found = caption_parties(_lines((72, 90, "UNITED STATES BANKRUPTCY COURT"),
                                   (72, 110, "In re:"), (300, 110, ")"),
                                   (72, 122, "HARBOR & VINE BAKERY, LLC,"),
                                   (300, 122, ")  Case No. 21-40517-abc"),
                                   (300, 134, ")  Chapter 11"),
                                   (96, 146, "Debtor."), (300, 146, ")")))
    assert [(a.role, a.name) for a in found] == [("debtor", "HARBOR & VINE BAKERY, LLC")]


def test_in_re_on_one_line_and_a_cite_in_the_body() -> None:
    assert [(a.role, a.name) for a in caption_parties(_lines(
        (72, 100, "In re Marisol Quintero-Vega, Debtor.")))] == \
        [("debtor", "Marisol Quintero-Vega")]
    body = [(72, 100 + 12 * i, f"line {i} of the opinion") for i in range(45)]
    body.append((72, 640, "In re Estate of Ward, the court held"))
    assert caption_parties(_lines(*body)) == []


def test_a_role_label_beside_its_name_is_no_caption_role_word() -> None:
    from extraction.captions import caption_by_role_words

    lines = _lines((24, 100, "UNITED STATES OF AMERICA vs."), (300, 100, "Docket No. 12-345"),
                   (24, 112, "Defendant"), (90, 112, "Rosa M. Delgado"))
    assert caption_by_role_words(lines) == []
    # a caption's role word under the names, the plaintiff's line ending "vs."
    lines = _lines((24, 100, "ACME CREDIT LLC vs."), (24, 112, "ROSA M. DELGADO,"),
                   (60, 124, "Defendant."))
    assert [(a.role, a.name) for a in caption_by_role_words(lines)] == \
        [("debtor", "ROSA M. DELGADO")]


def test_a_forms_title_field_holds_the_case_title() -> None:
    lines = _lines((72, 90, "CIVIL MINUTES - GENERAL"),
                   (72, 104, "Title Harbor Point Recovery LLC v. Tomasz Nowak"),
                   (460, 104, "Page 1 of 2"))
    assert {(a.role, a.name) for a in caption_parties(lines)} == {
        ("creditor", "Harbor Point Recovery LLC"), ("debtor", "Tomasz Nowak")}


def test_the_occupants_line_under_a_tenant_is_not_part_of_the_name() -> None:
    # OCR of a photocopied eviction caption reads a stray period after "ALL"
    for occupants in ("AND ANY AND ALL OTHER OCCUPANTS", "AND ANY AND ALL. OTHER OCCUPANTS"):
        found = caption_parties(_lines((72, 100, "ORCHARD PARK HOMES, L.L.C.,"),
                                       (72, 112, "Plaintiff,"), (72, 124, "vs."),
                                       (72, 136, "DELMAR T. OKAFOR"),
                                       (72, 148, occupants), (72, 160, "Defendant.")))
        debtors = [a.name for a in found if a.role == "debtor"]
        assert debtors and debtors[0] == "DELMAR T. OKAFOR", (occupants, debtors)


def test_an_appeals_sides_are_other_and_a_plaintiff_appellee_stays_the_creditor() -> None:
    found = caption_parties(_lines((72, 100, "MARGO T. LINDQVIST,"), (300, 100, ") No. ED1044"),
                                   (110, 112, "Appellant,"), (72, 124, "vs."),
                                   (72, 136, "CITY OF FAIRPORT,"), (110, 148, "Respondent.")))
    assert {(a.role, a.name) for a in found} == {("other", "MARGO T. LINDQVIST"),
                                                 ("other", "CITY OF FAIRPORT")}
    found = caption_parties(_lines((72, 100, "ACME CREDIT LLC,"),
                                   (110, 112, "Plaintiff-Appellee,"), (72, 124, "v."),
                                   (72, 136, "JOHN Q. ROE,"), (110, 148, "Defendant-Appellant.")))
    assert {(a.role, a.name) for a in found} == {("creditor", "ACME CREDIT LLC"),
                                                 ("debtor", "JOHN Q. ROE")}
