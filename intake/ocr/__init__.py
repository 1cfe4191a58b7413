"""OCR behind a small engine interface (``engine.OcrEngine``); tesseract is the first.

``ocr_page_image`` runs the engine-neutral steps (deskew, orientation retry, boxes
mapped back onto the page) around whichever engine ``get_engine`` returns.
"""

from intake.ocr.engine import OcrEngine, OcrResult, ParallelSetup, RotationDetector
from intake.ocr.page import ocr_page_image
from intake.ocr.registry import DEFAULT_ENGINE, engine_names, get_engine, register_engine

__all__ = ["DEFAULT_ENGINE", "OcrEngine", "OcrResult", "ParallelSetup", "RotationDetector",
           "engine_names", "get_engine", "ocr_page_image", "register_engine"]
