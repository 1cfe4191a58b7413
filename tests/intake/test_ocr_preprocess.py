"""Smoothing scans rendered finer than they were captured, before OCR."""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from core.document import Word
from intake.ocr import OcrResult
from intake.ocr.preprocess import picture_dpi, smooth_upsampled, smoothing_radius
from intake.ocr.registry import register_engine, unregister_engine
from intake.read import read_bytes
from tests.intake.builders import page_image, text_pdf_bytes
from tests.intake.test_ocr_engine import _FakeEngineSettings


def _bilevel_scan_pdf(dpi: int) -> bytes:
    """A 1-bit scan at ``dpi`` filling a letter page, as fax and court scanners make."""
    image = page_image(dpi=dpi).point(lambda v: 255 if v > 150 else 0).convert("1")
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=dpi)
    return buffer.getvalue()


def _first_page_dpi(data: bytes) -> float | None:
    document = pdfium.PdfDocument(data)
    try:
        page = document[0]
        try:
            return picture_dpi(page)
        finally:
            page.close()
    finally:
        document.close()


@pytest.mark.parametrize("dpi", [100, 200, 300])
def test_picture_dpi_is_the_resolution_of_the_scan_on_the_page(dpi: int) -> None:
    assert _first_page_dpi(_bilevel_scan_pdf(dpi)) == pytest.approx(dpi, rel=0.02)


def test_a_page_without_a_scan_has_no_picture_dpi() -> None:
    assert _first_page_dpi(text_pdf_bytes()) is None


def test_radius_grows_with_upsampling_and_is_zero_at_the_ocr_resolution() -> None:
    assert smoothing_radius(300, 300) == 0.0
    assert smoothing_radius(300, 250) == 0.0  # close enough to read as it is
    assert smoothing_radius(300, None) == 0.0
    low, lower = smoothing_radius(300, 200), smoothing_radius(300, 100)
    assert 0 < low < lower <= 1.4


def test_smoothing_turns_staircase_edges_into_grey() -> None:
    image = Image.new("L", (60, 60), 255)
    image.paste(0, (20, 20, 40, 40))
    greys = np.asarray(smooth_upsampled(image, 300, 100))
    assert ((greys > 10) & (greys < 245)).sum() > 40
    assert smooth_upsampled(image, 300, 300) is image


class _RecordingEngine:
    """Records how many grey (neither black nor white) pixels each image it reads has."""

    name = "fake"

    def __init__(self) -> None:
        self.greys: list[int] = []

    def read(self, image: Image.Image, dpi: float, *, page: int, language: str,
             timeout: float) -> OcrResult:
        pixels = np.asarray(image.convert("L"))
        self.greys.append(int(((pixels > 10) & (pixels < 245)).sum()))
        return OcrResult([Word("read", (10.0, 10.0, 30.0, 20.0), 0.9, 0)], 0.9)


@pytest.fixture
def recording_engine():
    engine = _RecordingEngine()
    register_engine("fake", lambda: engine)
    yield engine
    unregister_engine("fake")


def test_read_bytes_smooths_a_coarse_scan_and_not_a_fine_one(recording_engine) -> None:
    settings = _FakeEngineSettings(fix_orientation=False, deskew=False)
    read_bytes(_bilevel_scan_pdf(100), "fax.pdf", settings=settings)
    read_bytes(_bilevel_scan_pdf(300), "scan.pdf", settings=settings)
    coarse, fine = recording_engine.greys
    assert coarse > 5 * max(fine, 1)
