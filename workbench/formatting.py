"""How values look on the pages: confidence tints for table cells and short timestamps."""

from __future__ import annotations

from workbench.overlay import confidence_level

CONFIDENCE_TINTS = {"low": "#fde2e1", "check": "#fff1cc", "high": "#dcf5e3", "none": ""}


def confidence_tint(confidence: float | None) -> str:
    """CSS for a table cell: red below 0.7, amber below 0.9, green from 0.9."""
    colour = CONFIDENCE_TINTS[confidence_level(confidence)]
    return f"background-color: {colour}" if colour else ""


def short_time(moment) -> str:
    return "" if moment is None else f"{moment:%Y-%m-%d %H:%M}"
