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
