"""Pages whose text layer is an earlier OCR: read the ink that layer lacks.

A scanner (or an e-filing portal) often OCRs a scan and lays the result under the
image as invisible text (render mode 3, tesseract's GlyphLessFont). Intake trusts such
a layer when it reads well, but the layer was made before the clerk's stamps were
added, so e-filing stamps and stamped case numbers exist only as ink. For such a page
we render it, white out every box the text layer already holds, OCR what is left in
one pass and merge the words the layer lacks (each with its box and confidence; no
word where the layer has one), so the page keeps its layer and gains its stamps.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PIL import Image, ImageDraw

from core.document import Word

# Text objects drawn invisibly (PDF text render mode 3) or in tesseract's font.
INVISIBLE_RENDER_MODE = 3
OCR_FONT_MARK = "glyphless"
# A layer is OCR-made when at least this share of its text objects is invisible.
MIN_INVISIBLE_SHARE = 0.5
# Points of white added around each text-layer box, so a word's edges are not re-read.
BOX_PADDING = 1.5
# OCR words below this confidence (0..1) in the leftovers are rule lines and specks.
MIN_MERGED_CONFIDENCE = 0.6
# A line of new words needs a word with this many letters and digits, so scraps
# (edges of layer letters, "t 1 3 r") stay out.
MIN_WORD_CHARACTERS = 3
# An OCR word that overlaps a layer word by this share of its own area is that word.
MAX_OVERLAP_SHARE = 0.2


def ocr_made_layer(page: pdfium.PdfPage) -> bool:
    """True when most of the page's text objects are invisible or in an OCR font: the
    layer is an earlier OCR of an image, not text the author typed."""
    total = hidden = 0
    for obj in page.get_objects(max_depth=4):
        if obj.type != pdfium_raw.FPDF_PAGEOBJ_TEXT:
            continue
        total += 1
        mode = pdfium_raw.FPDFTextObj_GetTextRenderMode(obj.raw)
        if mode == INVISIBLE_RENDER_MODE or OCR_FONT_MARK in _font_name(obj).lower():
            hidden += 1
    return total > 0 and hidden / total >= MIN_INVISIBLE_SHARE


def _font_name(obj) -> str:
    font = pdfium_raw.FPDFTextObj_GetFont(obj.raw)
    if not font:
        return ""
    size = pdfium_raw.FPDFFont_GetBaseFontName(font, None, 0)
    if size <= 1:
        return ""
    buffer = ctypes.create_string_buffer(size)
    pdfium_raw.FPDFFont_GetBaseFontName(font, buffer, size)
    return buffer.value.decode("latin-1", "replace")


def leftover_ink(image: Image.Image, words: list[Word], dpi: float) -> Image.Image:
    """The page image with every text-layer word's box painted white (a copy)."""
    out = image.convert("L").copy()
    draw = ImageDraw.Draw(out)
    scale = dpi / 72.0
    for word in words:
        x0, top, x1, bottom = word.bbox
        draw.rectangle(((x0 - BOX_PADDING) * scale, (top - BOX_PADDING) * scale,
                        (x1 + BOX_PADDING) * scale, (bottom + BOX_PADDING) * scale),
                       fill=255)
    return out


def _overlap_share(box: tuple[float, float, float, float],
                   other: tuple[float, float, float, float]) -> float:
    width = min(box[2], other[2]) - max(box[0], other[0])
    height = min(box[3], other[3]) - max(box[1], other[1])
    if width <= 0 or height <= 0:
        return 0.0
    area = max((box[2] - box[0]) * (box[3] - box[1]), 1e-6)
    return width * height / area


def new_words(layer: list[Word], read: list[Word]) -> list[Word]:
    """The OCR words the layer lacks: confident, holding a letter or digit, not on top of
    a layer word, and on an OCR line with a word of MIN_WORD_CHARACTERS letters or digits
    (edges of layer letters peeking out of their boxes read as short scraps)."""
    by_line: dict[int, list[Word]] = {}
    for word in read:
        if word.confidence < MIN_MERGED_CONFIDENCE or not any(c.isalnum() for c in word.text):
            continue
        if any(_overlap_share(word.bbox, other.bbox) > MAX_OVERLAP_SHARE for other in layer):
            continue
        by_line.setdefault(word.line, []).append(word)
    kept: list[Word] = []
    for words in by_line.values():
        if any(sum(c.isalnum() for c in w.text) >= MIN_WORD_CHARACTERS for w in words):
            kept.extend(words)
    return kept


def regroup_lines(words: list[Word]) -> list[Word]:
    """Words renumbered into visual lines (the text layer's rule: vertical middles in
    one band), in reading order; text, box, confidence and redaction kept."""
    ordered = sorted(words, key=lambda w: ((w.bbox[1] + w.bbox[3]) / 2, w.bbox[0]))
    out: list[Word] = []
    line = -1
    band_mid: float | None = None
    band_height = 0.0
    for word in ordered:
        mid = (word.bbox[1] + word.bbox[3]) / 2
        height = max(word.bbox[3] - word.bbox[1], 1.0)
        if band_mid is None or abs(mid - band_mid) > 0.5 * max(height, band_height):
            line += 1
            band_mid, band_height = mid, height
        out.append(Word(word.text, word.bbox, word.confidence, line, word.redacted))
    out.sort(key=lambda w: (w.line, w.bbox[0]))
    return out


def merge_words(layer: list[Word], read: list[Word]) -> list[Word]:
    """The layer's words plus the OCR words it lacks, in lines; the layer unchanged
    (same objects, same order) when OCR adds nothing."""
    extra = new_words(layer, read)
    if not extra:
        return layer
    return regroup_lines([*layer, *extra])
