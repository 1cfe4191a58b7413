from datetime import date

import numpy as np

from skiptrace.comparisons import FIELD_INDEX, FIELDS, MISSING, compare_pairs
from skiptrace.normalize import normalize_records
from skiptrace.records import PersonRecord


def _gamma(first: PersonRecord, second: PersonRecord) -> np.ndarray:
    table = normalize_records([first, second])
    return compare_pairs(table, np.array([0]), np.array([1]))[0]


def test_swapped_given_and_surname_compare_as_exact():
    gamma = _gamma(PersonRecord(record_id="a", given_name="Maria", surname="Gonzalez"),
                   PersonRecord(record_id="b", given_name="Gonzalez", surname="Maria"))
    top = [len(spec.levels) - 1 for spec in FIELDS]
    assert gamma[FIELD_INDEX["given_name"]] == top[FIELD_INDEX["given_name"]]
    assert gamma[FIELD_INDEX["surname"]] == top[FIELD_INDEX["surname"]]


def test_nickname_level_and_missing_fields():
    gamma = _gamma(PersonRecord(record_id="a", given_name="Bob", surname="Smith",
                                dob=date(1980, 1, 2)),
                   PersonRecord(record_id="b", given_name="Robert", surname="Smith"))
    assert FIELDS[FIELD_INDEX["given_name"]].levels[gamma[FIELD_INDEX["given_name"]]] == "nickname"
    assert gamma[FIELD_INDEX["dob"]] == MISSING
    assert gamma[FIELD_INDEX["phone"]] == MISSING


def test_day_month_swap_is_a_near_match():
    gamma = _gamma(PersonRecord(record_id="a", dob=date(1980, 3, 4)),
                   PersonRecord(record_id="b", dob=date(1980, 4, 3)))
    assert FIELDS[FIELD_INDEX["dob"]].levels[gamma[FIELD_INDEX["dob"]]] in (
        "two edits or day/month swapped", "one edit")


def test_address_move_disagrees_and_same_address_agrees():
    home = dict(street="12 Main Street", city="Springfield", state="IL", postcode="62704")
    moved = dict(street="900 Oak Ave", city="Peoria", state="IL", postcode="61602")
    same = _gamma(PersonRecord(record_id="a", **home),
                  PersonRecord(record_id="b", **{**home, "street": "12 Main St"}))
    away = _gamma(PersonRecord(record_id="a", **home), PersonRecord(record_id="b", **moved))
    assert FIELDS[FIELD_INDEX["address"]].levels[same[FIELD_INDEX["address"]]] == "exact"
    assert away[FIELD_INDEX["address"]] == 0
