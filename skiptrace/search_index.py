"""The in-memory search index over identities, and how its hits are scored and ranked.

A hit's score is the share of the query it explains (0..1): each free word
counts its best grade in the identity's names, middle names / initials,
addresses or SSN last four (``search_tokens`` grades the kinds of match), and
each structured term (phone, e-mail, date of birth, SSN-4) counts 1 when the
identity holds it exactly. Nickname and formal forms of a word are looked for
among given names only (a surname is matched by its spelling: "Lindsey Scott"
is no form of "squat lindsey"). A word with letters that only an address explains
counts ``ADDRESS_WORD_GRADE`` of its grade, below any listed nickname form:
streets and towns are named after people ("Kennedy St", "Angie Ct", "AL"), so
a word that a person's name explains is the better evidence; numbers, which no
name holds, count in full. A middle name or an initial (of the given or middle
name: "j smith", "robert j smith") counts only beside a word the identity's
given name or surname explains: it narrows a name, and alone names no one.

Hits that explain the query equally are then ordered by, in turn:

* for a word read as a nickname form, how many identities on file hold that
  form (``form share``): "mike" is listed with Michael and with Miguel alike,
  and where both are on file the name more people in this database carry is
  the likelier reading of what the investigator was told; the data set has no
  usage frequencies, and the indexed population is the one at hand;
* how many documents name the identity (the better evidenced one first);
* its most recent sighting (newest document or contact date): the person
  seen lately is the one an investigator is likelier chasing;
* how complete it is (of date of birth, SSN-4, phone, e-mail, address: how
  many kinds it holds), so the identity there is more to act on comes first;
* identity id (oldest first), so the order is stable.

A name-only query cannot tell two real people of the same name apart; they
stay tied on score, ordered by the rules above, and the workbench shows them
side by side with reasons.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date

import numpy as np

from skiptrace.search_query import ParsedQuery, parse_query
from skiptrace.search_tokens import EXACT, NICKNAME_SIMILARITY, TokenIndex, name_forms

NAME_SIMILARITY_CUTOFF = 0.85
ADDRESS_SIMILARITY_CUTOFF = 0.9
MIN_HIT_SCORE = 0.5
ADDRESS_WORD_GRADE = 0.93  # an address explains a word with letters at most this much


@dataclass(slots=True)
class IndexEntry:
    """What search knows of one identity."""

    identity_id: int
    display_name: str
    names: list[tuple[str, str]] = field(default_factory=list)  # (given, surname), folded
    dobs: set[str] = field(default_factory=set)  # ISO dates
    ssn4: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)  # E.164
    emails: set[str] = field(default_factory=set)
    addresses: list[str] = field(default_factory=list)  # USPS one-line form
    middles: set[str] = field(default_factory=set)  # folded middle names or initials
    documents: int = 1  # documents that name this identity
    last_seen: str = ""  # ISO date of its newest dated document or contact; '' if none

    def completeness(self) -> int:
        """How many kinds of identifier this identity holds (DOB, SSN-4, phone, e-mail,
        address)."""
        return sum(bool(values) for values in (self.dobs, self.ssn4, self.phones,
                                               self.emails, self.addresses))


@dataclass(slots=True)
class SearchHit:
    identity_id: int
    display_name: str
    score: float
    reasons: list[str]

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class _WordMatch:
    """One free query word's best explanation per entry, by field."""

    word: str
    given: np.ndarray
    given_token: np.ndarray
    surname: np.ndarray
    surname_token: np.ndarray
    middle: np.ndarray
    address: np.ndarray
    address_token: np.ndarray
    ssn: np.ndarray
    forms: np.ndarray  # given-name token numbers reached as nickname forms of the word


# (-score, -form share, -documents, -last seen day, -completeness, identity id): best first
RankKey = tuple[float, float, int, int, int, int]
NameCount = Callable[[str], int]  # identities on file holding a given-name token


class SearchIndex:
    """An in-memory index over identities; build once, query many times."""

    def __init__(self, entries: list[IndexEntry]) -> None:
        self.entries = entries
        given_postings: dict[str, set[int]] = defaultdict(set)
        surname_postings: dict[str, set[int]] = defaultdict(set)
        middle_postings: dict[str, set[int]] = defaultdict(set)
        address_postings: dict[str, set[int]] = defaultdict(set)
        self.exact: dict[str, dict[str, set[int]]] = {k: defaultdict(set) for k in
                                                      ("phone", "email", "dob", "ssn4")}
        for k, entry in enumerate(entries):
            for given, surname in entry.names:
                for token in given.split():
                    given_postings[token].add(k)
                for token in surname.split():
                    surname_postings[token].add(k)
                if given:
                    middle_postings[given[0]].add(k)  # "j smith" for John Smith
            for middle in entry.middles:
                for token in middle.split():
                    middle_postings[token].add(k)
                    middle_postings[token[0]].add(k)
            for address in entry.addresses:
                for token in address.replace(",", " ").split():
                    address_postings[token].add(k)
            for kind, values in (("phone", entry.phones), ("email", entry.emails),
                                 ("dob", entry.dobs), ("ssn4", entry.ssn4)):
                for value in values:
                    self.exact[kind][value].add(k)
        self.given = TokenIndex(given_postings)
        self.surnames = TokenIndex(surname_postings)
        self.middles = TokenIndex(middle_postings)  # middle names, their and given initials
        self.address = TokenIndex(address_postings)
        self.documents = np.array([e.documents for e in entries], dtype=np.int64)
        self.last_seen = np.array([date.fromisoformat(e.last_seen).toordinal()
                                   if e.last_seen else 0 for e in entries], dtype=np.int64)
        self.completeness = np.array([e.completeness() for e in entries], dtype=np.int64)
        self.ids = np.array([e.identity_id for e in entries], dtype=np.int64)
        self.position_of = {entry.identity_id: k for k, entry in enumerate(entries)}
        self.hidden = np.zeros(len(entries), dtype=bool)  # entries superseded by a newer layer
        self.any_hidden = False

    def hide(self, identity_ids: set[int]) -> None:
        """Leave these identities out of results (a newer layer holds them, or they are gone)."""
        self.hidden[:] = False
        positions = [self.position_of[i] for i in identity_ids if i in self.position_of]
        self.hidden[positions] = True
        self.any_hidden = bool(positions)

    def __len__(self) -> int:
        return len(self.entries)

    def given_count(self, token: str) -> int:
        """How many identities here (hidden ones left out) hold ``token`` as (part of) a
        given name."""
        k = self.given.exact(token)
        if k is None:
            return 0
        holders = self.given.postings[k]
        return int(np.count_nonzero(~self.hidden[holders])) if self.any_hidden else len(holders)

    def _match_word(self, word: str, spelled: str) -> _WordMatch:
        """``word`` in USPS form against addresses, ``spelled`` (as typed) against names."""
        size = len(self.entries)
        found = self.given.similar(spelled, NAME_SIMILARITY_CUTOFF, one_edit_from=4)
        forms: list[int] = []
        for form, grade in name_forms(spelled).items():  # nicknames are given names only
            k = self.given.exact(form)
            if k is not None:
                found.append((k, grade))
                forms.append(k)
        given, given_token = self.given.best_per_entry(size, found)
        surname, surname_token = self.surnames.best_per_entry(
            size, self.surnames.similar(spelled, NAME_SIMILARITY_CUTOFF, one_edit_from=2))
        k = self.middles.exact(spelled)
        middle, _ = self.middles.best_per_entry(size, [(k, EXACT)] if k is not None else [])
        in_address = self.address.similar(word, ADDRESS_SIMILARITY_CUTOFF)
        if not word.isdigit():
            in_address = [(k, grade * ADDRESS_WORD_GRADE) for k, grade in in_address]
        address, address_token = self.address.best_per_entry(size, in_address)
        # A bare four-digit word may be SSN-4 as much as a house number.
        ssn = (self._exact_mask("ssn4", word) if len(word) == 4 and word.isdigit()
               else np.zeros(size, dtype=np.float32))
        return _WordMatch(spelled, given, given_token, surname, surname_token, middle, address,
                          address_token, ssn, np.array(forms, dtype=np.int64))

    def _exact_mask(self, kind: str, value: str) -> np.ndarray:
        mask = np.zeros(len(self.entries), dtype=np.float32)
        holders = self.exact[kind].get(value)
        if holders:
            mask[np.fromiter(holders, dtype=np.int64)] = 1.0
        return mask

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return [hit for _key, hit in self.ranked(parse_query(query), limit)]

    def ranked(self, parsed: ParsedQuery, limit: int, name_count: NameCount | None = None
               ) -> list[tuple[RankKey, SearchHit]]:
        """The best ``limit`` hits for a parsed query, each with its ranking key.

        ``name_count`` counts the identities holding a given name for the form share
        (default: this index's own; a layered index passes one over all its parts, so
        the keys of its parts compare)."""
        count = name_count or self.given_count
        terms = parsed.term_count()
        if terms == 0 or not self.entries:
            return []
        total = np.zeros(len(self.entries), dtype=np.float32)
        matches = [self._match_word(word, spelled)
                   for word, spelled in zip(parsed.words, parsed.spelled, strict=True)]
        named = np.zeros(len(self.entries), dtype=bool)
        for m in matches:
            named |= (m.given > 0) | (m.surname > 0)
        for m in matches:
            m.middle[~named] = 0.0  # a middle name or initial narrows a name; alone, no one
            total += np.maximum(np.maximum(np.maximum(m.given, m.surname), m.middle),
                                np.maximum(m.address, m.ssn))
        structured: list[tuple[str, str, np.ndarray]] = []
        for kind, values in (("phone", parsed.phones), ("email", parsed.emails),
                             ("dob", parsed.dobs), ("ssn4", parsed.ssn4)):
            for value in values:
                mask = self._exact_mask(kind, value)
                total += mask
                structured.append((kind, value, mask))
        score = total / terms
        score[self.hidden] = 0.0
        candidates = np.flatnonzero(score >= MIN_HIT_SCORE)
        if len(candidates) > limit:  # keep every hit tied with the limit-th best score
            floor = np.partition(score[candidates], len(candidates) - limit)[-limit]
            candidates = candidates[score[candidates] >= floor]
        share = self._form_share(candidates, matches, count)
        order = np.lexsort((self.ids[candidates], -self.completeness[candidates],
                            -self.last_seen[candidates], -self.documents[candidates],
                            -share, -score[candidates]))
        ranked = order[:limit].tolist()
        return [((-float(score[candidates[j]]), -float(share[j]),
                  -int(self.documents[candidates[j]]), -int(self.last_seen[candidates[j]]),
                  -int(self.completeness[candidates[j]]), int(self.ids[candidates[j]])),
                 SearchHit(identity_id=self.entries[candidates[j]].identity_id,
                           display_name=self.entries[candidates[j]].display_name,
                           score=round(min(float(score[candidates[j]]), 1.0), 4),
                           reasons=self._reasons(int(candidates[j]), matches, structured,
                                                 count)))
                for j in ranked]

    def _form_share(self, candidates: np.ndarray, matches: list[_WordMatch],
                    count: NameCount) -> np.ndarray:
        """Per candidate, summed over the query words it explains by a nickname form of
        its given name: that form's holders on file over the most any form of the word
        has (1.0 for the commonest form, and for a word explained otherwise). The most
        is taken over every form, held here or not: another part of a layered index
        may hold the commoner one."""
        share = np.zeros(len(candidates), dtype=np.float64)
        for m in matches:
            word_share = np.ones(len(candidates), dtype=np.float64)
            if len(m.forms):
                most = max(count(form) for form in name_forms(m.word))
                held = np.array([count(self.given.tokens[k]) for k in m.forms],
                                dtype=np.float64)
                order = np.argsort(m.forms)
                forms, held = m.forms[order], held[order] / max(1.0, float(most))
                token = m.given_token[candidates]
                at = np.minimum(np.searchsorted(forms, token), len(forms) - 1)
                other = np.maximum(np.maximum(m.surname[candidates], m.middle[candidates]),
                                   np.maximum(m.address[candidates], m.ssn[candidates]))
                by_form = (forms[at] == token) & (m.given[candidates] >= other)
                word_share[by_form] = held[at[by_form]]
            share += word_share
        return share

    def _reasons(self, k: int, matches: list[_WordMatch],
                 structured: list[tuple[str, str, np.ndarray]], count: NameCount
                 ) -> list[str]:
        reasons: list[str] = []
        for m in matches:
            best = max(m.given[k], m.surname[k], m.middle[k], m.address[k], m.ssn[k])
            if best <= 0:
                continue
            if m.given[k] >= best:
                token = self.given.tokens[m.given_token[k]]
                reasons.append(_name_reason(m.word, token, float(m.given[k]), count(token)))
            elif m.surname[k] >= best:
                reasons.append(_name_reason(m.word, self.surnames.tokens[m.surname_token[k]],
                                            float(m.surname[k]), None))
            elif m.middle[k] >= best:
                reasons.append(f"middle name or initial '{m.word}'" if len(m.word) > 1
                               else f"initial '{m.word}'")
            elif m.ssn[k] >= best:
                reasons.append(f"SSN last four xxx-xx-{m.word}")
            else:
                reasons.append(f"address has '{self.address.tokens[m.address_token[k]]}'")
        labels = {"phone": "phone", "email": "e-mail", "dob": "date of birth",
                  "ssn4": "SSN last four"}
        for kind, value, mask in structured:
            if mask[k]:
                shown = f"xxx-xx-{value}" if kind == "ssn4" else value
                reasons.append(f"{labels[kind]} {shown}")
        return reasons


def _name_reason(word: str, token: str, similarity: float, holders: int | None) -> str:
    """Why a name token explains a word; a nickname form says how many on file hold it
    (``holders``, given names only), the evidence the form share ranks by."""
    if token == word:
        return f"name '{token}'"
    grade = name_forms(word).get(token)
    if grade is not None and similarity >= grade - 1e-6 and holders is not None:
        how = "listed with it" if grade >= NICKNAME_SIMILARITY else "through a shared formal name"
        return (f"name '{token}' is a form of '{word}' (nickname data set: {how}; "
                f"{holders:,} on file named {token})")
    return f"name '{token}' is spelled like '{word}' ({similarity:.2f})"
