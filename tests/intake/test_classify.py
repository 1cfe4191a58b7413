"""Document-type classification from page words."""

from __future__ import annotations

import pytest

from core.vocabulary import DOC_TYPES
from intake.classify import classify_document
from tests.extraction.builders import page, stacked

CASES = {
    "collection_letter": ["Dear Jane Doe:", "Crestline Collections LLC is a debt collector.",
                          "How can you dispute the debt?", "Sincerely,"],
    "placement": ["ACCOUNT PLACEMENT / DEBTOR PROFILE REPORT", "CLIENT : ACME BANK",
                  "Date placed: 04/08/2024", "DEBTOR INFORMATION"],
    "complaint": ["COMPLAINT FOR MONEY", "FIRST CAUSE OF ACTION",
                  "WHEREFORE, Plaintiff prays for judgment against Defendant"],
    "summons": ["SUMMONS", "NOTICE TO DEFENDANT:", "YOU ARE BEING SUED BY PLAINTIFF:"],
    "judgment": ["JUDGMENT AFTER DEFAULT", "IT IS ADJUDGED that Plaintiff recover",
                 "Judgment entered on: May 1, 2024"],
    "garnishment": ["WRIT OF GARNISHMENT (WAGES)", "TO THE GARNISHEE (EMPLOYER):",
                    "You are commanded to withhold"],
    "property_record": ["RECORDING REQUESTED BY:", "INDIVIDUAL GRANT DEED", "APN: 7730-34-276",
                        "The undersigned grantor(s) declare(s):"],
}


@pytest.mark.parametrize(("doc_type", "lines"), list(CASES.items()))
def test_classify_document_by_title_and_phrases(doc_type: str, lines: list[str]) -> None:
    found, confidence = classify_document([page(*stacked(lines))])
    assert found == doc_type
    assert 0.5 < confidence <= 0.99


def test_classify_document_without_evidence_is_other() -> None:
    found, confidence = classify_document([page(*stacked(["Lorem ipsum dolor sit amet."]))])
    assert (found, confidence) == ("other", 0.5)
    assert found in DOC_TYPES


def test_classify_document_reads_sideways_scan_upright() -> None:
    """An OCR page fed sideways keeps its boxes in the page frame; the classifier still
    reads its title."""
    from core.document import PageContent, Word

    upright = page(*stacked(["WRIT OF GARNISHMENT (WAGES)", "TO THE GARNISHEE (EMPLOYER):",
                             "You are commanded to withhold from the judgment debtor the wages"]))
    sideways = [Word(w.text, (w.bbox[1], 612 - w.bbox[2], w.bbox[3], 612 - w.bbox[0]),
                     0.9, w.line) for w in upright.words]
    turned = PageContent(number=1, width=792, height=612, source="ocr", words=sideways)
    assert classify_document([turned])[0] == "garnishment"
