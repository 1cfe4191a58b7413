"""The review page's images, rendered once and kept: the page, its drawn boxes, close-ups.

Every function is cached by document id and ``sha256`` (which keeps the cache honest when a
document is replaced); drawing always works on a copy of the decoded page.
"""

from __future__ import annotations

import io

import streamlit as st
from PIL import Image

from workbench.db import db_session
from workbench.overlay import BoxToDraw, draw_boxes, to_png, zoomed_box
from workbench.page_chart import image_uri
from workbench.page_image import REVIEW_DPI, page_image

ZOOM_DPI = 200


@st.cache_data(max_entries=64, show_spinner=False)
def page_png(document_id: int, sha256: str, page_number: int, dpi: int) -> tuple[bytes, bool]:
    """The rendered page, once per document page (sha256 keeps the cache honest)."""
    with db_session() as session:
        image, original = page_image(session, document_id, page_number, dpi)
    return to_png(image), original


@st.cache_resource(max_entries=8, show_spinner=False)
def page_picture(document_id: int, sha256: str, page_number: int, dpi: int) -> Image.Image:
    """The rendered page decoded once (never drawn on: every drawing works on a copy)."""
    png, _ = page_png(document_id, sha256, page_number, dpi)
    return Image.open(io.BytesIO(png)).convert("RGB")


@st.cache_data(max_entries=64, show_spinner=False)
def page_uri(document_id: int, sha256: str, page_number: int, boxes: tuple[BoxToDraw, ...],
              selected_id: int | None, size: tuple[int, int]) -> tuple[str, bool]:
    """The page with its field boxes drawn, as the chart's background (once per state)."""
    _, original = page_png(document_id, sha256, page_number, REVIEW_DPI)
    drawn = draw_boxes(page_picture(document_id, sha256, page_number, REVIEW_DPI), boxes,
                       REVIEW_DPI, selected=selected_id)
    return image_uri(drawn, size), original


@st.cache_data(max_entries=256, show_spinner=False)
def zoom_png(document_id: int, sha256: str, page_number: int, bbox: tuple[float, ...],
              confidence: float, field_id: int) -> bytes:
    """The close-up of one field's box (once per field box, not on every rerun)."""
    page = page_picture(document_id, sha256, page_number, ZOOM_DPI)
    return to_png(zoomed_box(page, BoxToDraw(field_id, "", bbox, confidence), ZOOM_DPI))
