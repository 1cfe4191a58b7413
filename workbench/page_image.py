"""The page picture for the review screen, rendered once per page and cached by the caller.

A page rendered from the stored original shows what the file prints, full SSNs included;
the boxes of the words intake masked (``redacted``) are blacked out on it. The last four
stay readable in the words and in the field panel.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from sqlmodel import Session, select

from intake.filestore import stored_path
from models.tables import Document, Page
from workbench.overlay import black_out, draw_from_words, redacted_boxes, render_original

REVIEW_DPI = 110


def original_path(document: Document) -> Path | None:
    """Where the stored original of ``document`` lives on this machine, if anywhere."""
    candidates = [stored_path(document.sha256)]
    if document.stored_path:
        candidates.append(Path(document.stored_path))
    return next((path for path in candidates if path.is_file()), None)


def page_image(session: Session, document_id: int, page_number: int,
               dpi: int = REVIEW_DPI) -> tuple[Image.Image, bool]:
    """The page as an image and whether it is the original (False: drawn from its words)."""
    document = session.get(Document, document_id)
    if document is None:
        raise LookupError(f"document {document_id} does not exist")
    page = session.exec(select(Page).where(Page.document_id == document_id,
                                           Page.number == page_number)).first()
    path = original_path(document)
    if path is not None:
        image = render_original(path, page_number, dpi)
        if image is not None:
            return black_out(image, redacted_boxes(page.words if page else []), dpi), True
    if page is None:
        return Image.new("RGB", (int(8.5 * dpi), int(11 * dpi)), "white"), False
    width = page.width or 612.0
    height = page.height or 792.0
    return draw_from_words(width, height, page.words, dpi), False
