"""One page image through any OCR engine: deskew, read, retry a page that reads badly.

Per page: smoothing of a scan rendered finer than it was captured, (optional)
small-skew correction -> ``engine.read`` -> if the result reads
badly by dictionary ratio, the engine's orientation detection (when it has one) and a
second pass on the turned image; the better reading wins -> where the engine was unsure
of the page as a whole, the fallback engine's reading of it (broken print). Boxes found
on a corrected image are mapped back onto the original page so highlights land where a
reviewer sees the word.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PIL import Image

from intake.errors import IntakeError
from intake.ocr.engine import OcrEngine, OcrResult, RotationDetector
from intake.ocr.geometry import map_words_back
from intake.ocr.preprocess import Picture, smooth_upsampled
from intake.ocr.registry import DEFAULT_ENGINE, get_engine
from intake.ocr.skew import estimate_skew
from intake.ocr.split_words import rejoin_split_words
from intake.wordlist import dictionary_ratio

log = logging.getLogger(__name__)

# Below this share of English words, a page may be sideways or upside down.
ORIENTATION_RETRY_RATIO = 0.45
# Skews under this many degrees are left alone: turning costs more than it gains.
MIN_SKEW_DEGREES = 0.2
# A page the engine reads with a mean word confidence under this is read by the fallback
# engine too, and that reading kept. Fitted on generated scans (bench/ocr_engines.py,
# BENCHMARKS.md "OCR engines"): tesseract reads clean 200-dpi grey and fax pages at
# 0.90-0.96 and is the better reader there; broken 1-bit print reads under 0.87, and there
# RapidOCR finds more of the words.
FALLBACK_BELOW = 0.88
# A fallback reading with fewer words than this share of the first one's lost the page.
MIN_FALLBACK_WORDS = 0.5


def _read(engine: OcrEngine, image: Image.Image, rotation: int, skew: float, dpi: float,
          language: str, timeout: float, page: int) -> OcrResult:
    work = image
    total_ccw = 0.0
    if rotation:
        work = work.rotate(-rotation, expand=True)  # PIL: positive = counter-clockwise
        total_ccw -= rotation
    if skew:
        work = work.rotate(skew, resample=Image.Resampling.BICUBIC, expand=False,
                           fillcolor="white")
        total_ccw += skew
    read = engine.read(work, dpi, page=page, language=language, timeout=timeout)
    scale = 72.0 / dpi
    words = map_words_back(rejoin_split_words(read.words), total_ccw,
                           (work.width / 2 * scale, work.height / 2 * scale),
                           (image.width / 2 * scale, image.height / 2 * scale))
    return OcrResult(words=words, mean_confidence=read.mean_confidence, rotation=rotation,
                     skew=skew)


def _rotation(engine: OcrEngine, image: Image.Image, timeout: float) -> int:
    if isinstance(engine, RotationDetector):
        return engine.detect_rotation(image, timeout=timeout)
    return 0


def ocr_page_image(image: Image.Image, dpi: float, *, engine: OcrEngine | None = None,
                   page: int = 1, language: str = "eng", timeout: float = 120.0,
                   fix_orientation: bool = True, deskew: bool = True,
                   pictures: Sequence[Picture] = (),
                   fallback: OcrEngine | None = None) -> OcrResult:
    """OCR one page image; word boxes come back in PDF points on the original image.

    ``pictures``: the pictures the image was rendered from (a scan inside a PDF, with
    its resolution); those rendered finer than they were captured are smoothed first.
    ``fallback``: an engine that reads the page again, upright as the first one found it,
    when the first reading's mean confidence is under FALLBACK_BELOW; its reading is kept
    (a failure of it keeps the first)."""
    if engine is None:
        engine = get_engine(DEFAULT_ENGINE)
    image = image.convert("L") if image.mode not in ("L", "RGB") else image
    image = smooth_upsampled(image, dpi, pictures)
    result = _upright_reading(engine, image, dpi, language, timeout, page,
                              fix_orientation, deskew)
    if fallback is None or not result.words or result.mean_confidence >= FALLBACK_BELOW:
        return result
    try:
        second = _read(fallback, image, result.rotation, result.skew, dpi, language,
                       timeout, page)
    except IntakeError as exc:
        log.warning("page %d: the %s reading is kept (%s: %s)", page, engine.name,
                    fallback.name, exc.message)
        return result
    return second if len(second.words) >= len(result.words) * MIN_FALLBACK_WORDS else result


def _upright_reading(engine: OcrEngine, image: Image.Image, dpi: float, language: str,
                     timeout: float, page: int, fix_orientation: bool,
                     deskew: bool) -> OcrResult:
    """The engine's reading, deskewed, and turned upright when the page reads badly."""
    skew = estimate_skew(image) if deskew else 0.0
    if abs(skew) < MIN_SKEW_DEGREES:
        skew = 0.0
    result = _read(engine, image, 0, skew, dpi, language, timeout, page)
    if not fix_orientation:
        return result
    ratio = dictionary_ratio([w.text for w in result.words])
    if ratio >= ORIENTATION_RETRY_RATIO and len(result.words) >= 5:
        return result
    rotation = _rotation(engine, image, timeout)
    if rotation == 0:
        return result
    turned = _read(engine, image, rotation, 0.0, dpi, language, timeout, page)
    turned_skew = estimate_skew(image.rotate(-rotation, expand=True)) if deskew else 0.0
    if abs(turned_skew) >= MIN_SKEW_DEGREES:
        turned = _read(engine, image, rotation, turned_skew, dpi, language, timeout, page)
    better = dictionary_ratio([w.text for w in turned.words]) > ratio
    return turned if better else result
