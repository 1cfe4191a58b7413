"""Small-skew estimation by projection profiles, for any engine.

Engines read straight lines best; a scan a degree or two off is measured here
and turned straight before reading (``intake.ocr.page``).
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageOps

SKEW_SEARCH_DEGREES = 3.0


def _binarize_small(image: Image.Image, width: int = 800) -> np.ndarray:
    gray = ImageOps.grayscale(image)
    scale = width / max(gray.width, 1)
    small = gray.resize((width, max(1, int(gray.height * scale))), Image.Resampling.BILINEAR)
    arr = np.asarray(small, dtype=np.float32)
    return (arr < min(arr.mean() - 20, 160)).astype(np.float32)


def _profile_score(ink: np.ndarray, angle: float) -> float:
    img = Image.fromarray((ink * 255).astype(np.uint8))
    turned = np.asarray(img.rotate(angle, resample=Image.Resampling.NEAREST, expand=False))
    rows = turned.sum(axis=1, dtype=np.float64)
    return float(np.var(rows))


def estimate_skew(image: Image.Image) -> float:
    """Small skew angle (degrees, counter-clockwise positive) by projection profiles:
    text lines give the sharpest row histogram when they are horizontal."""
    ink = _binarize_small(image)
    if ink.sum() < 200:
        return 0.0
    coarse = np.arange(-SKEW_SEARCH_DEGREES, SKEW_SEARCH_DEGREES + 1e-6, 0.5)
    best = max(coarse, key=lambda a: _profile_score(ink, float(a)))
    fine = np.arange(best - 0.4, best + 0.41, 0.1)
    best = max(fine, key=lambda a: _profile_score(ink, float(a)))
    return round(float(best), 2)
