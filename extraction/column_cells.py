"""Cells in one column of a page: the block above or below a cell, as captions, address
blocks and sentences wrapped inside a column of a two-column page are laid out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.document import BBox
from core.lines import Line

COLUMN_TOLERANCE = 8.0
LOOSE_COLUMN = 110.0


@dataclass(slots=True)
class Cell:
    line_index: int
    start: int
    end: int
    text: str
    bbox: BBox


DIVIDER_RE = re.compile(r"\s*\)+\s*$")  # a caption's ')' column after the text


def without_divider(text: str) -> str:
    """A caption cell's text without the ')' divider printed after it."""
    return DIVIDER_RE.sub("", text)


def column_cells(lines: list[Line], index: int, x0: float, step: int, limit: int = 8,
                 *, loose: bool = False) -> list[Cell]:
    """Cells starting at x0 in the lines above (step -1) or below (+1), while contiguous.

    ``loose`` is for caption blocks, whose role words are indented or centred: there the
    first cell of each line counts when it starts within a caption column's width of x0,
    and lines holding only the ')' divider are stepped over.
    """
    out: list[Cell] = []
    k = index + step
    previous = lines[index]
    skipped = 0
    while 0 <= k < len(lines) and len(out) < limit:
        line = lines[k]
        gap = (previous.top - line.bottom) if step < 0 else (line.top - previous.bottom)
        if gap > 1.8 * max(previous.height, line.height):
            break
        found = None
        for start, end in line.cells():
            box = line.span_bbox(start, end)
            text = line.text[start:end]
            aligned = abs(box[0] - x0) <= COLUMN_TOLERANCE
            if loose:
                aligned = abs(box[0] - x0) <= LOOSE_COLUMN and not set(text) <= set(") ")
            if aligned:
                found = Cell(k, start, end, without_divider(text), box)
                break
        if found is None:
            first_x = line.span_bbox(*line.cells()[0])[0]
            foreign = (set(line.text) <= set(") ") or first_x > x0 + LOOSE_COLUMN) if loose \
                else skipped < 2
            if not foreign:
                break
            skipped += 1
            k += step
            continue
        skipped = 0
        out.append(found)
        previous = line
        k += step
    return out


def cells_box(cells: list[Cell]) -> BBox:
    return (min(c.bbox[0] for c in cells), min(c.bbox[1] for c in cells),
            max(c.bbox[2] for c in cells), max(c.bbox[3] for c in cells))


def cell_texts_with_next(lines: list[Line], index: int) -> list[tuple[int, str]]:
    """(cell start, cell text + the text of the cell under it in the same column) per cell
    of a line: a sentence wrapped inside one column of a two-column page."""
    line = lines[index]
    out = []
    for start, end in line.cells():
        x0 = line.span_bbox(start, end)[0]
        below = column_cells(lines, index, x0, +1, limit=1)
        out.append((start, line.text[start:end] + (" " + below[0].text if below else "")))
    return out
