"""OCR engines by name, so settings (``CASETRACE_OCR_ENGINE``) can choose one.

Tesseract is built in and the default; RapidOCR (``intake.ocr.rapid``) is the second
built-in one; another engine registers a factory under its name
(``register_engine("name", Factory)``) before intake reads a page.
"""

from __future__ import annotations

from collections.abc import Callable

from intake.ocr.engine import OcrEngine, unknown_engine
from intake.ocr.rapid import RapidOcrEngine
from intake.ocr.tesseract import TesseractEngine

DEFAULT_ENGINE = "tesseract"

_FACTORIES: dict[str, Callable[[], OcrEngine]] = {"tesseract": TesseractEngine,
                                                   "rapidocr": RapidOcrEngine}


def register_engine(name: str, factory: Callable[[], OcrEngine]) -> None:
    """Make an engine choosable by name (a later registration replaces an earlier one)."""
    _FACTORIES[name.strip().lower()] = factory


def unregister_engine(name: str) -> None:
    """Forget an engine (tests clean up with this); the built-in one stays."""
    if name.strip().lower() != DEFAULT_ENGINE:
        _FACTORIES.pop(name.strip().lower(), None)


def engine_names() -> list[str]:
    return sorted(_FACTORIES)


def get_engine(name: str) -> OcrEngine:
    """A fresh engine for ``name``; an unknown name is a configuration error (I012)."""
    factory = _FACTORIES.get(name.strip().lower())
    if factory is None:
        raise unknown_engine(name, engine_names())
    return factory()
