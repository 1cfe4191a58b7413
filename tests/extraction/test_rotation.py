"""OCR pages fed sideways or upside down are read upright; boxes go back to the page frame."""

from __future__ import annotations

import pytest

from core.document import PageContent, Word
from core.lines import _turn_box, page_to_lines, to_page_box
from extraction.pipeline import extract_document
from tests.extraction.builders import document, page, stacked

LINES = ["Dear Jane Doe:", "Total amount of the debt now: $1,250.00",
         "We are trying to collect a debt that you owe to the bank.",
         "Springfield, IL 62704 is in the county of Sangamon."]


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_turn_box_round_trip(rotation: int) -> None:
    box = (100.0, 200.0, 150.0, 210.0)
    assert to_page_box(_turn_box(box, rotation, 612, 792), rotation, 612, 792) == box


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_ocr_page_turned_reads_upright_and_boxes_return(rotation: int) -> None:
    upright = page(*stacked(LINES))
    width, height = (792.0, 612.0) if rotation in (90, 270) else (612.0, 792.0)
    back = {90: 270, 180: 180, 270: 90}[rotation]
    words = [Word(w.text, _turn_box(w.bbox, back, 612, 792), 0.95, w.line)
             for w in upright.words]
    turned = PageContent(number=1, width=width, height=height, source="ocr", words=words)
    assert [line.text for line in page_to_lines(turned)] == LINES
    result = extract_document(document(turned, doc_type="collection_letter"),
                              use_transformer=False, use_ner=False)
    field = next(f for f in result.fields if f.name == "amount_due")
    original = next(w for w in words if w.text == "$1,250.00")
    assert field.value == "1250.00"
    assert field.bbox == pytest.approx(original.bbox)
