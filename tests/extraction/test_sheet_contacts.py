"""On a key/value sheet about a debtor, the e-mail printed under the line that names where
the debtor works is the debtor's, though the employer's name carries no legal form
('Hartley-Osei'). Built in code (``builders``): a skip request with section wordings and
a contact label ('Reach at') the generator does not print."""

from __future__ import annotations

from extraction.pipeline import extract_document
from tests.extraction.builders import document, page


def test_a_contact_under_the_employer_line_of_a_sheet_is_the_debtors() -> None:
    sheet = page(
        (72, 60, "SKIP REQUEST"),
        (72, 80, "Person sought"),
        (72, 96, "Obligor: Dana K. Whitfield"),
        (72, 110, "Birth date: 04/09/1981"),
        (72, 124, "Employer: Hartley-Osei"),
        (72, 138, "Reach at: dana.whitfield81@example.com"),
        (72, 160, "Loan record"),
        (72, 176, "Lender: Coastline Savings Bank"),
        (72, 190, "Loan No.: 5512340098761234"),
    )
    parties = {p.name: p for p in extract_document(document(sheet, doc_type="placement")).parties}
    assert parties["Dana K. Whitfield"].emails == ["dana.whitfield81@example.com"]
    assert parties["Hartley-Osei"].role == "other" and parties["Hartley-Osei"].emails == []


def test_an_email_wrapped_in_its_cell_onto_the_next_line_is_read_whole() -> None:
    from extraction.candidates import lines_to_candidates
    from extraction.pipeline import document_lines

    lines = document_lines(document(page(
        (72, 96, "Contact mailbox"), (250, 96, "Phone on file"),
        (72, 108, "d.whitfield.home@outl"), (250, 108, "(415) 555-0187"),
        (72, 119, "ook.com"),
    )))[0]
    emails = [c.value for c in lines_to_candidates(lines) if c.kind == "email"]
    assert emails == ["d.whitfield.home@outlook.com"]
