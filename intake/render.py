"""Page images for people: the review screen shows the page a value came from."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageSequence

from intake import errors, pdf, sniff


def render_page_image(path: Path, page_number: int, dpi: int = 110) -> Image.Image:
    """One page (1-based) of a stored PDF or image as an RGB picture at ``dpi``.

    Image inputs are scaled so that the picture's pixels relate to PDF points
    the same way for both kinds (points * dpi / 72)."""
    data = Path(path).read_bytes()
    media_type = sniff.sniff_media_type(data[:2048])
    if media_type == sniff.PDF:
        document = pdf.open_for_rendering(data)
        try:
            if not 1 <= page_number <= len(document):
                raise errors.unreadable(f"no page {page_number}")
            return pdf.render_pdf_page(document, page_number - 1, dpi).convert("RGB")
        finally:
            document.close()
    if media_type is None:
        raise errors.unsupported(sniff.describe_unsupported(data[:2048]))
    image = Image.open(io.BytesIO(data))
    for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
        if number == page_number:
            info = frame.info.get("dpi") or image.info.get("dpi")
            source_dpi = float(info[0]) if info and info[0] and info[0] > 1 else 300.0
            scale = dpi / source_dpi
            size = (max(1, round(frame.width * scale)), max(1, round(frame.height * scale)))
            return frame.convert("RGB").resize(size, Image.Resampling.LANCZOS)
    raise errors.unreadable(f"no page {page_number}")


def render_page_png(path: Path, page_number: int, dpi: int = 110) -> bytes:
    buffer = io.BytesIO()
    render_page_image(path, page_number, dpi).save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
