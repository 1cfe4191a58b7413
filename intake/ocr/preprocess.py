"""Page images prepared for OCR: smooth scans that were captured coarser than they are read.

A scanned PDF page is rendered at the OCR resolution (300 dpi) whatever the
resolution of the scan inside it, so a 100-200 dpi scan (faxes, 1-bit court
scans) comes out with blocky, staircase letters. Tesseract's LSTM models were
trained on smooth, anti-aliased text and misread those edges; a Gaussian blur
that scales with the upsampling restores the smooth strokes. On real scans
(docs/intake.md) this raised tesseract's mean confidence on a 100 dpi page from
0.71 to 0.88 and its share of dictionary words from 0.79 to 0.96, while at 300 dpi
sources a blur did not help, so pages scanned at the OCR resolution are left alone.
"""

from __future__ import annotations

import math

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PIL import Image, ImageFilter

# Smooth only when the scan's resolution is under this share of the rendering's.
UPSAMPLED_SHARE = 0.8
# Blur radius (rendered pixels) per unit of upsampling, and its bounds.
BLUR_PER_UPSAMPLING = 0.4
MIN_BLUR = 0.6
MAX_BLUR = 1.4
# A picture this share of the page or more is the page's scan.
SCAN_PAGE_SHARE = 0.5


def picture_dpi(page: pdfium.PdfPage) -> float | None:
    """The resolution (dots per inch on the page) of the picture that covers most of the
    page, when one covers at least half of it; None for pages without such a scan."""
    width, height = page.get_size()
    page_area = max(width * height, 1e-6)
    best: tuple[float, float] | None = None
    for obj in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        left, bottom, right, top = obj.get_bounds()
        area = max(right - left, 0.0) * max(top - bottom, 0.0)
        if area / page_area < SCAN_PAGE_SHARE or (best and area <= best[0]):
            continue
        metadata = obj.get_metadata()
        if metadata.horizontal_dpi > 0 and metadata.vertical_dpi > 0:
            best = (area, math.sqrt(metadata.horizontal_dpi * metadata.vertical_dpi))
    return best[1] if best else None


def smoothing_radius(render_dpi: float, source_dpi: float | None) -> float:
    """The Gaussian radius (pixels) that takes the staircase off a scan of ``source_dpi``
    rendered at ``render_dpi``; 0 when the scan is (nearly) as fine as the rendering."""
    if not source_dpi or source_dpi >= UPSAMPLED_SHARE * render_dpi:
        return 0.0
    return min(MAX_BLUR, max(MIN_BLUR, BLUR_PER_UPSAMPLING * render_dpi / source_dpi))


def smooth_upsampled(image: Image.Image, render_dpi: float,
                     source_dpi: float | None) -> Image.Image:
    """The image to OCR: smoothed when it was rendered from a coarser scan, else as is."""
    radius = smoothing_radius(render_dpi, source_dpi)
    if not radius:
        return image
    return image.filter(ImageFilter.GaussianBlur(radius))
