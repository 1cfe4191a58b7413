"""The OCR engine interface: what intake needs from any engine, and nothing more.

An engine reads one upright image into words. Everything around that (skew
correction, mapping boxes back onto the page as scanned, the orientation retry)
is engine-neutral and lives beside this module, so a second engine only has to
implement ``read`` (and, if it can, ``detect_rotation``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PIL import Image

from core.document import Word
from intake.errors import IntakeError

E_UNKNOWN_ENGINE = "I012"


@dataclass(frozen=True)
class OcrResult:
    """Words read on one image.

    From an engine: boxes in PDF points (top-left origin) on the image it was given,
    confidences 0..1, ``Word.line`` numbering lines in reading order, noise dropped.
    From ``ocr_page_image``: the same, with boxes mapped back onto the page as scanned.
    """

    words: list[Word]
    mean_confidence: float
    rotation: int = 0  # degrees the page image was turned (clockwise) before reading
    skew: float = 0.0  # small-angle correction applied, in degrees


class OcrEngine(Protocol):
    """An OCR engine: one image in, words with boxes out."""

    name: str

    def read(self, image: Image.Image, dpi: float, *, page: int, language: str,
             timeout: float) -> OcrResult:
        """Read an upright image; raise ``IntakeError`` I008 on timeout, I009 on failure.

        Called from several worker threads at once, so keep no per-page state."""
        ...


@runtime_checkable
class RotationDetector(Protocol):
    """Optional: an engine that can tell a page fed sideways or upside down."""

    def detect_rotation(self, image: Image.Image, *, timeout: float) -> int:
        """Clockwise degrees (0, 90, 180, 270) to turn the image upright; 0 if unsure."""
        ...


@runtime_checkable
class ParallelSetup(Protocol):
    """Optional: an engine that must be set up before pages are read in parallel."""

    def prepare_parallel(self) -> None:
        ...


def unknown_engine(name: str, known: list[str]) -> IntakeError:
    """A configuration error: the settings name an engine nobody registered."""
    return IntakeError(E_UNKNOWN_ENGINE, f"unknown OCR engine {name!r} "
                                         f"(known: {', '.join(known) or 'none'})")
