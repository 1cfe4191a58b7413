"""RapidOCR (PP-OCR's ONNX detector and recognizer, weights inside its wheel) as a second,
choosable OCR engine: ``CASETRACE_OCR_ENGINE=rapidocr``.

Why: issue 11 asks to compare it with tesseract on our scans; tesseract stays the default
(BENCHMARKS.md, "OCR engines compared", says why: slower, and its English drops the
spaces between capitals). Everything RapidOCR-specific lives here: its BGR input, its
text boxes (one per run of text, not per word), its 0..1 scores and its thread setting.
A box's words share its width by their letters, and boxes whose heights overlap form one
line, so the pipeline reads its lines as it reads tesseract's.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import numpy as np
from PIL import Image

from core.document import Word
from intake import errors
from intake.ocr.engine import OcrResult
from intake.ocr.geometry import in_reading_order

# Boxes the recognizer is less sure of than this are noise (specks, rules, seal rims).
MIN_SCORE = 0.5
# Between two letters read without a space, a blank gap at least this share of the box's
# height is a word break (letters sit about a tenth of a height apart, words a third).
SPACE_GAP = 0.2
WORD_GAP = 2.0
# A column with no more dark pixels than this share of the box's height is blank (specks).
BLANK_INK = 0.04
DARK = 160  # grey level under which a pixel is ink

_lock = threading.Lock()
_reader: Any = None


def load_reader() -> Any:
    """The RapidOCR pipeline, made once per process (loading its three models takes a
    second). It reads one page at a time (``_lock``) with every core: onnxruntime's own
    threads, where tesseract runs one process per page."""
    global _reader
    if _reader is None:
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")  # nothing contacts a host
        from rapidocr_onnxruntime import RapidOCR

        _reader = RapidOCR(print_verbose=False)
    return _reader


def box_words(text: str, box: tuple[float, float, float, float], score: float,
              line: int) -> list[Word]:
    """One recognized box as words: its text split on spaces, the box's width shared out by
    letters (a space counts as one)."""
    tokens = text.split()
    x0, y0, x1, y1 = box
    total = sum(len(t) for t in tokens) + len(tokens) - 1
    step = (x1 - x0) / max(total, 1)
    words, at = [], 0
    for token in tokens:
        left = x0 + at * step
        words.append(Word(token, (left, y0, left + len(token) * step, y1),
                          round(score, 3), line))
        at += len(token) + 1
    return words


def blank_runs(ink_columns: np.ndarray, height: int) -> np.ndarray:
    """For each column, the length of the blank run it lies in (0 where there is ink)."""
    blank = ink_columns <= max(1, int(BLANK_INK * height))
    runs = np.zeros(len(blank), dtype=np.int32)
    start = None
    for i, is_blank in enumerate([*blank.tolist(), False]):
        if is_blank and start is None:
            start = i
        elif not is_blank and start is not None:
            runs[start:i] = i - start
            start = None
    return runs


def spaced(chars: list[str], centers: list[float], grey: np.ndarray,
           box: tuple[int, int, int, int]) -> str:
    """The recognizer's characters with a space put back wherever two letters it ran
    together ("WYNNBANDONTRAILS") have a blank gap between them as wide as a word break:
    at least SPACE_GAP of the box's height and WORD_GAP times the box's median gap
    between letters (fonts space their letters differently). ``centers`` are the
    letters' x on the page image, ``box`` the text box in pixels."""
    x0, y0, x1, y1 = box
    region = grey[y0:y1, x0:x1]
    height = max(y1 - y0, 1)
    if region.size == 0 or len(chars) < 2:
        return "".join(chars).strip()
    runs = blank_runs((region < DARK).sum(axis=0), height)
    gaps: list[int] = []
    for i in range(1, len(chars)):
        left, right = int(centers[i - 1]) - x0, int(centers[i]) - x0
        span = runs[max(left, 0):max(right, 0)]
        gaps.append(int(span.max()) if span.size else 0)
    letter_gaps = [g for i, g in enumerate(gaps) if " " not in (chars[i], chars[i + 1])]
    typical = float(np.median(letter_gaps)) if letter_gaps else 0.0
    out = [chars[0]]
    for i in range(1, len(chars)):
        gap = gaps[i - 1]
        if (" " not in (chars[i - 1], chars[i]) and gap >= SPACE_GAP * height
                and gap >= WORD_GAP * typical):
            out.append(" ")
        out.append(chars[i])
    return " ".join("".join(out).split())


def rows_of(boxes: list[tuple[float, float, float, float]]) -> list[int]:
    """A row number for each box: boxes whose vertical middles fall inside the first box
    of a row are on that row (PP-OCR boxes a label and its value apart)."""
    order = sorted(range(len(boxes)), key=lambda i: boxes[i][1])
    rows = [0] * len(boxes)
    row, top, bottom = -1, 0.0, -1.0
    for i in order:
        x0, y0, x1, y1 = boxes[i]
        middle = (y0 + y1) / 2
        if not top <= middle <= bottom:
            row, top, bottom = row + 1, y0, y1
        rows[i] = row
    return rows


class RapidOcrEngine:
    """The ``OcrEngine`` for RapidOCR (no orientation detection: the page retry is
    tesseract's)."""

    name = "rapidocr"

    def read(self, image: Image.Image, dpi: float, *, page: int, language: str,
             timeout: float) -> OcrResult:
        rgb = np.asarray(image.convert("RGB"))
        grey = np.asarray(image.convert("L"))
        try:
            reader = load_reader()
            with _lock:  # one pipeline per process; onnxruntime uses the cores itself
                found, _ = reader(np.ascontiguousarray(rgb[:, :, ::-1]), return_word_box=True)
        except ImportError as exc:
            raise errors.ocr_failed(page, f"rapidocr is not installed ({exc})") from None
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own types
            raise errors.ocr_failed(page, f"rapidocr: {str(exc).splitlines()[0][:100]}") \
                from None
        scale = 72.0 / dpi
        kept = []
        for points, text, score, char_boxes, chars, *_ in found or []:
            if float(score) < MIN_SCORE or not str(text).strip():
                continue
            pixel_box = (max(0, int(min(p[0] for p in points))),
                         max(0, int(min(p[1] for p in points))),
                         int(max(p[0] for p in points)) + 1, int(max(p[1] for p in points)) + 1)
            if len(chars) == len(char_boxes) and chars:
                centers = [(min(p[0] for p in b) + max(p[0] for p in b)) / 2 for b in char_boxes]
                text = spaced([str(c) for c in chars], centers, grey, pixel_box)
            kept.append((points, str(text), float(score)))
        boxes = [(min(p[0] for p in points) * scale, min(p[1] for p in points) * scale,
                  max(p[0] for p in points) * scale, max(p[1] for p in points) * scale)
                 for points, _, _ in kept]
        rows = rows_of(boxes)
        keyed = [(row, word) for (_, text, score), box, row in zip(kept, boxes, rows,
                                                                     strict=True)
                 for word in box_words(text, box, score, 0)]
        mean = float(np.mean([score for _, _, score in kept])) if kept else 0.0
        return OcrResult(words=in_reading_order(keyed), mean_confidence=mean)
