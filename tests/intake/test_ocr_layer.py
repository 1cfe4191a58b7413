"""Pages whose text layer lies over a picture: the ink the layer lacks is read and merged."""

from __future__ import annotations

from core.document import Word
from intake.ocr_layer import merge_words
from intake.read import read_bytes
from intake.settings import IntakeSettings
from tests.intake.builders import LINES, ocr_layer_pdf_bytes, page_image, text_pdf_bytes

STAMP = "Electronically FILED 03/21/2025 SSN 123-45-6789"
# Enough lines that the layer spans the page and is trusted as a good OCR layer.
BODY = [*LINES, *[f"Paragraph {n} of the complaint restates the balance due." for n in range(12)]]


def _layer_pdf() -> bytes:
    """The scan shows LINES and a stamp line; the invisible layer holds LINES only."""
    return ocr_layer_pdf_bytes(page_image([*BODY, STAMP]), BODY)


def _texts(document) -> list[str]:
    return [w.text for w in document.pages[0].words]


def test_stamp_missing_from_an_ocr_layer_is_read_from_the_image():
    document = read_bytes(_layer_pdf(), "scan.pdf")
    page = document.pages[0]
    assert page.source == "text"
    texts = _texts(document)
    assert "Electronically" in texts and "03/21/2025" in texts
    stamp = [w for w in page.words if w.text == "03/21/2025"][0]
    assert stamp.confidence < 1.0  # an OCR word, with tesseract's confidence
    assert stamp.bbox[0] > 150  # after 'Electronically FILED'
    assert stamp.bbox[1] > 90 + (len(BODY) - 1) * 28  # below the layer's last line


def test_merged_words_are_not_duplicated_and_the_layer_is_kept():
    texts = _texts(read_bytes(_layer_pdf(), "scan.pdf"))
    assert texts.count("SUPERIOR") == 1 and texts.count("$1,234.56") == 1
    for line in LINES:
        for word in line.split():
            assert word in texts


def test_full_ssn_in_a_merged_stamp_is_masked():
    page = read_bytes(_layer_pdf(), "scan.pdf").pages[0]
    assert "123-45-6789" not in page.text and "6789" in page.text
    assert any(w.redacted for w in page.words)


def test_setting_zero_keeps_the_layer_alone():
    document = read_bytes(_layer_pdf(), "scan.pdf", settings=IntakeSettings(ocr_layer_pages=0))
    assert "03/21/2025" not in _texts(document)


def test_labels_printed_only_in_a_flattened_forms_picture_are_read():
    # A flattened form: the picture holds the printed labels, the visible layer only the fill.
    label = "Name of Defendant Street address Mailing address"
    data = ocr_layer_pdf_bytes(page_image([*BODY, label]), BODY, render_mode=0)
    texts = _texts(read_bytes(data, "form.pdf"))
    assert {"Street", "Mailing", "address"} <= set(texts)
    assert texts.count("QUARSHIE") == 1  # the fill is not read twice


def _no_ocr(monkeypatch) -> None:
    import pytesseract

    def no_ocr(*args, **kwargs):
        raise AssertionError("this page must not be OCR'd")

    monkeypatch.setattr(pytesseract, "image_to_data", no_ocr)


def test_a_layer_over_a_picture_with_no_ink_left_gets_no_ocr(monkeypatch):
    _no_ocr(monkeypatch)
    data = ocr_layer_pdf_bytes(page_image(BODY), BODY)  # only the "Page 1 of 1" footer left
    page = read_bytes(data, "scan.pdf").pages[0]
    assert page.source == "text" and "QUARSHIE" in page.text


def test_born_digital_text_layer_is_unchanged(monkeypatch):
    _no_ocr(monkeypatch)
    data = text_pdf_bytes(pages=2)
    on = read_bytes(data, "letter.pdf")
    off = read_bytes(data, "letter.pdf", settings=IntakeSettings(ocr_layer_pages=0))
    assert [p.to_dict() for p in on.pages] == [p.to_dict() for p in off.pages]


def test_merge_joins_an_ocr_word_to_the_layer_line_it_sits_on():
    layer = [Word("CASE", (300, 100, 330, 110), 1.0, 0), Word("NO.", (332, 100, 350, 110), 1.0, 0),
             Word("Plaintiff", (72, 130, 120, 140), 1.0, 1)]
    read = [Word("24CV001", (360, 99, 420, 111), 0.9), Word("NO.", (333, 100, 349, 110), 0.95),
            Word("~", (10, 10, 12, 12), 0.9), Word("xy", (500, 500, 510, 510), 0.3)]
    merged = merge_words(layer, read)
    assert [(w.text, w.line) for w in merged] == [("CASE", 0), ("NO.", 0), ("24CV001", 0),
                                                  ("Plaintiff", 1)]
    assert merge_words(layer, []) is layer


def test_merge_leaves_out_lone_scraps_of_layer_letters():
    layer = [Word("Declaration", (72, 100, 140, 110), 1.0, 0)]
    read = [Word("ay", (141, 100, 150, 110), 0.85, 0), Word("tr", (300, 300, 310, 310), 0.8, 1),
            Word("FILED", (400, 50, 440, 60), 0.95, 2),
            Word("3/1/2024", (400, 62, 450, 72), 0.9, 3)]
    merged = merge_words(layer, read)
    assert [w.text for w in merged] == ["FILED", "3/1/2024", "Declaration"]


def test_merge_leaves_out_a_scrap_wedged_between_two_words_of_a_layer_line():
    layer = [Word("350", (20, 94, 32, 102), 1.0, 0), Word("CAMINO", (35, 94, 68, 102), 1.0, 0),
             Word("DEL", (77, 94, 90, 102), 1.0, 0), Word("MAR,", (107, 94, 130, 102), 1.0, 0)]
    read = [Word("N", (100.8, 97.4, 103.0, 101.5), 0.75, 0),
            Word("Received", (140, 93, 190, 103), 0.9, 0),
            Word("pen", (92, 94, 104, 102), 0.85, 0)]
    merged = merge_words(layer, read)
    # the lone letter in the space is dropped; a word the layer lacks there is kept
    assert [w.text for w in merged] == ["350", "CAMINO", "DEL", "pen", "MAR,", "Received"]
