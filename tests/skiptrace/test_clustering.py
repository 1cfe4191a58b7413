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


def _five_sightings() -> np.ndarray:
    """Records 0-3 agree with each other; record 4 agrees with 0-2 and conflicts with 3."""
    scores = np.full((5, 5), 12.0)
    np.fill_diagonal(scores, np.inf)
    scores[3, 4] = scores[4, 3] = -18.0
    return scores


def test_one_pair_below_the_floor_keeps_groups_apart_without_a_conflict_share():
    groups = average_linkage(5, _five_sightings(), threshold=0.0, conflict_floor=-10.0)
    assert sorted(len(g) for g in groups) == [1, 4]


def test_a_conflict_share_lets_a_record_join_the_group_that_mostly_agrees():
    groups = average_linkage(5, _five_sightings(), threshold=0.0, conflict_floor=-10.0,
                             conflict_share=0.25)
    assert [sorted(g) for g in groups] == [[0, 1, 2, 3, 4]]


def test_a_conflict_share_does_not_chain_a_record_that_conflicts_with_half_the_group():
    # 0 and 2 join first; 1 agrees with 0, conflicts with 2: half the cross pairs, though
    # their mean (14) clears the threshold.
    scores = np.array([[np.inf, 40.0, 50.0], [40.0, np.inf, -12.0], [50.0, -12.0, np.inf]])
    groups = average_linkage(3, scores, threshold=0.0, conflict_floor=-10.0,
                             conflict_share=0.25)
    assert sorted(sorted(g) for g in groups) == [[0, 2], [1]]
    groups = average_linkage(3, scores, threshold=0.0, conflict_floor=-10.0,
                             conflict_share=0.5)
    assert [sorted(g) for g in groups] == [[0, 1, 2]]
