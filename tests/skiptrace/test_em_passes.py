"""Blocked EM training passes: known m-probabilities come back."""

import numpy as np

from skiptrace.blocking import candidate_pairs
from skiptrace.comparisons import FIELD_INDEX, FIELDS, MISSING, compare_pairs
from skiptrace.em_passes import em_pass, train_blocked_em
from skiptrace.fellegi_sunter import estimate_u
from skiptrace.linker import committed_model
from skiptrace.normalize import normalize_records
from skiptrace.synthetic import DebtorGenerator


def _draw(rng: np.random.Generator, probabilities: list[np.ndarray], count: int) -> np.ndarray:
    return np.stack([rng.choice(len(p), size=count, p=p) for p in probabilities],
                    axis=1).astype(np.int8)


def test_em_pass_recovers_the_m_it_was_drawn_from():
    rng = np.random.default_rng(5)
    true_m = [np.linspace(1, 3, len(s.levels)) ** 3 for s in FIELDS]
    true_m = [m / m.sum() for m in true_m]  # agreement levels likelier among matches
    u = [np.linspace(3, 1, len(s.levels)) ** 4 for s in FIELDS]
    u = [p / p.sum() for p in u]
    gamma = np.concatenate([_draw(rng, true_m, 6_000), _draw(rng, u, 14_000)])
    blocked = (FIELD_INDEX["dob"],)
    result = em_pass(gamma, blocked, committed_model().m, u)
    assert abs(result.share - 0.3) < 0.02
    for f, spec in enumerate(FIELDS):
        if f in blocked:
            assert np.array_equal(result.m[f], committed_model().m[f])  # left alone
        else:
            assert np.abs(result.m[f] - true_m[f]).max() < 0.03, spec.name


def test_blocked_passes_recover_the_true_m_of_synthetic_people():
    records, truth = DebtorGenerator(seed=31).records(12_000)
    table = normalize_records(records)
    left, right, _stats = candidate_pairs(table)
    labels = np.asarray(truth)
    matched = labels[left] == labels[right]
    gamma = compare_pairs(table, left[matched], right[matched])
    model = train_blocked_em(table, committed_model(), estimate_u(table))
    for name in ("given_name", "surname", "dob", "ssn4", "address", "phone", "email"):
        f = FIELD_INDEX[name]
        levels = gamma[:, f][gamma[:, f] != MISSING]
        true_m = np.bincount(levels, minlength=len(FIELDS[f].levels)) / len(levels)
        assert abs(model.m[f][-1] - true_m[-1]) < 0.04, name  # exact agreement
        assert abs(model.m[f][0] - true_m[0]) < 0.04, name  # disagreement
    sizes = np.bincount(labels)
    true_prior = (sizes * (sizes - 1) / 2).sum() / (len(labels) * (len(labels) - 1) / 2)
    assert 0.67 < model.prior / true_prior < 1.5
    assert set(model.notes["passes"]) == {"same date of birth", "same full name"}


def test_pass_sample_is_the_sample_of_all_pairs_without_making_them():
    """The sampled pass pairs are exactly what sampling the full list of pairs gives (same
    seed, same order), for both passes, and all pairs when there are fewer than the sample."""
    from skiptrace.blocking import pairs_sharing_key, sample_pairs_sharing_key
    from skiptrace.em_passes import PASS_MAX_BLOCK, TRAINING_PASSES, _pass_keys

    records, _truth = DebtorGenerator(seed=33).records(20_000)
    table = normalize_records(records)
    for training in TRAINING_PASSES:
        keys = _pass_keys(table, training)
        all_left, all_right, _blocks, _records = pairs_sharing_key(keys, PASS_MAX_BLOCK)
        assert len(all_left) > 5_000, training.name
        keep = np.sort(np.random.default_rng(11).choice(len(all_left), 5_000, replace=False))
        left, right, total = sample_pairs_sharing_key(keys, PASS_MAX_BLOCK, 5_000, 11)
        assert total == len(all_left)
        assert np.array_equal(left, all_left[keep]) and np.array_equal(right, all_right[keep])
        whole = sample_pairs_sharing_key(keys, PASS_MAX_BLOCK, len(all_left), 11)
        assert np.array_equal(whole[0], all_left) and np.array_equal(whole[1], all_right)
