"""Full relinks: recluster every person party, obeying decisions, keeping identity ids stable.

Run for new weights or after many edits. A manual merge is a must-link, a
split a cannot-link. A cluster keeps the oldest identity id among its
parties; a part that cannot keep one gets a new id and an ``IdentityEvent``
saying where it came from.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
from sqlalchemy import delete
from sqlmodel import Session, col, select

from models.row_ids import stored_id
from models.tables import Identity, IdentityEvent, Party, PartyKey, utcnow
from skiptrace.identity_rows import hold_linking_lock, new_identity, touch_identities
from skiptrace.link_decisions import constrained_labels, latest_decisions
from skiptrace.linker import MIN_RECORDS_FOR_TF, MIN_RECORDS_TO_TRAIN, PairScorer, link_table
from skiptrace.observations import write_observations
from skiptrace.party_keys import record_keys, store_keys
from skiptrace.party_records import is_person_party
from skiptrace.population import Population, load_population, model_for


def relink_all(session: Session) -> dict[str, int]:
    """Recluster every person party, obeying decisions, keeping identity ids stable.

    Returns counts: parties, identities, created, retired (merged away), moved parties.
    """
    hold_linking_lock(session)
    parties = [p for p in session.exec(select(Party).order_by(col(Party.id))).all()
               if is_person_party(p)]
    if not parties:
        return {"parties": 0, "identities": 0, "created": 0, "retired": 0, "moved": 0}
    everyone = load_population(session, parties)
    n = len(parties)
    result = link_table(everyone.table, model=model_for(n), train=n >= MIN_RECORDS_TO_TRAIN)
    rescore = PairScorer(result.model, everyone.table, use_tf=n >= MIN_RECORDS_FOR_TF)
    rescore.household_guard = result.household_guard

    index = everyone.index_of()
    must, cannot = latest_decisions(session)
    must = [(index[a], index[b]) for a, b in must if a in index and b in index]
    cannot = [(index[a], index[b]) for a, b in cannot if a in index and b in index]
    labels = constrained_labels(result.labels, must, cannot, rescore)
    counts = _apply_clusters(session, everyone, labels, result.left, result.right,
                             result.log2_odds)
    session.execute(delete(PartyKey))
    store_keys(session, [stored_id(p) for p in parties], record_keys(everyone.table), replace=False)
    session.flush()
    return counts


def _apply_clusters(session: Session, everyone: Population, labels: np.ndarray,
                    left: np.ndarray, right: np.ndarray, scores: np.ndarray) -> dict[str, int]:
    """Give each cluster an identity id: the oldest it holds, else a new one (with its origin)."""
    clusters: dict[int, list[int]] = defaultdict(list)
    for k, label in enumerate(labels.tolist()):
        clusters[label].append(k)
    claimed: dict[int, int] = {}  # identity id -> cluster label
    # Larger clusters choose first, so a split leaves the old id with the bigger part.
    for label, members in sorted(clusters.items(), key=lambda item: (-len(item[1]),
                                                                     min(item[1]))):
        held = sorted(i for i in {everyone.parties[k].identity_id for k in members}
                      if i is not None)
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
        identity = new_identity(session, [everyone.parties[k] for k in members], detail,
                                other=origin, kind="split" if origin is not None else "created")
        if origin is not None:
            session.add(IdentityEvent(identity_id=origin, kind="split",
                                      other_identity_id=identity.id,
                                      detail=f"part moved to identity {identity.id} by relink"))
        cluster_identity[label] = stored_id(identity)
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
            touch_identities(session, {party.identity_id, target})
            party.identity_id = target
            session.add(party)
            write_observations(session, party, everyone.documents.get(party.document_id))
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
        session.add(IdentityEvent(identity_id=stored_id(identity), kind="merged",
                                  detail="all parties joined other identities in a relink"))
        retired += 1
    return retired

