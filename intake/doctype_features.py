"""Features the document-type classifier reads: hashed word and character n-grams.

A document's first pages, line by line, become four groups of features, each scaled to
unit length on its own so one group cannot drown the others: words and word pairs (later
pages count less), character 3-5-grams inside words (so OCR damage such as "Cornplaint"
still shares most grams with "complaint"), the words of title lines (short lines in
capitals near the top, marked apart because a title says what a paper is), and the
keyword cues of ``core.vocabulary`` (kept as features; their weights are learned). Names
are hashed with crc32 into a fixed space, so the model file needs no vocabulary and the
same text always gives the same vector, in training and at run time.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from core.vocabulary import DOC_TYPE_SPECS

DIM = 1 << 16  # hashed feature space (the weights are classes x DIM)
PAGES_READ = 3
PAGE_WEIGHTS = (1.0, 0.6, 0.4)  # page 1 says most; later pages are exhibits or boilerplate
TITLE_LINES_PER_PAGE = 24  # only the top of a page (caption included) holds its title
GROUP_WEIGHTS: Mapping[str, float] = {"word": 1.0, "char": 0.8, "title": 0.9, "cue": 0.5}
CUES = {name: spec.cues for name, spec in DOC_TYPE_SPECS.items() if spec.cues}

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_LETTER = re.compile(r"[A-Za-z]")
_COLUMN = re.compile(r"\s{3,}|\s*[)|]\s*")


def is_title_line(line: str) -> bool:
    """A short line mostly in capitals with at least four letters (SUMMONS, COMPLAINT FOR
    MONEY, ORDER RE ...)."""
    letters = _LETTER.findall(line)
    if len(letters) < 4 or len(line) > 90:
        return False
    upper = sum(1 for ch in letters if ch.isupper())
    return upper >= 0.8 * len(letters)


def title_segments(line: str) -> list[str]:
    """The title-like parts of a line: a caption prints its title in the right column, on
    the line of a party's name ("assignee of X, ) SUMMONS"), so each column is judged
    apart (split at a caption's ")" or "|", or a wide gap)."""
    return [part for part in _COLUMN.split(line) if is_title_line(part.strip())]


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1 or w in ("v", "a")]


def _index(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) & (DIM - 1)


def raw_counts(pages: Sequence[str]) -> dict[str, dict[int, float]]:
    """Weighted counts per feature group for the page texts (first pages only)."""
    groups: dict[str, dict[int, float]] = {g: defaultdict(float) for g in GROUP_WEIGHTS}
    word, char, title = groups["word"], groups["char"], groups["title"]
    for number, text in enumerate(pages[:PAGES_READ]):
        weight = PAGE_WEIGHTS[number]
        lines = text.splitlines()
        for line_no, line in enumerate(lines):
            tokens = _words(line)
            for i, token in enumerate(tokens):
                word[_index("w:" + token)] += weight
                if i:
                    word[_index(f"b:{tokens[i - 1]} {token}")] += weight
                padded = f" {token} "
                for n in (3, 4, 5):
                    for start in range(len(padded) - n + 1):
                        char[_index("c:" + padded[start:start + n])] += weight
            if line_no >= TITLE_LINES_PER_PAGE or number >= 2:
                continue
            for segment in title_segments(line):
                marked = _words(segment)
                for i, token in enumerate(marked):
                    title[_index("t:" + token)] += weight
                    if i:
                        title[_index(f"tb:{marked[i - 1]} {token}")] += weight
    _cue_counts(pages, groups["cue"])
    return groups


def _cue_counts(pages: Sequence[str], cue: dict[int, float]) -> None:
    """The vocabulary's keyword score per type, in the body and in title lines."""
    texts = list(pages[:PAGES_READ])
    body = "\n".join(texts).lower()
    titles = "\n".join(part for text in texts[:2] for line in text.splitlines()[
        :TITLE_LINES_PER_PAGE] for part in title_segments(line)).lower()
    for doc_type, cues in CUES.items():
        score = sum(weight for pattern, weight in cues if re.search(pattern, body))
        in_title = sum(weight for pattern, weight in cues if titles and re.search(pattern, titles))
        if score:
            cue[_index("k:" + doc_type)] += score
        if in_title:
            cue[_index("kt:" + doc_type)] += in_title


def vectorize(pages: Sequence[str], idf: Sequence[float] | npt.NDArray[np.float64] | None = None,
              groups: Sequence[str] | None = None) -> dict[int, float]:
    """Sparse feature vector {index: value}: log-scaled counts times idf, each group at unit
    length times its weight. ``groups`` limits the groups (for ablations)."""
    return weigh(raw_counts(pages), idf, groups)


def weigh(counted: Mapping[str, Mapping[int, float]],
          idf: Sequence[float] | npt.NDArray[np.float64] | None = None,
          groups: Sequence[str] | None = None) -> dict[int, float]:
    """``vectorize`` from counts already taken (training reuses them across folds)."""
    out: dict[int, float] = defaultdict(float)
    for name, counts in counted.items():
        if groups is not None and name not in groups:
            continue
        values = {i: (1.0 + math.log(c)) * (idf[i] if idf is not None else 1.0)
                  for i, c in counts.items() if c > 0}
        norm = math.sqrt(sum(v * v for v in values.values()))
        if norm == 0:
            continue
        scale = GROUP_WEIGHTS[name] / norm
        for i, v in values.items():
            out[i] += v * scale
    return dict(out)
