"""Calibrated confidence: the share of values like this one that were right on unseen documents.

A raw evidence score (where the label was, how often the value repeats, whether a rival
value scored as high, how sure OCR was) is mapped to a bucket; each bucket's probability
of being right was counted on a held-out generated set by ``extraction/fit_calibration.py``
and is read from ``calibration.json`` beside this module. Unknown buckets fall back to a
conservative prior, so a value never claims more trust than it has earned.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

TABLE_PATH = Path(__file__).with_name("calibration.json")
PRIOR_SHRINK = 0.75  # weight of the raw score when a bucket was never observed

Table = dict[str, dict[str, float]]
# A table in force for the current extraction only (a held-out fold's); None: the committed one.
_ACTIVE: ContextVar[Table | None] = ContextVar("calibration_table", default=None)


def load_table(path: Path) -> Table:
    """A calibration table as ``fit_calibration`` writes it; a missing file is an empty one."""
    if not Path(path).exists():
        return {"fields": {}, "parties": {}}
    return json.loads(Path(path).read_text())


@lru_cache(maxsize=1)
def _table() -> Table:
    """The committed table (read once)."""
    return load_table(TABLE_PATH)


def active_table() -> Table:
    """The table in force: a ``using_table`` block's, else the committed one."""
    active = _ACTIVE.get()
    return _table() if active is None else active


@contextmanager
def using_table(table: Table | Path | None) -> Iterator[None]:
    """Calibrate with ``table`` (a dict or a file) inside the block; None keeps the committed
    table. Context-local, so concurrent extractions each keep their own."""
    if table is None:
        yield
        return
    token = _ACTIVE.set(load_table(table) if isinstance(table, Path) else table)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def field_bucket(name: str, score: float, where: str, repeats: int, competitors: int,
                 ocr_confidence: float, ocr: bool) -> str:
    """The key under which calibration counts a field value: the rendering first (a scan's
    buckets fall back to coarser scan buckets, never to text-layer ones), then the field,
    where its label was, how strong, whether it repeats and whether a rival scored as high."""
    strength = "hi" if score >= 0.9 else "mid" if score >= 0.8 else "lo"
    rep = "rep" if repeats > 1 else "one"
    rival = "rival" if competitors else "alone"
    source = ("scan-noisy" if ocr_confidence < 0.85 else "scan") if ocr else "text"
    return f"{source}|{name}|{where}|{strength}|{rep}|{rival}"


def party_bucket(role: str, how: str, anchors: int, contacts: int, kind: str,
                 ocr: bool) -> str:
    """The key under which calibration counts a party: its role, how it was found, whether
    it recurs, has contacts, and what spaCy calls its name."""
    rep = "rep" if anchors > 1 else "one"
    has = "contacts" if contacts else "bare"
    return f"{'scan' if ocr else 'text'}|{role}|{how}|{rep}|{has}|{kind}"


# A bucket is never coarser than (rendering, field or role, where / how it was found, and for
# a field how strong): a value found in a way calibration never counted, or with a strength
# it never saw there (a label the role model doubts), gets the shrunk raw score, not the
# field's or the place's overall rate (which the generator's familiar contexts push near 1.0).
# Parties' keys have no strength part, so theirs stop at rendering|role|how.
MIN_KEY_PARTS = {"fields": 4, "parties": 3}


def counted_rate(kind: str, key: str) -> float | None:
    """The most specific bucket's rate: the full key, else coarser keys (dropping parts from
    the end, down to rendering|name|where|strength); None where calibration never counted
    values found this way."""
    table = active_table().get(kind, {})
    parts = key.split("|")
    for cut in range(len(parts), min(MIN_KEY_PARTS[kind], len(parts)) - 1, -1):
        coarse = "|".join(parts[:cut])
        if coarse in table:
            return float(table[coarse])
    return None


def _lookup(kind: str, key: str, raw: float) -> float:
    """The counted rate (``counted_rate``), else the raw score shrunk toward doubt."""
    rate = counted_rate(kind, key)
    return raw * PRIOR_SHRINK if rate is None else rate


def calibrate_field(key: str, score: float) -> float:
    return _lookup("fields", key, score)


def calibrate_party(key: str, score: float) -> float:
    return _lookup("parties", key, score)
