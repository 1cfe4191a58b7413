"""Integer codes for a table's string columns, so pairs compare as integer arrays.

Comparing millions of candidate pairs on numpy object arrays of Python
strings costs a Python-object operation per pair and per field. Each column
is factorized once instead: per record an int32 code into the list of its distinct
values. Equality and missingness are then
integer array operations, and a string similarity is computed once per
distinct pair of values (``pair_similarity``), not once per pair of records.
Columns that are compared against each other (a given name against a
surname, for a swapped name) share one code space.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz.process import cpdist


@dataclass(slots=True, frozen=True)
class CodeSpace:
    """Distinct values of one or more columns; a code indexes ``values``."""

    values: np.ndarray  # object array of the distinct strings, '' (missing) included
    lengths: np.ndarray  # int32 length of each value
    blank: int  # the code of '' (missing), -1 when no record lacks the value

    def missing(self, codes: np.ndarray) -> np.ndarray:
        return codes == self.blank


def encode(columns: Sequence[np.ndarray]) -> tuple[CodeSpace, list[np.ndarray]]:
    """One code space over the columns; per column, the int32 code of each record.

    '' keeps a code of its own, so a similarity involving a missing value is
    what the scorer gives for '' (and callers mask missing values anyway).
    """
    joined = np.concatenate(columns) if len(columns) > 1 else columns[0]
    codes, uniques = pd.factorize(joined, use_na_sentinel=False)
    values = np.asarray(uniques, dtype=object)
    blank = np.flatnonzero(values == "")
    lengths = np.fromiter((len(v) for v in values), dtype=np.int32, count=len(values))
    space = CodeSpace(values=values, lengths=lengths, blank=int(blank[0]) if len(blank) else -1)
    codes = codes.astype(np.int32)
    parts, start = [], 0
    for column in columns:
        parts.append(codes[start:start + len(column)])
        start += len(column)
    return space, parts


def encode_distinct(columns: Sequence[tuple[np.ndarray, list]]) -> tuple[CodeSpace,
                                                                        list[np.ndarray]]:
    """``encode`` of columns already held as (codes, distinct values): only the distinct
    values are hashed, into one space, and each column's codes moved into it."""
    values_of: dict[object, int] = {}
    add = values_of.setdefault
    moved = [np.asarray([add(value, len(values_of)) for value in values], dtype=np.int32)
             for _codes, values in columns]
    values = np.empty(len(values_of), dtype=object)
    values[:] = list(values_of)
    blank = values_of.get("", -1)
    lengths = np.fromiter((len(v) for v in values), dtype=np.int32, count=len(values))
    space = CodeSpace(values=values, lengths=lengths, blank=blank)
    return space, [to[codes] if len(to) else codes.astype(np.int32)
                   for to, (codes, _values) in zip(moved, columns, strict=True)]


Scorer = Callable[..., float]


def pair_similarity(scorer: Scorer, space: CodeSpace, a: np.ndarray, b: np.ndarray,
                    workers: int = 1) -> np.ndarray:
    """scorer(values[a[k]], values[b[k]]) for every k, each distinct pair of
    values scored once; the scorers used are symmetric, so (x, y) and (y, x) are one pair."""
    if len(a) == 0:
        return np.empty(0, dtype=np.float32)
    low = np.minimum(a, b).astype(np.int64)
    high = np.maximum(a, b).astype(np.int64)
    distinct, inverse = _factorize(low * len(space.values) + high)
    first = space.values[distinct // len(space.values)].tolist()
    second = space.values[distinct % len(space.values)].tolist()
    scores = cpdist(first, second, scorer=scorer, workers=workers, dtype=np.float32)
    return scores[inverse]


def _factorize(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct keys and, per key, the index of its distinct value (a hash, not a sort)."""
    inverse, distinct = pd.factorize(keys)
    return np.asarray(distinct, dtype=np.int64), inverse
