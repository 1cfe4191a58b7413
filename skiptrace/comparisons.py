"""Comparison vectors: for each candidate pair, one agreement level per field.

Levels run from 0 (disagree) up to the field's best (exact agreement); -1
means a value is missing on either side and the field gives no evidence.
String similarity comes from rapidfuzz's vectorized ``cpdist`` over whole pair
columns. Given name and surname are compared in whichever order fits
better, so a record with the two swapped still scores as the same name.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, JaroWinkler
from rapidfuzz.process import cpdist

from skiptrace.normalize import PersonTable

MISSING = -1
PAIR_CHUNK = 500_000


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    levels: tuple[str, ...]  # level labels, index = level, last = exact agreement
    tf_column: str | None = None  # PersonTable column whose value frequency adjusts exact matches


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("given_name", ("else", "jw>=0.70", "jw>=0.85", "jw>=0.92 or one edit", "nickname",
                             "exact"), tf_column="given"),
    FieldSpec("surname", ("else", "jw>=0.70", "jw>=0.85", "jw>=0.92 or one edit", "exact"),
              tf_column="surname"),
    # By parts and by edit distance, as Splink's date-of-birth comparison: a date with a
    # mistyped digit or day and month the other way round ('1957-26-06') is close to the true
    # one, real date or not.
    FieldSpec("dob", ("else", "year within 1", "one part differs", "one edit",
                      "day/month swapped", "exact")),
    FieldSpec("ssn4", ("else", "one edit", "exact")),
    # One field for the whole address: street, city and ZIP move together when a person
    # moves, and three separate fields would count one move three times.
    FieldSpec("address", ("else", "same city or zip", "street token_set>=70",
                          "street token_set>=90 in same area", "exact")),
    FieldSpec("phone", ("else", "same last seven", "exact")),
    FieldSpec("email", ("else", "same or similar local part", "exact")),
    FieldSpec("case", ("else", "same account last four", "same case number")),
)
FIELD_INDEX = {spec.name: i for i, spec in enumerate(FIELDS)}


def _similarity(scorer, a: np.ndarray, b: np.ndarray, workers: int) -> np.ndarray:
    if len(a) == 0:
        return np.empty(0, dtype=np.float32)
    return cpdist(a.tolist(), b.tolist(), scorer=scorer, workers=workers, dtype=np.float32)


def _missing(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a == "") | (b == "")


def _levels_by_threshold(score: np.ndarray, thresholds: tuple[float, ...]) -> np.ndarray:
    """Level k when score >= thresholds[k-1] (thresholds ascending), else 0."""
    level = np.zeros(len(score), dtype=np.int8)
    for k, threshold in enumerate(thresholds, start=1):
        level[score >= threshold] = k
    return level


def _name_levels(a: np.ndarray, b: np.ndarray, canon_a: np.ndarray | None,
                 canon_b: np.ndarray | None, workers: int) -> np.ndarray:
    jw = _similarity(JaroWinkler.normalized_similarity, a, b, workers)
    level = _levels_by_threshold(jw, (0.70, 0.85, 0.92))
    # Jaro's match window is empty for short names ('sma' / 'sam' score 0.56): one edit (two
    # letters swapped, one replaced) counts as near as jw >= 0.92.
    # Initials ('j' / 'k', 'j' / 'jo') are not names to count edits on.
    below = np.flatnonzero(level < 3)
    long_enough = np.fromiter((min(len(x), len(y)) >= 3 for x, y in zip(a[below], b[below],
                                                                         strict=True)),
                              dtype=bool, count=len(below))
    below = below[long_enough]
    one_edit = _similarity(OSA.distance, a[below], b[below], workers) <= 1
    level[below[one_edit]] = 3
    top = 4
    if canon_a is not None and canon_b is not None:
        level[(canon_a == canon_b) & (level < 4)] = 4
        top = 5
    level[a == b] = top
    level[_missing(a, b)] = MISSING
    return level


def _digit_edits_at_most_one(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Whether two 8-digit numbers are at most one edit apart (OSA: one digit replaced, or two
    neighbouring digits swapped; a length-keeping string has no single insert or delete)."""
    differing = np.zeros(len(a), dtype=np.int8)
    first = np.full(len(a), -1, dtype=np.int8)
    da, db = a.copy(), b.copy()
    digits_a, digits_b = [], []
    for position in range(8):  # from the last digit
        xa, xb = da % 10, db % 10
        digits_a.append(xa)
        digits_b.append(xb)
        differs = xa != xb
        first = np.where(differs & (first < 0), position, first).astype(np.int8)
        differing += differs
        da //= 10
        db //= 10
    stacked_a, stacked_b = np.stack(digits_a, axis=1), np.stack(digits_b, axis=1)
    rows = np.arange(len(a))
    at = np.clip(first, 0, 6).astype(np.int64)
    swapped = ((differing == 2) & (first >= 0) & (first <= 6)
               & (stacked_a[rows, at] == stacked_b[rows, at + 1])
               & (stacked_a[rows, at + 1] == stacked_b[rows, at]))
    return (differing <= 1) | swapped


def _dob_levels(table: PersonTable, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    a, b = table.dob_number[left], table.dob_number[right]
    year_a, year_b = a // 10_000, b // 10_000
    month_a, month_b = a // 100 % 100, b // 100 % 100
    day_a, day_b = a % 100, b % 100
    same = (year_a == year_b).astype(np.int8) + (month_a == month_b) + (day_a == day_b)
    level = np.zeros(len(a), dtype=np.int8)
    level[np.abs(year_a - year_b) <= 1] = 1
    level[same >= 2] = 2
    level[_digit_edits_at_most_one(a, b)] = 3
    level[(year_a == year_b) & (month_a == day_b) & (day_a == month_b)] = 4
    level[a == b] = 5
    level[(a < 0) | (b < 0)] = MISSING
    return level


def _edit_levels(a: np.ndarray, b: np.ndarray, workers: int) -> np.ndarray:
    edits = _similarity(OSA.distance, a, b, workers)
    level = np.where(edits <= 1, 1, 0).astype(np.int8)
    level[a == b] = 2
    level[_missing(a, b)] = MISSING
    return level


def _address_levels(table: PersonTable, left: np.ndarray, right: np.ndarray,
                    workers: int) -> np.ndarray:
    street_l, street_r = table.street[left], table.street[right]
    city_l, city_r = table.city[left], table.city[right]
    zip_l, zip_r = table.postcode[left], table.postcode[right]
    city_jw = _similarity(JaroWinkler.normalized_similarity, city_l, city_r, workers)
    same_zip = (zip_l == zip_r) & (zip_l != "")
    zip_differs = (zip_l != zip_r) & ~_missing(zip_l, zip_r)
    # A city typo counts as the same city, unless the ZIPs say otherwise.
    same_city = ((city_l == city_r) | ((city_jw >= 0.92) & ~zip_differs)) & ~_missing(city_l,
                                                                                       city_r)
    same_area = same_zip | same_city
    # token_set_ratio is the costly scorer: only where the street could be the same one.
    number_l, number_r = table.street_number[left], table.street_number[right]
    worth = (same_area | ((number_l == number_r) & (number_l != ""))) & ~_missing(street_l,
                                                                                  street_r)
    ratio = np.zeros(len(left), dtype=np.float32)
    ratio[worth] = _similarity(fuzz.token_set_ratio, street_l[worth], street_r[worth], workers)
    # 12 Elm St and 14 Elm St are different homes: a near street needs the same number.
    same_number = (number_l == number_r) | (number_l == "") | (number_r == "")
    level = np.where(same_area, 1, 0).astype(np.int8)
    level[same_number & (((ratio >= 70) & same_area) | (ratio >= 90))] = 2
    level[same_number & (ratio >= 90) & same_area
          | ((street_l == street_r) & (street_l != ""))] = 3
    level[(street_l == street_r) & same_zip & (city_l == city_r) & (street_l != "")] = 4
    nothing_l = (street_l == "") & (city_l == "") & (zip_l == "")
    nothing_r = (street_r == "") & (city_r == "") & (zip_r == "")
    level[nothing_l | nothing_r] = MISSING
    return level


def _phone_levels(table: PersonTable, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    a, b = table.phone[left], table.phone[right]
    level = np.where(table.phone_tail[left] == table.phone_tail[right], 1, 0).astype(np.int8)
    level[a == b] = 2
    level[_missing(a, b)] = MISSING
    return level


def _email_levels(table: PersonTable, left: np.ndarray, right: np.ndarray,
                  workers: int) -> np.ndarray:
    a, b = table.email[left], table.email[right]
    jw = _similarity(JaroWinkler.normalized_similarity, table.email_local[left],
                     table.email_local[right], workers)
    level = np.where(jw >= 0.9, 1, 0).astype(np.int8)
    level[a == b] = 2
    level[_missing(a, b)] = MISSING
    return level


def _case_levels(table: PersonTable, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    case_l, case_r = table.case_number[left], table.case_number[right]
    account_l, account_r = table.account4[left], table.account4[right]
    level = np.zeros(len(left), dtype=np.int8)
    level[(account_l == account_r) & (account_l != "")] = 1
    level[(case_l == case_r) & (case_l != "")] = 2
    # A case number and an account number say nothing about each other.
    comparable = (((case_l != "") & (case_r != "")) | ((account_l != "") & (account_r != "")))
    level[~comparable] = MISSING
    return level


def name_order_swapped(table: PersonTable, left: np.ndarray, right: np.ndarray,
                       workers: int = 1) -> np.ndarray:
    """True where the right record's given/surname fit the left better the other way round."""
    given_l, surname_l = table.given[left], table.surname[left]
    given_r, surname_r = table.given[right], table.surname[right]
    scorer = JaroWinkler.normalized_similarity
    straight = (_similarity(scorer, given_l, given_r, workers)
                + _similarity(scorer, surname_l, surname_r, workers))
    swapped = np.zeros(len(left), dtype=bool)
    doubtful = np.flatnonzero(straight < 1.8)  # names that already fit need no second look
    crossed = (_similarity(scorer, given_l[doubtful], surname_r[doubtful], workers)
               + _similarity(scorer, surname_l[doubtful], given_r[doubtful], workers))
    swapped[doubtful] = crossed > straight[doubtful] + 0.2
    return swapped


def compare_pairs(table: PersonTable, left: np.ndarray, right: np.ndarray,
                  workers: int = 1) -> np.ndarray:
    """Comparison vectors of pairs, computed in chunks so memory stays flat at any size."""
    if len(left) <= PAIR_CHUNK:
        return _compare_chunk(table, left, right, workers)
    return np.concatenate([_compare_chunk(table, left[start:start + PAIR_CHUNK],
                                          right[start:start + PAIR_CHUNK], workers)
                           for start in range(0, len(left), PAIR_CHUNK)])


def _compare_chunk(table: PersonTable, left: np.ndarray, right: np.ndarray,
                   workers: int = 1) -> np.ndarray:
    """Comparison vectors of pairs (left[k], right[k]): an int8 matrix, one column per field."""
    swapped = name_order_swapped(table, left, right, workers)
    given_r = np.where(swapped, table.surname[right], table.given[right])
    surname_r = np.where(swapped, table.given[right], table.surname[right])
    canon_r = np.where(swapped, table.surname[right], table.given_canonical[right])
    gamma = np.empty((len(left), len(FIELDS)), dtype=np.int8)
    gamma[:, FIELD_INDEX["given_name"]] = _name_levels(
        table.given[left], given_r, table.given_canonical[left], canon_r, workers)
    gamma[:, FIELD_INDEX["surname"]] = _name_levels(table.surname[left], surname_r, None, None,
                                                    workers)
    gamma[:, FIELD_INDEX["dob"]] = _dob_levels(table, left, right)
    gamma[:, FIELD_INDEX["ssn4"]] = _edit_levels(table.ssn4[left], table.ssn4[right], workers)
    gamma[:, FIELD_INDEX["address"]] = _address_levels(table, left, right, workers)
    gamma[:, FIELD_INDEX["phone"]] = _phone_levels(table, left, right)
    gamma[:, FIELD_INDEX["email"]] = _email_levels(table, left, right, workers)
    gamma[:, FIELD_INDEX["case"]] = _case_levels(table, left, right)
    return gamma
