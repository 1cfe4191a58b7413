"""Opening PDFs safely: repair broken cross-reference tables, refuse passwords.

pdfplumber (pdfminer) reads the text layer; pdfium is the more forgiving
parser, so a file pdfminer cannot open is first re-saved through pdfium,
which rebuilds a broken xref table, and then read again.
"""

from __future__ import annotations

import io
import logging

import pdfplumber
import pypdfium2 as pdfium

from intake import errors

log = logging.getLogger(__name__)


def _pdfium_open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise errors.password_protected() from None
        if "format" in text or "file" in text:
            raise errors.truncated("no readable PDF structure") from None
        raise errors.unreadable(str(exc)) from None


def repair_with_pdfium(data: bytes) -> bytes:
    """Re-save a PDF through pdfium (which rebuilds broken xref tables)."""
    doc = _pdfium_open(data)
    try:
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
    finally:
        doc.close()


def open_pdf(data: bytes) -> tuple[pdfplumber.PDF, bytes]:
    """A pdfplumber document for these bytes (repaired if need be), and the bytes used."""
    _pdfium_open(data).close()  # refuses passwords and hopeless files with a clear reason
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = len(pdf.pages)
        return pdf, data
    except Exception as exc:  # pdfminer raises many kinds; any of them means "repair"
        log.info("pdfminer could not open the file (%s); repairing through pdfium", exc)
    repaired = repair_with_pdfium(data)
    try:
        pdf = pdfplumber.open(io.BytesIO(repaired))
        _ = len(pdf.pages)
        return pdf, repaired
    except Exception as exc:
        raise errors.truncated(f"unreadable even after repair: {type(exc).__name__}") from None


def render_pdf_page(document: pdfium.PdfDocument, index: int, dpi: float):
    """A PIL image of one page (0-based index) at the given resolution."""
    page = document[index]
    try:
        bitmap = page.render(scale=dpi / 72.0, grayscale=True)
        return bitmap.to_pil()
    finally:
        page.close()


def open_for_rendering(data: bytes) -> pdfium.PdfDocument:
    return _pdfium_open(data)
