"""Lines from words: doubled text layers, OCR confusions, pleading numbers, dot leaders."""

from __future__ import annotations

from core.document import PageContent, Word
from core.lines import clean_words, page_to_lines
from tests.extraction.builders import page, stacked, words_at


def test_clean_words_drops_doubled_text_layer() -> None:
    words = words_at("Amount Due", 72, 100)
    doubled = words + [Word(w.text, w.bbox, w.confidence, w.line) for w in words]
    assert [w.text for w in clean_words(doubled)] == ["Amount", "Due"]


def test_clean_words_fixes_attomey() -> None:
    assert [w.text for w in clean_words(words_at("Attomey for Plaintiff", 72, 100))] == [
        "Attorney", "for", "Plaintiff"]


def test_page_to_lines_groups_by_vertical_overlap_and_sorts_left_to_right() -> None:
    built = page((300, 100, "right"), (72, 101, "left"), (72, 130, "next"))
    lines = page_to_lines(built)
    assert [line.text for line in lines] == ["left right", "next"]


def test_page_to_lines_drops_pleading_line_numbers() -> None:
    placed = [(50, 72 + 24 * i, str(i + 1)) for i in range(8)] + [(110, 72, "JANE DOE, SBN 1234")]
    lines = page_to_lines(page(*placed))
    assert lines[0].text == "JANE DOE, SBN 1234"
    assert all(not line.text.isdigit() for line in lines)


def test_dot_leaders_read_as_colon() -> None:
    lines = page_to_lines(page((58, 100, "CLIENT ............ ACME FUNDING LLC")))
    assert lines[0].text == "CLIENT : ACME FUNDING LLC"


def test_line_cells_split_on_wide_gap() -> None:
    lines = page_to_lines(page((72, 100, "Balance Due:"), (300, 100, "$1,200.00")))
    cells = [lines[0].text[s:e] for s, e in lines[0].cells()]
    assert cells == ["Balance Due:", "$1,200.00"]


def test_span_bbox_maps_characters_to_word_boxes() -> None:
    line = page_to_lines(page(*stacked(["Total due $12.50 now"])))[0]
    start = line.text.index("$12.50")
    box = line.span_bbox(start, start + 6)
    assert box[0] == 72 + 6 * len("Total due ")
    assert box[2] == box[0] + 6 * 6


def test_ocr_confidence_of_span_is_lowest_word() -> None:
    words = words_at("Balance", 72, 100) + words_at("$5.00", 130, 100, confidence=0.4)
    built = PageContent(number=1, width=612, height=792, source="ocr", words=words)
    line = page_to_lines(built)[0]
    assert line.span_confidence(0, len(line.text)) == 0.4
