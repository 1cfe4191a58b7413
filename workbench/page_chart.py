"""The page as a clickable chart: click a word, or drag a box, to fill a field.

The page image is the chart's background; every word is a nearly transparent
rectangle in PDF points (top-left origin, y growing downwards), so a click
returns that word's index and a dragged box returns its extent in points.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping, Sequence

from PIL import Image, ImageDraw

WORD_PARAM = "word"
BOX_PARAM = "box"
CHART_WIDTH = 680
PAGE_FRAME = (200, 204, 212)


def chart_size(page_width: float, page_height: float, width: int = CHART_WIDTH
               ) -> tuple[int, int]:
    """Pixel size of the chart for a page, keeping its aspect."""
    return width, int(round(width * page_height / page_width))


def image_uri(image: Image.Image, size: tuple[int, int]) -> str:
    """The page image at chart size as a PNG data URI (the chart's background), framed by a
    thin grey line: a page drawn from its words is white on the app's white."""
    buffer = io.BytesIO()
    framed = image.convert("RGB").resize(size)
    ImageDraw.Draw(framed).rectangle((0, 0, size[0] - 1, size[1] - 1), outline=PAGE_FRAME)
    framed.save(buffer, format="PNG", compress_level=1)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def page_chart(uri: str, words: Sequence[dict], page_width: float, page_height: float,
               width: int = CHART_WIDTH) -> dict:
    """A Vega-Lite spec: the page image (``uri`` from ``image_uri``) with a clickable
    rectangle over each word and a box to drag.

    Written as a plain spec rather than through Altair: Altair's serialization of the
    image and the words took longer than everything else on a review click.
    """
    width, height = chart_size(page_width, page_height, width)
    x_scale = {"domain": [0, page_width], "nice": False, "zero": False}
    y_scale = {"domain": [0, page_height], "nice": False, "zero": False, "reverse": True}
    rows = [{"index": i, "text": w["text"], "x0": w["bbox"][0], "top": w["bbox"][1],
             "x1": w["bbox"][2], "bottom": w["bbox"][3]} for i, w in enumerate(words)]
    word_selected = {"param": WORD_PARAM, "empty": False}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": width, "height": height,
        "config": {"view": {"strokeWidth": 0}},
        "layer": [
            {"data": {"values": [{"x": 0.0, "x2": page_width, "y": 0.0, "y2": page_height}]},
             "mark": {"type": "image", "url": uri, "aspect": False},
             "encoding": {"x": {"field": "x", "type": "quantitative", "scale": x_scale,
                                "axis": None},
                          "x2": {"field": "x2"},
                          "y": {"field": "y", "type": "quantitative", "scale": y_scale,
                                "axis": None},
                          "y2": {"field": "y2"}}},
            {"data": {"values": rows},
             "params": [
                 {"name": WORD_PARAM, "select": {"type": "point", "fields": ["index"],
                                                 "on": "click", "clear": "dblclick"}},
                 {"name": BOX_PARAM, "select": {"type": "interval", "encodings": ["x", "y"],
                                                "translate": False, "zoom": False,
                                                "clear": "dblclick"}},
             ],
             "mark": {"type": "rect", "cursor": "pointer", "stroke": "#1f6feb"},
             "encoding": {
                 "x": {"field": "x0", "type": "quantitative", "scale": x_scale, "axis": None},
                 "x2": {"field": "x1"},
                 "y": {"field": "top", "type": "quantitative", "scale": y_scale, "axis": None},
                 "y2": {"field": "bottom"},
                 "fillOpacity": {"condition": {**word_selected, "value": 0.25}, "value": 0.01},
                 "strokeOpacity": {"condition": {**word_selected, "value": 1.0}, "value": 0.0},
                 "tooltip": [{"field": "text", "type": "nominal", "title": "word"}],
             }},
        ],
    }


def picked_words(selection: Mapping | None, words: Sequence[dict]) -> list[dict]:
    """The words a chart selection points at: the clicked word, or those whose centre is
    inside the dragged box (a roughly drawn box still takes the words it mostly covers)."""
    if not selection:
        return []
    chosen = selection.get(WORD_PARAM) or []
    indexes = [int(item["index"]) for item in chosen if "index" in item]
    if indexes:
        return [words[i] for i in indexes if 0 <= i < len(words)]
    box = selection.get(BOX_PARAM) or {}
    xs, ys = box.get("x0") or box.get("x"), box.get("top") or box.get("y")
    if not xs or not ys:
        return []
    left, right = sorted(xs)
    top, bottom = sorted(ys)
    inside = [w for w in words
              if left <= (w["bbox"][0] + w["bbox"][2]) / 2 <= right
              and top <= (w["bbox"][1] + w["bbox"][3]) / 2 <= bottom]
    return sorted(inside, key=lambda w: (int(w.get("line", 0)), w["bbox"][0]))
