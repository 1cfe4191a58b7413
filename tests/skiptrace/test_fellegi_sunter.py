import numpy as np
import pytest

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


def _people_twice(people: int, seed: int, duplicate: bool):
    """``people`` made-up people, each written twice when ``duplicate`` (the second time with
    two letters of the street name swapped: the same street in the same area, not exact)."""
    import string
    from datetime import date

    from skiptrace.records import PersonRecord

    rng = np.random.default_rng(seed)

    def word(length: int) -> str:
        return "".join(rng.choice(list(string.ascii_lowercase), size=length))

    records = []
    for person in range(people):
        given, surname, street = word(6), word(8), word(9)
        born = date(1940 + int(rng.integers(0, 50)), int(rng.integers(1, 13)),
                    int(rng.integers(1, 29)))
        area = int(rng.integers(0, 20))
        number = int(rng.integers(1, 900))
        fields = dict(given_name=given, surname=surname, dob=born,
                      city=f"town{string.ascii_lowercase[area]}", state="NY",
                      postcode=f"{10000 + area}")
        records.append(PersonRecord(f"{person}a", street=f"{number} {street} road", **fields))
        if duplicate:
            typo = street[:3] + street[4] + street[3] + street[5:]
            records.append(PersonRecord(f"{person}b", street=f"{number} {typo} road", **fields))
    return records


def test_u_leaves_out_the_true_matches_among_random_pairs():
    """1,000 people written twice: a random pair is a match one time in 2,000, and those
    matches are nearly all the random pairs on the same street in the same area and all of
    those sharing a birth date. u says how often *non-matches* agree, so it stays near what
    1,000 people written once give, not at the duplicates' rate (which the raw counts give:
    about 5e-4 for both)."""
    from skiptrace.fellegi_sunter import _collision_probability, estimate_u
    from skiptrace.normalize import normalize_records

    address, dob = FIELD_INDEX["address"], FIELD_INDEX["dob"]
    near_street = FIELDS[address].levels.index("street token_set>=90 in same area")
    twice = normalize_records(_people_twice(1_000, seed=5, duplicate=True))
    once = normalize_records(_people_twice(1_000, seed=5, duplicate=False))
    assert _collision_probability(twice, "dob") > 5e-4  # the duplicates' own dates
    u_twice = estimate_u(twice, em_sample_pairs=400_000)
    u_once = estimate_u(once, em_sample_pairs=400_000)
    assert u_twice[address][near_street] < 2e-5
    assert u_twice[dob][-1] < 2 * u_once[dob][-1] + 1e-5
    # no duplicates: exact agreement as counted
    assert u_once[dob][-1] == pytest.approx(_collision_probability(once, "dob"), rel=1e-3)


def test_exact_address_u_counts_the_whole_address_not_the_street_line():
    """The address field's exact level asks for the same street line, ZIP and city. Its u is
    how often two random people's whole addresses agree: '4 main street' in forty towns is
    one street line but forty addresses, so counting the street line alone overstated u
    about forty times and weighed the exact level below a near street in the same area."""
    import string

    from skiptrace.fellegi_sunter import (
        _collision_probability,
        _exact_address_probability,
        estimate_u,
    )
    from skiptrace.normalize import normalize_records
    from skiptrace.records import PersonRecord

    rng = np.random.default_rng(17)
    streets = ("main street", "high street", "park road", "church lane")
    records = []
    addresses = []
    for person in range(2_000):
        town = int(rng.integers(0, 40))
        line = f"{int(rng.integers(1, 6))} {streets[int(rng.integers(0, 4))]}"
        city = f"town{string.ascii_lowercase[town % 26]}{town // 26}"
        postcode = f"{20000 + town}"
        addresses.append((line, postcode, city))
        given = "".join(rng.choice(list(string.ascii_lowercase), size=7))
        surname = "".join(rng.choice(list(string.ascii_lowercase), size=9))
        records.append(PersonRecord(f"p{person}", given_name=given, surname=surname,
                                    street=line, city=city, state="NY", postcode=postcode))
    table = normalize_records(records)
    _keys, counts = np.unique(np.array(addresses), axis=0, return_counts=True)
    whole = (counts * (counts - 1)).sum() / (2_000 * 1_999)
    assert _exact_address_probability(table) == pytest.approx(whole)
    street_line = _collision_probability(table, "street")
    assert street_line > 20 * whole
    address = FIELD_INDEX["address"]
    u = estimate_u(table, em_sample_pairs=200_000)[address]
    assert u[-1] == pytest.approx(whole, rel=0.05)
