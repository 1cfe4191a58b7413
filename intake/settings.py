"""Limits and knobs for reading files, as data.

Defaults are module constants; ``IntakeSettings.from_env`` lets an operator
override them (``CASETRACE_MAX_PAGES=...``) without code changes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

OCR_DPI = 300
MAX_PAGES = 500
MAX_MEGAPIXELS_PER_PAGE = 80.0
MAX_PAGE_INCHES = 120.0
MIN_PAGE_INCHES = 0.5
OCR_TIMEOUT_SECONDS = 120.0
OCR_LANGUAGE = "eng"


@dataclass(frozen=True)
class IntakeSettings:
    ocr_dpi: int = OCR_DPI
    max_pages: int = MAX_PAGES
    max_megapixels: float = MAX_MEGAPIXELS_PER_PAGE
    max_page_inches: float = MAX_PAGE_INCHES
    min_page_inches: float = MIN_PAGE_INCHES
    ocr_timeout: float = OCR_TIMEOUT_SECONDS
    ocr_language: str = OCR_LANGUAGE
    workers: int = 0  # 0: one OCR process per CPU core
    fix_orientation: bool = True
    deskew: bool = True

    def __post_init__(self) -> None:
        if self.ocr_dpi < 72 or self.ocr_dpi > 600:
            raise ValueError(f"ocr_dpi must be between 72 and 600, not {self.ocr_dpi}")
        if self.max_pages < 1:
            raise ValueError(f"max_pages must be at least 1, not {self.max_pages}")
        if self.ocr_timeout <= 0:
            raise ValueError(f"ocr_timeout must be positive, not {self.ocr_timeout}")

    @property
    def worker_count(self) -> int:
        return self.workers or max(1, os.cpu_count() or 1)

    @classmethod
    def from_env(cls, **overrides: object) -> IntakeSettings:
        """Settings from ``CASETRACE_<NAME>`` variables, then explicit overrides."""
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = os.environ.get(f"CASETRACE_{f.name.upper()}")
            if raw is None:
                continue
            if f.type in ("bool", bool):
                values[f.name] = raw.strip().lower() in {"1", "true", "yes", "on"}
            elif f.type in ("int", int):
                values[f.name] = int(raw)
            elif f.type in ("float", float):
                values[f.name] = float(raw)
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
