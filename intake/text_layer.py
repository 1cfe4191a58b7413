"""Words from a PDF's text layer, and whether that layer really holds the page.

Court PDFs often carry a text layer that is only an e-filing stamp over a
scanned image, or a poor OCR layer from the scanner. ``assess_text_layer``
looks at how much of the page the text covers against how much a picture
covers, and how much of the text is English, and says whether to OCR.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.document import Word
from intake.wordlist import dictionary_ratio

if TYPE_CHECKING:
    from pdfplumber.page import Page

# Glyphs a font does not map to Unicode come out as "(cid:42)": barcodes, symbols.
UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")
DUPLICATE_GLYPH_TOLERANCE = 3.0
SHADOW_FONT_SHARE = 0.3
SAME_FONT_TOLERANCE = 1.0
# A page is "a picture" when images cover at least this share of it.
IMAGE_PAGE_SHARE = 0.5
# Over a picture, a text layer is trusted only if it spans most of the page ...
MIN_TEXT_SPAN_SHARE = 0.45
MIN_TEXT_LINES = 6
# ... and reads like English.
MIN_DICTIONARY_RATIO = 0.72
# Without a picture, a thin or garbled layer still loses to OCR.
MIN_DICTIONARY_RATIO_NO_IMAGE = 0.35


@dataclass(frozen=True)
class TextLayerVerdict:
    use_text_layer: bool
    reason: str
    word_count: int
    line_count: int
    image_share: float
    dictionary_ratio: float


def group_lines(raw_words: list[dict]) -> list[Word]:
    """Words in reading order with a line index: words whose vertical middles
    lie within the same band belong to one visual line."""
    ordered = sorted(raw_words, key=lambda w: ((w["top"] + w["bottom"]) / 2, w["x0"]))
    words: list[Word] = []
    line = -1
    band_mid = None
    band_height = 0.0
    for raw in ordered:
        mid = (raw["top"] + raw["bottom"]) / 2
        height = max(raw["bottom"] - raw["top"], 1.0)
        if band_mid is None or abs(mid - band_mid) > 0.5 * max(height, band_height):
            line += 1
            band_mid, band_height = mid, height
        words.append(Word(text=raw["text"], bbox=(float(raw["x0"]), float(raw["top"]),
                                                  float(raw["x1"]), float(raw["bottom"])),
                          confidence=1.0, line=line))
    words.sort(key=lambda w: (w.line, w.bbox[0]))
    return words


def page_words(page) -> list[Word]:
    """The text-layer words of a pdfplumber page, duplicate glyphs removed."""
    raw = drop_duplicate_glyphs(page).extract_words(keep_blank_chars=False,
                                                    use_text_flow=False)
    cleaned = []
    for w in raw:
        text = UNMAPPED_GLYPH.sub("", w["text"]).strip()
        if text:
            cleaned.append({**w, "text": text})
    return group_lines(cleaned)


def drop_duplicate_glyphs(page: Page) -> Page:
    """Remove glyphs drawn twice, in one pass over the page's characters.

    Two kinds: the same letter in the same font at (almost) the same place (a
    bold effect, a doubled text layer), and a *shadow font*: scanned-then-OCR'd
    filings often carry a visible text layer and an invisible OCR layer a few
    points apart, so a font whose glyphs mostly sit on same-letter glyphs of an
    earlier font goes whole. Same-font neighbours further apart than
    SAME_FONT_TOLERANCE are kept (real double letters like "ll")."""
    grid: dict[tuple[str, int], list[dict]] = {}
    tol = DUPLICATE_GLYPH_TOLERANCE
    per_font: dict[str, list[int]] = {}  # font -> [glyphs, glyphs over another font's]
    dropped: set[int] = set()
    for char in page.chars:
        text = char["text"]
        if not text.strip():
            continue
        x0, top, font = char["x0"], char["top"], char["fontname"]
        row = int(top // tol)
        same_font = over_other = False
        for r in (row - 1, row, row + 1):
            for other in grid.get((text, r), ()):
                dx, dy = abs(other["x0"] - x0), abs(other["top"] - top)
                if other["fontname"] == font:
                    same_font = same_font or (dx <= SAME_FONT_TOLERANCE
                                              and dy <= SAME_FONT_TOLERANCE)
                elif dx <= tol and dy <= tol:
                    over_other = True
        counts = per_font.setdefault(font, [0, 0])
        counts[0] += 1
        if same_font:
            dropped.add(id(char))
        elif over_other:
            counts[1] += 1
        else:
            grid.setdefault((text, row), []).append(char)
    shadows = {font for font, (total, dup) in per_font.items()
               if total >= 20 and dup / total >= SHADOW_FONT_SHARE}
    if not shadows and not dropped:
        return page
    return page.filter(lambda obj: obj.get("object_type") != "char"
                       or (id(obj) not in dropped and obj.get("fontname") not in shadows))


def image_share(page) -> float:
    """Share of the page area covered by raster images (clipped to the page)."""
    area = float(page.width * page.height) or 1.0
    covered = 0.0
    for img in page.images:
        x0, x1 = max(0.0, float(img["x0"])), min(float(page.width), float(img["x1"]))
        top, bottom = max(0.0, float(img["top"])), min(float(page.height), float(img["bottom"]))
        if x1 > x0 and bottom > top:
            covered += (x1 - x0) * (bottom - top)
    return min(1.0, covered / area)


def assess_text_layer(words: list[Word], page_height: float, picture_share: float
                      ) -> TextLayerVerdict:
    """Decide whether a page's text layer can stand in for its content."""
    lines = len({w.line for w in words})
    ratio = dictionary_ratio([w.text for w in words])
    verdict = TextLayerVerdict
    if not words:
        return verdict(False, "no text layer", 0, 0, picture_share, 0.0)
    if picture_share >= IMAGE_PAGE_SHARE:
        span = (max(w.bbox[3] for w in words) - min(w.bbox[1] for w in words)) / page_height
        if lines < MIN_TEXT_LINES or span < MIN_TEXT_SPAN_SHARE:
            return verdict(False, "text layer holds only a stamp over a scanned image",
                           len(words), lines, picture_share, ratio)
        if ratio < MIN_DICTIONARY_RATIO:
            return verdict(False, f"poor OCR text layer ({ratio:.0%} dictionary words)",
                           len(words), lines, picture_share, ratio)
        return verdict(True, "OCR text layer of good quality", len(words), lines,
                       picture_share, ratio)
    if len(words) >= 8 and ratio < MIN_DICTIONARY_RATIO_NO_IMAGE:
        return verdict(False, f"garbled text layer ({ratio:.0%} dictionary words)",
                       len(words), lines, picture_share, ratio)
    return verdict(True, "born-digital text layer", len(words), lines, picture_share, ratio)
