"""Picking words on a page to fill a field: by line, or near a point.

Words are the dicts stored in ``Page.words`` (``text``, ``bbox`` in PDF points,
top-left origin, ``line``). A reviewer fills a field from a line or from the
words around where they pointed, and the union box is stored with the value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class LineChoice:
    line: int
    text: str
    bbox: BBox
    words: tuple[dict, ...]


def union_bbox(words: Sequence[dict]) -> BBox:
    """The smallest box around all the words."""
    if not words:
        raise ValueError("no words to box")
    boxes = [w["bbox"] for w in words]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def words_text(words: Sequence[dict]) -> str:
    return " ".join(w["text"] for w in words)


def page_lines(words: Sequence[dict]) -> list[LineChoice]:
    """The page's words grouped by line, top to bottom, each line left to right."""
    lines: dict[int, list[dict]] = {}
    for word in words:
        lines.setdefault(int(word.get("line", 0)), []).append(word)
    choices = []
    for number, members in lines.items():
        members.sort(key=lambda w: w["bbox"][0])
        choices.append(LineChoice(number, words_text(members), union_bbox(members),
                                  tuple(members)))
    choices.sort(key=lambda c: (c.bbox[1], c.bbox[0]))
    return choices


def distance_to_box(x: float, y: float, bbox: Sequence[float]) -> float:
    """Euclidean distance from a point to a box (0 inside it)."""
    dx = max(bbox[0] - x, 0.0, x - bbox[2])
    dy = max(bbox[1] - y, 0.0, y - bbox[3])
    return (dx * dx + dy * dy) ** 0.5


def words_near(words: Sequence[dict], x: float, y: float, limit: int = 12) -> list[dict]:
    """The words closest to a point (PDF points), nearest first."""
    ranked = sorted(words, key=lambda w: (distance_to_box(x, y, w["bbox"]), w["bbox"][1],
                                          w["bbox"][0]))
    return ranked[:limit]


def word_at(words: Sequence[dict], x: float, y: float, tolerance: float = 3.0) -> dict | None:
    """The word under a point, or within ``tolerance`` points of it."""
    nearest = words_near(words, x, y, limit=1)
    if nearest and distance_to_box(x, y, nearest[0]["bbox"]) <= tolerance:
        return nearest[0]
    return None
