"""The typed result of reading a file: document -> pages -> words.

Every later stage (extraction, the review screen, training exports) reads these
objects, so a word always carries its text, its box in PDF points (top-left
origin, pdfplumber's ``[x0, top, x1, bottom]``) and a 0..1 confidence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

PageSource = Literal["text", "ocr"]
PageStatus = Literal["ok", "failed"]
BBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Word:
    """One word on a page, from the text layer or from OCR."""

    text: str
    bbox: BBox
    confidence: float = 1.0
    line: int = 0  # index of the visual line on its page, for grouping words into lines
    # True when intake masked a full SSN in this word (intake.redaction): the page image
    # shown from the original blacks this box out.
    redacted: bool = False

    def to_dict(self) -> dict:
        data = {"text": self.text, "bbox": list(self.bbox), "confidence": self.confidence,
                "line": self.line}
        if self.redacted:  # only then, so the stored words of other documents do not change
            data["redacted"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Word:
        return cls(text=data["text"], bbox=tuple(float(v) for v in data["bbox"]),  # type: ignore[arg-type]
                   confidence=float(data.get("confidence", 1.0)), line=int(data.get("line", 0)),
                   redacted=bool(data.get("redacted", False)))


@dataclass(slots=True)
class PageContent:
    """One page: its size in points, where its words came from, and the words."""

    number: int  # 1-based
    width: float
    height: float
    source: PageSource
    words: list[Word] = field(default_factory=list)
    status: PageStatus = "ok"
    error: str | None = None

    @property
    def text(self) -> str:
        """The page's words joined line by line (reading order as stored)."""
        lines: dict[int, list[str]] = {}
        for word in self.words:
            lines.setdefault(word.line, []).append(word.text)
        return "\n".join(" ".join(parts) for _, parts in sorted(lines.items()))

    def to_dict(self) -> dict:
        data = asdict(self)
        data["words"] = [w.to_dict() for w in self.words]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> PageContent:
        return cls(number=int(data["number"]), width=float(data["width"]),
                   height=float(data["height"]), source=data["source"],
                   words=[Word.from_dict(w) for w in data.get("words", [])],
                   status=data.get("status", "ok"), error=data.get("error"))


@dataclass(slots=True)
class ReadDocument:
    """A whole file as intake read it."""

    path: str
    sha256: str
    media_type: str  # "application/pdf", "image/png", "image/jpeg", "image/tiff"
    pages: list[PageContent] = field(default_factory=list)
    doc_type: str = "other"
    error: str | None = None

    @property
    def ocr_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.source == "ocr"]

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)
