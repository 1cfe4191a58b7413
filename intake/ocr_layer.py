"""Pages whose text layer lies over a picture: read the ink that layer lacks.

Two kinds of page are drawn over a full-page picture with a layer intake trusts:
a scan an earlier OCR laid invisible text under (render mode 3, tesseract's
GlyphLessFont), made before the clerk's stamps were added, so e-filing stamps and
stamped case numbers exist only as ink; and a flattened form, whose printed labels
("Name:", "The defendant ... is:", "claims the defendant owes $") are in the
picture while only the typed fill is text. For such a page we render it, white out
every box the text layer already holds and, when dark ink is left, OCR it in one
pass and merge the words the layer lacks (each with its box and confidence; no word
where the layer has one), so the page keeps its layer and gains its stamps or labels.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from core.document import Word

# A pixel darker than this (0..255) is ink.
DARK_LEVEL = 128
# Less ink than this share of the page's pixels after whiting out the layer's words
# is specks and scanner edge: not worth an OCR pass.
MIN_LEFTOVER_INK = 0.001
# Points of white added around each text-layer box, so a word's edges are not re-read.
BOX_PADDING = 1.5
# OCR words below this confidence (0..1) in the leftovers are rule lines and specks.
MIN_MERGED_CONFIDENCE = 0.6
# A line of new words needs a word with this many letters and digits, so scraps
# (edges of layer letters, "t 1 3 r") stay out.
MIN_WORD_CHARACTERS = 3
# An OCR word that overlaps a layer word by this share of its own area is that word.
MAX_OVERLAP_SHARE = 0.2
# A new word this short (letters and digits) wedged between two words of one layer line,
# each within this many of the line's heights, is an edge of their letters ("DEL N MAR").
MAX_WEDGED_CHARACTERS = 2
MAX_WEDGE_GAP_HEIGHTS = 1.5


def leftover_ink_share(image: Image.Image) -> float:
    """Share of the (whited-out) page's pixels that are dark: near 0 when the layer
    already holds everything the picture shows, so no OCR pass is needed."""
    gray = np.asarray(image.convert("L"))
    return float((gray < DARK_LEVEL).mean()) if gray.size else 0.0


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


def _wedged(word: Word, layer: list[Word]) -> bool:
    """A scrap of one or two characters in the space between two words of a layer line:
    typed lines hold no word there, so it is ink of their letters left past the boxes."""
    if sum(c.isalnum() for c in word.text) > MAX_WEDGED_CHARACTERS:
        return False
    x0, top, x1, bottom = word.bbox
    middle = (top + bottom) / 2
    beside = [w for w in layer if w.bbox[1] <= middle <= w.bbox[3]]
    reach = [MAX_WEDGE_GAP_HEIGHTS * (w.bbox[3] - w.bbox[1]) for w in beside]
    left = any(0 <= x0 - w.bbox[2] + 0.5 <= gap for w, gap in zip(beside, reach, strict=True))
    right = any(0 <= w.bbox[0] - x1 + 0.5 <= gap for w, gap in zip(beside, reach, strict=True))
    return left and right


def new_words(layer: list[Word], read: list[Word]) -> list[Word]:
    """The OCR words the layer lacks: confident, holding a letter or digit, not on top of
    a layer word nor wedged between two, and on an OCR line with a word of
    MIN_WORD_CHARACTERS letters or digits (edges of layer letters peeking out of their
    boxes read as short scraps)."""
    by_line: dict[int, list[Word]] = {}
    for word in read:
        if word.confidence < MIN_MERGED_CONFIDENCE or not any(c.isalnum() for c in word.text):
            continue
        if any(_overlap_share(word.bbox, other.bbox) > MAX_OVERLAP_SHARE for other in layer):
            continue
        if _wedged(word, layer):
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
