"""A balance printed with its parts, read by its arithmetic (``extraction.itemization``).

Pages are built in code (``builders``) in shapes the generator does not draw: a remittance
advice set as a ledger with its values far right under wordings no label rule lists, a
statement whose part is labelled like a balance, a form with a costs memorandum on its
next page, a judgment's sum adjudged, two different sums on one page.
"""

from __future__ import annotations

from core.document import PageContent
from extraction.itemization import part_words
from extraction.pipeline import extract_document
from tests.extraction.builders import document, page

MONEY = ("principal", "interest", "fees", "amount_due", "judgment_amount")


def _money(*pages: PageContent, doc_type: str = "placement") -> dict[str, str]:
    extraction = extract_document(document(*pages, doc_type=doc_type))
    return {f.name: f.value for f in extraction.fields if f.name in MONEY}


def _evidence(*pages: PageContent, doc_type: str = "placement") -> dict[str, str]:
    extraction = extract_document(document(*pages, doc_type=doc_type))
    return {f.name: f.evidence.split("|")[2] for f in extraction.fields if f.name in MONEY}


REMITTANCE = page(
    (72, 60, "CLIENT REMITTANCE ADVICE"),
    (72, 90, "Original obligation"), (400, 90, "2,410.00"),
    (72, 104, "Accrued finance charge"), (400, 104, "311.45"),
    (72, 118, "Collection surcharge"), (400, 118, "48.00"),
    (72, 132, "Remit this sum"), (400, 132, "2,769.45"),
    (72, 160, "Last remittance received"), (400, 160, "75.00"),
)


def test_the_sum_of_the_parts_is_the_amount_due_and_the_largest_part_the_principal() -> None:
    # no rule names "Remit this sum" or "Original obligation"; 2,410.00 + 311.45 + 48.00
    # = 2,769.45 says which is the total
    assert _money(REMITTANCE) == {"amount_due": "2769.45", "principal": "2410.00",
                                  "interest": "311.45", "fees": "48.00"}
    evidence = _evidence(REMITTANCE)
    assert evidence["amount_due"] == "sum" and evidence["principal"] == "sum"


def test_a_part_labelled_like_a_balance_is_a_part_not_the_amount_due() -> None:
    statement = page(
        (72, 60, "STATEMENT OF ACCOUNT"),
        (72, 90, "Balance carried from lender:"), (300, 90, "$1,980.00"),
        (72, 104, "Interest:"), (300, 104, "$402.10"),
        (72, 118, "Costs:"), (300, 118, "$30.00"),
        (72, 132, "Now payable in full:"), (300, 132, "$2,412.10"),
    )
    assert _money(statement) == {"amount_due": "2412.10", "principal": "1980.00",
                                 "interest": "402.10", "fees": "30.00"}


def test_a_zero_printed_with_two_parts_and_their_total_is_the_third_part() -> None:
    statement = page(
        (72, 90, "Original obligation"), (400, 90, "640.00"),
        (72, 104, "Accrued finance charge"), (400, 104, "59.90"),
        (72, 118, "Collection surcharge"), (400, 118, "0.00"),
        (72, 132, "Remit this sum"), (400, 132, "699.90"),
    )
    assert _money(statement) == {"amount_due": "699.90", "principal": "640.00",
                                 "interest": "59.90", "fees": "0.00"}


def test_on_a_judgment_the_total_is_the_judgment_amount() -> None:
    judgment = page(
        (72, 60, "JUDGMENT"),
        (72, 90, "Original obligation"), (400, 90, "5,100.00"),
        (72, 104, "Accrued finance charge"), (400, 104, "612.35"),
        (72, 118, "Collection surcharge"), (400, 118, "95.00"),
        (72, 132, "Adjudged in all"), (400, 132, "5,807.35"),
    )
    money = _money(judgment, doc_type="judgment")
    assert money["judgment_amount"] == "5807.35"
    assert "amount_due" not in money and money["principal"] == "5100.00"


def test_a_costs_memorandum_whose_total_the_form_prints_as_costs_is_no_balance() -> None:
    # page 1 states the parts of what is owed; page 2 breaks its costs line down: 95.00 is
    # the sum of 60.00 and 35.00, but it is the costs, not a balance with a principal
    form = page(
        (72, 90, "Principal"), (400, 90, "$2,000.00"),
        (72, 104, "Costs"), (400, 104, "$95.00"),
        (72, 118, "Total"), (400, 118, "$2,095.00"),
    )
    memo = page(
        (72, 90, "MEMORANDUM OF COSTS"),
        (72, 110, "Clerk's charge to open the file"), (400, 110, "$60.00"),
        (72, 124, "Delivery of papers"), (400, 124, "$35.00"),
        (72, 138, "Total"), (400, 138, "$95.00"),
        number=2,
    )
    assert _money(form, memo, doc_type="other") == {
        "principal": "2000.00", "fees": "95.00", "amount_due": "2095.00"}


def test_two_different_sums_on_one_page_change_nothing() -> None:
    # 300 + 200 = 500 and 500 + 250 = 750: which is the balance the arithmetic cannot say
    ambiguous = page(
        (72, 90, "Original obligation"), (400, 90, "300.00"),
        (72, 104, "Accrued finance charge"), (400, 104, "200.00"),
        (72, 118, "Carried"), (400, 118, "500.00"),
        (72, 132, "Collection surcharge"), (400, 132, "250.00"),
        (72, 146, "Remit this sum"), (400, 146, "750.00"),
    )
    assert "sum" not in _evidence(ambiguous).values()


def test_the_words_any_sum_has_do_not_tell_the_parts_apart() -> None:
    # 'Service charge balance' reads nearest 'principal balance' whole; without 'balance'
    # it says nothing of the principal, and the largest part is the principal
    ledger = page(
        (72, 60, "LEDGER CARD"),
        (72, 90, "Service charge balance"), (400, 90, "96.20"),
        (72, 104, "Amount advanced"), (400, 104, "7,480.00"),
        (72, 118, "Accumulated finance charge"), (400, 118, "1,203.77"),
        (72, 132, "Total now owing"), (400, 132, "8,779.97"),
    )
    assert _money(ledger) == {"amount_due": "8779.97", "principal": "7480.00",
                              "interest": "1203.77", "fees": "96.20"}
    assert part_words("Service charge balance") == "Service charge"
    assert part_words("Balance due") == "Balance due"  # nothing else left: kept whole
