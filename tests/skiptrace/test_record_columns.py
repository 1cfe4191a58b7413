"""Records coded as columns a chunk at a time give the table the records themselves give."""

import numpy as np

from skiptrace.normalize import PersonTable, normalize_columns, normalize_records
from skiptrace.record_columns import RAW_FIELDS, RecordColumns
from skiptrace.records import PersonRecord
from skiptrace.synthetic import DebtorGenerator


def _same_columns(a: RecordColumns, b: RecordColumns) -> None:
    assert a.record_ids == b.record_ids
    for name in RAW_FIELDS:
        left, right = a.column(name), b.column(name)
        assert left.values == right.values, name
        assert np.array_equal(left.codes, right.codes), name


def test_generated_columns_in_chunks_are_the_generated_records():
    """Coded 97 records at a time, then shuffled as ``records`` shuffles: the same records,
    the same order, the same person ids, and codes numbered as coding them at once does."""
    records, truth = DebtorGenerator(seed=5).records(1_000)
    columns, column_truth = DebtorGenerator(seed=5).columns(1_000, chunk=97)
    assert column_truth.tolist() == truth
    _same_columns(columns, RecordColumns.of(records))


def test_take_reorders_as_coding_the_reordered_records():
    records = [PersonRecord(record_id=str(k), given_name=name, surname="Lee")
               for k, name in enumerate(["Ann", "Bo", "Ann", "Cy", "Bo"])]
    order = [3, 1, 0, 4, 2]
    columns = RecordColumns.of(records)
    columns.take(order)
    _same_columns(columns, RecordColumns.of([records[k] for k in order]))
    assert columns.column("given_name").values == ["Cy", "Bo", "Ann"]


def test_columns_coded_in_worker_processes_equal_coded_here(monkeypatch):
    import skiptrace.record_columns as record_columns

    records, _truth = DebtorGenerator(seed=6).records(800)
    here = RecordColumns.of(records, workers=1)
    monkeypatch.setattr(record_columns, "MIN_VALUES_FOR_POOL", 0)
    _same_columns(RecordColumns.of(records, workers=2), here)


def test_table_from_chunked_columns_equals_table_from_records():
    """Every column and every (codes, distinct values) pair of the table, as normalizing
    the record objects gives them."""
    records, _truth = DebtorGenerator(seed=7).records(1_500)
    columns, _ = DebtorGenerator(seed=7).columns(1_500, chunk=200)
    from_columns = normalize_columns(columns, workers=1)
    from_records = normalize_records(records, workers=1)
    for name in PersonTable.__slots__:
        a, b = getattr(from_columns, name), getattr(from_records, name)
        if name == "distinct":
            assert a.keys() == b.keys()
            for column in a:
                assert a[column][1] == b[column][1], column
                assert np.array_equal(a[column][0], b[column][0]), column
        elif name not in ("codes", "key_codes"):
            assert list(a) == list(b), name


def test_release_keeps_the_ids_and_drops_the_codes():
    columns = RecordColumns.of([PersonRecord(record_id="a", surname="Lee")])
    columns.release()
    assert columns.record_ids == ["a"] and len(columns) == 1
    assert columns.column("surname").values == []
