"""The page image a reviewer looks at, with every field's box drawn on it.

Boxes are PDF points (top-left origin); an image rendered at ``dpi`` maps a point
to ``dpi / 72`` pixels. When the original file cannot be rendered (not stored on
this machine, or the renderer is missing) the page is drawn from its words, so
the reviewer still sees where each value sits.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from intake.render import render_page_png

RED, AMBER, GREEN = "#d62728", "#e69500", "#2ca02c"
SELECTED = "#1f6feb"
LOW_CONFIDENCE = 0.7
HIGH_CONFIDENCE = 0.9
ZOOM_MARGIN_X_POINTS = 160.0  # enough of the line to read the value in its context
ZOOM_MARGIN_Y_POINTS = 28.0


@dataclass(frozen=True, slots=True)
class BoxToDraw:
    key: int
    label: str
    bbox: Sequence[float]
    confidence: float


def confidence_level(confidence: float | None) -> str:
    """The words a reviewer reads for a confidence: low, check, or high."""
    if confidence is None:
        return "none"
    if confidence < LOW_CONFIDENCE:
        return "low"
    return "check" if confidence < HIGH_CONFIDENCE else "high"


def confidence_colour(confidence: float) -> str:
    """Red below 0.7, amber below 0.9, green from 0.9 (where confidence is calibrated)."""
    if confidence < LOW_CONFIDENCE:
        return RED
    if confidence < HIGH_CONFIDENCE:
        return AMBER
    return GREEN


def render_original(path: Path, page_number: int, dpi: int) -> Image.Image | None:
    """The page rendered from the stored original, or None when that cannot be done here."""
    if not path.is_file():
        return None
    try:
        png = render_page_png(path, page_number, dpi=dpi)
    except Exception:  # a damaged original still gets its word drawing
        return None
    return Image.open(io.BytesIO(png)).convert("RGB")


REDACTION_PAD_POINTS = 1.5  # a little more than the word's box, so no stroke peeks out


def black_out(image: Image.Image, boxes: Sequence[Sequence[float]], dpi: int,
              pad: float = REDACTION_PAD_POINTS) -> Image.Image:
    """A copy of ``image`` with each box (PDF points) filled black: the words intake masked
    (a full SSN) must not show on a page rendered from the original."""
    if not boxes:
        return image
    scale = dpi / 72.0
    covered = image.copy()
    draw = ImageDraw.Draw(covered)
    for bbox in boxes:
        if len(bbox) == 4:
            draw.rectangle(_scaled(bbox, scale, pad=pad * scale), fill="black")
    return covered


def redacted_boxes(words: Sequence[dict]) -> list[Sequence[float]]:
    """The boxes of the stored words intake masked (``redacted``)."""
    return [word["bbox"] for word in words if word.get("redacted") and word.get("bbox")]


def draw_from_words(width: float, height: float, words: Sequence[dict], dpi: int) -> Image.Image:
    """A plain drawing of the page's words where they were read (stand-in for the image)."""
    scale = dpi / 72.0
    size = (max(int(width * scale), 1), max(int(height * scale), 1))
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for word in words:
        x0, top, _x1, bottom = (v * scale for v in word["bbox"])
        font = _font(max(int((bottom - top) * 0.85), 6))
        draw.text((x0, top), str(word["text"]), fill="#222222", font=font)
    return image


def draw_boxes(image: Image.Image, boxes: Sequence[BoxToDraw], dpi: int,
               selected: int | None = None) -> Image.Image:
    """A copy of ``image``, each box outlined in its confidence colour, ``selected`` in blue."""
    scale = dpi / 72.0
    base = image.convert("RGBA")
    layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    font_size = max(int(8 * scale), 9)
    font = _font(font_size)
    for box in boxes:
        if len(box.bbox) != 4 or box.key == selected:
            continue
        rect = _scaled(box.bbox, scale, pad=2)
        colour = confidence_colour(box.confidence)
        draw.rectangle(rect, outline=colour, width=2)
        draw.text((rect[0], max(rect[1] - font_size - 2, 0)), box.label, fill=colour, font=font)
    for box in boxes:
        if box.key == selected and len(box.bbox) == 4:
            rect = _scaled(box.bbox, scale, pad=4)
            draw.rectangle(rect, outline=SELECTED, width=4, fill=(31, 111, 235, 40))
            draw.text((rect[0], max(rect[1] - font_size - 4, 0)), box.label, fill=SELECTED,
                      font=font)
    return Image.alpha_composite(base, layer).convert("RGB")


def zoom(image: Image.Image, bbox: Sequence[float], dpi: int,
         margin_x: float = ZOOM_MARGIN_X_POINTS,
         margin_y: float = ZOOM_MARGIN_Y_POINTS) -> Image.Image:
    """The part of the page around ``bbox`` (with margins in points), for a close look."""
    scale = dpi / 72.0
    x0, top, x1, bottom = _scaled(bbox, scale)
    x0, x1 = x0 - margin_x * scale, x1 + margin_x * scale
    top, bottom = top - margin_y * scale, bottom + margin_y * scale
    x0, top = max(x0, 0), max(top, 0)
    x1, bottom = min(x1, image.width), min(bottom, image.height)
    if x1 <= x0 or bottom <= top:
        return image
    return image.crop((int(x0), int(top), int(x1), int(bottom)))


def zoomed_box(image: Image.Image, box: BoxToDraw, dpi: int) -> Image.Image:
    """``zoom`` around ``box`` with the box drawn in blue: the crop is cut first and only it
    is drawn on (drawing on the whole page at zoom resolution cost a review click 0.2 s)."""
    scale = dpi / 72.0
    x0, top, x1, bottom = _scaled(box.bbox, scale)
    left = int(max(x0 - ZOOM_MARGIN_X_POINTS * scale, 0))
    upper = int(max(top - ZOOM_MARGIN_Y_POINTS * scale, 0))
    right = int(min(x1 + ZOOM_MARGIN_X_POINTS * scale, image.width))
    lower = int(min(bottom + ZOOM_MARGIN_Y_POINTS * scale, image.height))
    if right <= left or lower <= upper:
        return draw_boxes(image, [box], dpi, selected=box.key)
    crop = image.crop((left, upper, right, lower))
    dx, dy = left / scale, upper / scale
    shifted = BoxToDraw(box.key, box.label, (box.bbox[0] - dx, box.bbox[1] - dy,
                                             box.bbox[2] - dx, box.bbox[3] - dy), box.confidence)
    return draw_boxes(crop, [shifted], dpi, selected=box.key)


@lru_cache(maxsize=64)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The default font at ``size`` (loading it per word was most of a page drawing)."""
    return ImageFont.load_default(size=size)


def _scaled(bbox: Sequence[float], scale: float, pad: float = 0.0) -> tuple[float, ...]:
    x0, top, x1, bottom = (float(v) * scale for v in bbox)
    return (x0 - pad, top - pad, x1 + pad, bottom + pad)


def to_png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)  # fast: these stay on this machine
    return buffer.getvalue()
