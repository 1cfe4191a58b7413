"""Smoothing pictures rendered finer than they were captured, before OCR."""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from core.document import Word
from intake.ocr import OcrResult
from intake.ocr.preprocess import Picture, page_pictures, smooth_upsampled, smoothing_radius
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


def _first_page_pictures(data: bytes) -> list[Picture]:
    document = pdfium.PdfDocument(data)
    try:
        page = document[0]
        try:
            return page_pictures(page)
        finally:
            page.close()
    finally:
        document.close()


@pytest.mark.parametrize("dpi", [100, 200, 300])
def test_a_scans_picture_has_its_resolution_and_covers_the_page(dpi: int) -> None:
    (picture,) = _first_page_pictures(_bilevel_scan_pdf(dpi))
    assert picture.dpi == pytest.approx(dpi, rel=0.02) and picture.bilevel
    left, top, right, bottom = picture.box
    assert (left, top) == pytest.approx((0, 0), abs=1)
    assert (right, bottom) == pytest.approx((612, 792), abs=1)


def test_a_born_digital_page_has_no_pictures() -> None:
    assert _first_page_pictures(text_pdf_bytes()) == []


def test_only_the_coarse_picture_is_smoothed_where_it_lies() -> None:
    # A 300-dpi page with a 50-dpi stamp pasted at (100, 100)-(200, 120) points.
    image = Image.new("L", (600, 600), 255)
    for x in range(0, 600, 8):
        image.paste(0, (x, 0, x + 4, 600))  # hard black stripes everywhere
    stamp = Picture((100.0, 100.0, 200.0, 120.0), 50.0)
    fine = Picture((0.0, 0.0, 144.0, 144.0), 300.0)
    out = np.asarray(smooth_upsampled(image, 300, [stamp, fine]))

    def greys(region: np.ndarray) -> int:
        return int(((region > 10) & (region < 245)).sum())

    px = 300 / 72
    inside = out[round(100 * px):round(120 * px), round(100 * px):round(200 * px)]
    assert greys(inside) > inside.size // 4
    assert greys(out[:150, :150]) == 0 and greys(out[520:, :]) == 0  # elsewhere untouched


def test_radius_grows_with_upsampling_and_is_zero_at_the_ocr_resolution() -> None:
    assert smoothing_radius(300, 300) == 0.0
    assert smoothing_radius(300, 250) == 0.0  # close enough to read as it is
    assert smoothing_radius(300, None) == 0.0
    low, lower = smoothing_radius(300, 200), smoothing_radius(300, 100)
    assert 0 < low < lower <= 3.0
    # a grey scan is anti-aliased by the scanner: smoothed only when much coarser
    assert smoothing_radius(300, 200, bilevel=False) == 0.0
    assert smoothing_radius(300, 100, bilevel=False) == lower


def test_smoothing_turns_staircase_edges_into_grey() -> None:
    image = Image.new("L", (60, 60), 255)
    image.paste(0, (20, 20, 40, 40))
    box = (0.0, 0.0, 60 * 72 / 300, 60 * 72 / 300)
    greys = np.asarray(smooth_upsampled(image, 300, [Picture(box, 100.0)]))
    assert ((greys > 10) & (greys < 245)).sum() > 40
    assert smooth_upsampled(image, 300, [Picture(box, 300.0)]) is image


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


class _SizeEngine(_RecordingEngine):
    """Also records the size and resolution of each image it is given."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[tuple[int, int], float]] = []

    def read(self, image: Image.Image, dpi: float, *, page: int, language: str,
             timeout: float) -> OcrResult:
        self.seen.append((image.size, dpi))
        return super().read(image, dpi, page=page, language=language, timeout=timeout)


def _png(image: Image.Image, dpi: int) -> bytes:
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


def test_a_coarse_image_file_is_enlarged_to_the_ocr_resolution() -> None:
    engine = _SizeEngine()
    register_engine("fake", lambda: engine)
    try:
        settings = _FakeEngineSettings(fix_orientation=False, deskew=False)
        grey_fax = page_image(dpi=100)  # grey, 100 dpi: enlarged
        document = read_bytes(_png(grey_fax, 100), "fax.png", settings=settings)
        read_bytes(_png(page_image(dpi=200), 200), "grey.png", settings=settings)  # left alone
    finally:
        unregister_engine("fake")
    (enlarged, dpi), (kept, kept_dpi) = engine.seen
    assert dpi == pytest.approx(300, rel=0.01) and kept_dpi == pytest.approx(200, rel=0.001)
    assert enlarged[0] == pytest.approx(3 * grey_fax.width, abs=2)
    assert kept == page_image(dpi=200).size
    page = document.pages[0]
    assert (page.width, page.height) == pytest.approx((612, 792), abs=1)  # same page in points
    assert page.words[0].bbox == pytest.approx((10.0, 10.0, 30.0, 20.0))
