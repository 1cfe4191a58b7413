"""How alike a query word and an indexed token are, graded by what kind of match it is.

A query word is compared with the distinct tokens of one field (name tokens,
address tokens); posting lists then give the identities holding each token,
so a query costs a few vocabulary scans, not a scan of every identity.

The grades are ordered so that a stronger kind of match always outranks a
weaker one, whatever the spelling scores:

* the word itself: ``EXACT`` (1.0);
* a form the nickname data set pairs with the word directly (bob -> robert,
  robert -> bob): ``NICKNAME_SIMILARITY``;
* a form reached through a shared formal name (bobby and rob, both Robert's):
  ``SHARED_FORMAL_SIMILARITY``: one more guess away from what was typed;
* a different spelling: Jaro-Winkler similarity, or ``ONE_EDIT_SIMILARITY``
  for a token one typing slip away (OSA distance 1) where Jaro-Winkler is
  lower, scaled by ``SPELLING_CEILING`` so no misspelling reaches a listed
  form of the name. A typed word that is itself someone's name is better
  evidence for that person than for a neighbour one slip away.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler

from skiptrace.nicknames import direct_name_forms, given_name_variants

EXACT = 1.0
NICKNAME_SIMILARITY = 0.97  # a form listed with the word (bob <-> robert)
SHARED_FORMAL_SIMILARITY = 0.95  # a sibling form through one formal name (bobby ~ rob)
SPELLING_CEILING = 0.94  # a misspelling counts at most this (times its similarity)
ONE_EDIT_SIMILARITY = 0.9  # similarity floor for one typing slip (smtih, smih, smiths)


def name_forms(word: str) -> dict[str, float]:
    """The nickname / formal forms of ``word`` with their grade (the word itself left out)."""
    direct = direct_name_forms(word)
    forms = {form: SHARED_FORMAL_SIMILARITY for form in given_name_variants(word)}
    forms.update({form: NICKNAME_SIMILARITY for form in direct})
    forms.pop(word, None)
    return forms


class TokenIndex:
    """Distinct tokens, and for each the entries (identity positions) that hold it."""

    def __init__(self, postings: dict[str, set[int]]) -> None:
        # Fresh copies, allocated one after another: a vocabulary scan then reads
        # neighbouring memory instead of strings scattered over the build's heap
        # (measured 1.5-3x faster scans at 38,000 surnames).
        self.tokens = [(token + " ")[:-1] for token in postings]
        self.position = {token: k for k, token in enumerate(self.tokens)}
        by_length: dict[int, list[int]] = {}
        for k, token in enumerate(self.tokens):
            by_length.setdefault(len(token), []).append(k)
        # one edit changes the length by at most one: only those lengths are scanned
        self.length_groups = {n: ([self.tokens[k] for k in ks], ks) for n, ks in by_length.items()}
        self.postings = [np.fromiter(postings[t], dtype=np.int64) for t in self.tokens]

    def similar(self, word: str, cutoff: float, one_edit_from: int | None = None
                ) -> list[tuple[int, float]]:
        """(token number, grade) for tokens like ``word``; digits and short words exactly.

        A word of three letters or more matches tokens at or above ``cutoff`` by
        Jaro-Winkler. With ``one_edit_from``, a word at least that long also matches
        tokens one edit away (a letter dropped, added, changed, or two swapped), at
        least ``ONE_EDIT_SIMILARITY`` (short names, a slip in the first letters):
        surnames from two letters (Hui typed "Hi"), given names from four (two or
        three letters are a nickname such as Al or Ed, not a slip). Spelling
        variants are scaled by ``SPELLING_CEILING``."""
        exact = self.position.get(word)
        found: dict[int, float] = {exact: EXACT} if exact is not None else {}
        edits = one_edit_from is not None and len(word) >= max(2, one_edit_from)
        if word.isdigit() or (len(word) < 3 and not edits):
            return list(found.items())
        spelled: dict[int, float] = {}
        if len(word) >= 3:
            for _token, score, k in process.extract(
                    word, self.tokens, scorer=JaroWinkler.normalized_similarity,
                    score_cutoff=cutoff, limit=None):
                spelled[k] = float(score)
        if edits:
            for n in (len(word) - 1, len(word), len(word) + 1):
                tokens, numbers = self.length_groups.get(n, ([], []))
                for _token, _distance, j in process.extract(
                        word, tokens, scorer=OSA.distance, score_cutoff=1, limit=None):
                    spelled[numbers[j]] = max(spelled.get(numbers[j], 0.0), ONE_EDIT_SIMILARITY)
        for k, score in spelled.items():
            if k != exact:
                found[k] = SPELLING_CEILING * score
        return list(found.items())

    def exact(self, word: str) -> int | None:
        return self.position.get(word)

    def best_per_entry(self, size: int, found: list[tuple[int, float]]
                       ) -> tuple[np.ndarray, np.ndarray]:
        """Per entry (of ``size``), the best grade among ``found`` tokens it holds, and
        which token (-1 where none)."""
        best = np.zeros(size, dtype=np.float32)
        token = np.full(size, -1, dtype=np.int64)
        for token_number, similarity in found:
            holders = self.postings[token_number]
            better = holders[best[holders] < similarity]
            best[better] = similarity
            token[better] = token_number
        return best, token
