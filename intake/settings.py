"""Limits and knobs for reading files, as data.

``IntakeSettings`` is declared with every other setting in ``core.settings`` (one
table of ``CASETRACE_*`` variables, docs/configuration.md); ``IntakeSettings.from_env``
lets an operator override a limit (``CASETRACE_MAX_PAGES=...``) without code changes.
"""

from __future__ import annotations

from core.settings import (
    MAX_MEGAPIXELS_PER_PAGE,
    MAX_PAGE_INCHES,
    MAX_PAGES,
    MIN_PAGE_INCHES,
    OCR_DPI,
    OCR_ENGINES,
    OCR_LANGUAGE,
    OCR_TIMEOUT_SECONDS,
    IntakeSettings,
)

__all__ = ["MAX_MEGAPIXELS_PER_PAGE", "MAX_PAGES", "MAX_PAGE_INCHES", "MIN_PAGE_INCHES",
           "OCR_DPI", "OCR_ENGINES", "OCR_LANGUAGE", "OCR_TIMEOUT_SECONDS", "IntakeSettings"]
