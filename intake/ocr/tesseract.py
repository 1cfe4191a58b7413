"""Tesseract, the first OCR engine: pytesseract ``image_to_data`` and its OSD.

Everything tesseract-specific lives here: the ``--oem/--psm`` config, its 0..100
confidence scale and noise floor, its block/paragraph/line numbering, its
errors and timeouts, OSD for orientation, and the one-thread-per-process setup.
"""

from __future__ import annotations

import os
import re

import numpy as np
import pytesseract
from PIL import Image

from core.document import Word
from intake import errors
from intake.ocr.engine import OcrResult
from intake.ocr.geometry import in_reading_order

# Tesseract words under this confidence (0..100) are noise: specks, lines, stamps.
MIN_WORD_CONFIDENCE = 10
TESSERACT_CONFIG = "--oem 1 --psm 3"


def _run_tesseract(image: Image.Image, language: str, timeout: float, page: int,
                   dpi: float) -> dict:
    # pytesseract hands the image over as a file; BMP is written ~10x faster than PNG.
    image.format = "BMP"
    config = f"{TESSERACT_CONFIG} --dpi {round(dpi)}"
    try:
        return pytesseract.image_to_data(image, lang=language, config=config,
                                         output_type=pytesseract.Output.DICT, timeout=timeout)
    except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
        if "timeout" in str(exc).lower():
            raise errors.ocr_timeout(page, timeout) from None
        raise errors.ocr_failed(page, str(exc).splitlines()[0][:120]) from None
    except pytesseract.TesseractError as exc:
        raise errors.ocr_failed(page, str(exc.message or exc)[:120]) from None


def _data_to_words(data: dict, scale: float) -> tuple[list[Word], float]:
    """Tesseract's rows as Words in points on the image read, in reading order."""
    keyed: list[tuple[tuple[int, int, int], Word]] = []
    confidences: list[float] = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < MIN_WORD_CONFIDENCE:
            continue
        left, top = data["left"][i], data["top"][i]
        right, bottom = left + data["width"][i], top + data["height"][i]
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        word = Word(text=text, bbox=(left * scale, top * scale, right * scale, bottom * scale),
                    confidence=round(conf / 100.0, 3))
        keyed.append((key, word))
        confidences.append(conf / 100.0)
    mean = float(np.mean(confidences)) if confidences else 0.0
    return in_reading_order(keyed), mean


class TesseractEngine:
    """The ``OcrEngine`` (and ``RotationDetector``, ``ParallelSetup``) for tesseract 5."""

    name = "tesseract"

    def read(self, image: Image.Image, dpi: float, *, page: int, language: str,
             timeout: float) -> OcrResult:
        data = _run_tesseract(image, language, timeout, page, dpi)
        words, mean = _data_to_words(data, 72.0 / dpi)
        return OcrResult(words=words, mean_confidence=mean)

    def detect_rotation(self, image: Image.Image, *, timeout: float) -> int:
        """Clockwise degrees to turn the image upright, from tesseract's OSD (0 if unsure)."""
        try:
            osd = pytesseract.image_to_osd(image, config="--psm 0", timeout=timeout)
        except (RuntimeError, pytesseract.TesseractError):
            return 0
        match = re.search(r"Rotate:\s*(\d+)", osd)
        return int(match.group(1)) % 360 if match else 0

    def prepare_parallel(self) -> None:
        """One tesseract thread per process: we run one process per core instead,
        which measured 2.5x faster than tesseract's own threading on 2 cores."""
        os.environ["OMP_THREAD_LIMIT"] = "1"
