"""Investigators' merge and split decisions as link constraints (must-link, cannot-link)."""

from __future__ import annotations

import numpy as np
from sqlmodel import Session, col, select

from models.tables import LinkDecision
from skiptrace.clustering import CONFLICT_FLOOR, average_linkage
from skiptrace.linker import MATCH_THRESHOLD

MUST_LINK = 1e6
CANNOT_LINK = -1e6


def latest_decisions(session: Session) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Must-link and cannot-link party pairs; for a pair decided twice the later decision wins."""
    latest: dict[tuple[int, int], str] = {}
    rows = session.exec(select(LinkDecision).order_by(col(LinkDecision.created_at),
                                                      col(LinkDecision.id))).all()
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


def split_pairs(session: Session) -> set[tuple[int, int]]:
    return set(latest_decisions(session)[1])

