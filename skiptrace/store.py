"""Identities in the database: incremental linking, full relinks with stable ids, manual edits.

* ``link_new_parties`` links only parties without an identity: each new party
  is scored against the parties already linked (blocked pairs only), joins
  the identity it matches best, or founds a new one. Existing identities are
  never merged or split here.
* ``relink_all`` reclusters every person party (for new weights or after many
  edits). Investigators' decisions are constraints: a manual merge is a
  must-link, a split a cannot-link. A cluster keeps the oldest identity id
  among its parties; a part that cannot keep one gets a new id and an
  ``IdentityEvent`` saying where it came from.
* ``merge_identities`` / ``split_identity`` record the decision, move the
  parties and their observations, and log the event.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import delete, text
from sqlmodel import Session, col, select

from models.tables import (
    Document,
    ExtractedFieldRow,
    Identity,
    IdentityEvent,
    LinkDecision,
    Observation,
    Party,
    PartyKey,
    utcnow,
)
from skiptrace.blocking import candidate_pairs
from skiptrace.clustering import CONFLICT_FLOOR, average_linkage, cluster
from skiptrace.fellegi_sunter import FellegiSunterModel
from skiptrace.linker import (
    MATCH_THRESHOLD,
    MIN_RECORDS_FOR_TF,
    MIN_RECORDS_TO_TRAIN,
    PairScorer,
    committed_model,
    link_table,
)
from skiptrace.normalize import PersonTable, normalize_records
from skiptrace.parties import (
    employer_contacts,
    is_organization_name,
    is_person_party,
    observed_on,
    party_contacts,
    party_to_record,
)
from skiptrace.party_keys import (
    has_keys,
    in_chunks,
    parties_sharing_keys,
    record_keys,
    store_keys,
    stored_population,
    term_frequencies,
)

CASE_FIELDS = ("case_number", "account_number")
DISCARDED_FIELD_STATUSES = ("rejected", "not_in_document")
MUST_LINK = 1e6
CANNOT_LINK = -1e6
BANK_WORDS = ("bank", "credit union", "savings", "federal credit")
# Key space of the PostgreSQL advisory lock that lets one transaction at a time link
# ("link"): two workers linking the same person at once would each found an identity.
LINKING_LOCK_SPACE = 0x6C696E6B


class IdentityError(ValueError):
    """A merge or split that cannot be done as asked (unknown id, parties not in it...)."""


@dataclass(slots=True)
class _Population:
    parties: list[Party]
    documents: dict[int, Document]
    table: PersonTable

    def index_of(self) -> dict[int, int]:
        return {party.id: k for k, party in enumerate(self.parties)}


def _documents(session: Session, document_ids: Iterable[int]) -> dict[int, Document]:
    ids = sorted(set(document_ids))
    if not ids:
        return {}
    rows = session.exec(select(Document).where(col(Document.id).in_(ids))).all()
    return {row.id: row for row in rows}


def _case_fields(session: Session, document_ids: list[int]) -> dict[int, dict[str, str]]:
    """Per document, its most confident case_number and account_number still standing."""
    if not document_ids:
        return {}
    rows = session.exec(select(ExtractedFieldRow).where(
        col(ExtractedFieldRow.document_id).in_(document_ids),
        col(ExtractedFieldRow.name).in_(CASE_FIELDS),
        col(ExtractedFieldRow.status).not_in(DISCARDED_FIELD_STATUSES))).all()
    best: dict[int, dict[str, tuple[float, str]]] = defaultdict(dict)
    for row in rows:
        held = best[row.document_id].get(row.name)
        if held is None or row.confidence > held[0]:
            best[row.document_id][row.name] = (row.confidence, row.value)
    return {doc: {name: value for name, (_c, value) in fields.items()}
            for doc, fields in best.items()}


def _population(session: Session, parties: list[Party]) -> _Population:
    documents = _documents(session, (p.document_id for p in parties))
    fields = _case_fields(session, sorted(documents))
    records = [party_to_record(p, documents.get(p.document_id),
                               case_number=fields.get(p.document_id, {}).get("case_number", ""),
                               account_number=fields.get(p.document_id, {}).get(
                                   "account_number", ""))
               for p in parties]
    return _Population(parties=parties, documents=documents, table=normalize_records(records))


def _model_for(n: int) -> FellegiSunterModel:
    return committed_model().for_population(max(n, 2))


def _display_name(parties: Sequence[Party]) -> str:
    """The name printed most often (ties: the longest, it tends to be the fullest)."""
    names = Counter(" ".join(p.name.split()) for p in parties)
    return max(names, key=lambda name: (names[name], len(name))) if names else ""


def _new_identity(session: Session, parties: Sequence[Party], detail: str,
                  user: str = "system", other: int | None = None,
                  kind: str = "created") -> Identity:
    identity = Identity(display_name=_display_name(parties))
    session.add(identity)
    session.flush()
    session.add(IdentityEvent(identity_id=identity.id, kind=kind, other_identity_id=other,
                              detail=detail, user=user))
    return identity


def _is_bank(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in BANK_WORDS)


def _write_observations(session: Session, party: Party, document: Document | None) -> None:
    """Observation rows for one party (and its document's employer, on a garnishment)."""
    existing = session.exec(select(Observation).where(Observation.party_id == party.id)).all()
    for row in existing:
        session.delete(row)
    day = observed_on(document)
    source_type = document.doc_type if document else ""
    sightings = party_contacts(party)
    if document is not None and document.doc_type == "garnishment" and party.role == "debtor":
        garnishees = session.exec(select(Party).where(Party.document_id == document.id,
                                                      Party.role == "garnishee")).all()
        for garnishee in garnishees:
            if not _is_bank(garnishee.name):
                sightings.extend(employer_contacts(garnishee))
    for sighting in sightings:
        session.add(Observation(identity_id=party.identity_id, party_id=party.id,
                                document_id=party.document_id, kind=sighting.kind,
                                value=sighting.value, normalized=sighting.normalized,
                                observed_on=day, source_type=source_type,
                                detail=sighting.detail))


def refresh_observations(session: Session, party_ids: Iterable[int]) -> int:
    """Rewrite the observations of already-linked parties (after a re-extraction
    changed their addresses or phones); returns how many parties were refreshed."""
    ids = sorted(set(party_ids))
    if not ids:
        return 0
    parties = list(session.exec(select(Party).where(col(Party.id).in_(ids))).all())
    documents = _documents(session, {p.document_id for p in parties})
    for party in parties:
        _write_observations(session, party, documents.get(party.document_id))
    _touch(session, {p.identity_id for p in parties})
    people = [p for p in parties if p.identity_id is not None and is_person_party(p)]
    if people:
        store_keys(session, [p.id for p in people], record_keys(_population(session,
                                                                            people).table))
    return len(parties)


def _touch(session: Session, identity_ids: Iterable[int]) -> None:
    """Mark identities changed (search refreshes exactly these)."""
    ids = sorted({i for i in identity_ids if i is not None})
    if not ids:
        return
    now = utcnow()
    for identity in session.exec(select(Identity).where(col(Identity.id).in_(ids))):
        identity.updated_at = now
        session.add(identity)


def _unlinked_person_parties(session: Session, document_ids: list[int] | None) -> list[Party]:
    query = select(Party).where(col(Party.identity_id).is_(None))
    if document_ids is not None:
        query = query.where(col(Party.document_id).in_(document_ids))
    return [p for p in session.exec(query.order_by(Party.id)).all() if is_person_party(p)]


def _linked_person_parties(session: Session) -> list[Party]:
    query = (select(Party).join(Identity, Identity.id == Party.identity_id)
             .where(Identity.status == "active").order_by(Party.id))
    return [p for p in session.exec(query).all() if is_person_party(p)]


def _hold_linking_lock(session: Session) -> None:
    """On PostgreSQL, wait for any other transaction that is linking (held to commit)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:space, 0)"),
                        {"space": LINKING_LOCK_SPACE})


def _ensure_keys(session: Session) -> None:
    """Store the keys of every linked party once, for a database linked before keys were."""
    if has_keys(session):
        return
    parties = _linked_person_parties(session)
    if parties:
        store_keys(session, [p.id for p in parties],
                   record_keys(_population(session, parties).table))
        session.flush()


def _candidate_parties(session: Session, new_keys: list[set[str]]) -> list[Party]:
    """Linked parties sharing a blocking key with a new one, and the other parties of
    their identities (a new party must hold up against an identity as a whole)."""
    identity_ids: set[int] = set()
    for chunk in in_chunks(sorted(parties_sharing_keys(session, new_keys))):
        identity_ids.update(session.exec(select(Party.identity_id).where(
            col(Party.id).in_(chunk))).all())
    identity_ids.discard(None)
    parties: list[Party] = []
    for chunk in in_chunks(sorted(identity_ids)):
        query = (select(Party).join(Identity, Identity.id == Party.identity_id)
                 .where(Identity.status == "active", col(Party.identity_id).in_(chunk)))
        parties.extend(p for p in session.exec(query).all() if is_person_party(p))
    return sorted(parties, key=lambda p: p.id)


def link_new_parties(session: Session, document_ids: list[int] | None = None) -> int:
    """Link the person parties that have no identity yet; returns how many were linked.

    Only pairs that involve a new party are scored, against the linked parties
    that share a blocking key with it (looked up in ``PartyKey``, so the cost
    does not grow with the database). A new party joins the
    existing identity with the strongest link that also holds up against the
    identity's other parties on average; new parties that match nobody form
    identities among themselves. A new party that holds up against two
    existing identities is evidence they are one person (a summons filed
    before the complaint that ties it to the placement): they merge, the older
    id survives, unless an investigator split them or their parties conflict.
    """
    new_parties = _unlinked_person_parties(session, document_ids)
    if not new_parties:
        return 0
    _hold_linking_lock(session)
    _ensure_keys(session)
    new_keys = record_keys(_population(session, new_parties).table)
    old_parties = _candidate_parties(session, new_keys)
    everyone = _population(session, old_parties + new_parties)
    n_old, n = len(old_parties), len(old_parties) + len(new_parties)
    population = stored_population(session) + len(new_parties)
    frequencies = term_frequencies(session, everyone.table, np.arange(n) >= n_old, population)
    rescore = PairScorer(_model_for(population), everyone.table,
                         use_tf=population >= MIN_RECORDS_FOR_TF, frequencies=frequencies,
                         population=population)
    left, right, _stats = candidate_pairs(everyone.table)
    involves_new = right >= n_old  # left < right, so a new party is always on the right
    left, right = left[involves_new], right[involves_new]
    scores = rescore(left, right)
    identity_of = np.array([p.identity_id for p in old_parties] + [-1] * len(new_parties))
    assigned, bridges = _assign_to_identities(n_old, n, left, right, scores, identity_of,
                                              rescore)
    _merge_bridged_identities(session, everyone, n_old, identity_of, assigned, bridges,
                              rescore)
    new_groups: dict[int, list[int]] = defaultdict(list)
    for k in range(n_old, n):
        if assigned[k] < 0:
            new_groups[-assigned[k]].append(k)
    for members in new_groups.values():
        identity = _new_identity(session, [everyone.parties[k] for k in members],
                                 detail="new person from documents "
                                 + ", ".join(sorted({str(everyone.parties[k].document_id)
                                                     for k in members})))
        for k in members:
            assigned[k] = identity.id
    best_score: dict[int, float] = {}
    for a, b, s in zip(left.tolist(), right.tolist(), scores.tolist(), strict=True):
        if assigned[a] == assigned[b]:
            best_score[b] = max(best_score.get(b, -np.inf), s)
            if a >= n_old:
                best_score[a] = max(best_score.get(a, -np.inf), s)
    _touch(session, {int(assigned[k]) for k in range(n_old, n)})
    for k in range(n_old, n):
        party = everyone.parties[k]
        party.identity_id = int(assigned[k])
        party.link_score = best_score.get(k)
        session.add(party)
        _write_observations(session, party, everyone.documents.get(party.document_id))
    session.flush()
    store_keys(session, [p.id for p in new_parties], new_keys)
    session.flush()
    return len(new_parties)


def _holds_together(rescore, group_a: np.ndarray, group_b: np.ndarray) -> bool:
    """Every cross pair above the conflict floor and the pairs on average a match."""
    left = np.repeat(group_a, len(group_b))
    right = np.tile(group_b, len(group_a))
    scores = rescore(left, right)
    return bool(scores.min() >= CONFLICT_FLOOR and scores.mean() >= MATCH_THRESHOLD)


def _assign_to_identities(n_old: int, n: int, left: np.ndarray, right: np.ndarray,
                          scores: np.ndarray, identity_of: np.ndarray, rescore,
                          ) -> tuple[np.ndarray, dict[int, list[int]]]:
    """Identity per record (existing ids for matches, negative group numbers for new people),
    and for each new record every existing identity it holds together with, best first."""
    assigned = identity_of.copy()
    order = np.argsort(-scores, kind="stable")
    # 1. new parties that match an existing party: every identity that holds together.
    bridges: dict[int, list[int]] = defaultdict(list)
    checked: set[tuple[int, int]] = set()
    for k in order:
        if scores[k] < MATCH_THRESHOLD:
            break
        a, b = int(left[k]), int(right[k])
        if a >= n_old or (b, int(identity_of[a])) in checked:
            continue
        checked.add((b, int(identity_of[a])))
        members = np.flatnonzero(identity_of == identity_of[a])
        if _holds_together(rescore, members, np.array([b])):
            bridges[b].append(int(identity_of[a]))
            if assigned[b] < 0:
                assigned[b] = identity_of[a]
    # 2. the rest of the new parties cluster among themselves.
    rest = np.array([k for k in range(n_old, n) if assigned[k] < 0], dtype=np.int64)
    if len(rest) == 0:
        return assigned, bridges
    position = {int(k): i for i, k in enumerate(rest)}
    among = np.array([a in position and b in position for a, b in
                      zip(left.tolist(), right.tolist(), strict=True)], dtype=bool)
    sub_left = np.array([position[a] for a in left[among].tolist()], dtype=np.int64)
    sub_right = np.array([position[b] for b in right[among].tolist()], dtype=np.int64)

    def sub_rescore(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return rescore(rest[a], rest[b])

    labels = cluster(len(rest), sub_left, sub_right, scores[among], MATCH_THRESHOLD, sub_rescore)
    for i, k in enumerate(rest.tolist()):
        assigned[k] = -(int(labels[i]) + 1)
    return assigned, bridges


def _split_pairs(session: Session) -> set[tuple[int, int]]:
    return set(_latest_decisions(session)[1])


def _merge_bridged_identities(session: Session, everyone: _Population, n_old: int,
                              identity_of: np.ndarray, assigned: np.ndarray,
                              bridges: dict[int, list[int]], rescore) -> None:
    """Merge existing identities that one new party holds together with (older id kept)."""
    bridged = {b: ids for b, ids in bridges.items() if len(set(ids)) > 1}
    if not bridged:
        return
    splits = _split_pairs(session)
    merged_into: dict[int, int] = {}
    for b, identity_ids in bridged.items():
        current = sorted({merged_into.get(i, i) for i in identity_ids})
        keep = current[0]
        for other in current[1:]:
            # The bridging party belongs to the kept side when the two sides are weighed.
            kept_members = np.append(np.flatnonzero(identity_of == keep), b)
            other_members = np.flatnonzero(identity_of == other)
            party_ids_a = {everyone.parties[k].id for k in kept_members}
            party_ids_b = {everyone.parties[k].id for k in other_members}
            if any((min(x, y), max(x, y)) in splits for x in party_ids_a for y in party_ids_b):
                continue
            if not _holds_together(rescore, kept_members, other_members):
                continue
            party = everyone.parties[b]
            reason = f"both match party {party.id} of document {party.document_id}"
            _move_parties(session, [everyone.parties[k] for k in other_members], keep)
            retired = session.get(Identity, other)
            retired.status, retired.merged_into, retired.updated_at = "merged", keep, utcnow()
            session.add(retired)
            session.add(IdentityEvent(identity_id=keep, kind="merged", other_identity_id=other,
                                      detail=f"absorbed identity {other}: {reason}"))
            session.add(IdentityEvent(identity_id=other, kind="merged", other_identity_id=keep,
                                      detail=f"merged into identity {keep}: {reason}"))
            identity_of[other_members] = keep
            assigned[other_members] = keep
            merged_into.update({other: keep} | {k: keep for k, v in merged_into.items()
                                                 if v == other})
            if assigned[b] == other:
                assigned[b] = keep


# ---------------------------------------------------------------- relink with decisions


def _latest_decisions(session: Session) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Must-link and cannot-link party pairs; for a pair decided twice the later decision wins."""
    latest: dict[tuple[int, int], str] = {}
    rows = session.exec(select(LinkDecision).order_by(LinkDecision.created_at,
                                                      LinkDecision.id)).all()
    for row in rows:
        latest[(min(row.party_a, row.party_b), max(row.party_a, row.party_b))] = row.kind
    must = [pair for pair, kind in latest.items() if kind == "merge"]
    cannot = [pair for pair, kind in latest.items() if kind == "split"]
    return must, cannot


def constrained_labels(labels: np.ndarray, must: list[tuple[int, int]],
                       cannot: list[tuple[int, int]], rescore) -> np.ndarray:
    """Apply must-links (join clusters) then cannot-links (re-split offending clusters).

    A cluster holding a cannot-link pair is rebuilt by average linkage over
    all its pairs, with must-link pairs pinned together and cannot-link pairs
    kept apart.
    """
    labels = labels.copy()
    for a, b in must:
        if labels[a] != labels[b]:
            labels[labels == labels[b]] = labels[a]
    must_set = {(min(a, b), max(a, b)) for a, b in must}
    cannot_set = {(min(a, b), max(a, b)) for a, b in cannot}
    next_label = int(labels.max()) + 1 if len(labels) else 0
    for label in sorted({int(labels[a]) for a, b in cannot_set if labels[a] == labels[b]}):
        members = np.flatnonzero(labels == label)
        size = len(members)
        i_idx, j_idx = np.triu_indices(size, k=1)
        scores = rescore(members[i_idx], members[j_idx])
        matrix = np.full((size, size), np.inf)
        matrix[i_idx, j_idx] = matrix[j_idx, i_idx] = scores
        for x in range(size):
            for y in range(x + 1, size):
                pair = (int(min(members[x], members[y])), int(max(members[x], members[y])))
                if pair in must_set:
                    matrix[x, y] = matrix[y, x] = MUST_LINK
                elif pair in cannot_set:
                    matrix[x, y] = matrix[y, x] = CANNOT_LINK
        groups = average_linkage(size, matrix, MATCH_THRESHOLD, CONFLICT_FLOOR)
        for group in groups[1:]:
            labels[members[group]] = next_label
            next_label += 1
    return labels


def relink_all(session: Session) -> dict[str, int]:
    """Recluster every person party, obeying decisions, keeping identity ids stable.

    Returns counts: parties, identities, created, retired (merged away), moved parties.
    """
    _hold_linking_lock(session)
    parties = [p for p in session.exec(select(Party).order_by(Party.id)).all()
               if is_person_party(p)]
    if not parties:
        return {"parties": 0, "identities": 0, "created": 0, "retired": 0, "moved": 0}
    everyone = _population(session, parties)
    n = len(parties)
    result = link_table(everyone.table, model=_model_for(n), train=n >= MIN_RECORDS_TO_TRAIN)
    rescore = PairScorer(result.model, everyone.table, use_tf=n >= MIN_RECORDS_FOR_TF)

    index = everyone.index_of()
    must, cannot = _latest_decisions(session)
    must = [(index[a], index[b]) for a, b in must if a in index and b in index]
    cannot = [(index[a], index[b]) for a, b in cannot if a in index and b in index]
    labels = constrained_labels(result.labels, must, cannot, rescore)
    counts = _apply_clusters(session, everyone, labels, result.left, result.right,
                             result.log2_odds)
    session.execute(delete(PartyKey))
    store_keys(session, [p.id for p in parties], record_keys(everyone.table), replace=False)
    session.flush()
    return counts


def _apply_clusters(session: Session, everyone: _Population, labels: np.ndarray,
                    left: np.ndarray, right: np.ndarray, scores: np.ndarray) -> dict[str, int]:
    """Give each cluster an identity id: the oldest it holds, else a new one (with its origin)."""
    clusters: dict[int, list[int]] = defaultdict(list)
    for k, label in enumerate(labels.tolist()):
        clusters[label].append(k)
    claimed: dict[int, int] = {}  # identity id -> cluster label
    # Larger clusters choose first, so a split leaves the old id with the bigger part.
    for label, members in sorted(clusters.items(), key=lambda item: (-len(item[1]),
                                                                     min(item[1]))):
        held = sorted({everyone.parties[k].identity_id for k in members} - {None})
        for identity_id in held:
            if identity_id not in claimed:
                claimed[identity_id] = label
                break
    cluster_identity = {label: identity_id for identity_id, label in claimed.items()}
    created = moved = 0
    for label, members in clusters.items():
        if label in cluster_identity:
            continue
        origins = Counter(everyone.parties[k].identity_id for k in members) - Counter({None: 0})
        origin = max((i for i in origins if i is not None), key=lambda i: origins[i],
                     default=None)
        detail = (f"split from identity {origin} by relink" if origin is not None
                  else "new person found by relink")
        identity = _new_identity(session, [everyone.parties[k] for k in members], detail,
                                 other=origin, kind="split" if origin is not None else "created")
        if origin is not None:
            session.add(IdentityEvent(identity_id=origin, kind="split",
                                      other_identity_id=identity.id,
                                      detail=f"part moved to identity {identity.id} by relink"))
        cluster_identity[label] = identity.id
        created += 1
    score_of: dict[int, float] = {}
    for a, b, s in zip(left.tolist(), right.tolist(), scores.tolist(), strict=True):
        if labels[a] == labels[b]:
            score_of[a] = max(score_of.get(a, -np.inf), s)
            score_of[b] = max(score_of.get(b, -np.inf), s)
    for k, party in enumerate(everyone.parties):
        target = cluster_identity[int(labels[k])]
        if party.identity_id != target:
            moved += 1 if party.identity_id is not None else 0
            _touch(session, {party.identity_id, target})
            party.identity_id = target
            session.add(party)
            _write_observations(session, party, everyone.documents.get(party.document_id))
        party.link_score = score_of.get(k)
    retired = _retire_empty_identities(session, {p.identity_id for p in everyone.parties})
    session.flush()
    return {"parties": len(everyone.parties), "identities": len(clusters), "created": created,
            "retired": retired, "moved": moved}


def _retire_empty_identities(session: Session, in_use: set[int | None]) -> int:
    """Active identities left without parties were merged away by the relink."""
    retired = 0
    for identity in session.exec(select(Identity).where(Identity.status == "active")).all():
        if identity.id in in_use:
            continue
        identity.status = "merged"
        identity.updated_at = utcnow()
        session.add(identity)
        session.add(IdentityEvent(identity_id=identity.id, kind="merged",
                                  detail="all parties joined other identities in a relink"))
        retired += 1
    return retired


# ---------------------------------------------------------------- manual edits


def _active_identity(session: Session, identity_id: int) -> Identity:
    identity = session.get(Identity, identity_id)
    if identity is None:
        raise IdentityError(f"identity {identity_id} does not exist")
    if identity.status != "active":
        raise IdentityError(f"identity {identity_id} is {identity.status}, not active")
    return identity


def _parties_of(session: Session, identity_id: int) -> list[Party]:
    return list(session.exec(select(Party).where(Party.identity_id == identity_id)
                             .order_by(Party.id)).all())


def _move_parties(session: Session, parties: Iterable[Party], identity_id: int) -> None:
    parties = list(parties)
    _touch(session, {identity_id} | {p.identity_id for p in parties})
    for party in parties:
        party.identity_id = identity_id
        session.add(party)
        for row in session.exec(select(Observation).where(Observation.party_id == party.id)):
            row.identity_id = identity_id
            session.add(row)


def merge_identities(session: Session, keep_id: int, other_id: int, user: str,
                     reason: str) -> int:
    """Fold ``other_id`` into ``keep_id``; the decision survives every later relink."""
    if keep_id == other_id:
        raise IdentityError("an identity cannot be merged with itself")
    keep = _active_identity(session, keep_id)
    other = _active_identity(session, other_id)
    kept_parties, other_parties = _parties_of(session, keep_id), _parties_of(session, other_id)
    if not kept_parties or not other_parties:
        raise IdentityError("both identities need at least one party to merge")
    anchor = kept_parties[0]
    for party in other_parties:
        session.add(LinkDecision(kind="merge", party_a=anchor.id, party_b=party.id,
                                 identity_kept=keep_id, user=user, reason=reason))
    _move_parties(session, other_parties, keep_id)
    other.status, other.merged_into, other.updated_at = "merged", keep_id, utcnow()
    keep.updated_at = utcnow()
    session.add_all([keep, other])
    session.add(IdentityEvent(identity_id=keep_id, kind="merged", other_identity_id=other_id,
                              detail=f"absorbed identity {other_id}: {reason}", user=user))
    session.add(IdentityEvent(identity_id=other_id, kind="merged", other_identity_id=keep_id,
                              detail=f"merged into identity {keep_id}: {reason}", user=user))
    session.flush()
    return keep_id


def split_identity(session: Session, identity_id: int, party_ids: list[int], user: str,
                   reason: str) -> int:
    """Move ``party_ids`` out of an identity into a new one; returns the new identity's id."""
    identity = _active_identity(session, identity_id)
    parties = _parties_of(session, identity_id)
    chosen = {pid for pid in party_ids}
    moving = [p for p in parties if p.id in chosen]
    staying = [p for p in parties if p.id not in chosen]
    if len(moving) != len(chosen):
        missing = sorted(chosen - {p.id for p in moving})
        raise IdentityError(f"parties {missing} are not in identity {identity_id}")
    if not moving or not staying:
        raise IdentityError("a split needs parties on both sides")
    new = _new_identity(session, moving, detail=f"split from identity {identity_id}: {reason}",
                        user=user, other=identity_id, kind="split")
    for mover in moving:
        for stayer in staying:
            session.add(LinkDecision(kind="split", party_a=stayer.id, party_b=mover.id,
                                     identity_kept=identity_id, identity_created=new.id,
                                     user=user, reason=reason))
    _move_parties(session, moving, new.id)
    identity.updated_at = utcnow()
    identity.display_name = _display_name(staying)
    session.add(identity)
    session.add(IdentityEvent(identity_id=identity_id, kind="split", other_identity_id=new.id,
                              detail=f"parties {sorted(chosen)} moved to identity {new.id}: "
                              f"{reason}", user=user))
    session.flush()
    return new.id


__all__ = ["IdentityError", "is_organization_name", "link_new_parties", "merge_identities",
           "relink_all", "split_identity", "constrained_labels"]
