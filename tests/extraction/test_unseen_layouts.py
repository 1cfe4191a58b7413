"""Layouts the generator never draws, built in code: court-form compound role labels,
2-D amount tables, exhibit cover sheets, lawyers listed with their bar number underneath,
one-line appellate titles, several plaintiffs joined by 'and', a party's name repeated over
its address on a proof of service. Rules only (``use_transformer=False``)."""

from __future__ import annotations

from extraction.pipeline import extract_document
from tests.extraction.builders import document, page, stacked


def _extract(*pages, doc_type: str = "complaint"):
    return extract_document(document(*pages, doc_type=doc_type), use_transformer=False,
                            use_ner=False)


def _fields(extraction) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in extraction.fields:
        out.setdefault(f.name, []).append(f.value)
    return out


def _parties(extraction) -> dict[str, str]:
    return {p.name: p.role for p in extraction.parties}


def test_compound_role_labels_name_both_sides() -> None:
    result = _extract(page(*stacked([
        "PETITIONER/PLAINTIFF: NORTHWIND RECEIVABLES LLC",
        "RESPONDENT/DEFENDANT: Tomas Okafor, an individual",
        "APPLICATION FOR WRIT"])))
    parties = _parties(result)
    assert parties["NORTHWIND RECEIVABLES LLC"] == "creditor"
    assert parties["Tomas Okafor"] == "debtor"
    assert _fields(result)["creditor_name"] == ["NORTHWIND RECEIVABLES LLC"]


def test_assignee_clause_is_cut_from_a_labelled_creditor() -> None:
    result = _extract(page(*stacked([
        "Plaintiff(s): BLUE HERON CAPITAL, LLC, AS ASSIGNEE OF SUMMIT BANK, N.A."])))
    assert _parties(result) == {"BLUE HERON CAPITAL, LLC": "creditor"}


def test_table_row_label_names_every_amount_in_its_row() -> None:
    # "Amount  Credits  Balance" columns; the row label says what the amounts are
    result = _extract(page(
        (300, 100, "Amount"), (380, 100, "Credits"), (460, 100, "Balance"),
        (72, 114, "a. Demand of complaint"), (300, 114, "$4,210.00"), (380, 114, "$0.00"),
        (460, 114, "$4,210.00"),
        (72, 128, "b. Costs"), (300, 128, "$310.00"), (380, 128, "$0.00"),
        (460, 128, "$310.00"),
        (72, 142, "c. TOTALS"), (300, 142, "$4,520.00"), (380, 142, "$0.00"),
        (460, 142, "$4,520.00")))
    fields = _fields(result)
    assert fields["principal"] == ["4210.00"]
    assert fields["fees"] == ["310.00"]
    assert fields["amount_due"] == ["4520.00"]  # not the 'Balance' column of the first row


def test_balance_column_header_does_not_name_a_row_with_its_own_label() -> None:
    result = _extract(page(
        (300, 100, "Amount"), (380, 100, "Credits"), (460, 100, "Balance"),
        (72, 114, "a. Demand of complaint"), (300, 114, "$4,210.00"), (380, 114, "$0.00"),
        (460, 114, "$4,210.00"),
        (72, 128, "b. Costs"), (300, 128, "$310.00"), (380, 128, "$0.00"),
        (460, 128, "$310.00")))
    fields = _fields(result)
    assert fields["principal"] == ["4210.00"]
    assert "amount_due" not in fields


def test_respondent_is_not_a_deadline_and_filed_names_the_date() -> None:
    result = _extract(page(*stacked([
        "RESPONDENT: Ana Lima",
        "1. On the petition filed",
        "a. on (date): March 3, 2022"])))
    fields = _fields(result)
    assert fields.get("filing_date") == ["2022-03-03"]
    assert "due_date" not in fields


def test_exhibit_cover_sheet_starts_the_attachments() -> None:
    body = page(*stacked(["The balance owed is $950.00."]), number=1)
    cover = page((250, 400, "EXHIBIT “A”"), number=2)
    statement = page(*stacked(["Interest Charged $142.93", "Payment Due Date 11/28/2020"]),
                     number=3)
    fields = _fields(_extract(body, cover, statement))
    assert fields["amount_due"] == ["950.00"]
    assert "interest" not in fields and "due_date" not in fields


def test_bar_number_under_each_name_makes_a_block_of_attorneys() -> None:
    result = _extract(page(*stacked([
        "Mireille Dubois",
        "State Bar No. 204411",
        "Kofi Mensah",
        "State Bar No. 318870",
        "DUBOIS MENSAH LLP",
        "410 Harbor Way, Suite 9",
        "Oakland, CA 94607",
        "Telephone: (510) 555-0148",
        "Email: intake@duboismensah.example",
        "Attorneys for Plaintiff"])))
    lawyers = {p.name: p for p in result.parties if p.role == "attorney"}
    assert set(lawyers) == {"Mireille Dubois", "Kofi Mensah"}
    for lawyer in lawyers.values():  # the block prints its contacts once, for both
        assert lawyer.addresses == ["410 Harbor Way, Suite 9, Oakland, CA 94607"]
        assert lawyer.phones == ["+15105550148"]
        assert lawyer.emails == ["intake@duboismensah.example"]


def test_state_bar_abbreviation_after_the_name() -> None:
    result = _extract(page(*stacked(["LENA VOSS OBA 41207", "Counsel of record"])))
    assert _parties(result).get("LENA VOSS") == "attorney"


def test_attorney_block_stops_at_the_court_heading() -> None:
    result = _extract(page(*stacked([
        "Priya Raman, SBN 288812",
        "RAMAN LAW",
        "77 Elm Ave",
        "Fresno, CA 93721",
        "SUPERIOR COURT OF CALIFORNIA, COUNTY OF FRESNO",
        "1130 O STREET",
        "FRESNO, CA 93724"])))
    lawyer = next(p for p in result.parties if p.role == "attorney")
    assert lawyer.addresses == ["77 Elm Ave, Fresno, CA 93721"]  # not the court's


def test_one_line_title_gives_parties_but_no_creditor_field() -> None:
    result = _extract(page(*stacked([
        "COURT OF APPEALS FOR THE NINTH CIRCUIT",
        "Harbor Dredging Company v. Port Authority",
        "No. 21-5512"])))
    parties = _parties(result)
    assert parties["Harbor Dredging Company"] == "creditor"
    assert parties["Port Authority"] == "debtor"
    assert "creditor_name" not in _fields(result)  # a title names sides, not a debt's owner


def test_bare_name_field_over_a_firm_field_is_counsel() -> None:
    result = _extract(page(*stacked([
        "My address and telephone are:",
        "Name: Oskar Lindqvist",
        "Law firm: Lindqvist & Hale LLP",
        "Telephone: 206-555-0190"])))
    assert _parties(result).get("Oskar Lindqvist") == "attorney"


def test_several_plaintiffs_joined_by_and() -> None:
    result = _extract(page(*stacked([
        "UNITED STATES DISTRICT COURT",
        "FOR THE DISTRICT OF NEVADA",
        "BOARD OF TRUSTEES OF THE",
        "LABORERS PENSION FUND",
        "and",
        "BOARD OF TRUSTEES OF THE",
        "LABORERS VACATION TRUST",
        "Plaintiffs,",
        "v.",
        "DESERT GRADING, INC.",
        "Defendant."], step=16)), doc_type="complaint")
    creditors = {p.name for p in result.parties if p.role == "creditor"}
    assert creditors == {"BOARD OF TRUSTEES OF THE LABORERS PENSION FUND",
                         "BOARD OF TRUSTEES OF THE LABORERS VACATION TRUST"}
    assert _parties(result)["DESERT GRADING, INC."] == "debtor"


def test_caption_plaintiff_under_a_courthouse_line() -> None:
    result = _extract(page(*stacked([
        "SUPERIOR COURT OF THE STATE OF CALIFORNIA",
        "EASTSIDE COURTHOUSE",
        "CORAL BAY FUNDING LLC",
        "Plaintiff,",
        "v.",
        "MARTA KOWALSKI,",
        "Defendant."], step=16)), doc_type="complaint")
    assert _parties(result).get("CORAL BAY FUNDING LLC") == "creditor"


def test_name_repeated_over_an_address_on_a_later_page() -> None:
    caption = page(*stacked(["OAKRIDGE CREDIT LLC,", "Plaintiff,", "v.", "WEI CHEN,",
                             "Defendant."], step=16), number=1)
    service = page(*stacked(["PROOF OF SERVICE BY MAIL", "I mailed a copy to:",
                             "WEI CHEN", "88 Lotus Court", "Irvine, CA 92618"]), number=2)
    result = _extract(caption, service, doc_type="complaint")
    debtor = next(p for p in result.parties if p.role == "debtor")
    assert debtor.addresses == ["88 Lotus Ct, Irvine, CA 92618"]


def test_exhibit_address_only_under_the_repeated_name() -> None:
    caption = page(*stacked(["OAKRIDGE CREDIT LLC,", "Plaintiff,", "v.", "WEI CHEN,",
                             "Defendant."], step=16), number=1)
    cover = page((250, 400, "EXHIBIT 1"), number=2)
    coupon = page(*stacked(["Remit to: PO Box 55, Dallas, TX 75201", "", "", "WEI J CHEN",
                            "88 Lotus Court", "Irvine, CA 92618"]), number=3)
    result = _extract(caption, cover, coupon, doc_type="complaint")
    debtor = next(p for p in result.parties if p.role == "debtor")
    assert debtor.addresses == ["88 Lotus Ct, Irvine, CA 92618"]
    assert all("Dallas" not in a for p in result.parties for a in p.addresses)


def test_several_plaintiffs_are_each_a_creditor_name() -> None:
    result = _extract(page(*stacked([
        "BOARD OF TRUSTEES OF THE", "LABORERS PENSION FUND", "and",
        "BOARD OF TRUSTEES OF THE", "LABORERS VACATION TRUST", "Plaintiffs,", "v.",
        "DESERT GRADING, INC.", "Defendant."], step=16)))
    assert sorted(_fields(result)["creditor_name"]) == [
        "BOARD OF TRUSTEES OF THE LABORERS PENSION FUND",
        "BOARD OF TRUSTEES OF THE LABORERS VACATION TRUST"]


def test_address_in_labelled_form_boxes() -> None:
    result = _extract(page(*stacked([
        "ATTORNEY OR PARTY WITHOUT ATTORNEY:",
        "NAME: Ingrid Halvorsen SBN 301122",
        "STREET ADDRESS: P.O. Box 4410",
        "CITY: Boise STATE: ID ZIP CODE: 83701",
        "TELEPHONE NO.: 208-555-0177"])))
    lawyer = next(p for p in result.parties if p.role == "attorney")
    assert lawyer.addresses == ["P.O. Box 4410, Boise, ID 83701"]


def test_form_revision_date_is_no_field() -> None:
    # the footer's revision date sits under a line that names a deadline
    result = _extract(page(*stacked(["Amount claimed: $640.00, due on receipt",
                                     "Form MC-999 Rev. January 1, 2026"])))
    fields = _fields(result)
    assert fields["amount_due"] == ["640.00"]
    assert not {"due_date", "filing_date", "judgment_date"} & set(fields)


def test_names_printed_twice_and_names_of_two_parties() -> None:
    from extraction.contacts import distinct_names, same_person

    assert same_person("Reginald A. Williamson", "Reginald Ashton Williamson")
    assert same_person("jggHUA ANDERSON", "JOSHUA ANDERSON")  # OCR garbled the first name
    assert not same_person("John A. Smith", "John B. Smith")
    assert not same_person("James Smith", "Janet Smith")
    assert not same_person("TRUSTEES OF THE X PENSION FUND", "TRUSTEES OF THE X WELFARE FUND")
    assert distinct_names("TRUSTEES OF THE INDIANA PENSION FUND",
                          "TRUSTEES OF THE INDIANA DEFINED CONTRIBUTION FUND")
    assert not distinct_names("A CME FUNDING LLC", "ACME FUNDING LLC")


def test_role_model_cannot_erase_a_label_it_never_saw() -> None:
    from extraction.labels import RoleGuess
    from extraction.role_model import combine

    rule = RoleGuess("filing_date", 0.7, "before")  # "... complaint filed / a. on (date):"
    kept = combine(rule, {"none": 0.95, "filing_date": 0.01, "due_date": 0.04}, "date")
    assert kept.field == "filing_date"
    unlabelled = RoleGuess("none", 0.0, "shape")  # the model may still name a bare value
    assert combine(unlabelled, {"none": 0.05, "due_date": 0.95}, "date").field == "due_date"


def test_court_heading_beside_a_filing_stamp() -> None:
    result = _extract(page((36, 100, "SUPERIOR COURT OF CALIFORNIA, COUNTY OF KERN"),
                           (400, 100, "Electronically filed by Clerk,"),
                           (36, 114, "STREET ADDRESS: 1415 TRUXTUN AVENUE")))
    assert _fields(result)["court_name"] == ["SUPERIOR COURT OF CALIFORNIA, COUNTY OF KERN"]


def test_zip_in_a_cell_of_its_own() -> None:
    result = _extract(page(*stacked(["Dana Whitfield, SBN 277001", "WHITFIELD LAW",
                                     "P.O. Box 13807"]),
                           (72, 114, "Sacramento, CA"), (300, 114, "95853")))
    lawyer = next(p for p in result.parties if p.role == "attorney")
    assert lawyer.addresses == ["P.O. Box 13807, Sacramento, CA 95853"]


def test_role_label_with_a_list_instruction() -> None:
    result = _extract(page(*stacked(["Plaintiff (list names): Noor Haddad", "Case Number:"])))
    assert _parties(result).get("Noor Haddad") == "creditor"


def test_caption_name_split_by_ocr_beside_a_notice_box() -> None:
    # an eviction caption: names at the margin, role words indented, a notice box at right
    result = _extract(page(
        (72, 60, "IN THE DISTRICT COURT OF OSAGE COUNTY"),
        (45, 80, "MAPLE"), (150, 80, "RIDGE HOMES, L.L.C."),
        (45, 94, "DBA MAPLE"), (150, 94, "RIDGE APARTMENTS"),
        (230, 108, "Plaintiff,"),
        (45, 122, "LUCIA FERREIRA"), (300, 122, "You may be eligible for protection"),
        (45, 136, "AND ALL OTHER OCCUPANTS"), (300, 136, "from eviction under federal law."),
        (225, 150, "Defendant"), (300, 150, "Learn the steps you should take now:")))
    parties = _parties(result)
    assert parties.get("MAPLE RIDGE HOMES, L.L.C.") == "creditor"  # the name before 'DBA'
    assert parties.get("LUCIA FERREIRA") == "debtor"
    assert not any("eligible" in name or "OCCUPANTS" in name for name in parties)


def test_charge_off_creditor_sentence_is_a_second_creditor() -> None:
    result = _extract(page(*stacked([
        "HARBORLIGHT RECEIVABLES LLC,", "Plaintiff,", "v.", "OMAR HADID,", "Defendant.",
        "7. The charge-off creditor was CASCADE STATE BANK, 12 Pine St, Reno, NV 89501",
        "and the account number at charge-off was XXXXXXXX1234."], step=16)))
    assert sorted(_fields(result)["creditor_name"]) == ["CASCADE STATE BANK",
                                                        "HARBORLIGHT RECEIVABLES LLC"]
    assert _parties(result)["CASCADE STATE BANK"] == "creditor"
    original = next(f for f in result.fields if f.value == "CASCADE STATE BANK")
    assert original.confidence < 0.9  # a way of finding it calibration never counted


def test_filing_stamp_whose_court_takes_three_lines() -> None:
    # "FILED", then the court's name over three lines, then the date: four lines above it
    result = _extract(page((36, 60, "JANE ROE, SBN 100200"), (360, 60, "ELECTRONICALLY FILED"),
                           (360, 72, "Superior Court of the State"),
                           (360, 84, "of Arizona in and for the"),
                           (360, 96, "County of Maricopa"),
                           (360, 108, "03/14/2025 9:02 AM"),
                           (36, 140, "SUPERIOR COURT OF ARIZONA")))
    assert _fields(result).get("filing_date") == ["2025-03-14"]
