"""A PDF built in code, read by intake (text layer, and OCR for the scanned copy), then
extracted: the same code reads both."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from extraction.pipeline import extract_document
from intake.read import read_file

LETTER = [
    (72, "Crestline Collections LLC"),
    (72, "1758 Pine Ave, Ste 659, Denver, CO 80204"),
    (72, ""),
    (72, "JANE Q. DOE"),
    (72, "1420 W Elm St Apt 3B"),
    (72, "Springfield, IL 62704"),
    (72, ""),
    (72, "Crestline Collections LLC is a debt collector. You owe to Acme Bank, N.A."),
    (72, "Account number: XXXXXXXXXXXX4821"),
    (72, "Total amount of the debt now: $1,234.56"),
    (72, "Call or write to us by the 3rd day of March, 2025, to dispute the debt."),
]


def _letter_pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    pdf.setFont("Helvetica", 11)
    y = 720
    for x, text in LETTER:
        pdf.drawString(x, y, text)
        y -= 18
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _check(extraction) -> None:
    fields = {f.name: f.value for f in extraction.fields}
    assert fields["amount_due"] == "1234.56"
    assert fields["account_number"] == "XXXXXXXXXXXX4821"
    assert fields["due_date"] == "2025-03-03"
    debtor = next(p for p in extraction.parties if p.role == "debtor")
    assert debtor.name == "JANE Q. DOE"
    assert debtor.addresses == ["1420 W Elm St, Apt 3B, Springfield, IL 62704"]


def test_text_layer_pdf_end_to_end(tmp_path) -> None:
    path = tmp_path / "letter.pdf"
    path.write_bytes(_letter_pdf())
    doc = read_file(path)
    assert doc.ocr_pages == []
    extraction = extract_document(doc, use_transformer=False, use_ner=False)
    assert extraction.doc_type == "collection_letter"
    _check(extraction)


@pytest.mark.slow
def test_scanned_png_end_to_end_with_real_tesseract(tmp_path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(_letter_pdf())
    try:
        image = pdf[0].render(scale=300 / 72, grayscale=True).to_pil()
    finally:
        pdf.close()
    path = tmp_path / "letter.png"
    image.save(path, dpi=(300, 300))
    doc = read_file(path)
    assert doc.ocr_pages == [1]
    _check(extract_document(doc, use_transformer=False, use_ner=False))
