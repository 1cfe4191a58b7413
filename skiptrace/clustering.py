"""Identities from scored pairs, without chaining unrelated people.

First connected components over the links a model accepts. One wrong link
would join two people's whole clusters, so every component of more than two
records is checked for cohesion: all its pairs are scored, and a component
holding a pair that the model firmly rejects is rebuilt by average-linkage
agglomeration (two groups join only when their pairs on average clear the
threshold and none falls below the conflict floor).
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
    """Raise the bar inside components too large to check pair by pair."""
    bar = threshold
    while True:
        sizes = np.bincount(labels)
        if sizes.max(initial=0) <= MAX_COMPONENT_SIZE:
            return labels
        bar += 4.0
        in_big = sizes[labels[left]] > MAX_COMPONENT_SIZE
        keep = ~in_big | (score >= bar)
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
                    conflict_floor: float) -> list[list[int]]:
    """Greedy average-linkage groups of 0..size-1 over a full symmetric score matrix."""
    groups: list[list[int]] = [[i] for i in range(size)]
    while len(groups) > 1:
        best, best_pair = -np.inf, None
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                block = scores[np.ix_(groups[a], groups[b])]
                if block.min() < conflict_floor:
                    continue
                mean = float(block.mean())
                if mean >= threshold and mean > best:
                    best, best_pair = mean, (a, b)
        if best_pair is None:
            break
        a, b = best_pair
        groups[a] = groups[a] + groups[b]
        del groups[b]
    return groups


def cluster(n: int, left: np.ndarray, right: np.ndarray, score: np.ndarray, threshold: float,
            rescore: PairScorer, conflict_floor: float = CONFLICT_FLOOR) -> np.ndarray:
    """Cluster label per record: cohesive groups of records linked at ``score >= threshold``."""
    linked = score >= threshold
    labels = components(n, left[linked], right[linked])
    labels = _split_oversized(n, left[linked], right[linked], score[linked], threshold, labels)
    sizes = np.bincount(labels)
    members = np.flatnonzero(sizes[labels] > 2)
    if len(members) == 0:
        return labels
    pair_left, pair_right = _within_component_pairs(labels, members)
    pair_score = rescore(pair_left, pair_right)
    weak = pair_score < conflict_floor
    next_label = int(labels.max()) + 1
    for label in np.unique(labels[pair_left[weak]]):
        records = np.flatnonzero(labels == label)
        index = {record: k for k, record in enumerate(records)}
        in_component = labels[pair_left] == label
        matrix = np.full((len(records), len(records)), np.inf)
        for i, j, s in zip(pair_left[in_component], pair_right[in_component],
                           pair_score[in_component], strict=True):
            matrix[index[i], index[j]] = matrix[index[j], index[i]] = s
        for group in average_linkage(len(records), matrix, threshold, conflict_floor)[1:]:
            labels[records[group]] = next_label
            next_label += 1
    return labels
