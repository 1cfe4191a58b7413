"""Bad input: one clear reason naming the problem, never a traceback or a hang."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from intake import errors
from intake.read import read_bytes
from intake.settings import IntakeSettings
from tests.intake.builders import image_pdf_bytes, page_image, text_pdf_bytes


def _reason(data: bytes, settings: IntakeSettings | None = None) -> errors.IntakeError:
    with pytest.raises(errors.IntakeError) as info:
        read_bytes(data, "bad.pdf", settings=settings)
    assert "\n" not in str(info.value)
    return info.value


def test_guard_empty_file():
    assert _reason(b"").code == errors.E_EMPTY


def test_guard_not_a_pdf_or_image():
    error = _reason(b"name,amount\nJane,12.00\n")
    assert error.code == errors.E_UNSUPPORTED and "plain text" in error.message
    zipped = _reason(b"PK\x03\x04" + b"\0" * 100)
    assert zipped.message.endswith("(content looks like a ZIP/Office file)")


def test_guard_truncated_pdf():
    data = text_pdf_bytes()
    error = _reason(data[: len(data) // 3])
    assert error.code in (errors.E_TRUNCATED, errors.E_UNREADABLE)


def test_guard_truncated_png():
    buffer = io.BytesIO()
    page_image(dpi=100).save(buffer, format="PNG")
    error = _reason(buffer.getvalue()[:5000])
    assert error.code == errors.E_TRUNCATED


def test_guard_password_protected_pdf():
    error = _reason(text_pdf_bytes(encrypt="s3cret"))
    assert error.code == errors.E_PASSWORD and "password" in error.message


def test_guard_broken_xref_is_repaired():
    data = text_pdf_bytes()
    # point startxref at nonsense: pdfminer fails, pdfium rebuilds the table
    broken = re.sub(rb"startxref\s+\d+", b"startxref\n999999", data)
    assert broken != data
    document = read_bytes(broken, "broken-xref.pdf")
    assert "QUARSHIE" in document.text and document.ocr_pages == []


def test_guard_absurd_page_size():
    error = _reason(text_pdf_bytes(pagesize=(72 * 300, 72 * 300)))
    assert error.code == errors.E_PAGE_SIZE and "300.0 x 300.0 inches" in error.message


def test_guard_decompression_bomb_image():
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000), 1).save(buffer, format="PNG", dpi=(300, 300))
    settings = IntakeSettings(max_megapixels=50)
    error = _reason(buffer.getvalue(), settings)
    assert error.code == errors.E_TOO_MANY_PIXELS and "144 megapixels" in error.message


def test_guard_huge_pdf_page_renders_under_the_pixel_cap():
    settings = IntakeSettings(max_megapixels=2.0, deskew=False)
    document = read_bytes(image_pdf_bytes([page_image(dpi=150)], dpi=150), "scan.pdf",
                          settings=settings)
    assert document.ocr_pages == [1] and document.pages[0].status == "ok"


def test_guard_too_many_pages():
    error = _reason(text_pdf_bytes(pages=3), IntakeSettings(max_pages=2))
    assert error.code == errors.E_TOO_MANY_PAGES and "3 pages" in error.message


def test_settings_reject_bad_values():
    with pytest.raises(ValueError, match="max_pages"):
        IntakeSettings(max_pages=0)
