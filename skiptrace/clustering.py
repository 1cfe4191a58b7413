"""Identities from scored pairs, without chaining unrelated people.

First connected components over the links a model accepts. One wrong link
would join two people's whole clusters, so every component of more than two
records is checked for cohesion: all its pairs are scored, and a component
holding a pair that the model firmly rejects is rebuilt by average-linkage
agglomeration (two groups join only when their pairs on average clear the
threshold and none, or no more than a given share, falls below the conflict
floor).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

MAX_COMPONENT_SIZE = 150
CONFLICT_FLOOR = -8.0  # log2 odds: about 1 in 250 that the pair is a match

PairScorer = Callable[[np.ndarray, np.ndarray], np.ndarray]


def components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Connected-component label of each of n records."""
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n, n))
    _count, labels = connected_components(graph, directed=False)
    return labels


def _split_oversized(n: int, left: np.ndarray, right: np.ndarray, score: np.ndarray,
                     threshold: float, labels: np.ndarray) -> np.ndarray:
    """Raise the bar inside components too large to check pair by pair.

    A link dropped once stays dropped: were the links of a part that is now
    small enough let back in, they could join it to another part again and
    the loop would never end.
    """
    bar = threshold
    keep = np.ones(len(left), dtype=bool)
    while True:
        sizes = np.bincount(labels)
        if sizes.max(initial=0) <= MAX_COMPONENT_SIZE:
            return labels
        bar += 4.0
        in_big = sizes[labels[left]] > MAX_COMPONENT_SIZE
        keep &= ~in_big | (score >= bar)
        labels = components(n, left[keep], right[keep])


def _within_component_pairs(labels: np.ndarray, members: np.ndarray) -> tuple[np.ndarray, ...]:
    """All pairs (i, j) of records sharing a label, for the records listed in members."""
    order = members[np.argsort(labels[members], kind="stable")]
    sorted_labels = labels[order]
    starts = np.flatnonzero(np.r_[True, sorted_labels[1:] != sorted_labels[:-1]])
    sizes = np.diff(np.r_[starts, len(order)])
    lefts, rights = [], []
    for size in np.unique(sizes):
        block = starts[sizes == size]
        tri_i, tri_j = np.triu_indices(int(size), k=1)
        lefts.append(order[(block[:, None] + tri_i[None, :]).ravel()])
        rights.append(order[(block[:, None] + tri_j[None, :]).ravel()])
    return np.concatenate(lefts), np.concatenate(rights)


def average_linkage(size: int, scores: np.ndarray, threshold: float,
                    conflict_floor: float, conflict_share: float = 0.0) -> list[list[int]]:
    """Greedy average-linkage groups of 0..size-1 over a full symmetric score matrix.

    Two groups join when the mean of their cross scores clears the threshold
    and no more than ``conflict_share`` of the cross scores fall below the
    conflict floor (0: none may); the best such pair joins first. Sums, counts
    and counts below the floor are kept per group pair, so each join costs one
    vector update.
    """
    off_diagonal = ~np.eye(size, dtype=bool)
    sums = np.where(off_diagonal, scores, 0.0)
    counts = off_diagonal.astype(float)
    below = (off_diagonal & (scores < conflict_floor)).astype(float)
    alive = np.ones(size, dtype=bool)
    groups: list[list[int]] = [[i] for i in range(size)]
    while True:
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = sums / counts
        allowed = (alive[:, None] & alive[None, :] & off_diagonal
                   & (below <= conflict_share * counts) & (mean >= threshold))
        if not allowed.any():
            break
        row, column = np.unravel_index(np.argmax(np.where(allowed, mean, -np.inf)), mean.shape)
        a, b = min(int(row), int(column)), max(int(row), int(column))
        for matrix in (sums, counts, below):
            matrix[a, :] += matrix[b, :]
            matrix[:, a] = matrix[a, :]
            matrix[a, a] = 0.0
        alive[b] = False
        groups[a].extend(groups[b])
    return [groups[i] for i in range(size) if alive[i]]


def cluster(n: int, left: np.ndarray, right: np.ndarray, score: np.ndarray, threshold: float,
            rescore: PairScorer, conflict_floor: float = CONFLICT_FLOOR,
            conflict_share: float = 0.0) -> np.ndarray:
    """Cluster label per record: cohesive groups of records linked at ``score >= threshold``
    (``conflict_floor`` and ``conflict_share``: ``average_linkage``'s, for the components
    the cohesion check rebuilds)."""
    linked = score >= threshold
    labels = components(n, left[linked], right[linked])
    labels = _split_oversized(n, left[linked], right[linked], score[linked], threshold, labels)
    sizes = np.bincount(labels)
    members = np.flatnonzero(sizes[labels] > 2)
    if len(members) == 0:
        return labels
    pair_left, pair_right = _within_component_pairs(labels, members)
    pair_score = rescore(pair_left, pair_right)
    weak_labels = np.unique(labels[pair_left[pair_score < conflict_floor]])
    if len(weak_labels) == 0:
        return labels
    # Group the pairs and records of the weak components once, not one scan per component.
    in_weak = np.isin(labels[pair_left], weak_labels)
    pair_left, pair_right, pair_score = pair_left[in_weak], pair_right[in_weak], pair_score[in_weak]
    pair_order = np.argsort(labels[pair_left], kind="stable")
    pair_bounds = np.searchsorted(labels[pair_left][pair_order], weak_labels)
    weak_records = np.flatnonzero(np.isin(labels, weak_labels))
    record_order = weak_records[np.argsort(labels[weak_records], kind="stable")]
    record_bounds = np.searchsorted(labels[record_order], weak_labels)
    next_label = int(labels.max()) + 1
    for k in range(len(weak_labels)):
        records = record_order[record_bounds[k]:(record_bounds[k + 1] if k + 1 < len(weak_labels)
                                                 else len(record_order))]
        pairs = pair_order[pair_bounds[k]:(pair_bounds[k + 1] if k + 1 < len(weak_labels)
                                           else len(pair_order))]
        matrix = np.full((len(records), len(records)), np.inf)
        # records is ascending (a stable sort by label of ascending indices)
        i = np.searchsorted(records, pair_left[pairs])
        j = np.searchsorted(records, pair_right[pairs])
        matrix[i, j] = matrix[j, i] = pair_score[pairs]
        for group in average_linkage(len(records), matrix, threshold, conflict_floor,
                                     conflict_share)[1:]:
            labels[records[group]] = next_label
            next_label += 1
    return labels
