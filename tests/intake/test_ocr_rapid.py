"""RapidOCR, the second built-in engine: its boxes as words and lines, and a real reading."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image, ImageDraw, ImageFont

from intake.ocr import get_engine
from intake.ocr.rapid import RapidOcrEngine, box_words, rows_of
from intake.read import read_bytes


def test_a_box_is_split_into_words_sharing_its_width_by_letters() -> None:
    words = box_words("Balance Due", (100.0, 10.0, 210.0, 20.0), 0.97, 3)
    assert [w.text for w in words] == ["Balance", "Due"]
    # 11 characters over 110 points: 10 a letter, the space included
    assert words[0].bbox == pytest.approx((100.0, 10.0, 170.0, 20.0))
    assert words[1].bbox == pytest.approx((180.0, 10.0, 210.0, 20.0))
    assert {w.confidence for w in words} == {0.97}
    assert {w.line for w in words} == {3}


def test_boxes_at_one_height_are_one_row_and_lower_ones_the_next() -> None:
    label, value = (10.0, 100.0, 80.0, 112.0), (300.0, 101.0, 380.0, 114.0)
    below, title = (10.0, 130.0, 90.0, 142.0), (10.0, 20.0, 200.0, 40.0)
    assert rows_of([label, value, below, title]) == [1, 1, 2, 0]


def _drawn_form() -> tuple[Image.Image, tuple[int, int, int, int]]:
    image = Image.new("L", (1800, 700), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=64)
    draw.text((150, 150), "Statement of account", fill=0, font=font)
    draw.text((150, 400), "Balance due", fill=0, font=font)
    draw.text((1100, 400), "$1,234.56", fill=0, font=font)
    return image, draw.textbbox((1100, 400), "$1,234.56", font=font)


def test_rapidocr_reads_a_drawn_page_into_words_boxes_and_lines() -> None:
    dpi = 300
    image, (left, top, right, bottom) = _drawn_form()
    engine = get_engine("rapidocr")
    assert engine.name == "rapidocr"
    result = engine.read(image, dpi, page=1, language="eng", timeout=60)
    texts = [w.text for w in result.words]
    assert "$1,234.56" in texts
    joined = "".join(texts).lower()
    assert "statement" in joined and "balance" in joined
    amount = result.words[texts.index("$1,234.56")]
    points = 72 / dpi
    assert amount.bbox == pytest.approx((left * points, top * points, right * points,
                                         bottom * points), abs=6)
    assert 0.5 <= amount.confidence <= 1
    balance = next(w for w in result.words if w.text.lower().startswith("balance"))
    title = next(w for w in result.words if w.text.lower().startswith("statement"))
    assert balance.line == amount.line != title.line
    assert 0 < result.mean_confidence <= 1
    assert os.environ["ORT_DISABLE_TELEMETRY"] == "1"  # onnxruntime contacts no host


def test_the_engine_setting_sends_an_image_file_through_rapidocr(monkeypatch) -> None:
    image, _ = _drawn_form()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(300, 300))
    pages_read: list[int] = []
    real_read = RapidOcrEngine.read

    def spied_read(self, image, dpi, **kwargs):  # the real reading, counted
        pages_read.append(kwargs["page"])
        return real_read(self, image, dpi, **kwargs)

    monkeypatch.setattr(RapidOcrEngine, "read", spied_read)
    monkeypatch.setenv("CASETRACE_OCR_ENGINE", "rapidocr")
    doc = read_bytes(buffer.getvalue(), "form.png")
    assert pages_read == [1]
    assert doc.pages[0].status == "ok"
    assert "$1,234.56" in doc.pages[0].text
