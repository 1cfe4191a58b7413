"""The vectorized, code-based comparisons against a plain per-pair definition of each level."""

from datetime import date

import numpy as np
import pytest
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, JaroWinkler

from skiptrace.blocking import candidate_pairs
from skiptrace.comparisons import FIELD_INDEX, FIELDS, MISSING, compare_pairs
from skiptrace.normalize import PersonTable, normalize_records
from skiptrace.records import PersonRecord
from skiptrace.synthetic import DebtorGenerator

JW = JaroWinkler.normalized_similarity


def _name_level(a: str, b: str, canon_a: str | None, canon_b: str | None) -> int:
    if not a or not b:
        return MISSING
    top = 5 if canon_a is not None else 4
    if a == b:
        return top
    jw = JW(a, b)
    level = 3 if jw >= 0.92 else 2 if jw >= 0.85 else 1 if jw >= 0.70 else 0
    if level < 3 and min(len(a), len(b)) >= 3 and OSA.distance(a, b) <= 1:
        level = 3
    if canon_a is not None and canon_a == canon_b and level < 4:
        level = 4
    return level


def _dob_level(a: str, b: str) -> int:
    if len(a) != 8 or len(b) != 8 or not a.isdigit() or not b.isdigit():
        return MISSING
    if a == b:
        return 5
    ya, ma, da, yb, mb, db = a[:4], a[4:6], a[6:], b[:4], b[4:6], b[6:]
    if ya == yb and ma == db and da == mb:
        return 4
    differing = [k for k in range(8) if a[k] != b[k]]
    swapped = (len(differing) == 2 and differing[1] == differing[0] + 1
               and a[differing[0]] == b[differing[1]] and a[differing[1]] == b[differing[0]])
    if len(differing) <= 1 or swapped:
        return 3
    if (ya == yb) + (ma == mb) + (da == db) >= 2:
        return 2
    return 1 if abs(int(ya) - int(yb)) <= 1 else 0


def _address_level(t: PersonTable, i: int, j: int) -> int:
    street_l, street_r, city_l, city_r = t.street[i], t.street[j], t.city[i], t.city[j]
    zip_l, zip_r, number_l, number_r = t.postcode[i], t.postcode[j], t.street_number[i], \
        t.street_number[j]
    if not (street_l or city_l or zip_l) or not (street_r or city_r or zip_r):
        return MISSING
    same_zip = bool(zip_l) and zip_l == zip_r
    zip_differs = bool(zip_l) and bool(zip_r) and zip_l != zip_r
    near_zip = zip_differs and OSA.distance(zip_l, zip_r) <= 1
    same_city = bool(city_l) and bool(city_r) and (
        city_l == city_r or (JW(city_l, city_r) >= 0.92 and (not zip_differs or near_zip)))
    same_area = same_zip or same_city
    near_area = same_area or near_zip
    same_number = number_l == number_r or not number_l or not number_r
    ratio = (max(fuzz.token_set_ratio(street_l, street_r), fuzz.ratio(street_l, street_r))
             if street_l and street_r else 0.0)
    same_street = bool(street_l) and street_l == street_r
    if same_street and same_zip and city_l == city_r:
        return 5
    if (same_number and ratio >= 90 and near_area) or same_street:
        return 4
    if same_number and ((ratio >= 70 and near_area) or ratio >= 90):
        return 3
    if not same_number and near_area and street_l:
        name_l, name_r = (s.partition(" ")[2] if s[:1].isdigit() and " " in s else s
                          for s in (street_l, street_r))
        if max(fuzz.token_set_ratio(name_l, name_r), fuzz.ratio(name_l, name_r)) >= 90:
            return 2
    return 1 if same_area else 0


def scalar_levels(t: PersonTable, i: int, j: int) -> list[int]:
    """Every field's level for the pair (i, j), one Python comparison at a time."""
    given_r, surname_r, canon_r = t.given[j], t.surname[j], t.given_canonical[j]
    straight = np.float32(JW(t.given[i], given_r)) + np.float32(JW(t.surname[i], surname_r))
    crossed = np.float32(JW(t.given[i], surname_r)) + np.float32(JW(t.surname[i], given_r))
    if straight < 1.8 and crossed > straight + 0.2:
        given_r, surname_r, canon_r = surname_r, given_r, surname_r
    ssn_l, ssn_r = t.ssn4[i], t.ssn4[j]
    ssn = MISSING if not ssn_l or not ssn_r else 2 if ssn_l == ssn_r else int(
        OSA.distance(ssn_l, ssn_r) <= 1)
    phone = MISSING if not t.phone[i] or not t.phone[j] else 2 if t.phone[i] == t.phone[j] \
        else int(t.phone_tail[i] == t.phone_tail[j])
    email = MISSING if not t.email[i] or not t.email[j] else 2 if t.email[i] == t.email[j] \
        else int(JW(t.email_local[i], t.email_local[j]) >= 0.9)
    cases = bool(t.case_number[i]) and bool(t.case_number[j])
    accounts = bool(t.account4[i]) and bool(t.account4[j])
    case = MISSING if not cases and not accounts else 2 if cases and t.case_number[i] == \
        t.case_number[j] else int(accounts and t.account4[i] == t.account4[j])
    return [_name_level(t.given[i], given_r, t.given_canonical[i], canon_r),
            _name_level(t.surname[i], surname_r, None, None),
            _dob_level(t.dob[i], t.dob[j]), ssn, _address_level(t, i, j), phone, email, case]


HAND_BUILT = [
    (PersonRecord("a", given_name="Maria", surname="Gonzalez", dob=date(1980, 3, 4),
                  street="12 Main Street", city="Springfield", postcode="62704"),
     PersonRecord("b", given_name="Gonzalez", surname="Maria", dob=date(1980, 4, 3),
                  street="12 Main St", city="Springfeild", postcode="62704")),
    (PersonRecord("a", given_name="Bob", surname="Smith", ssn_last4="1234",
                  phone="217-555-0143", email="bob.smith@example.com"),
     PersonRecord("b", given_name="Robert", surname="Smyth", ssn_last4="1243",
                  phone="(312) 555-0143", email="bobsmith@example.net")),
    (PersonRecord("a", given_name="Sam", surname="Lee", dob_text="19551192",
                  street="14 Elm St", city="Peoria", postcode="61602", case_number="2023-CC-1"),
     PersonRecord("b", given_name="Sma", surname="Lee", dob=date(1955, 11, 29),
                  street="12 Elm St", city="Peoria", postcode="61603", case_number="2023CC1")),
    (PersonRecord("a", given_name="J", surname="Ortiz", account_last4="9876"),
     PersonRecord("b", given_name="Jo", surname="", account_last4="9876", city="Peoria")),
]


@pytest.mark.parametrize("pair", HAND_BUILT, ids=lambda p: p[0].given_name)
def test_vectorized_levels_equal_the_scalar_definition_on_hand_built_pairs(pair):
    table = normalize_records(list(pair))
    gamma = compare_pairs(table, np.array([0]), np.array([1]))[0]
    assert gamma.tolist() == scalar_levels(table, 0, 1)


def test_vectorized_levels_equal_the_scalar_definition_on_many_pairs():
    records, _truth = DebtorGenerator(seed=11).records(3_000)
    table = normalize_records(records)
    rng = np.random.default_rng(3)
    blocked_left, blocked_right, _stats = candidate_pairs(table)  # near pairs; random ones not
    left = np.concatenate([blocked_left[:3_000], rng.integers(0, 3_000, 1_000)])
    right = np.concatenate([blocked_right[:3_000], rng.integers(0, 3_000, 1_000)])
    gamma = compare_pairs(table, left, right)
    expected = np.asarray([scalar_levels(table, int(i), int(j))
                           for i, j in zip(left, right, strict=True)])
    for f, spec in enumerate(FIELDS):
        assert np.array_equal(gamma[:, f], expected[:, f]), spec.name
    for f in (FIELD_INDEX["given_name"], FIELD_INDEX["address"]):  # every level is reached
        assert set(range(len(FIELDS[f].levels))) <= set(gamma[:, f].tolist())


def test_chunked_over_worker_processes_equals_unchunked():
    records, _truth = DebtorGenerator(seed=12).records(2_000)
    table = normalize_records(records)
    rng = np.random.default_rng(4)
    left, right = rng.integers(0, 2_000, 5_000), rng.integers(0, 2_000, 5_000)
    whole = compare_pairs(table, left, right, workers=1, chunk=10_000)
    assert np.array_equal(compare_pairs(table, left, right, workers=2, chunk=700), whole)
    assert np.array_equal(compare_pairs(table, left, right, workers=1, chunk=700), whole)
