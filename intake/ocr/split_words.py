"""Words the OCR engine cut in pieces, put back together.

On fixed-pitch print (a collection agency's mainframe placement printout, a typed form)
every letter has the same width, so a narrow letter such as ``I`` leaves white on both
sides as wide as a space: tesseract then reads "BEACON DEBT ACQUI S ITIONS LLC" and
"CLI ENT". The gap cannot tell those pieces from words (on such a line every space is one
letter wide too), but the language can: pieces that are not words whose join is one.
A join needs the pieces side by side on one line, no further apart than about one letter,
letters only (punctuation may close the last piece), and the joined word a common English
word (the system word list's lower-case entries, so pieces never become a name: "DE LEON"
stays two words) of five letters or more. No piece of two letters or more may be a word
itself (two words that happen to make a third, "IN TO", "MARIN as", stay as printed); the
case stays one throughout ("Carrie R." is a name and an initial, not "CarrieR."); and a
letter alone never ends a join ("CARRIE R." stays a name).
"""

from __future__ import annotations

import re

from core.document import Word
from intake.wordlist import common_words

# The most pieces one word is put back from ("ACQUI" "S" "ITIONS").
MAX_PIECES = 3
# Pieces further apart than this many letter widths are separate words (or columns).
MAX_GAP_LETTERS = 1.5
# A joined word shorter than this is too likely to be a chance join.
MIN_JOINED_LETTERS = 5

_PIECE = re.compile(r"([A-Za-z]+)")
_LAST_PIECE = re.compile(r"([A-Za-z]+)([.,:;)]*)")


def _letters(word: Word, last: bool) -> str | None:
    """The piece's letters, or None when it is not letters (a number, a symbol)."""
    match = (_LAST_PIECE if last else _PIECE).fullmatch(word.text)
    return match.group(1) if match else None


def _letter_width(group: list[Word]) -> float:
    letters = sum(len(w.text) for w in group)
    return sum(w.bbox[2] - w.bbox[0] for w in group) / max(letters, 1)


def _close_enough(group: list[Word]) -> bool:
    width = _letter_width(group)
    return all(b.line == a.line and 0 <= b.bbox[0] - a.bbox[2] <= MAX_GAP_LETTERS * width
               for a, b in zip(group, group[1:], strict=False))


def _joins(group: list[Word], dictionary: frozenset[str]) -> bool:
    pieces = [_letters(w, last=i == len(group) - 1) for i, w in enumerate(group)]
    if any(p is None for p in pieces) or len(pieces[-1] or "") < 2:
        return False  # a number or symbol among them; a last letter alone is an initial
    letters = [p for p in pieces if p is not None]
    joined = "".join(letters).lower()
    if len(joined) < MIN_JOINED_LETTERS or joined not in dictionary:
        return False
    if any(len(p) >= 2 and p.lower() in dictionary for p in letters):
        return False  # "MARIN as", "De la": a word among the pieces is a word printed
    whole = "".join(letters)
    if not (whole.isupper() or whole.islower() or (whole[0].isupper() and whole[1:].islower())):
        return False  # "CarrieR.", "ProSe": the case changes where a word begins
    return _close_enough(group)


def _joined(group: list[Word]) -> Word:
    return Word(text="".join(w.text for w in group),
                bbox=(group[0].bbox[0], min(w.bbox[1] for w in group),
                      group[-1].bbox[2], max(w.bbox[3] for w in group)),
                confidence=min(w.confidence for w in group), line=group[0].line)


def rejoin_split_words(words: list[Word], dictionary: frozenset[str] | None = None
                       ) -> list[Word]:
    """``words`` (one page, in reading order) with each word the engine cut into pieces
    joined again; without a word list (no system dictionary) nothing changes."""
    dictionary = common_words() if dictionary is None else dictionary
    if not dictionary:
        return words
    out: list[Word] = []
    i = 0
    while i < len(words):
        for size in range(MAX_PIECES, 1, -1):
            group = words[i:i + size]
            if len(group) == size and _joins(group, dictionary):
                out.append(_joined(group))
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out
