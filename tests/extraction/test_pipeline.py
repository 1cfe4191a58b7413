"""extract_document on pages built in code: labels beside and above values, captions,
prose, contact blocks; rules only (the role model has its own tests)."""

from __future__ import annotations

from extraction.pipeline import extract_document
from tests.extraction.builders import document, page, stacked


def _fields(extraction) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in extraction.fields:
        out.setdefault(f.name, []).append(f.value)
    return out


def _extract(*pages, doc_type: str = "other"):
    return extract_document(document(*pages, doc_type=doc_type), use_transformer=False,
                            use_ner=False)


def test_extract_value_right_of_its_label() -> None:
    result = _extract(page((72, 100, "Balance Due:"), (300, 100, "$1,234.56"),
                           (72, 120, "Account No.:"), (300, 120, "XXXXXXXXXXXX4821")),
                      doc_type="collection_letter")
    fields = _fields(result)
    assert fields["amount_due"] == ["1234.56"]
    assert fields["account_number"] == ["XXXXXXXXXXXX4821"]


def test_extract_table_header_over_column() -> None:
    result = _extract(page((72, 100, "Principal"), (200, 100, "Interest"), (300, 100, "Fees"),
                           (72, 114, "2,171.95"), (200, 114, "8.57"), (300, 114, "75.00")),
                      doc_type="placement")
    fields = _fields(result)
    assert fields["principal"] == ["2171.95"]
    assert fields["interest"] == ["8.57"]
    assert fields["fees"] == ["75.00"]


def test_extract_prose_amounts_each_take_the_label_after_the_previous_value() -> None:
    text = ("the sum of $10,395.44, consisting of principal of $9,259.11, prejudgment "
            "interest of $278.83, court costs of $370.00.")
    result = _extract(page(*stacked(["ORDERED AND ADJUDGED that Plaintiff shall recover", text])),
                      doc_type="judgment")
    fields = _fields(result)
    assert fields["judgment_amount"] == ["10395.44"]
    assert fields["principal"] == ["9259.11"]
    assert fields["interest"] == ["278.83"]
    assert fields["fees"] == ["370.00"]


def test_extract_ordinal_date_wrapped_over_two_lines() -> None:
    result = _extract(page(*stacked(["DONE AND ORDERED in Chambers at Columbus, on the 29th day",
                                     "of October, 2023."])), doc_type="judgment")
    assert _fields(result)["judgment_date"] == ["2023-10-29"]


def test_extract_caption_parties_with_assignee_and_does() -> None:
    caption = [(108, 200, "ATLAS RECEIVABLES ACQUISITION"), (332, 200, ")"),
               (350, 200, "Case No. 24LBLC21878"),
               (108, 212, "CORP., as assignee of STERLING"), (332, 212, ")"),
               (108, 224, "RETAIL CREDIT,"), (332, 224, ")"),
               (209, 236, "Plaintiff,"), (332, 236, ")"),
               (159, 248, "v."), (332, 248, ")"),
               (108, 260, "TIMOTHY BAKER, JR.,"), (332, 260, ")"),
               (108, 272, "and DOES 1 through 10, inclusive,"), (332, 272, ")"),
               (209, 284, "Defendant(s)."), (332, 284, ")")]
    result = _extract(page((200, 150, "SUPERIOR COURT OF THE STATE OF CALIFORNIA"),
                           (230, 164, "FOR THE COUNTY OF FRESNO"), *caption),
                      doc_type="complaint")
    parties = {(p.role, p.name) for p in result.parties}
    assert ("creditor", "ATLAS RECEIVABLES ACQUISITION CORP.") in parties
    assert ("debtor", "TIMOTHY BAKER, JR.") in parties
    fields = _fields(result)
    assert fields["case_number"] == ["24LBLC21878"]
    assert fields["court_name"] == [
        "SUPERIOR COURT OF THE STATE OF CALIFORNIA FOR THE COUNTY OF FRESNO"]
    assert fields["creditor_name"] == ["ATLAS RECEIVABLES ACQUISITION CORP."]


def test_does_joined_to_the_defendant_by_a_semicolon_are_no_party() -> None:
    # a federal caption: 'NAME; and DOES 1' wraps onto 'through 10, inclusive,'
    caption = [(60, 200, "NORTHWIND DATA SERVICES, INC.,"), (300, 200, "Case No. 8:21-cv-0042"),
               (90, 212, "Plaintiff,"), (60, 224, "v."),
               (60, 236, "MARTA ILIESCU; and DOES 1"), (60, 248, "through 10, inclusive,"),
               (90, 260, "Defendants.")]
    result = _extract(page((200, 150, "UNITED STATES DISTRICT COURT"), *caption),
                      doc_type="complaint")
    parties = {(p.role, p.name) for p in result.parties}
    assert ("debtor", "MARTA ILIESCU") in parties
    assert not any("DOES" in name for _, name in parties)


def test_extract_attorney_block_contacts_without_fax() -> None:
    block = stacked(["JANET LOWE, SBN 267859", "MARLOWE, STRAND & RUIZ", "7071 PARK TER",
                     "MIAMI, FL 33125", "(T) (305) 594-3597 (F) (305) 594-3598",
                     "Email: JLowe@marlowelaw.com", "Attorney for Plaintiff"], x=110, top=60)
    result = _extract(page(*block), doc_type="complaint")
    attorney = next(p for p in result.parties if p.role == "attorney")
    assert attorney.name == "JANET LOWE"
    assert attorney.addresses == ["7071 PARK TER, MIAMI, FL 33125"]
    assert attorney.phones == ["+13055943597"]
    assert attorney.emails == ["jlowe@marlowelaw.com"]


def test_extract_placement_debtor_takes_unclaimed_contacts_and_last_four_only() -> None:
    lines = ["DEBTOR NAME ........ ROBERT W. SCOTT", "DATE OF BIRTH ...... 10/01/1962",
             "SSN ................ 123-45-4818", "ADDRESSES", "1. 7954 E MAPLE RD, APT 5D",
             "CLEVELAND, OH 44105", "TELEPHONE", "(216) 846-6622 HOME"]
    result = _extract(page(*stacked(lines)), doc_type="placement")
    debtor = next(p for p in result.parties if p.role == "debtor")
    assert debtor.name == "ROBERT W. SCOTT"
    assert debtor.dob == "1962-10-01"
    assert debtor.ssn_last4 == "4818"
    assert debtor.addresses == ["7954 E MAPLE RD, APT 5D, CLEVELAND, OH 44105"]
    assert debtor.phones == ["+12168466622"]
    assert "123-45" not in repr(result)


def test_extract_field_provenance_and_confidence_range() -> None:
    result = _extract(page((72, 300, "Total amount of the debt now:"), (330, 300, "$11,195.80")),
                      doc_type="collection_letter")
    field = next(f for f in result.fields if f.name == "amount_due")
    assert field.page == 1
    assert field.bbox[0] == 330 and field.bbox[1] == 300
    assert 0.0 < field.confidence <= 1.0
    assert field.extractor == "rules"


def test_extract_single_value_per_field_unless_several() -> None:
    lines = ["Total due: $100.00", "Balance: $100.00", "Amount due: $100.00"]
    result = _extract(page(*stacked(lines)), doc_type="collection_letter")
    assert [f.value for f in result.fields if f.name == "amount_due"] == ["100.00"]


def test_extract_skips_failed_pages() -> None:
    bad = page((72, 100, "Balance Due: $9.99"))
    bad.status = "failed"
    assert _extract(bad).fields == []
