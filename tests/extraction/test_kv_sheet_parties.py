"""Parties of key/value sheets in arrangements the generator does not draw (issue #11):
a row of labels over a row of values that prints the debtor's e-mail beside their name, a
title whose words read as a label and a heading, two columns whose headings share a row,
labels printed after their values. Pages are built in code (``builders``)."""

from __future__ import annotations

import pytest

from extraction.pipeline import extract_document
from tests.extraction.builders import document, page


def _sheet(*placed: tuple[float, float, str], doc_type: str = "placement"):
    return extract_document(document(page(*placed), doc_type=doc_type), use_ner=False)


@pytest.mark.slow
def test_a_name_in_a_row_of_values_beside_an_email_is_the_debtor() -> None:
    # four columns, labels no prototype reaches over the name; the e-mail beside the name
    # does not make the name a label of the e-mail
    result = _sheet((72, 60, "Intake Record"),
                    (72, 90, "Zorblat"), (210, 90, "Mail Box"), (360, 90, "Born On"),
                    (480, 90, "Tax Id"),
                    (72, 102, "Ada Q. Lovelace"), (210, 102, "ada@example.com"),
                    (360, 102, "03/04/1980"), (480, 102, "XXX-XX-1234"),
                    (72, 130, "Phones"),
                    (72, 142, "602-555-0147            Mobile"))
    debtors = [p for p in result.parties if p.role == "debtor"]
    assert [p.name for p in debtors] == ["Ada Q. Lovelace"]
    assert debtors[0].emails == ["ada@example.com"]
    assert debtors[0].dob == "1980-03-04"
    assert debtors[0].phones == ["+16025550147"]


@pytest.mark.slow
def test_a_title_run_into_a_role_word_is_no_party() -> None:
    # 'Borrower' then a heading's words: no label and value, the title of the sheet
    result = _sheet((150, 40, "Borrower Account Overview"),
                    (72, 80, "Zorblat: Ada Q. Lovelace"),
                    (72, 92, "Born: 03/04/1980"),
                    (72, 104, "Email: ada@example.com"))
    names = {p.name for p in result.parties}
    assert "Account Overview" not in names
    assert {p.name for p in result.parties if p.role == "debtor"} == {"Ada Q. Lovelace"}
