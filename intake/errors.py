"""Every intake error in one place, each with a code that can be searched for (family I).

A bad file must give one clear line naming the file and the problem, never a
traceback; the codes make those lines findable in logs and in the docs.
"""

from __future__ import annotations

from core.errors import CasetraceError


class IntakeError(CasetraceError):
    """A file (or page) that cannot be read, with a one-line reason (codes I001..I011)."""

    code = "I000"

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message, code=code)


E_EMPTY = "I001"
E_UNSUPPORTED = "I002"
E_TRUNCATED = "I003"
E_PASSWORD = "I004"
E_PAGE_SIZE = "I005"
E_TOO_MANY_PAGES = "I006"
E_TOO_MANY_PIXELS = "I007"
E_OCR_TIMEOUT = "I008"
E_OCR_FAILED = "I009"
E_UNREADABLE = "I010"
E_NOT_FOUND = "I011"


def empty_file() -> IntakeError:
    return IntakeError(E_EMPTY, "empty file (0 bytes)")


def unsupported(kind: str) -> IntakeError:
    return IntakeError(E_UNSUPPORTED, f"not a PDF or image (content looks like {kind})")


def truncated(detail: str) -> IntakeError:
    return IntakeError(E_TRUNCATED, f"truncated or corrupt file ({detail})")


def password_protected() -> IntakeError:
    return IntakeError(E_PASSWORD, "password-protected PDF: cannot read it without the password")


def absurd_page_size(page: int, width: float, height: float) -> IntakeError:
    return IntakeError(
        E_PAGE_SIZE,
        f"page {page} has an absurd size ({width / 72:.1f} x {height / 72:.1f} inches)",
    )


def too_many_pages(count: int, limit: int) -> IntakeError:
    return IntakeError(E_TOO_MANY_PAGES, f"{count} pages is over the limit of {limit} pages")


def too_many_pixels(page: int, megapixels: float, limit: float) -> IntakeError:
    return IntakeError(
        E_TOO_MANY_PIXELS,
        f"page {page} image is {megapixels:.0f} megapixels, over the limit of {limit:.0f} "
        "(possible decompression bomb)",
    )


def ocr_timeout(page: int, seconds: float) -> IntakeError:
    return IntakeError(E_OCR_TIMEOUT, f"OCR of page {page} took longer than {seconds:.0f} s")


def ocr_failed(page: int, detail: str) -> IntakeError:
    return IntakeError(E_OCR_FAILED, f"OCR of page {page} failed ({detail})")


def unreadable(detail: str) -> IntakeError:
    return IntakeError(E_UNREADABLE, f"cannot read file ({detail})")


def not_found() -> IntakeError:
    return IntakeError(E_NOT_FOUND, "no such file")
