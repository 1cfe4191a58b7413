"""Small documents built in code for intake tests (no binaries committed)."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

LINES = [
    "SUPERIOR COURT OF THE STATE OF CALIFORNIA",
    "COUNTY OF RIVERSIDE",
    "Plaintiff MIDLAND CREDIT MANAGEMENT",
    "Defendant JONATHAN QUARSHIE",
    "Amount Due: $1,234.56",
    "The defendant owes the plaintiff the balance stated above.",
    "Please remit payment within thirty days of this notice.",
]


def text_pdf_bytes(lines: list[str] = LINES, *, pages: int = 1, pagesize=letter,
                   encrypt: str | None = None) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=pagesize, invariant=1, encrypt=encrypt)
    for page in range(pages):
        pdf.setFont("Helvetica", 14)
        y = pagesize[1] - 90
        for line in lines:
            pdf.drawString(72, y, line)
            y -= 28
        pdf.drawString(72, 40, f"Page {page + 1} of {pages}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def page_image(lines: list[str] = LINES, dpi: int = 300) -> Image.Image:
    """A clean grayscale rendering of a text page, like a good scan."""
    document = pdfium.PdfDocument(text_pdf_bytes(lines))
    try:
        return document[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()


def image_pdf_bytes(images: list[Image.Image], dpi: int = 300) -> bytes:
    """An image-only PDF (no text layer), one page per image."""
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", resolution=dpi, save_all=True,
                   append_images=images[1:])
    return buffer.getvalue()


def stamp_over_scan_pdf_bytes(scan: Image.Image, dpi: int = 300) -> bytes:
    """A scanned page whose text layer holds only an e-filing stamp line."""
    buffer = io.BytesIO()
    width, height = scan.width / dpi * 72, scan.height / dpi * 72
    pdf = canvas.Canvas(buffer, pagesize=(width, height), invariant=1)
    pdf.drawImage(ImageReader(scan), 0, 0, width=width, height=height)
    pdf.setFont("Helvetica", 8)
    pdf.drawString(40, height - 20, "Electronically FILED by Superior Court 03/21/2025 10:15 AM")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def mixed_pdf_bytes(scan: Image.Image, dpi: int = 300) -> bytes:
    """Page 1 born-digital text, page 2 a scanned image without text."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    pdf.setFont("Helvetica", 14)
    y = letter[1] - 90
    for line in LINES:
        pdf.drawString(72, y, line)
        y -= 28
    pdf.showPage()
    pdf.drawImage(ImageReader(scan), 0, 0, width=letter[0], height=letter[1])
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def ocr_layer_pdf_bytes(scan: Image.Image, layer_lines: list[str], dpi: int = 300,
                        render_mode: int = 3) -> bytes:
    """A scan with an earlier OCR's invisible text layer (render mode 3), laid out as
    ``text_pdf_bytes`` lays out ``layer_lines``: ink the layer lacks is only in the image.
    ``render_mode=0`` draws the layer visibly over the picture (a flattened form's fill)."""
    buffer = io.BytesIO()
    width, height = scan.width / dpi * 72, scan.height / dpi * 72
    pdf = canvas.Canvas(buffer, pagesize=(width, height), invariant=1)
    pdf.drawImage(ImageReader(scan), 0, 0, width=width, height=height)
    text = pdf.beginText()
    text.setTextRenderMode(render_mode)
    text.setFont("Helvetica", 14)
    y = height - 90
    for line in layer_lines:
        text.setTextOrigin(72, y)
        text.textOut(line)
        y -= 28
    pdf.drawText(text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
