import numpy as np

from skiptrace.clustering import average_linkage, cluster


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
