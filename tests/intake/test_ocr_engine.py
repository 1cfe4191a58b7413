"""The OCR engine seam: the registry, a test-double engine through read_bytes, tesseract."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFont

from core.document import Word
from core.settings import setting
from intake.errors import IntakeError
from intake.ocr import OcrResult, engine_names, get_engine, ocr_page_image, register_engine
from intake.ocr.registry import unregister_engine
from intake.read import read_bytes
from intake.settings import OCR_ENGINES, IntakeSettings


@dataclass(frozen=True)
class _FakeEngineSettings(IntakeSettings):
    """Intake settings that also accept the test's engine name (the real ones list only
    the engines the product ships, ``OCR_ENGINES``)."""

    ocr_engine: str = setting("fake", "CASETRACE_OCR_ENGINE", "An engine registered by a test.")


class FakeEngine:
    """A second engine, as small as the interface allows; it records what it was asked."""

    name = "fake"
    WORDS = [Word("Fake", (10.0, 12.0, 30.0, 20.0), 0.8, 0),
             Word("engine", (34.0, 12.0, 60.0, 20.0), 0.7, 0),
             Word("reading", (10.0, 30.0, 44.0, 38.0), 0.9, 1)]

    def __init__(self) -> None:
        self.calls: list[tuple[tuple[int, int], float, int]] = []
        self.prepared = False

    def read(self, image: Image.Image, dpi: float, *, page: int, language: str,
             timeout: float) -> OcrResult:
        self.calls.append((image.size, dpi, page))
        return OcrResult(words=list(self.WORDS), mean_confidence=0.8)

    def prepare_parallel(self) -> None:
        self.prepared = True


class TurnedFakeEngine:
    """Reads gibberish on the page as fed, English once turned 90 degrees clockwise."""

    name = "turned-fake"

    def read(self, image: Image.Image, dpi: float, *, page: int, language: str,
             timeout: float) -> OcrResult:
        if image.width > image.height:  # the landscape page as scanned
            return OcrResult([Word("xqzt", (1.0, 1.0, 9.0, 9.0), 0.3, 0)], 0.3)
        words = [Word(t, (10.0 + 40 * i, 20.0, 40.0 + 40 * i, 30.0), 0.9, 0)
                 for i, t in enumerate(["the", "amount", "due", "today", "please"])]
        return OcrResult(words, 0.9)

    def detect_rotation(self, image: Image.Image, *, timeout: float) -> int:
        return 90


@pytest.fixture
def fake_engine():
    engine = FakeEngine()
    register_engine("fake", lambda: engine)
    yield engine
    unregister_engine("fake")


def _png(width: int, height: int, dpi: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (width, height), 255).save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


def test_registry_refuses_an_unknown_engine_with_a_code() -> None:
    with pytest.raises(IntakeError) as caught:
        get_engine("abbyy-cloud")
    assert caught.value.code == "I012"
    assert "unknown OCR engine 'abbyy-cloud'" in caught.value.message
    assert "tesseract" in caught.value.message  # says what it could have been


def test_every_engine_the_settings_accept_is_registered() -> None:
    assert IntakeSettings().ocr_engine == "tesseract"
    assert set(OCR_ENGINES) <= set(engine_names())


def test_read_bytes_with_an_unknown_engine_fails_with_the_code() -> None:
    settings = _FakeEngineSettings(ocr_engine="no-such-engine")
    with pytest.raises(IntakeError) as caught:
        read_bytes(_png(200, 100, 100), "page.png", settings=settings)
    assert caught.value.code == "I012"


def test_read_bytes_uses_the_engine_the_settings_name(fake_engine, monkeypatch) -> None:
    def no_tesseract(*_args, **_kwargs):
        raise AssertionError("tesseract must not run when another engine is chosen")

    monkeypatch.setattr(pytesseract, "image_to_data", no_tesseract)
    # at 200 dpi: an image file under 150 dpi would be enlarged first (intake.ocr.preprocess)
    document = read_bytes(_png(200, 100, 200), "page.png", settings=_FakeEngineSettings())
    assert document.ocr_pages == [1]
    assert [w.text for w in document.pages[0].words] == ["Fake", "engine", "reading"]
    assert document.pages[0].words[2].bbox == (10.0, 30.0, 44.0, 38.0)
    assert document.pages[0].words[2].line == 1
    assert document.pages[0].text == "Fake engine\nreading"
    ((size, dpi, page),) = fake_engine.calls  # one page, read once (no rotation to try)
    assert size == (200, 100) and page == 1
    assert dpi == pytest.approx(200, abs=0.01)  # PNG keeps dpi as pixels per metre
    assert fake_engine.prepared


def test_orientation_retry_and_box_mapping_are_engine_neutral() -> None:
    # 300 x 100 px at 72 dpi: one pixel is one point, so boxes are easy to follow
    result = ocr_page_image(Image.new("L", (300, 100), 255), 72.0, engine=TurnedFakeEngine())
    assert result.rotation == 90
    assert [w.text for w in result.words][:2] == ["the", "amount"]
    # read at (10, 20)-(40, 30) on the upright 100 x 300 image; a clockwise turn took the
    # scanned page's bottom-left corner to the top-left, so the box lands at x=y, y=100-x
    assert result.words[0].bbox == pytest.approx((20.0, 60.0, 30.0, 90.0), abs=1e-6)


def test_tesseract_engine_reads_words_and_boxes_from_a_drawn_image() -> None:
    dpi = 300
    image = Image.new("L", (1800, 600), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=64)
    draw.text((150, 150), "INVOICE TOTAL", fill=0, font=font)
    draw.text((150, 350), "Balance Due", fill=0, font=font)
    left, top, right, bottom = draw.textbbox((150, 350), "Balance", font=font)

    engine = get_engine("tesseract")
    assert engine.name == "tesseract"
    result = engine.read(image, dpi, page=1, language="eng", timeout=60)
    by_text = {w.text: w for w in result.words}
    assert {"INVOICE", "TOTAL", "Balance", "Due"} <= set(by_text)
    balance = by_text["Balance"]
    points = 72 / dpi
    expected = (left * points, top * points, right * points, bottom * points)
    assert balance.bbox == pytest.approx(expected, abs=3)
    assert 0 < balance.confidence <= 1
    assert by_text["INVOICE"].line == by_text["TOTAL"].line == 0
    assert balance.line == by_text["Due"].line == 1


class _FixedEngine:
    """Reads the same words at one confidence, or fails, whatever the image."""

    def __init__(self, name: str, confidence: float, words: int = 4,
                 fails: bool = False) -> None:
        self.name, self.confidence, self.words, self.fails = name, confidence, words, fails
        self.calls = 0

    def read(self, image: Image.Image, dpi: float, *, page: int, language: str,
             timeout: float) -> OcrResult:
        self.calls += 1
        if self.fails:
            raise IntakeError("I009", f"page {page}: OCR failed ({self.name} broke)")
        words = [Word(f"{self.name}{i}", (10.0 + 30 * i, 10.0, 35.0 + 30 * i, 20.0),
                      self.confidence, 0) for i in range(self.words)]
        return OcrResult(words=words, mean_confidence=self.confidence)


def _page() -> Image.Image:
    return Image.new("L", (400, 200), 255)


def test_a_page_read_unsurely_is_read_again_by_the_fallback_and_that_reading_kept() -> None:
    from intake.ocr.page import FALLBACK_BELOW

    first, second = _FixedEngine("first", FALLBACK_BELOW - 0.1), _FixedEngine("second", 0.9)
    result = ocr_page_image(_page(), 72.0, engine=first, fallback=second,
                            fix_orientation=False, deskew=False)
    assert (first.calls, second.calls) == (1, 1)
    assert [w.text for w in result.words] == ["second0", "second1", "second2", "second3"]


def test_a_page_read_surely_is_not_read_again() -> None:
    from intake.ocr.page import FALLBACK_BELOW

    first, second = _FixedEngine("first", FALLBACK_BELOW + 0.02), _FixedEngine("second", 0.9)
    result = ocr_page_image(_page(), 72.0, engine=first, fallback=second,
                            fix_orientation=False, deskew=False)
    assert second.calls == 0
    assert result.words[0].text == "first0"


def test_a_failed_or_empty_fallback_reading_keeps_the_first() -> None:
    broken = _FixedEngine("broken", 0.9, fails=True)
    sparse = _FixedEngine("sparse", 0.9, words=1)
    for fallback in (broken, sparse):
        result = ocr_page_image(_page(), 72.0, engine=_FixedEngine("first", 0.5),
                                fallback=fallback, fix_orientation=False, deskew=False)
        assert fallback.calls == 1
        assert [w.text for w in result.words][0] == "first0"


def test_the_fallback_setting_names_the_engine_or_turns_it_off(monkeypatch) -> None:
    from intake.read import _fallback

    assert IntakeSettings.from_env().ocr_fallback == "rapidocr"  # the default
    assert _fallback(IntakeSettings.from_env()).name == "rapidocr"
    monkeypatch.setenv("CASETRACE_OCR_FALLBACK", "off")
    assert _fallback(IntakeSettings.from_env()) is None
    monkeypatch.setenv("CASETRACE_OCR_FALLBACK", "rapidocr")
    monkeypatch.setenv("CASETRACE_OCR_ENGINE", "rapidocr")
    assert _fallback(IntakeSettings.from_env()) is None  # the same engine twice: no
