"""Full SSNs are masked in page words at intake (boxes kept, words marked), distractors stay,
and extraction still finds the last four from the masked form."""

from __future__ import annotations

import re

import pytest

from core.document import PageContent, ReadDocument, Word
from extraction import parsers
from extraction.pipeline import extract_document
from intake.read import read_bytes
from intake.redaction import (
    find_full_ssns,
    mask_page_text,
    mask_text,
    redact_stored_words,
    redact_words,
)
from tests.extraction.builders import page, stacked, words_at
from tests.intake.builders import text_pdf_bytes


@pytest.mark.parametrize(("text", "masked"), [
    ("SSN: 123-45-6789", "SSN: ***-**-6789"),
    ("SSN 123 45 6789", "SSN *** ** 6789"),
    ("SSN 123456789", "SSN ***-**-6789"),
    ("SSN:123456789,", "SSN:***-**-6789,"),
    ("SS# 912-78-4821", "SS# ***-**-4821"),
    ("S.S.N. 000-12-3456", "S.S.N. ***-**-3456"),
    ("Soc. Sec. No.: 666-12-3456", "Soc. Sec. No.: ***-**-3456"),
    ("Social Security Number: 123.45.6789", "Social Security Number: ***-**-6789"),
    ("Social Security No. 12345-6789", "Social Security No. ***-**-6789"),
    ("SSN 12-3456789", "SSN ***-**-6789"),  # labelled: any grouping of nine digits
    ("ITIN: 912-70-1234", "ITIN: ***-**-1234"),
    ("TIN 123456789", "TIN ***-**-6789"),
    ("Debtor John Smith 123-45-6789 DOB 01/02/1980",
     "Debtor John Smith ***-**-6789 DOB 01/02/1980"),
    ("123 45 6789", "*** ** 6789"),
    ("SSN l23-4S-67B9", "SSN ***-**-6789"),  # OCR confusions; the last four read as digits
    ("SSN: 1O2-34-S6I8", "SSN: ***-**-5618"),
    ("SSN: 123-45-6789 and 987-65-4321", "SSN: ***-**-6789 and ***-**-4321"),
])
def test_full_ssns_are_masked(text: str, masked: str) -> None:
    assert mask_text(text) == masked
    first_last4 = re.search(r"\*\*[- ](\d{4})", masked)
    assert first_last4 is not None
    assert parsers.ssn_last4(mask_text(text)) == first_last4.group(1)


@pytest.mark.parametrize("text", [
    "Phone (217) 555-0143", "Cell 217-555-0143", "Tel. 217.555.0143", "Home 2175550143",
    "Work 217 555 0143", "Springfield, IL 62704-1234", "IL 62704 1234",
    "Case No. 24-CV-123456789", "Case No. 2024-CV-001187", "Docket 123456789",
    "Account No. 4417123456789012", "Acct # 123456789", "Account: 123-456-789",
    "Loan 123-45-6789-01", "Ref 1234-56-7890", "Paid 03/21/2025", "Filed 2025-03-21",
    "EIN: 12-3456789", "Employer EIN 98-7654321", "Creditor TIN 12-3456789",
    "Tax ID 12-3456789", "Balance $123,456.78", "SSN: XXX-XX-1234", "SSN ***-**-1234",
    "SSN (last four) 1234", "SSN: 123-45-678", "Soles SOB-lS-SOOS",
])
def test_distractors_are_left_alone(text: str) -> None:
    assert find_full_ssns(text) == []
    assert mask_text(text) == text


def test_masking_twice_changes_nothing() -> None:
    once = mask_text("SSN 123 45 6789 or 123-45-6788")
    assert mask_text(once) == once


def test_split_words_keep_their_boxes_and_are_marked() -> None:
    words = words_at("Debtor SSN 123 45 6789 DOB 1981-04-09", 72, 100)
    masked, found = redact_words(words)
    assert found == 1
    assert [w.text for w in masked] == ["Debtor", "SSN", "***", "**", "6789", "DOB",
                                        "1981-04-09"]
    assert [w.bbox for w in masked] == [w.bbox for w in words]
    assert [w.redacted for w in masked] == [False, False, True, True, False, False, False]


def test_one_word_ssn_is_marked_whole_and_other_lines_untouched() -> None:
    words = words_at("SSN:123-45-6789", 72, 100, line=0) + words_at("Call 217-555-0143", 72,
                                                                     120, line=1)
    masked, found = redact_words(words)
    assert found == 1
    assert masked[0].text == "SSN:***-**-6789" and masked[0].redacted
    assert masked[1:] == words[1:]


def test_words_of_a_line_are_read_left_to_right_whatever_their_order() -> None:
    words = words_at("SSN 123 45 6789", 72, 100)
    shuffled = [words[2], words[0], words[3], words[1]]
    masked, found = redact_words(shuffled)
    assert found == 1
    assert sorted((w.bbox[0], w.text) for w in masked) == [
        (72.0, "SSN"), (96.0, "***"), (120.0, "**"), (138.0, "6789")]


def test_the_redacted_flag_is_stored_only_when_set() -> None:
    plain = Word("Amount", (1.0, 2.0, 3.0, 4.0))
    assert "redacted" not in plain.to_dict()
    marked = Word("***-**-6789", (1.0, 2.0, 3.0, 4.0), redacted=True)
    assert marked.to_dict()["redacted"] is True
    assert Word.from_dict(marked.to_dict()) == marked
    assert Word.from_dict(plain.to_dict()) == plain


def test_stored_words_and_page_text_of_old_databases() -> None:
    stored = [w.to_dict() for w in words_at("SSN 123-45-6789 Phone 217-555-0143", 72, 100)]
    masked, found = redact_stored_words(stored)
    assert found == 1
    assert [w["text"] for w in masked] == ["SSN", "***-**-6789", "Phone", "217-555-0143"]
    assert masked[1]["redacted"] is True and "redacted" not in masked[2]
    untouched, none = redact_stored_words(masked)
    assert none == 0 and untouched == masked
    assert mask_page_text("Name X\nSSN 123 45 6789\n62704-1234") == \
        "Name X\nSSN *** ** 6789\n62704-1234"


def test_read_bytes_masks_a_text_layer_page() -> None:
    lines = ["PLACEMENT SHEET", "Debtor: Maria L. Gonzalez", "SSN: 123-45-6789",
             "Social Security No. 987 65 4321", "Phone (217) 555-0143",
             "Case No. 24-CV-123456789"]
    document = read_bytes(text_pdf_bytes(lines), "placement.pdf")
    text = document.text
    assert "6789" in text and "4321" in text
    for full in ("123-45-6789", "123456789 ", "987 65 4321", "987654321"):
        assert full not in text.replace("24-CV-123456789", "")
    assert "***-**-6789" in text and "*** ** 4321" in text
    assert "24-CV-123456789" in text and "(217) 555-0143" in text
    marked = [w for p in document.pages for w in p.words if w.redacted]
    assert {w.text for w in marked} >= {"***-**-6789", "***", "**"}


def test_extraction_reads_the_last_four_from_the_masked_form() -> None:
    placed = stacked(["ACCOUNT PLACEMENT", "Debtor: Maria L. Gonzalez",
                      "SSN: 123-45-6789", "1420 W Elm St, Springfield, IL 62704"])
    read = ReadDocument("p.pdf", "0" * 64, "application/pdf", [page(*placed)], "placement")
    masked_pages: list[PageContent] = []
    for p in read.pages:
        words, _ = redact_words(p.words)
        masked_pages.append(PageContent(p.number, p.width, p.height, p.source, words))
    read.pages = masked_pages
    assert "123-45" not in read.text
    extraction = extract_document(read, use_transformer=False)
    debtors = [p for p in extraction.parties if p.ssn_last4]
    assert [p.ssn_last4 for p in debtors] == ["6789"]
