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
    assert FIELDS[FIELD_INDEX["dob"]].levels[gamma[FIELD_INDEX["dob"]]] == "day/month swapped"


def test_address_move_disagrees_and_same_address_agrees():
    home = dict(street="12 Main Street", city="Springfield", state="IL", postcode="62704")
    moved = dict(street="900 Oak Ave", city="Peoria", state="IL", postcode="61602")
    same = _gamma(PersonRecord(record_id="a", **home),
                  PersonRecord(record_id="b", **{**home, "street": "12 Main St"}))
    away = _gamma(PersonRecord(record_id="a", **home), PersonRecord(record_id="b", **moved))
    assert FIELDS[FIELD_INDEX["address"]].levels[same[FIELD_INDEX["address"]]] == "exact"
    assert away[FIELD_INDEX["address"]] == 0


def _address_level(first: dict, second: dict) -> str:
    gamma = _gamma(PersonRecord(record_id="a", **first), PersonRecord(record_id="b", **second))
    return FIELDS[FIELD_INDEX["address"]].levels[gamma[FIELD_INDEX["address"]]]


def test_street_run_together_and_zip_one_edit_away_are_the_same_street():
    home = dict(street="40 Rumker Place", city="Woodcroft", postcode="46550")
    # The words ran together ('40 rumker pl' / '40 rumkerplace': token-set ratio below 70,
    # plain ratio 85): a near street in the same area, not only the same ZIP.
    assert _address_level(home, {**home, "street": "40 Rumkerplace"}) == "street token_set>=70"
    # A ZIP one edit away (two digits swapped) is near enough for the street to count as
    # the same one in the same area, and for a city typo to count as the same city.
    moved_zip = dict(street="40 Rumkr Place", city="Marrara", postcode="46551")
    assert _address_level(home, moved_zip) == "street token_set>=90 in same area"
    assert _address_level(home, {**moved_zip, "city": "Woodcorft", "postcode": "45650",
                                 "street": "40 Rumkerplace"}) == "street token_set>=70"
    # A far ZIP in another city is another place: the run-together street alone is not
    # near enough.
    assert _address_level(home, {**moved_zip, "postcode": "61602",
                                 "street": "40 Rumkerplace"}) == "else"
    # And a ZIP one edit away is no "same city or zip" on its own.
    assert _address_level(home, dict(street="9 Oak Ave", city="Marrara", postcode="46551")) \
        == "else"


def test_other_house_number_on_the_same_street_has_its_own_level():
    """Another number on the same street of the same area (a mistyped number, a move down
    the street, a neighbour) is its own level, between the same area and a near street with
    the same number; on another street, or with the street name far off, it is the area."""
    home = dict(street="23 Delprat Circuit", city="Maryborough", postcode="24300")
    other = "same street, other number, same area"
    assert _address_level(home, {**home, "street": "14 Delprat Circuit"}) == other
    assert _address_level(home, {**home, "street": "14 Delpratt Circuit"}) == other
    assert _address_level(home, {**home, "postcode": "24301",
                                 "street": "14 Delprat Circuit"}) == other  # ZIP one edit
    assert _address_level(home, {**home, "street": "14 Hurley Street"}) == "same city or zip"
    assert _address_level(home, {**home, "city": "Peoria", "postcode": "61602",
                                 "street": "14 Delprat Circuit"}) == "else"
    assert _address_level(dict(street="48", city="Maryborough", postcode="24300"),
                          dict(street="52", city="Maryborough", postcode="24300")) \
        == "same city or zip"  # a number alone is no street name
    assert _address_level(home, {**home, "street": "Delprat Circuit"}) \
        == "street token_set>=90 in same area"  # no number on one side: as before


def _dob_level(first: PersonRecord, second: PersonRecord) -> str:
    return FIELDS[FIELD_INDEX["dob"]].levels[_gamma(first, second)[FIELD_INDEX["dob"]]]


def test_dob_levels_by_parts_and_edits():
    true = PersonRecord(record_id="a", dob=date(1957, 6, 26))
    cases = {
        date(1957, 6, 26): "exact",
        date(1957, 6, 27): "one edit",  # one digit
        date(1975, 6, 26): "one edit",  # two neighbouring digits swapped
        date(1957, 8, 26): "one edit",
        date(1957, 11, 26): "one part differs",  # the month wholly different
        date(1962, 6, 26): "one part differs",
        date(1958, 1, 3): "year within 1",
        date(1970, 1, 3): "else",
    }
    for other, level in cases.items():
        assert _dob_level(true, PersonRecord(record_id="b", dob=other)) == level, other


def test_a_dob_that_is_not_a_real_date_is_compared_by_its_parts():
    true = PersonRecord(record_id="a", dob=date(1957, 6, 26))
    swapped = PersonRecord(record_id="b", dob_text="19572606")  # '1957-26-06'
    mistyped = PersonRecord(record_id="b", dob_text="19570636")  # '1957-06-36'
    assert _dob_level(true, swapped) == "day/month swapped"
    assert _dob_level(true, mistyped) == "one edit"
    assert _dob_level(PersonRecord(record_id="a", dob_text="19551192"),
                      PersonRecord(record_id="b", dob=date(1955, 11, 14))) == "one part differs"


def test_dob_compared_vectorized_over_many_pairs():
    records = [PersonRecord(record_id=str(k), dob=date(1950 + k % 30, 1 + k % 12, 1 + k % 28))
               for k in range(300)] + [PersonRecord(record_id="blank")]
    table = normalize_records(records)
    left = np.arange(300)
    right = np.r_[np.arange(1, 300), 300]
    levels = compare_pairs(table, left, right)[:, FIELD_INDEX["dob"]]
    assert levels[-1] == MISSING
    assert (levels[:-1] >= 0).all()
