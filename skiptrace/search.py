"""Identity search for investigators: one free-text query, ranked hits with reasons.

The query may hold a name (typos, nicknames, given and surname in either
order), a phone, part of an address, SSN last four, a date of birth or an
e-mail, in any mix: "bob quarshie 62704", "217-555-0143", "1420 elm st",
"ssn 4821 1970-05-06".

Structured terms (phone, e-mail, date, SSN-4) are looked up exactly. Every
other word is matched fuzzily against the vocabulary of name tokens and of
address tokens (rapidfuzz over the distinct tokens, then posting lists to the
identities), so a query costs a few vocabulary scans, not a scan of every
identity. A hit's score is the share of the query it explains (0..1).

The index is built once per database and rebuilt only when parties,
observations or identities have changed since (``index_for_session``).
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from dataclasses import asdict, dataclass, field

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler
from sqlalchemy import func
from sqlmodel import Session, col, select

from models.tables import Identity, Observation, Party
from skiptrace.nicknames import given_name_variants
from skiptrace.normalize import normalize_phone, parse_dob, parse_person_name
from skiptrace.usps import standardize_street

NAME_SIMILARITY_CUTOFF = 0.85
ADDRESS_SIMILARITY_CUTOFF = 0.9
MIN_HIT_SCORE = 0.5
NICKNAME_SIMILARITY = 1.0  # a known nickname (bob for robert) counts as the name itself
ONE_EDIT_SIMILARITY = 0.9  # a name one typing slip away (smtih, smih, smiths, smoth)
MAX_QUERY_CHARS = 500  # longer is not a search an investigator types; refused at once

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DATE = re.compile(r"\b(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})\b")
_PHONE = re.compile(r"(?<!\w)(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\w)")
_SSN = re.compile(r"(?:\b(?:ssn|ss#|social)\s*:?\s*|\b[x*#]{3}-?[x*#]{2}-?)(\d{4})\b",
                  re.IGNORECASE)


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


@dataclass(slots=True)
class SearchHit:
    identity_id: int
    display_name: str
    score: float
    reasons: list[str]

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class ParsedQuery:
    words: list[str]  # free words: name or address
    phones: list[str]
    emails: list[str]
    dobs: list[str]
    ssn4: list[str]

    def term_count(self) -> int:
        return len(self.words) + len(self.phones) + len(self.emails) + len(self.dobs) + len(
            self.ssn4)


class QueryTooLong(ValueError):
    """A query longer than ``MAX_QUERY_CHARS``: refused before any work."""


def check_query_length(query: str) -> None:
    if len(query) > MAX_QUERY_CHARS:
        raise QueryTooLong(f"search query is {len(query):,} characters long; at most "
                           f"{MAX_QUERY_CHARS} are searched: shorten it to a name, phone, "
                           "address, SSN last four or date of birth")


def parse_query(query: str) -> ParsedQuery:
    """Pull the structured terms out of a query; what is left are words."""
    check_query_length(query)
    text = query
    emails = [m.lower() for m in _EMAIL.findall(text)]
    text = _EMAIL.sub(" ", text)
    dobs: list[str] = []
    for raw in _DATE.findall(text):
        try:
            parsed = parse_dob(raw)
        except ValueError:
            continue
        if parsed:
            dobs.append(parsed.isoformat())
    text = _DATE.sub(" ", text)
    ssn4 = _SSN.findall(text)
    text = _SSN.sub(" ", text)
    phones = [p for p in (normalize_phone(m) for m in _PHONE.findall(text)) if p]
    text = _PHONE.sub(" ", text)
    words = standardize_street(text).split()
    return ParsedQuery(words=words, phones=phones, emails=emails, dobs=dobs, ssn4=ssn4)


class _TokenIndex:
    """Distinct tokens, and for each the entries (identity positions) that hold it."""

    def __init__(self, postings: dict[str, set[int]]) -> None:
        self.tokens = list(postings)
        self.position = {token: k for k, token in enumerate(self.tokens)}
        self.postings = [np.fromiter(postings[t], dtype=np.int64) for t in self.tokens]

    def similar(self, word: str, cutoff: float, typos: bool = False
                ) -> list[tuple[int, float]]:
        """(token number, similarity) for tokens like ``word``; digits must match exactly.

        Similarity is Jaro-Winkler; with ``typos``, a token one edit away (a letter
        dropped, added, changed, or two swapped: OSA distance 1) counts at least
        ``ONE_EDIT_SIMILARITY`` even where Jaro-Winkler is lower (short names, a slip
        in the first letters)."""
        if word.isdigit() or len(word) < 3:
            k = self.position.get(word)
            return [(k, 1.0)] if k is not None else []
        best: dict[int, float] = {}
        for _token, score, k in process.extract(
                word, self.tokens, scorer=JaroWinkler.normalized_similarity,
                score_cutoff=cutoff, limit=None):
            best[k] = float(score)
        if typos and len(word) >= 4:
            for _token, _distance, k in process.extract(word, self.tokens, scorer=OSA.distance,
                                                        score_cutoff=1, limit=None):
                if k not in best or best[k] < ONE_EDIT_SIMILARITY:
                    best[k] = max(best.get(k, 0.0), ONE_EDIT_SIMILARITY)
        return list(best.items())

    def exact(self, word: str) -> int | None:
        return self.position.get(word)


class SearchIndex:
    """An in-memory index over identities; build once, query many times."""

    def __init__(self, entries: list[IndexEntry]) -> None:
        self.entries = entries
        name_postings: dict[str, set[int]] = defaultdict(set)
        address_postings: dict[str, set[int]] = defaultdict(set)
        self.exact: dict[str, dict[str, set[int]]] = {k: defaultdict(set) for k in
                                                      ("phone", "email", "dob", "ssn4")}
        for k, entry in enumerate(entries):
            for given, surname in entry.names:
                for token in f"{given} {surname}".split():
                    name_postings[token].add(k)
            for address in entry.addresses:
                for token in address.replace(",", " ").split():
                    address_postings[token].add(k)
            for kind, values in (("phone", entry.phones), ("email", entry.emails),
                                 ("dob", entry.dobs), ("ssn4", entry.ssn4)):
                for value in values:
                    self.exact[kind][value].add(k)
        self.names = _TokenIndex(name_postings)
        self.address = _TokenIndex(address_postings)
        self.position_of = {entry.identity_id: k for k, entry in enumerate(entries)}
        self.hidden = np.zeros(len(entries), dtype=bool)  # entries superseded by a newer layer

    def hide(self, identity_ids: set[int]) -> None:
        """Leave these identities out of results (a newer layer holds them, or they are gone)."""
        self.hidden[:] = False
        positions = [self.position_of[i] for i in identity_ids if i in self.position_of]
        self.hidden[positions] = True

    def __len__(self) -> int:
        return len(self.entries)

    def _best_per_entry(self, index: _TokenIndex, forms: list[str], cutoff: float,
                        exact_forms: dict[str, float] | None = None, typos: bool = False,
                        ) -> tuple[np.ndarray, np.ndarray]:
        """Per entry, the best similarity of any of its tokens to any form (fuzzy) or to
        any of ``exact_forms`` (looked up exactly, at the given similarity), and that token."""
        best = np.zeros(len(self.entries), dtype=np.float32)
        token = np.full(len(self.entries), -1, dtype=np.int64)
        found: list[tuple[int, float]] = []
        for form in dict.fromkeys(forms):
            found.extend(index.similar(form, cutoff, typos=typos))
        for form, similarity in (exact_forms or {}).items():
            k = index.exact(form)
            if k is not None:
                found.append((k, similarity))
        for token_number, similarity in found:
            holders = index.postings[token_number]
            better = holders[best[holders] < similarity]
            best[better] = similarity
            token[better] = token_number
        return best, token

    def _exact_mask(self, kind: str, value: str) -> np.ndarray:
        mask = np.zeros(len(self.entries), dtype=np.float32)
        holders = self.exact[kind].get(value)
        if holders:
            mask[np.fromiter(holders, dtype=np.int64)] = 1.0
        return mask

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        parsed = parse_query(query)
        terms = parsed.term_count()
        if terms == 0 or not self.entries:
            return []
        total = np.zeros(len(self.entries), dtype=np.float32)
        explained: list[tuple[str, str, np.ndarray, np.ndarray, np.ndarray, np.ndarray,
                              np.ndarray]] = []
        for word in parsed.words:
            nicknames = {form: NICKNAME_SIMILARITY for form in given_name_variants(word)
                         if form != word}
            name_best, name_token = self._best_per_entry(
                self.names, [word], NAME_SIMILARITY_CUTOFF, exact_forms=nicknames, typos=True)
            address_best, address_token = self._best_per_entry(self.address, [word],
                                                               ADDRESS_SIMILARITY_CUTOFF)
            # A bare four-digit word may be SSN-4 as much as a house number.
            ssn = (self._exact_mask("ssn4", word) if len(word) == 4 and word.isdigit()
                   else np.zeros(len(self.entries), dtype=np.float32))
            total += np.maximum(np.maximum(name_best, address_best), ssn)
            explained.append((word, "word", name_best, name_token, address_best, address_token,
                              ssn))
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
        if len(candidates) > limit:
            candidates = candidates[np.argpartition(-score[candidates], limit - 1)[:limit * 4]]
        ranked = sorted(candidates.tolist(),
                        key=lambda k: (-float(score[k]), self.entries[k].identity_id))[:limit]
        return [SearchHit(identity_id=self.entries[k].identity_id,
                          display_name=self.entries[k].display_name,
                          score=round(min(float(score[k]), 1.0), 4),
                          reasons=self._reasons(k, explained, structured)) for k in ranked]

    def _reasons(self, k: int, explained: list, structured: list) -> list[str]:
        reasons: list[str] = []
        for word, _kind, name_best, name_token, address_best, address_token, ssn in explained:
            best = max(name_best[k], address_best[k], ssn[k])
            if best <= 0:
                continue
            if ssn[k] >= best:
                reasons.append(f"SSN last four xxx-xx-{word}")
            elif name_best[k] >= address_best[k]:
                reasons.append(_name_reason(word, self.names.tokens[name_token[k]],
                                            float(name_best[k])))
            else:
                reasons.append(f"address has '{self.address.tokens[address_token[k]]}'")
        labels = {"phone": "phone", "email": "e-mail", "dob": "date of birth",
                  "ssn4": "SSN last four"}
        for kind, value, mask in structured:
            if mask[k]:
                shown = f"xxx-xx-{value}" if kind == "ssn4" else value
                reasons.append(f"{labels[kind]} {shown}")
        return reasons


def _name_reason(word: str, token: str, similarity: float) -> str:
    if token == word:
        return f"name '{token}'"
    if similarity >= NICKNAME_SIMILARITY - 1e-6 and token in given_name_variants(word):
        return f"name '{token}' (a form of '{word}': nickname or formal name)"
    return f"name '{token}' is like '{word}' ({similarity:.2f})"


# ---------------------------------------------------------------- the database side


def entries_from_session(session: Session,
                         identity_ids: set[int] | None = None) -> list[IndexEntry]:
    """One index entry per active identity (or per active one of ``identity_ids``)."""
    entries: dict[int, IndexEntry] = {}
    identities = select(Identity).where(Identity.status == "active")
    parties = select(Party).where(col(Party.identity_id).is_not(None))
    observations = select(Observation).where(col(Observation.identity_id).is_not(None))
    if identity_ids is not None:
        wanted = sorted(identity_ids)
        identities = identities.where(col(Identity.id).in_(wanted))
        parties = parties.where(col(Party.identity_id).in_(wanted))
        observations = observations.where(col(Observation.identity_id).in_(wanted))
    for identity in session.exec(identities):
        assert identity.id is not None  # a stored row
        entries[identity.id] = IndexEntry(identity_id=identity.id,
                                          display_name=identity.display_name)
    for party in session.exec(parties):
        entry = entries.get(party.identity_id or 0)
        if entry is None:
            continue
        name = parse_person_name(party.name)
        entry.names.append((name.given, name.surname))
        if party.dob:
            try:
                dob = parse_dob(party.dob)
            except ValueError:
                dob = None
            if dob:
                entry.dobs.add(dob.isoformat())
        if party.ssn_last4:
            entry.ssn4.add(party.ssn_last4)
    for row in session.exec(observations):
        entry = entries.get(row.identity_id or 0)
        if entry is None:
            continue
        if row.kind == "address":
            entry.addresses.append(row.normalized)
        elif row.kind == "phone":
            entry.phones.add(row.normalized)
        elif row.kind == "email":
            entry.emails.add(row.normalized)
    for entry in entries.values():
        entry.names = sorted(set(entry.names))
        entry.addresses = sorted(set(entry.addresses))
    return list(entries.values())


def _fingerprint(session: Session) -> tuple:
    """Cheap to read, changes whenever something search shows may have changed."""
    return (
        session.exec(select(func.max(Party.id))).one(),
        session.exec(select(func.count()).select_from(Party)
                     .where(col(Party.identity_id).is_not(None))).one(),
        session.exec(select(func.max(Observation.id))).one(),
        session.exec(select(func.count()).select_from(Observation)).one(),
        session.exec(select(func.max(Identity.updated_at))).one(),
        session.exec(select(func.count()).select_from(Identity)
                     .where(Identity.status == "active")).one(),
    )


@dataclass(slots=True)
class LayeredIndex:
    """A base index and a small layer of identities changed since it was built.

    A refresh after a few new documents indexes only the identities they
    touched; the base is rebuilt once the layer outgrows ``REBUILD_SHARE``.
    """

    base: SearchIndex
    built_fingerprint: tuple
    built_marks: tuple  # (max observation id, max identity updated_at) when base was built
    layer: SearchIndex | None = None

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        hits = self.base.search(query, limit)
        if self.layer is not None:
            hits += self.layer.search(query, limit)
        hits.sort(key=lambda hit: (-hit.score, hit.identity_id))
        return hits[:limit]


REBUILD_SHARE = 0.05
_CACHE: dict[str, LayeredIndex] = {}
_CACHE_LOCK = threading.Lock()


def _marks(session: Session) -> tuple:
    return (session.exec(select(func.max(Observation.id))).one() or 0,
            session.exec(select(func.max(Identity.updated_at))).one())


def _changed_identities(session: Session, marks: tuple) -> set[int]:
    """Identities touched since ``marks``: updated (linking, merges, splits) or new contacts."""
    max_observation, max_updated = marks
    changed = set(session.exec(select(Observation.identity_id)
                               .where(Observation.id > max_observation)).all())
    query = select(Identity.id)
    if max_updated is not None:
        query = query.where(Identity.updated_at > max_updated)
    changed |= set(session.exec(query).all())
    return {i for i in changed if i is not None}


def index_for_session(session: Session) -> LayeredIndex:
    """The cached index of this session's database, refreshed only for what changed."""
    bind = session.get_bind()
    key = str(bind.engine.url)
    fingerprint = _fingerprint(session)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
    if cached and cached.built_fingerprint == fingerprint:
        return cached
    if cached:
        changed = _changed_identities(session, cached.built_marks)
        if len(changed) <= max(50, REBUILD_SHARE * len(cached.base)):
            layer = SearchIndex(entries_from_session(session, changed))
            cached.base.hide(changed)
            refreshed = LayeredIndex(cached.base, fingerprint, cached.built_marks, layer)
            with _CACHE_LOCK:
                _CACHE[key] = refreshed
            return refreshed
    marks = _marks(session)
    index = LayeredIndex(SearchIndex(entries_from_session(session)), fingerprint, marks)
    with _CACHE_LOCK:
        _CACHE[key] = index
    return index


def search_identities(session: Session, query: str, limit: int = 20) -> list[SearchHit]:
    """Identities matching a free-text query, best first, each with its score and reasons.

    A query over ``MAX_QUERY_CHARS`` raises ``QueryTooLong`` (a ValueError) before the
    index is touched."""
    check_query_length(query)
    return index_for_session(session).search(query, limit=limit)
