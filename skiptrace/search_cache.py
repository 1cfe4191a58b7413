"""The search index of a database: read from its tables, cached, refreshed for what changed.

The index is built once per database and rebuilt only when parties,
observations or identities have changed since (``index_for_session``); a
refresh after a few new documents indexes only the identities they touched.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from models.tables import Document, Identity, Observation, Party
from skiptrace.normalize import parse_dob, parse_person_name
from skiptrace.search_index import IndexEntry, SearchHit, SearchIndex
from skiptrace.search_query import parse_query

REBUILD_SHARE = 0.05


def entries_from_session(session: Session,
                         identity_ids: set[int] | None = None) -> list[IndexEntry]:
    """One index entry per active identity (or per active one of ``identity_ids``).

    Its last sighting is the newest date of a document naming it or of a contact
    seen for it (the intake day is no sighting date, so undated ones add nothing)."""
    entries: dict[int, IndexEntry] = {}
    documents: dict[int, set[int]] = defaultdict(set)
    seen: dict[int, date] = {}
    identities = select(Identity).where(Identity.status == "active")
    parties = (select(Party, col(Document.document_date))
               .join(Document, col(Document.id) == col(Party.document_id))
               .where(col(Party.identity_id).is_not(None)))
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
    for party, document_date in session.exec(parties):
        entry = entries.get(party.identity_id or 0)
        if entry is None:
            continue
        documents[entry.identity_id].add(party.document_id)
        _saw(seen, entry.identity_id, document_date)
        name = parse_person_name(party.name)
        entry.names.append((name.given, name.surname))
        if name.middle:
            entry.middles.add(name.middle)
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
        _saw(seen, entry.identity_id, row.observed_on)
        if row.kind == "address":
            entry.addresses.append(row.normalized)
        elif row.kind == "phone":
            entry.phones.add(row.normalized)
        elif row.kind == "email":
            entry.emails.add(row.normalized)
    for entry in entries.values():
        entry.names = sorted(set(entry.names))
        entry.addresses = sorted(set(entry.addresses))
        entry.documents = max(1, len(documents[entry.identity_id]))
        newest = seen.get(entry.identity_id)
        entry.last_seen = newest.isoformat() if newest else ""
    return list(entries.values())


def _saw(seen: dict[int, date], identity_id: int, when: date | None) -> None:
    if when is not None and (identity_id not in seen or when > seen[identity_id]):
        seen[identity_id] = when


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
        """Hits from both parts, in the one order ``SearchIndex`` ranks by (name counts
        for the form share taken over both, so the parts' keys compare)."""
        parsed = parse_query(query)
        layer = self.layer
        if layer is None:
            return [hit for _key, hit in self.base.ranked(parsed, limit)]

        def count(token: str) -> int:
            return self.base.given_count(token) + layer.given_count(token)

        ranked = self.base.ranked(parsed, limit, count) + layer.ranked(parsed, limit, count)
        ranked.sort(key=lambda pair: pair[0])
        return [hit for _key, hit in ranked[:limit]]


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
