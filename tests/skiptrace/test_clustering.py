import numpy as np
import pytest

from skiptrace.clustering import (
    MAX_COMPONENT_SIZE,
    _split_oversized,
    average_linkage,
    cluster,
    components,
)


def test_cluster_does_not_chain_through_one_bad_link():
    # 0-1 and 1-2 clear the threshold, but 0 and 2 are firmly different people.
    scores = {(0, 1): 12.0, (1, 2): 3.0, (0, 2): -30.0}
    left, right = np.array([0, 1]), np.array([1, 2])
    linked = np.array([scores[(0, 1)], scores[(1, 2)]])

    def rescore(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.array([scores[(min(i, j), max(i, j))] for i, j in zip(a, b, strict=True)])

    labels = cluster(3, left, right, linked, threshold=0.0, rescore=rescore)
    assert labels[0] == labels[1]
    assert labels[2] != labels[0]


def test_cluster_keeps_a_cohesive_group_together():
    left, right = np.array([0, 1]), np.array([1, 2])

    def rescore(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.full(len(a), 5.0)

    labels = cluster(3, left, right, np.array([9.0, 9.0]), threshold=0.0, rescore=rescore)
    assert len(set(labels.tolist())) == 1


def test_average_linkage_merges_best_first():
    scores = np.array([[np.inf, 10.0, -20.0], [10.0, np.inf, 1.0], [-20.0, 1.0, np.inf]])
    groups = average_linkage(3, scores, threshold=0.0, conflict_floor=-8.0)
    assert sorted(sorted(g) for g in groups) == [[0, 1], [2]]


@pytest.mark.timeout(30)
def test_oversized_component_split_ends_and_keeps_the_parts_that_fit() -> None:
    """A small group weakly linked to an oversized one: once the weak link is dropped it
    stays dropped (letting it back in re-formed the giant component forever)."""
    small = np.arange(100)
    big = np.arange(100, 300)
    left = np.concatenate([np.zeros(99, dtype=np.int64), np.full(199, 100), [0]])
    right = np.concatenate([small[1:], big[1:], [100]])
    score = np.concatenate([np.full(99, 50.0), np.full(199, 50.0), [1.0]])
    labels = components(300, left, right)
    labels = _split_oversized(300, left, right, score, 0.0, labels)
    assert np.bincount(labels).max() <= MAX_COMPONENT_SIZE
    assert len(set(labels[small].tolist())) == 1
    assert labels[0] != labels[100]
