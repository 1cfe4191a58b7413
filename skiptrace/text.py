"""Transliteration-safe casefolding shared by every comparison.

'José Ñúñez-O'Brien' and 'JOSE NUNEZ OBRIEN' fold to the same string, so
accents, case, apostrophes and hyphens never count as differences.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = re.compile(r"['\u2019`]")
_NOT_WORD = re.compile(r"[^a-z0-9#]+")
# Letters that NFKD does not decompose into ASCII.
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "œ": "oe",
                          "þ": "th", "ı": "i"})


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces."""
    if not text:
        return ""
    lowered = text.casefold().translate(_SPECIAL)
    ascii_only = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode("ascii")
    return _NOT_WORD.sub(" ", _APOSTROPHES.sub("", ascii_only)).strip()
