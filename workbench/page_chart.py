"""The page as a clickable chart: click a word, or drag a box, to fill a field.

The page image is the chart's background; every word is a nearly transparent
rectangle in PDF points (top-left origin, y growing downwards), so a click
returns that word's index and a dragged box returns its extent in points.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd
from PIL import Image

WORD_PARAM = "word"
BOX_PARAM = "box"
CHART_WIDTH = 680


def page_chart(image: Image.Image, words: Sequence[dict], page_width: float,
               page_height: float, width: int = CHART_WIDTH) -> alt.LayerChart:
    """The page image with a clickable rectangle over each word and a box to drag."""
    height = int(round(width * page_height / page_width))
    shown = image.resize((width, height))
    buffer = io.BytesIO()
    shown.save(buffer, format="PNG", optimize=True)
    uri = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
    x_scale = alt.Scale(domain=[0, page_width], nice=False, zero=False)
    y_scale = alt.Scale(domain=[0, page_height], nice=False, zero=False, reverse=True)
    background = alt.Chart(pd.DataFrame({"x": [0.0], "x2": [page_width], "y": [0.0],
                                         "y2": [page_height], "url": [uri]})).mark_image(
        aspect=False).encode(
        x=alt.X("x:Q", scale=x_scale, axis=None), x2="x2:Q",
        y=alt.Y("y:Q", scale=y_scale, axis=None), y2="y2:Q", url="url:N")
    frame = pd.DataFrame([{"index": i, "text": w["text"], "x0": w["bbox"][0],
                           "top": w["bbox"][1], "x1": w["bbox"][2], "bottom": w["bbox"][3]}
                          for i, w in enumerate(words)],
                         columns=["index", "text", "x0", "top", "x1", "bottom"])
    word_pick = alt.selection_point(name=WORD_PARAM, fields=["index"], on="click",
                                    clear="dblclick", empty=False)
    box_pick = alt.selection_interval(name=BOX_PARAM, encodings=["x", "y"], translate=False,
                                      zoom=False, clear="dblclick")
    word_boxes = alt.Chart(frame).mark_rect(cursor="pointer", stroke="#1f6feb").encode(
        x=alt.X("x0:Q", scale=x_scale, axis=None), x2="x1:Q",
        y=alt.Y("top:Q", scale=y_scale, axis=None), y2="bottom:Q",
        fillOpacity=alt.condition(word_pick, alt.value(0.25), alt.value(0.01)),
        strokeOpacity=alt.condition(word_pick, alt.value(1.0), alt.value(0.0)),
        tooltip=[alt.Tooltip("text:N", title="word")],
    ).add_params(word_pick, box_pick)
    return (background + word_boxes).properties(width=width, height=height).configure_view(
        strokeWidth=0)


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
