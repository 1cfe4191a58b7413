"""Reading files: text layer vs OCR per page, boxes, orientation, skew."""

from __future__ import annotations

import io

import pytesseract
import pytest

from intake.read import read_bytes
from intake.settings import IntakeSettings
from tests.intake.builders import (
    image_pdf_bytes,
    mixed_pdf_bytes,
    page_image,
    stamp_over_scan_pdf_bytes,
    text_pdf_bytes,
)


@pytest.fixture
def ocr_calls(monkeypatch) -> list[int]:
    """Counts real tesseract calls (the call still goes through to tesseract)."""
    calls: list[int] = []
    real = pytesseract.image_to_data

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pytesseract, "image_to_data", counting)
    return calls


def _find(document, text: str, page: int = 1):
    return [w for w in document.pages[page - 1].words if w.text == text]


def test_read_text_layer_pdf_uses_no_ocr(ocr_calls):
    document = read_bytes(text_pdf_bytes(pages=2), "letter.pdf")
    assert document.media_type == "application/pdf"
    assert [p.source for p in document.pages] == ["text", "text"]
    assert document.ocr_pages == []
    assert ocr_calls == []
    (word,) = _find(document, "$1,234.56")
    x0, top, x1, bottom = word.bbox
    # drawn at x=72pt, 5th line: baseline 792-90-4*28 = 590 -> top about 792-590-11
    assert x0 == pytest.approx(160, abs=40) and top == pytest.approx(191, abs=6)
    assert x1 > x0 and bottom > top and word.confidence == 1.0


def test_read_scanned_pdf_runs_ocr_and_finds_words_at_their_boxes(ocr_calls):
    document = read_bytes(image_pdf_bytes([page_image()]), "scan.pdf")
    assert document.ocr_pages == [1]
    assert ocr_calls, "tesseract must have been called"
    text = document.pages[0].text
    assert "QUARSHIE" in text and "MIDLAND" in text
    (word,) = _find(document, "QUARSHIE")
    reference = read_bytes(text_pdf_bytes(), "ref.pdf")
    (expected,) = _find(reference, "QUARSHIE")
    for got, want in zip(word.bbox, expected.bbox, strict=True):
        assert got == pytest.approx(want, abs=4)
    assert 0 < word.confidence <= 1


def test_read_png_and_multipage_tiff():
    image = page_image(dpi=200)
    png = io.BytesIO()
    image.save(png, format="PNG", dpi=(200, 200))
    document = read_bytes(png.getvalue(), "page.png")
    assert document.media_type == "image/png" and document.ocr_pages == [1]
    assert "QUARSHIE" in document.text
    # 200 dpi pixels -> points: the page is letter size
    assert document.pages[0].width == pytest.approx(612, abs=1)

    tiff = io.BytesIO()
    second = page_image(["SECOND PAGE MARKER TEXT", "Balance Due: $77.10"], dpi=200)
    image.save(tiff, format="TIFF", save_all=True, append_images=[second], dpi=(200, 200))
    document = read_bytes(tiff.getvalue(), "pages.tif")
    assert document.media_type == "image/tiff"
    assert document.ocr_pages == [1, 2]
    assert "MARKER" in document.pages[1].text


def test_read_page_turned_90_degrees_reads_upright():
    turned = page_image().rotate(90, expand=True)
    document = read_bytes(image_pdf_bytes([turned]), "sideways.pdf")
    text = document.pages[0].text
    assert "QUARSHIE" in text and "Amount Due:" in text
    lines = text.splitlines()
    court = next(i for i, line in enumerate(lines) if "SUPERIOR" in line)
    amount = next(i for i, line in enumerate(lines) if "Amount Due:" in line)
    assert court < amount, "reading order follows the upright page"
    # boxes stay on the page as scanned: the page is landscape, so is the text's spread
    page = document.pages[0]
    assert page.width > page.height


def test_read_skewed_page_reads_and_boxes_map_back():
    skewed = page_image().rotate(1.5, expand=False, fillcolor=255)
    document = read_bytes(image_pdf_bytes([skewed]), "skewed.pdf")
    assert "QUARSHIE" in document.pages[0].text
    assert "$1,234.56" in document.pages[0].text
    (word,) = _find(document, "QUARSHIE")
    reference = read_bytes(text_pdf_bytes(), "ref.pdf")
    (expected,) = _find(reference, "QUARSHIE")
    # the box is on the skewed page as a reviewer sees it: near the original place
    assert word.bbox[0] == pytest.approx(expected.bbox[0], abs=12)
    assert word.bbox[1] == pytest.approx(expected.bbox[1], abs=12)


def test_read_stamp_only_text_layer_is_ocrd(ocr_calls):
    document = read_bytes(stamp_over_scan_pdf_bytes(page_image()), "stamped.pdf")
    assert document.ocr_pages == [1]
    assert "QUARSHIE" in document.pages[0].text


def test_read_ocr_timeout_fails_the_page_not_the_document():
    settings = IntakeSettings(ocr_timeout=0.001, deskew=False, fix_orientation=False)
    data = image_pdf_bytes([page_image(), page_image()])
    document = read_bytes(data, "slow.pdf", settings=settings)
    assert [p.status for p in document.pages] == ["failed", "failed"]
    assert all("took longer than" in (p.error or "") for p in document.pages)


def test_read_mixed_document_decides_per_page(ocr_calls):
    data = mixed_pdf_bytes(page_image(["SCANNED EXHIBIT PAGE", "Statement balance $912.44"]))
    document = read_bytes(data, "mixed.pdf")
    assert [p.source for p in document.pages] == ["text", "ocr"]
    assert document.ocr_pages == [2]
    assert "EXHIBIT" in document.pages[1].text
    assert "QUARSHIE" in document.pages[0].text
