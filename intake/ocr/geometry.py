"""Engine-neutral word geometry: reading order, and boxes mapped back onto the page.

An engine reads the upright, deskewed image; a reviewer sees the page as scanned.
These helpers number lines in the upright frame (so a sideways page still reads
top to bottom) and carry each box back to the scanned frame.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence

from core.document import Word


def in_reading_order(keyed: Sequence[tuple[Hashable, Word]]) -> list[Word]:
    """Words with an engine's own line key (any hashable), numbered ``Word.line`` top to
    bottom by each line's highest word and sorted left to right within a line, so the
    indexes read like the text layer's."""
    line_top: dict[Hashable, float] = {}
    for key, word in keyed:
        line_top[key] = min(line_top.get(key, word.bbox[1]), word.bbox[1])
    order = {key: i for i, key in enumerate(sorted(line_top, key=line_top.__getitem__))}
    ranked = sorted(keyed, key=lambda item: (order[item[0]], item[1].bbox[0]))
    return [Word(w.text, w.bbox, w.confidence, order[key]) for key, w in ranked]


def map_back(x: float, y: float, angle_ccw: float, cx: float, cy: float,
             ocx: float, ocy: float) -> tuple[float, float]:
    """A point on the corrected image back onto the original image."""
    rad = math.radians(angle_ccw)
    dx, dy = x - cx, y - cy
    # PIL rotates counter-clockwise on screen (y down): undo with the opposite turn.
    ox = dx * math.cos(rad) - dy * math.sin(rad)
    oy = dx * math.sin(rad) + dy * math.cos(rad)
    return ocx + ox, ocy + oy


def map_words_back(words: list[Word], angle_ccw: float, read_centre: tuple[float, float],
                   page_centre: tuple[float, float]) -> list[Word]:
    """Words read on an image turned ``angle_ccw`` degrees about its centre, with their
    boxes (all four corners, then the enclosing box) back on the page as scanned.
    Centres are in the words' unit (PDF points); order and line numbers stay."""
    if not angle_ccw:
        return words
    (cx, cy), (ocx, ocy) = read_centre, page_centre
    mapped: list[Word] = []
    for word in words:
        left, top, right, bottom = word.bbox
        corners = [map_back(px, py, angle_ccw, cx, cy, ocx, ocy) for px, py in
                   ((left, top), (right, top), (left, bottom), (right, bottom))]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        mapped.append(Word(word.text, (min(xs), min(ys), max(xs), max(ys)), word.confidence,
                           word.line))
    return mapped
