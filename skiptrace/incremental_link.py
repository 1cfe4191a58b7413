"""Incremental linking: parties without an identity join the one they match, or found one.

Each new party is scored against the parties already linked (blocked pairs
only, found through ``PartyKey``), joins the identity it matches best, or
founds a new one. Existing identities are never split here; two are merged
only when one new party holds together with both (and no investigator split them).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from sqlmodel import Session, col, select

from models.row_ids import stored_id
from models.tables import Identity, IdentityEvent, Party, utcnow
from skiptrace.blocking import candidate_pairs
from skiptrace.clustering import CONFLICT_FLOOR, cluster
from skiptrace.identity_rows import hold_linking_lock, move_parties, new_identity, touch_identities
from skiptrace.link_decisions import split_pairs
from skiptrace.linker import MATCH_THRESHOLD, MIN_RECORDS_FOR_TF, PairScorer
from skiptrace.observations import write_observations
from skiptrace.party_keys import (
    has_keys,
    in_chunks,
    parties_sharing_keys,
    record_keys,
    store_keys,
    stored_population,
    term_frequencies,
)
from skiptrace.party_records import is_person_party
from skiptrace.population import Population, load_population, model_for


def _unlinked_person_parties(session: Session, document_ids: list[int] | None) -> list[Party]:
    query = select(Party).where(col(Party.identity_id).is_(None))
    if document_ids is not None:
        query = query.where(col(Party.document_id).in_(document_ids))
    return [p for p in session.exec(query.order_by(col(Party.id))).all() if is_person_party(p)]


def _linked_person_parties(session: Session) -> list[Party]:
    query = (select(Party).join(Identity, col(Identity.id) == col(Party.identity_id))
             .where(Identity.status == "active").order_by(col(Party.id)))
    return [p for p in session.exec(query).all() if is_person_party(p)]


def _ensure_keys(session: Session) -> None:
    """Store the keys of every linked party once, for a database linked before keys were."""
    if has_keys(session):
        return
    parties = _linked_person_parties(session)
    if parties:
        store_keys(session, [stored_id(p) for p in parties],
                   record_keys(load_population(session, parties).table))
        session.flush()


def _candidate_parties(session: Session, new_keys: list[set[str]]) -> list[Party]:
    """Linked parties sharing a blocking key with a new one, and the other parties of
    their identities (a new party must hold up against an identity as a whole)."""
    identity_ids: set[int] = set()
    for chunk in in_chunks(sorted(parties_sharing_keys(session, new_keys))):
        identity_ids.update(i for i in session.exec(select(Party.identity_id).where(
            col(Party.id).in_(chunk))).all() if i is not None)
    parties: list[Party] = []
    for chunk in in_chunks(sorted(identity_ids)):
        query = (select(Party).join(Identity, col(Identity.id) == col(Party.identity_id))
                 .where(Identity.status == "active", col(Party.identity_id).in_(chunk)))
        parties.extend(p for p in session.exec(query).all() if is_person_party(p))
    return sorted(parties, key=stored_id)


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
    hold_linking_lock(session)
    _ensure_keys(session)
    new_keys = record_keys(load_population(session, new_parties).table)
    old_parties = _candidate_parties(session, new_keys)
    everyone = load_population(session, old_parties + new_parties)
    n_old, n = len(old_parties), len(old_parties) + len(new_parties)
    population = stored_population(session) + len(new_parties)
    frequencies = term_frequencies(session, everyone.table, np.arange(n) >= n_old, population)
    rescore = PairScorer(model_for(population), everyone.table,
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
        identity = new_identity(session, [everyone.parties[k] for k in members],
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
    touch_identities(session, {int(assigned[k]) for k in range(n_old, n)})
    for k in range(n_old, n):
        party = everyone.parties[k]
        party.identity_id = int(assigned[k])
        party.link_score = best_score.get(k)
        session.add(party)
        write_observations(session, party, everyone.documents.get(party.document_id))
    session.flush()
    store_keys(session, [stored_id(p) for p in new_parties], new_keys)
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


def _merge_bridged_identities(session: Session, everyone: Population, n_old: int,
                              identity_of: np.ndarray, assigned: np.ndarray,
                              bridges: dict[int, list[int]], rescore) -> None:
    """Merge existing identities that one new party holds together with (older id kept)."""
    bridged = {b: ids for b, ids in bridges.items() if len(set(ids)) > 1}
    if not bridged:
        return
    splits = split_pairs(session)
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
            move_parties(session, [everyone.parties[k] for k in other_members], keep)
            retired = session.get(Identity, other)
            if retired is None:
                raise LookupError(f"identity {other} to merge away does not exist")
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
