from datetime import date

import numpy as np

from skiptrace.blocking import candidate_pairs, pairs_sharing_key
from skiptrace.normalize import normalize_records
from skiptrace.records import PersonRecord


def test_swapped_names_with_a_typo_stay_candidates():
    table = normalize_records([
        PersonRecord(record_id="a", given_name="Danny", surname="Stephenson",
                     dob=date(1983, 10, 19)),
        PersonRecord(record_id="b", given_name="Stephenson", surname="Dany",
                     dob=date(1983, 10, 19)),
        PersonRecord(record_id="c", given_name="Zed", surname="Other", dob=date(1950, 1, 1)),
    ])
    left, right, stats = candidate_pairs(table)
    assert list(zip(left.tolist(), right.tolist(), strict=True)) == [(0, 1)]
    assert stats.candidate_pairs == 1


def test_oversized_blocks_are_skipped_and_counted():
    keys = np.asarray(["x"] * 5 + ["y", "y", ""], dtype=object)
    left, right, skipped_blocks, skipped_records = pairs_sharing_key(keys, max_block_size=4)
    assert list(zip(left.tolist(), right.tolist(), strict=True)) == [(5, 6)]
    assert (skipped_blocks, skipped_records) == (1, 5)


def test_integer_keys_give_the_same_pairs_as_the_stored_string_keys():
    from skiptrace.blocking import BLOCKING_CODES, BLOCKING_KEYS
    from skiptrace.synthetic import DebtorGenerator

    records, _truth = DebtorGenerator(seed=21).records(4_000)
    table = normalize_records(records)
    assert list(BLOCKING_CODES) == list(BLOCKING_KEYS)
    by_strings = candidate_pairs(table, BLOCKING_KEYS)
    by_codes = candidate_pairs(table, BLOCKING_CODES)
    assert np.array_equal(by_strings[0], by_codes[0])
    assert np.array_equal(by_strings[1], by_codes[1])
    assert by_strings[2].to_dict() == by_codes[2].to_dict()
    assert by_codes[2].candidate_pairs > 1_000
    # a small bound skips blocks the same way in both
    assert (candidate_pairs(table, BLOCKING_KEYS, max_block_size=3)[2].to_dict()
            == candidate_pairs(table, BLOCKING_CODES, max_block_size=3)[2].to_dict())


def test_a_sorted_neighbourhood_window_pairs_only_near_neighbours_in_large_blocks():
    keys = np.asarray(["x"] * 6 + ["y"] * 3 + [""], dtype=object)
    rank = np.asarray([5, 0, 4, 1, 3, 2, 9, 8, 7, 6])  # name order of x: 1, 3, 5, 4, 2, 0
    left, right, _blocks, _records = pairs_sharing_key(keys, 400, rank, window=3)
    pairs = set(zip(left.tolist(), right.tolist(), strict=True))
    x_in_order = [1, 3, 5, 4, 2, 0]
    near = {tuple(sorted((x_in_order[a], x_in_order[b])))
            for a in range(6) for b in range(a + 1, min(a + 3, 6))}
    assert pairs == near | {(6, 7), (6, 8), (7, 8)}  # the block of 3 keeps all its pairs
    all_pairs = pairs_sharing_key(keys, 400)[0]
    assert len(all_pairs) == 15 + 3


def test_name_rank_from_distinct_values_is_the_string_order():
    """The sorted-neighbourhood order made from the ranks of distinct names equals the order
    of the name strings themselves (ties kept in record order)."""
    import numpy as np

    from skiptrace.blocking import name_rank
    from skiptrace.synthetic import DebtorGenerator

    records, _truth = DebtorGenerator(seed=17).records(3_000)
    table = normalize_records(records)
    expected = np.empty(len(table), dtype=np.int64)
    order = np.lexsort((table.given.astype(str), table.surname.astype(str)))
    expected[order] = np.arange(len(order))
    assert table.distinct
    assert np.array_equal(name_rank(table), expected)
