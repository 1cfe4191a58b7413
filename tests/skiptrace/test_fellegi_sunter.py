import numpy as np

from skiptrace.comparisons import FIELD_INDEX, FIELDS
from skiptrace.fellegi_sunter import FellegiSunterModel, value_frequencies
from skiptrace.linker import committed_model, link_records
from skiptrace.synthetic import DebtorGenerator


def test_em_learns_that_agreement_is_evidence():
    records, _truth = DebtorGenerator(seed=3).records(3000)
    model = link_records(records).model
    weights = model.bayes_factors_log2()
    for name in ("given_name", "surname", "dob", "ssn4", "address"):
        assert weights[FIELD_INDEX[name]][-1] > 3.0, name
        assert weights[FIELD_INDEX[name]][0] < 0.0, name
    assert model.em_iterations > 0


def test_rare_values_weigh_more_than_common_ones():
    model = committed_model()
    gamma = np.full((2, len(model.m)), -1, dtype=np.int8)
    gamma[:, FIELD_INDEX["surname"]] = len(model.m[FIELD_INDEX["surname"]]) - 1
    tf = {FIELD_INDEX["surname"]: np.array([0.02, 0.0001])}  # "garcia" vs "quarshie"
    common, rare = model.log2_odds(gamma, tf)
    assert rare > common + 5


def test_value_frequencies_ignore_missing():
    freq = value_frequencies(np.array(["a", "a", "b", ""], dtype=object))
    assert freq.tolist() == [2 / 3, 2 / 3, 1 / 3, 0.0]


def test_model_round_trips_through_json(tmp_path):
    model = committed_model()
    path = tmp_path / "weights.json"
    model.save(path)
    loaded = FellegiSunterModel.load(path)
    assert loaded.prior == model.prior
    assert np.allclose(loaded.m[0], model.m[0])


def test_prior_scales_with_population():
    model = committed_model()
    assert model.for_population(100).prior > model.prior


def test_frequencies_from_codes_equal_those_from_the_strings():
    """Term frequencies and exact-agreement u counted on the comparison codes equal the same
    counts made by hashing the strings."""
    import pandas as pd

    from skiptrace.fellegi_sunter import (
        _CODED_COLUMNS,
        _collision_probability,
        term_frequency_columns,
        value_frequencies,
    )
    from skiptrace.normalize import normalize_records
    from skiptrace.synthetic import DebtorGenerator

    records, _truth = DebtorGenerator(seed=21).records(4_000)
    table = normalize_records(records)
    for f, column in term_frequency_columns(table).items():
        name = FIELDS[f].tf_column
        assert np.array_equal(column, value_frequencies(getattr(table, name))), name
    for name in _CODED_COLUMNS:
        values = getattr(table, name)
        present = values[values != ""]
        counts = pd.Series(present).value_counts().to_numpy(dtype=float)
        expected = (counts * (counts - 1)).sum() / (len(present) * (len(present) - 1))
        assert _collision_probability(table, name) == max(expected, 1e-7), name
