"""English word list for judging whether a text layer reads like language.

A scanner's poor OCR layer ("Attomey", "ClV-'i 05") has a low share of
dictionary words; a real text layer a high one. The list is the system
dictionary (Debian's ``wamerican``, installed by the setup); without it we
fall back to a shape test so reading still works, only less sharply.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

SYSTEM_WORD_LISTS = (Path("/usr/share/dict/words"), Path("/usr/share/dict/american-english"))
_TOKEN = re.compile(r"[A-Za-z]+")
_VOWELS = set("aeiouyAEIOUY")


@lru_cache(maxsize=1)
def _system_words() -> tuple[str, ...]:
    """The system dictionary's entries as written, without possessives; () without one."""
    for path in SYSTEM_WORD_LISTS:
        if path.exists():
            words = path.read_text(encoding="utf-8", errors="ignore").split()
            return tuple(w for w in words if "'" not in w)
    return ()


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    return frozenset(w.lower() for w in _system_words())


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The list's words printed lower case: common words, not the names it also holds
    ("DeLeon", "Kimberly"), for repairs that must never make a name out of pieces."""
    return frozenset(w for w in _system_words() if w.islower())


def _looks_like_word(token: str) -> bool:
    return any(c in _VOWELS for c in token) and not re.search(r"(.)\1\1", token)


def dictionary_ratio(texts: list[str]) -> float:
    """Share of alphabetic tokens (3+ letters) that are English words, 0..1."""
    words = english_words()
    tokens = [t for text in texts for t in _TOKEN.findall(text) if len(t) >= 3]
    if not tokens:
        return 0.0
    if words:
        hits = sum(1 for t in tokens if t.lower() in words)
    else:
        hits = sum(1 for t in tokens if _looks_like_word(t))
    return hits / len(tokens)
