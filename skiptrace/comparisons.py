"""Comparison vectors: for each candidate pair, one agreement level per field.

Levels run from 0 (disagree) up to the field's best (exact agreement); -1
means a value is missing on either side and the field gives no evidence.
Every string column is compared through integer codes (``column_codes``):
equality and missingness are integer array operations, and a string
similarity (rapidfuzz's ``cpdist`` over whole pair columns, ``workers=-1``
using every core) is computed once per distinct pair of values. Given name
and surname are compared in whichever order fits better, so a record with the
two swapped still scores as the same name. Large pair sets are compared in
chunks, spread over worker processes (``process_pool``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, JaroWinkler

from skiptrace.column_codes import CodeSpace, encode, encode_distinct, pair_similarity
from skiptrace.normalize import PersonTable
from skiptrace.process_pool import map_pair_chunks

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
    FieldSpec("address", ("else", "same city or zip", "same street, other number, same area",
                          "street token_set>=70", "street token_set>=90 in same area",
                          "exact")),
    FieldSpec("phone", ("else", "same last seven", "exact")),
    FieldSpec("email", ("else", "same or similar local part", "exact")),
    FieldSpec("case", ("else", "same account last four", "same case number")),
)
FIELD_INDEX = {spec.name: i for i, spec in enumerate(FIELDS)}


# Column groups that share one code space: a swapped name compares a given name with a
# surname, and the nickname level compares canonical forms across the two columns.
CODE_GROUPS: dict[str, tuple[str, ...]] = {
    "names": ("given", "surname", "given_canonical"),
    "ssn4": ("ssn4",), "street": ("street",), "street_number": ("street_number",),
    "city": ("city",), "postcode": ("postcode",), "phone": ("phone",),
    "phone_tail": ("phone_tail",), "email": ("email",), "email_local": ("email_local",),
    "case_number": ("case_number",), "account4": ("account4",),
}
JW = JaroWinkler.normalized_similarity


STREET_NAME = "street_name"  # derived from the street group: the street line less its number


def _without_number(street: str) -> str:
    """'12 elm st' -> 'elm st'; a street line of a number alone stays as it is."""
    first, _, rest = street.partition(" ")
    return rest if first[:1].isdigit() and rest else street


def table_codes(table: PersonTable, group: str) -> tuple[CodeSpace, list[np.ndarray]]:
    """The code space and per-column codes of a column group, computed once per table."""
    if group == STREET_NAME and group not in table.codes:
        # The street codes over the street lines' values less the house number: the same
        # codes (two houses of one street keep two codes), so only the distinct street
        # lines are rewritten.
        space, codes = table_codes(table, "street")
        values = np.empty(len(space.values), dtype=object)
        values[:] = [_without_number(value) for value in space.values]
        lengths = np.fromiter((len(v) for v in values), dtype=np.int32, count=len(values))
        table.codes[group] = (CodeSpace(values=values, lengths=lengths, blank=space.blank),
                              codes)
    if group not in table.codes:
        names = CODE_GROUPS[group]
        table.codes[group] = (
            encode_distinct([table.distinct[name] for name in names])
            if all(name in table.distinct for name in names)
            else encode([getattr(table, name) for name in names]))
    return table.codes[group]


@dataclass(slots=True)
class _Side:
    """One column group's codes at the two ends of each pair."""

    space: CodeSpace
    left: np.ndarray
    right: np.ndarray

    @classmethod
    def of(cls, table: PersonTable, group: str, left: np.ndarray, right: np.ndarray,
           column: int = 0) -> _Side:
        space, codes = table_codes(table, group)
        return cls(space, codes[column][left], codes[column][right])

    def missing(self) -> np.ndarray:
        return self.space.missing(self.left) | self.space.missing(self.right)

    def equal(self) -> np.ndarray:
        return self.left == self.right

    def equal_present(self) -> np.ndarray:
        return (self.left == self.right) & ~self.space.missing(self.left)

    def similarity(self, scorer, where: np.ndarray, workers: int) -> np.ndarray:
        """Similarity of the pairs at ``where`` (indices), once per distinct value pair."""
        return pair_similarity(scorer, self.space, self.left[where], self.right[where], workers)


def _levels_by_threshold(score: np.ndarray, thresholds: tuple[float, ...]) -> np.ndarray:
    """Level k when score >= thresholds[k-1] (thresholds ascending), else 0."""
    level = np.zeros(len(score), dtype=np.int8)
    for k, threshold in enumerate(thresholds, start=1):
        level[score >= threshold] = k
    return level


def _name_levels(space: CodeSpace, a: np.ndarray, b: np.ndarray, jw: np.ndarray,
                 canon_a: np.ndarray | None, canon_b: np.ndarray | None,
                 workers: int) -> np.ndarray:
    """Name levels from codes in the shared name space and their Jaro-Winkler scores."""
    level = _levels_by_threshold(jw, (0.70, 0.85, 0.92))
    # Jaro's match window is empty for short names ('sma' / 'sam' score 0.56): one edit (two
    # letters swapped, one replaced) counts as near as jw >= 0.92.
    # Initials ('j' / 'k', 'j' / 'jo') are not names to count edits on.
    below = np.flatnonzero((level < 3)
                           & (np.minimum(space.lengths[a], space.lengths[b]) >= 3))
    one_edit = pair_similarity(OSA.distance, space, a[below], b[below], workers) <= 1
    level[below[one_edit]] = 3
    top = 4
    if canon_a is not None and canon_b is not None:
        level[(canon_a == canon_b) & (level < 4)] = 4
        top = 5
    level[a == b] = top
    level[space.missing(a) | space.missing(b)] = MISSING
    return level


def _digit_edits_at_most_one(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Whether two 8-digit numbers are at most one edit apart (OSA: one digit replaced, or two
    neighbouring digits swapped; a length-keeping string has no single insert or delete)."""
    powers = 10 ** np.arange(8, dtype=np.int64)  # digit k counts from the last
    digits_a = (a[:, None] // powers % 10).astype(np.int8)
    digits_b = (b[:, None] // powers % 10).astype(np.int8)
    differs = digits_a != digits_b
    count = differs.sum(axis=1)
    result = count <= 1
    two = np.flatnonzero(count == 2)
    first = differs[two].argmax(axis=1)
    at = np.minimum(first, 6)
    result[two] = ((first <= 6) & (digits_a[two, at] == digits_b[two, at + 1])
                   & (digits_a[two, at + 1] == digits_b[two, at]))
    return result


def _dob_levels(table: PersonTable, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    a, b = table.dob_number[left], table.dob_number[right]
    year_a, year_b = a // 10_000, b // 10_000
    month_a, month_b = a // 100 % 100, b // 100 % 100
    day_a, day_b = a % 100, b % 100
    same = (year_a == year_b).astype(np.int8) + (month_a == month_b) + (day_a == day_b)
    level = np.zeros(len(a), dtype=np.int8)
    level[np.abs(year_a - year_b) <= 1] = 1
    level[same >= 2] = 2
    differ = np.flatnonzero((a >= 0) & (b >= 0) & (a != b))
    level[differ[_digit_edits_at_most_one(a[differ], b[differ])]] = 3
    level[(year_a == year_b) & (month_a == day_b) & (day_a == month_b)] = 4
    level[a == b] = 5
    level[(a < 0) | (b < 0)] = MISSING
    return level


def _edit_levels(side: _Side, workers: int) -> np.ndarray:
    level = np.zeros(len(side.left), dtype=np.int8)
    differ = np.flatnonzero(~side.equal())
    level[differ[side.similarity(OSA.distance, differ, workers) <= 1]] = 1
    level[side.equal()] = 2
    level[side.missing()] = MISSING
    return level


def _street_similarity(street: _Side, where: np.ndarray, workers: int) -> np.ndarray:
    """Similarity of the streets at ``where`` (0-100): the better of token-set ratio (words in
    any order, an apartment or a second line on one side only) and plain ratio, which keeps a
    street whose words ran together or fell apart ('97 merfieldplace', '3 lexcen a venue':
    OCR and typing both do it) near the same street written properly (token-set ratio
    compares whole words and puts '40 rumker place' / '40 rumkerlace' at 50)."""
    score = street.similarity(fuzz.token_set_ratio, where, workers)
    below = np.flatnonzero(score < 90)
    score[below] = np.maximum(score[below],
                              street.similarity(fuzz.ratio, where[below], workers))
    return score


def _address_levels(table: PersonTable, left: np.ndarray, right: np.ndarray,
                    workers: int) -> np.ndarray:
    street = _Side.of(table, "street", left, right)
    city = _Side.of(table, "city", left, right)
    postcode = _Side.of(table, "postcode", left, right)
    number = _Side.of(table, "street_number", left, right)
    same_zip = postcode.equal_present()
    zip_differs = ~postcode.equal() & ~postcode.missing()
    # A ZIP one edit away (a digit mistyped, two swapped: '2161' / '2116') is a slip of the
    # same ZIP or the area next door (neighbouring ZIPs share their leading digits): near
    # enough for a street to count as the same one, and for a city typo to count, but not
    # "same city or zip" on its own.
    near_zip = np.zeros(len(left), dtype=bool)
    could_be_near = np.flatnonzero(zip_differs & ~(city.equal() & ~city.missing()))
    near_zip[could_be_near] = postcode.similarity(OSA.distance, could_be_near, workers) <= 1
    # A city typo counts as the same city, unless the ZIPs say otherwise.
    same_city = city.equal() & ~city.missing()
    typo_worth = np.flatnonzero(~city.equal() & ~city.missing() & (~zip_differs | near_zip))
    same_city[typo_worth] = city.similarity(JW, typo_worth, workers) >= 0.92
    same_area = same_zip | same_city
    near_area = same_area | near_zip
    # The street similarity is the costly scorer: only where the street could be the same one.
    worth = np.flatnonzero((near_area | number.equal_present()) & ~street.missing())
    ratio = np.zeros(len(left), dtype=np.float32)
    ratio[worth] = _street_similarity(street, worth, workers)
    # 12 Elm St and 14 Elm St are different homes: a near street needs the same number.
    same_number = number.equal() | number.missing()
    same_street = street.equal_present()
    level = np.where(same_area, 1, 0).astype(np.int8)
    # Another house number on the same street of the same area: a mistyped number or a
    # move down the street, or a neighbour; its own level, so EM and u weigh it.
    other_number = np.flatnonzero(~number.equal() & ~number.missing() & near_area
                                  & ~street.missing())
    name = _Side.of(table, STREET_NAME, left, right)
    level[other_number[_street_similarity(name, other_number, workers) >= 90]] = 2
    level[same_number & (((ratio >= 70) & near_area) | (ratio >= 90))] = 3
    level[same_number & (ratio >= 90) & near_area | same_street] = 4
    level[same_street & same_zip & city.equal()] = 5
    nothing_l = (street.space.missing(street.left) & city.space.missing(city.left)
                 & postcode.space.missing(postcode.left))
    nothing_r = (street.space.missing(street.right) & city.space.missing(city.right)
                 & postcode.space.missing(postcode.right))
    level[nothing_l | nothing_r] = MISSING
    return level


def _phone_levels(table: PersonTable, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    phone = _Side.of(table, "phone", left, right)
    tail = _Side.of(table, "phone_tail", left, right)
    level = np.where(tail.equal(), 1, 0).astype(np.int8)
    level[phone.equal()] = 2
    level[phone.missing()] = MISSING
    return level


def _email_levels(table: PersonTable, left: np.ndarray, right: np.ndarray,
                  workers: int) -> np.ndarray:
    email = _Side.of(table, "email", left, right)
    local = _Side.of(table, "email_local", left, right)
    level = np.zeros(len(left), dtype=np.int8)
    worth = np.flatnonzero(~email.equal() & ~email.missing())
    level[worth[local.similarity(JW, worth, workers) >= 0.9]] = 1
    level[email.equal()] = 2
    level[email.missing()] = MISSING
    return level


def _case_levels(table: PersonTable, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    case = _Side.of(table, "case_number", left, right)
    account = _Side.of(table, "account4", left, right)
    level = np.zeros(len(left), dtype=np.int8)
    level[account.equal_present()] = 1
    level[case.equal_present()] = 2
    # A case number and an account number say nothing about each other.
    comparable = ~case.missing() | ~account.missing()
    level[~comparable] = MISSING
    return level


@dataclass(slots=True)
class _NamePairs:
    """Name codes of both ends, the right end's in the order that fits the left better."""

    space: CodeSpace
    given_l: np.ndarray
    surname_l: np.ndarray
    canon_l: np.ndarray
    given_r: np.ndarray
    surname_r: np.ndarray
    canon_r: np.ndarray
    given_jw: np.ndarray
    surname_jw: np.ndarray
    swapped: np.ndarray


def _name_pairs(table: PersonTable, left: np.ndarray, right: np.ndarray,
                workers: int) -> _NamePairs:
    """True swaps are where the crossed names fit better than the straight ones (by more
    than 0.2 in summed Jaro-Winkler); names that already fit (>= 1.8) get no second look."""
    space, (given, surname, canonical) = table_codes(table, "names")
    given_l, surname_l = given[left], surname[left]
    given_r, surname_r = given[right], surname[right]
    everything = np.arange(len(left))
    given_jw = pair_similarity(JW, space, given_l, given_r, workers)
    surname_jw = pair_similarity(JW, space, surname_l, surname_r, workers)
    straight = given_jw + surname_jw
    doubtful = everything[straight < 1.8]
    crossed_given = pair_similarity(JW, space, given_l[doubtful], surname_r[doubtful], workers)
    crossed_surname = pair_similarity(JW, space, surname_l[doubtful], given_r[doubtful],
                                      workers)
    swapped = np.zeros(len(left), dtype=bool)
    swapped[doubtful] = crossed_given + crossed_surname > straight[doubtful] + 0.2
    turn = swapped[doubtful]
    given_jw[doubtful[turn]] = crossed_given[turn]
    surname_jw[doubtful[turn]] = crossed_surname[turn]
    return _NamePairs(space=space, given_l=given_l, surname_l=surname_l,
                      canon_l=canonical[left], given_r=np.where(swapped, surname_r, given_r),
                      surname_r=np.where(swapped, given_r, surname_r),
                      canon_r=np.where(swapped, surname_r, canonical[right]),
                      given_jw=given_jw, surname_jw=surname_jw, swapped=swapped)


def name_order_swapped(table: PersonTable, left: np.ndarray, right: np.ndarray,
                       workers: int = 1) -> np.ndarray:
    """True where the right record's given/surname fit the left better the other way round."""
    return _name_pairs(table, left, right, workers).swapped


def prepare_codes(table: PersonTable) -> None:
    """Make every column group's codes now (before worker processes fork off the table)."""
    for group in (*CODE_GROUPS, STREET_NAME):
        table_codes(table, group)


def compare_pairs(table: PersonTable, left: np.ndarray, right: np.ndarray,
                  workers: int = 1, chunk: int = PAIR_CHUNK) -> np.ndarray:
    """Comparison vectors of pairs, in chunks of ``chunk`` pairs so memory stays flat at any
    size; with ``workers`` other than 1 and several chunks, the chunks are spread over
    worker processes (every core), each chunk computing exactly what it would alone."""
    if len(left) <= chunk:
        return _compare_chunk(table, left, right, workers)
    prepare_codes(table)
    return map_pair_chunks(_compare_chunk, table, left, right, chunk, workers)


def _compare_chunk(table: PersonTable, left: np.ndarray, right: np.ndarray,
                   workers: int = 1) -> np.ndarray:
    """Comparison vectors of pairs (left[k], right[k]): an int8 matrix, one column per field."""
    names = _name_pairs(table, left, right, workers)
    gamma = np.empty((len(left), len(FIELDS)), dtype=np.int8)
    gamma[:, FIELD_INDEX["given_name"]] = _name_levels(
        names.space, names.given_l, names.given_r, names.given_jw, names.canon_l,
        names.canon_r, workers)
    gamma[:, FIELD_INDEX["surname"]] = _name_levels(
        names.space, names.surname_l, names.surname_r, names.surname_jw, None, None, workers)
    gamma[:, FIELD_INDEX["dob"]] = _dob_levels(table, left, right)
    gamma[:, FIELD_INDEX["ssn4"]] = _edit_levels(_Side.of(table, "ssn4", left, right), workers)
    gamma[:, FIELD_INDEX["address"]] = _address_levels(table, left, right, workers)
    gamma[:, FIELD_INDEX["phone"]] = _phone_levels(table, left, right)
    gamma[:, FIELD_INDEX["email"]] = _email_levels(table, left, right, workers)
    gamma[:, FIELD_INDEX["case"]] = _case_levels(table, left, right)
    return gamma
