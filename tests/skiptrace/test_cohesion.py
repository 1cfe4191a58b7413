"""Batch clustering's cohesion check: its conflict floor and the prior it scores pairs with."""

import numpy as np
import pytest

from skiptrace import linker
from skiptrace.clustering import cluster
from skiptrace.linker import (
    COHESION_CONFLICT_FLOOR,
    COHESION_CONFLICT_SHARE,
    PairScorer,
    cohesion_shift,
    link_records,
)
from skiptrace.synthetic import DebtorGenerator


def _log2_odds(p: float) -> float:
    return float(np.log2(p / (1.0 - p)))


def test_no_shift_up_to_the_cohesion_population():
    assert cohesion_shift(1e-6, 1_000, population=1_000) == 0.0
    assert cohesion_shift(1e-6, 999, population=1_000) == 0.0


def test_shift_is_the_prior_odds_of_the_smaller_population():
    prior, records, population = 7.5e-7, 2_000_000, 1_000_000
    moved = prior * (records - 1) / (population - 1)
    expected = _log2_odds(moved) - _log2_odds(prior)
    assert cohesion_shift(prior, records, population) == pytest.approx(expected)
    assert cohesion_shift(prior, records, population) == pytest.approx(1.0, abs=1e-3)
    assert cohesion_shift(prior, 4 * population, population) == pytest.approx(2.0, abs=1e-3)


def test_a_far_pair_between_the_floors_splits_only_at_the_old_floor():
    # One person seen three times: 0-1 and 1-2 link, 0 and 2 disagree (-9 bits).
    scores = {(0, 1): 10.0, (1, 2): 10.0, (0, 2): -9.0}

    def rescore(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.array([scores[(min(i, j), max(i, j))] for i, j in zip(a, b, strict=True)])

    left, right, linked = np.array([0, 1]), np.array([1, 2]), np.array([10.0, 10.0])
    kept = cluster(3, left, right, linked, 0.0, rescore, conflict_floor=COHESION_CONFLICT_FLOOR)
    split = cluster(3, left, right, linked, 0.0, rescore, conflict_floor=-8.0)
    assert len(set(kept.tolist())) == 1
    assert len(set(split.tolist())) == 2


def _captured_cluster(monkeypatch) -> dict:
    seen: dict = {}

    def spy(n, left, right, score, threshold, rescore, conflict_floor, conflict_share):
        seen.update(rescore=rescore, conflict_floor=conflict_floor, n=n,
                    conflict_share=conflict_share)
        return cluster(n, left, right, score, threshold, rescore, conflict_floor=conflict_floor,
                       conflict_share=conflict_share)

    monkeypatch.setattr(linker, "cluster", spy)
    return seen


def test_link_table_scores_cohesion_with_the_shifted_prior_above_the_population(monkeypatch):
    records, _truth = DebtorGenerator(seed=47).records(3_000)
    monkeypatch.setattr(linker, "COHESION_POPULATION", 1_000)
    seen = _captured_cluster(monkeypatch)
    result = link_records(records)
    assert seen["conflict_floor"] == COHESION_CONFLICT_FLOOR
    assert seen["conflict_share"] == COHESION_CONFLICT_SHARE
    left, right = result.left[:50], result.right[:50]
    plain = PairScorer(result.model, result.table, use_tf=True)(left, right)
    shift = cohesion_shift(result.model.prior, len(records), 1_000)
    assert shift > 1.0
    np.testing.assert_allclose(seen["rescore"](left, right), plain + shift)


def test_link_table_scores_cohesion_unshifted_up_to_the_population(monkeypatch):
    records, _truth = DebtorGenerator(seed=47).records(3_000)
    seen = _captured_cluster(monkeypatch)
    result = link_records(records)
    left, right = result.left[:50], result.right[:50]
    plain = PairScorer(result.model, result.table, use_tf=True)(left, right)
    np.testing.assert_allclose(seen["rescore"](left, right), plain)
