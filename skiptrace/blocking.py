"""Candidate pairs from several blocking keys, counted and bounded.

A pair is compared when the two records share at least one key, so a typo
in one field cannot hide a true pair: the keys below each rest on different
fields (name sounds, date of birth, phone, SSN-4, address, email). A key
value shared by more than ``max_block_size`` records (a very common name) is
skipped and counted rather than allowed to blow up the pair count; the other
keys still reach those records.

The keys are defined twice over the same columns: ``BLOCKING_KEYS`` as
strings ('s530|j500'), which ``party_keys`` stores in the database for
incremental linking, and ``BLOCKING_CODES`` as integers built from the
factorized columns, which batch linking blocks on (joining a million strings
per key took half of a 1,000,000-record blocking run). Both give the same
pairs; a test holds them to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from skiptrace.column_codes import encode_distinct
from skiptrace.normalize import PersonTable
from skiptrace.usps import DIRECTIONALS

DEFAULT_MAX_BLOCK_SIZE = 400
# A key on name sounds alone gives pairs that only link with corroboration from a field no
# other key blocks on (a date of birth off by a digit, the same city, a phone's last seven),
# or on a rare full name; a block of more than this many records is a common name, whose
# pairs grow with the square of the population and link only through other keys. Measured
# on 1,000,000 synthetic records: bounds of 400 / 50 / 20 give 32.8M / 17.4M / 13.7M pairs
# holding 98.6 / 97.6 / 96.7 % of the true pairs; the pairs lost link through no other
# evidence, so the linked recall stays (100,000 records: 0.9675 with 400, 0.9678 with 20).
NAME_ONLY_MAX_BLOCK_SIZE = 20
# Above this many records a block of more than ``BLOCK_WINDOW`` records gives only the pairs
# within that many places in surname-then-given-name order (a sorted neighbourhood), so a
# key's pairs cannot grow faster than its records. With the old keys on an initial it cut
# 2,000,000 synthetic records' pairs from 52.3M to 32.7M at the same F1; with the keys on a
# name's sound, few blocks besides those of the name-sound-only keys are that large (7.7M
# pairs at 2M).
# Off up to 1,000,000 records, where the figures were measured without it.
WINDOW_ABOVE_RECORDS = 1_000_000
BLOCK_WINDOW = 6
# The keys on a place and a street's name (``street_name``) break the rule below: their first
# part is one street of one city or ZIP, whose people grow with the records up to a long
# street's residents. Each of their blocks is one street's people of one initial, a few
# households; one of more than this many records is a long street of a big city (or of the
# whole population, where every record has the same address), skipped and counted. The largest
# block of 1,000,000 synthetic records holds 12 records, FEBRL3's 11, FEBRL4's 6.
STREET_NAME_MAX_BLOCK_SIZE = 20
# A street's name is blocked on by its first letters: a typo past them ('macalister' /
# 'macallster'), a name run together with its suffix ('copeplace') or cut ('tytherleig')
# still meets. FEBRL3 / FEBRL4 hard: the same F1 with 4, 5 or 6 letters (0.9953 / 0.9936),
# 0.9945 / 0.9930 with the whole word (city key alone); 1,000,000 synthetic records: 88,317
# new pairs with 4 letters, 57,572 with 6.
STREET_NAME_LETTERS = 4
_DIRECTIONS = frozenset(DIRECTIONALS.values())


def _join(*columns: np.ndarray) -> np.ndarray:
    """Key = columns joined with '|'; '' when any part is missing."""
    rows = zip(*columns, strict=True)
    return np.asarray(["|".join(parts) if all(parts) else "" for parts in rows], dtype=object)


def _first_letter(column: np.ndarray) -> np.ndarray:
    return np.asarray([value[:1] for value in column], dtype=object)


def _sorted_pair(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Order-free pair key, so 'John Smith' and 'Smith John' share it."""
    low = np.where(a <= b, a, b)
    high = np.where(a <= b, b, a)
    return _join(low, high)


def _year(dob: np.ndarray) -> np.ndarray:
    return np.asarray([value[:4] for value in dob], dtype=object)


def _initial_of_street(street: str) -> str:
    """The first letter of a street's name, after its house number where it has one and a
    directional ('12 s lamb blvd' -> 'l': else every "S ..." street of a ZIP shares 's');
    '' for a number alone or no street."""
    words = street.split(" ", 3)
    if words[0][:1].isdigit():
        del words[0]
    if len(words) > 1 and words[0] in _DIRECTIONS:
        del words[0]
    name = words[0] if words else ""
    return name[:1] if name[:1].isalpha() else ""


def _street_initial(street: np.ndarray) -> np.ndarray:
    return np.asarray([_initial_of_street(value) for value in street], dtype=object)


def _name_of_street(street: str) -> str:
    """The first ``STREET_NAME_LETTERS`` letters of a street's name: its first word after the
    house number and a directional ('1972 s lamb blvd' -> 'lamb'); '' where the street has no
    name (a number alone, a PO box, no street)."""
    words = street.split(" ", 3)
    if words[0][:1].isdigit():
        del words[0]
    if len(words) > 1 and words[0] in _DIRECTIONS:
        del words[0]
    if not words or words[:2] == ["po", "box"] or words[0].isdigit():
        return ""
    return words[0][:STREET_NAME_LETTERS]


def _street_name(street: np.ndarray) -> np.ndarray:
    return np.asarray([_name_of_street(value) for value in street], dtype=object)


def _initials(t: PersonTable) -> tuple[np.ndarray, np.ndarray]:
    return _first_letter(t.given), _first_letter(t.surname)


def _each_sound(t: PersonTable, column: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The column with the given name's sound (nicknames resolved), and with the surname's."""
    return _join(column, t.given_canonical_soundex), _join(column, t.surname_soundex)


def _each_initial(t: PersonTable, column: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The column with the given name's first letter, and with the surname's."""
    given, surname = _initials(t)
    return _join(column, given), _join(column, surname)


KeyValues = np.ndarray | tuple[np.ndarray, ...]

# A key may give a record several values (a tuple of arrays): "dob+name_sound" puts a record
# in the block of its date of birth with its given name's sound and in the one with its
# surname's, so the pair survives a typo in either name and a given/surname swap.
#
# Every key joins a value from a small, fixed universe (a date of birth, SSN-4, account last
# four, ZIP) to a second, independent attribute with many values (a name sound, a house
# number, a birth year), so its blocks stay a few records at any population size and its
# pairs grow with the records, not their square. An initial (26 values, a few common) was
# that second attribute before: 1,000,000 synthetic records gave 14.6M pairs, 2,000,000 gave
# 52.3M. Which true pairs each key alone catches: docs/linking.md, "Blocking keys".
BLOCKING_KEYS: dict[str, Callable[[PersonTable], KeyValues]] = {
    "name_sounds": lambda t: _sorted_pair(t.given_soundex, t.surname_soundex),
    "name_sounds_nicknames_resolved": lambda t: _sorted_pair(t.given_canonical_soundex,
                                                             t.surname_soundex),
    # Common names, whose name-only blocks are skipped, meet again here by birth year: a
    # date of birth mistyped within the year still pairs them.
    "name_sounds+birth_year": lambda t: _join(_sorted_pair(t.given_soundex, t.surname_soundex),
                                              _year(t.dob)),
    "dob+name_sound": lambda t: _each_sound(t, t.dob),
    "ssn4+name_sound": lambda t: _each_sound(t, t.ssn4),
    # Both names mistyped or missing: SSN-4 and the birth year still meet.
    "ssn4+birth_year": lambda t: _join(t.ssn4, _year(t.dob)),
    "phone": lambda t: t.phone,
    "email": lambda t: t.email,
    "case_number": lambda t: t.case_number,
    "account4+name_sound": lambda t: _each_sound(t, t.account4),
    "postcode+street_number": lambda t: _join(t.postcode, t.street_number),
    # Both names mistyped (FEBRL's typos): a personal identifier with a place still meets.
    "ssn4+street_number": lambda t: _join(t.ssn4, t.street_number),
    "ssn4+postcode": lambda t: _join(t.ssn4, t.postcode),
    "dob+street_number": lambda t: _join(t.dob, t.street_number),
    "dob+postcode": lambda t: _join(t.dob, t.postcode),
    # One name replaced or garbled past its sound and no DOB or SSN-4 to meet on (FEBRL's
    # corruption, a nickname no table holds, a blank given name): the other name's sound with
    # the house number, or the surname's with the ZIP, still meets, each with the first
    # letter of the street's name (``street_initial``: the same street, or nearly) so that
    # its blocks are one street's people of one name sound, not a whole ZIP's or house
    # number's (1,000,000 synthetic records: 150,569 pairs no other key gives, +4.0 %, 91 of
    # them true; without the street's letter one key alone, house number + surname sound,
    # gave 221,849). FEBRL3 / FEBRL4 hard F1 0.9902 / 0.9847 -> 0.9936 / 0.9912. The same with
    # the ZIP and the given name's sound: +0.0006 / +0.0009 for 144,951 more pairs at 1M: not in.
    "street_number+street_initial+surname_sound": lambda t: _join(
        t.street_number, _street_initial(t.street), t.surname_soundex),
    "street_number+street_initial+given_sound": lambda t: _join(
        t.street_number, _street_initial(t.street), t.given_canonical_soundex),
    "postcode+street_initial+surname_sound": lambda t: _join(
        t.postcode, _street_initial(t.street), t.surname_soundex),
    # One name's sound and the other's initial: a ZIP holds thousands of people, so a name
    # sound alone there gives blocks that grow with the population (3.3M pairs at 1,000,000).
    "postcode+name_sound+initial": lambda t: (
        _join(t.postcode, t.surname_soundex, _first_letter(t.given)),
        _join(t.postcode, t.given_canonical_soundex, _first_letter(t.surname))),
    # Both names replaced or mistyped past their sounds, the house number changed or missing,
    # no DOB or SSN-4 (FEBRL's corruption): the same street in the same city, or ZIP, with
    # either name's first letter still meets ('ethan miell' / 'ethan wihtr', 'barwell place'
    # with no number, the ZIP mistyped). A place and a street are both many-valued, so this
    # departs from the rule above; see ``STREET_NAME_MAX_BLOCK_SIZE``. FEBRL3 / FEBRL4 hard
    # F1 0.9936 / 0.9912 -> 0.9953 / 0.9936; 1,000,000 synthetic records: 88,317 pairs no
    # other key gives (+2.3 %, 141 true). Without the initial: 0.9953 / 0.9937 for about
    # 4x the pairs (city + street alone 367,006 new at 1M).
    "city+street_name+initial": lambda t: _each_initial(t, _join(t.city, _street_name(t.street))),
    "postcode+street_name+initial": lambda t: _each_initial(
        t, _join(t.postcode, _street_name(t.street))),
}


def _coded(*columns: np.ndarray) -> list[np.ndarray]:
    """Int32 codes of the columns in one shared value space; -1 where a value is ''. (The
    table keeps them for every key; int32 is half the memory, and keys that join codes
    compute in int64.)"""
    joined = np.concatenate(columns) if len(columns) > 1 else columns[0]
    codes, _uniques = pd.factorize(joined, use_na_sentinel=False)
    codes = np.where(joined == "", -1, codes).astype(np.int32)
    size = len(columns[0])
    return [codes[k * size:(k + 1) * size] for k in range(len(columns))]


def _coded_distinct(*columns: tuple[np.ndarray, list]) -> list[np.ndarray]:
    """``_coded`` of columns held as (codes, distinct values), hashing only the values."""
    space, codes = encode_distinct(columns)
    return [np.where(space.missing(part), -1, part).astype(np.int32) for part in codes]


def _table_coded(t: PersonTable, *names: str) -> list[np.ndarray]:
    """``_coded`` of the table's columns ``names``, made once per table."""
    if names not in t.key_codes:
        t.key_codes[names] = (
            _coded_distinct(*(t.distinct[name] for name in names))
            if all(name in t.distinct for name in names)
            else _coded(*(getattr(t, name) for name in names)))
    return t.key_codes[names]


def _join_codes(*parts: np.ndarray, radix: int | None = None) -> np.ndarray:
    """One code per combination of parts (their mixed-radix number); -1 when any is -1.

    ``radix`` bounds the last part: the values of one key must share it, so that
    'dob|j' reached through the given initial equals 'dob|j' through the surname's.
    """
    key = np.zeros(len(parts[0]), dtype=np.int64)
    missing = np.zeros(len(parts[0]), dtype=bool)
    for k, part in enumerate(parts):
        base = radix if radix is not None and k == len(parts) - 1 else int(part.max(initial=0)) + 1
        key = key * base + np.maximum(part, 0)
        missing |= part < 0
    return np.where(missing, -1, key)


def _sorted_codes(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return _join_codes(np.minimum(a, b), np.maximum(a, b))


def _sounds(t: PersonTable) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    given, surname, canonical = _table_coded(t, "given_soundex", "surname_soundex",
                                             "given_canonical_soundex")
    return given, surname, canonical


def _initial_codes(t: PersonTable) -> list[np.ndarray]:
    if ("initials",) not in t.key_codes:
        t.key_codes[("initials",)] = _coded(*_initials(t))
    return t.key_codes[("initials",)]


def _name_sounds_code(t: PersonTable) -> np.ndarray:
    given, surname, _canonical = _sounds(t)
    return _sorted_codes(given, surname)


def _sound_radix(t: PersonTable) -> int:
    return max(int(codes.max(initial=0)) for codes in _sounds(t)) + 1


def _with_each_sound(t: PersonTable, column: str) -> tuple[np.ndarray, np.ndarray]:
    """Codes of ``_each_sound``: one radix for both sounds, so equal strings get equal codes."""
    (code,) = _table_coded(t, column)
    _given, surname, canonical = _sounds(t)
    radix = _sound_radix(t)
    return _join_codes(code, canonical, radix=radix), _join_codes(code, surname, radix=radix)


def _with_sound_and_initial(t: PersonTable, column: str) -> tuple[np.ndarray, np.ndarray]:
    """Codes of 'postcode+name_sound+initial': column, one name's sound, the other's initial."""
    (code,) = _table_coded(t, column)
    _given, surname, canonical = _sounds(t)
    given_initial, surname_initial = _initial_codes(t)
    radix = _sound_radix(t)
    initial_radix = max(int(given_initial.max(initial=0)),
                        int(surname_initial.max(initial=0))) + 1
    return (_join_codes(_join_codes(code, surname, radix=radix), given_initial,
                        radix=initial_radix),
            _join_codes(_join_codes(code, canonical, radix=radix), surname_initial,
                        radix=initial_radix))


def _single(t: PersonTable, column: str) -> np.ndarray:
    return _table_coded(t, column)[0]


def _pair_of(t: PersonTable, first: str, second: str) -> np.ndarray:
    return _join_codes(_single(t, first), _single(t, second))


def _street_derived_code(t: PersonTable, name: str,
                         derive: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """Codes of ``derive`` over the streets (their initial, their name), made on the distinct
    streets when the table has them, and kept on the table under ``name``."""
    if (name,) not in t.key_codes:
        if "street" in t.distinct:
            codes, values = t.distinct["street"]
            column = derive(np.asarray(values, dtype=object))[codes]
        else:
            column = derive(t.street)
        t.key_codes[(name,)] = _coded(column)
    return t.key_codes[(name,)][0]


def _street_initial_code(t: PersonTable) -> np.ndarray:
    return _street_derived_code(t, "street_initial", _street_initial)


def _street_name_code(t: PersonTable) -> np.ndarray:
    return _street_derived_code(t, "street_name", _street_name)


def _with_street_name_and_initial(t: PersonTable, column: str) -> tuple[np.ndarray, np.ndarray]:
    """Codes of 'city+street_name+initial' (``column`` the city or ZIP): one radix for both
    initials, so equal strings get equal codes."""
    place = _join_codes(_single(t, column), _street_name_code(t))
    given_initial, surname_initial = _initial_codes(t)
    radix = max(int(given_initial.max(initial=0)), int(surname_initial.max(initial=0))) + 1
    return (_join_codes(place, given_initial, radix=radix),
            _join_codes(place, surname_initial, radix=radix))


def _birth_year(t: PersonTable) -> np.ndarray:
    if ("birth_year",) not in t.key_codes:
        t.key_codes[("birth_year",)] = _coded(_year(t.dob))
    return t.key_codes[("birth_year",)][0]


BLOCKING_CODES: dict[str, Callable[[PersonTable], KeyValues]] = {
    "name_sounds": _name_sounds_code,
    "name_sounds_nicknames_resolved": lambda t: _sorted_codes(_sounds(t)[2], _sounds(t)[1]),
    "name_sounds+birth_year": lambda t: _join_codes(_name_sounds_code(t), _birth_year(t)),
    "dob+name_sound": lambda t: _with_each_sound(t, "dob"),
    "ssn4+name_sound": lambda t: _with_each_sound(t, "ssn4"),
    "ssn4+birth_year": lambda t: _join_codes(_single(t, "ssn4"), _birth_year(t)),
    "phone": lambda t: _single(t, "phone"),
    "email": lambda t: _single(t, "email"),
    "case_number": lambda t: _single(t, "case_number"),
    "account4+name_sound": lambda t: _with_each_sound(t, "account4"),
    "postcode+street_number": lambda t: _pair_of(t, "postcode", "street_number"),
    "ssn4+street_number": lambda t: _pair_of(t, "ssn4", "street_number"),
    "ssn4+postcode": lambda t: _pair_of(t, "ssn4", "postcode"),
    "dob+street_number": lambda t: _pair_of(t, "dob", "street_number"),
    "dob+postcode": lambda t: _pair_of(t, "dob", "postcode"),
    "street_number+street_initial+surname_sound": lambda t: _join_codes(
        _join_codes(_single(t, "street_number"), _street_initial_code(t)), _sounds(t)[1]),
    "street_number+street_initial+given_sound": lambda t: _join_codes(
        _join_codes(_single(t, "street_number"), _street_initial_code(t)), _sounds(t)[2]),
    "postcode+street_initial+surname_sound": lambda t: _join_codes(
        _join_codes(_single(t, "postcode"), _street_initial_code(t)), _sounds(t)[1]),
    "postcode+name_sound+initial": lambda t: _with_sound_and_initial(t, "postcode"),
    "city+street_name+initial": lambda t: _with_street_name_and_initial(t, "city"),
    "postcode+street_name+initial": lambda t: _with_street_name_and_initial(t, "postcode"),
}
MAX_BLOCK_SIZE_OF_KEY = {"name_sounds": NAME_ONLY_MAX_BLOCK_SIZE,
                         "name_sounds_nicknames_resolved": NAME_ONLY_MAX_BLOCK_SIZE,
                         "city+street_name+initial": STREET_NAME_MAX_BLOCK_SIZE,
                         "postcode+street_name+initial": STREET_NAME_MAX_BLOCK_SIZE}


@dataclass(slots=True)
class BlockingStats:
    """How many pairs each key produced and what was skipped."""

    pairs_per_key: dict[str, int] = field(default_factory=dict)
    skipped_blocks: dict[str, int] = field(default_factory=dict)
    skipped_records: dict[str, int] = field(default_factory=dict)
    candidate_pairs: int = 0

    def to_dict(self) -> dict:
        return {"pairs_per_key": self.pairs_per_key, "skipped_blocks": self.skipped_blocks,
                "skipped_records": self.skipped_records, "candidate_pairs": self.candidate_pairs}


def pairs_sharing_key(keys: KeyValues, max_block_size: int, rank: np.ndarray | None = None,
                      window: int = 0) -> tuple[np.ndarray, np.ndarray, int, int]:
    """All (i, j), i < j, of records sharing a non-empty key value; blocks above the bound skipped.

    With ``rank`` (a sort order of the records) and ``window``, a block of more
    than ``window`` records gives only the pairs within ``window`` places of
    each other in that order (a sorted neighbourhood), so its pairs grow with
    its size, not the size's square. Returns the pairs (possibly repeated when
    a key has several values per record), the number of blocks skipped and the
    records in them.
    """
    columns = keys if isinstance(keys, tuple) else (keys,)
    n = len(columns[0])
    owner = np.tile(np.arange(n), len(columns))
    values = np.concatenate(columns) if len(columns) > 1 else columns[0]
    if values.dtype.kind in "iu":  # BLOCKING_CODES: -1 is missing
        codes, _uniques = pd.factorize(values)
        codes = np.where(values < 0, -1, codes)
    else:
        codes, _uniques = pd.factorize(values)
        codes = np.where(values == "", -1, codes)
    valid = np.flatnonzero(codes >= 0)
    if len(valid) == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, 0, 0
    windowed = rank is not None and window > 1
    if windowed:
        order = valid[np.lexsort((rank[owner[valid]], codes[valid]))]  # type: ignore[index]
    else:
        order = valid[np.argsort(codes[valid], kind="stable")]
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    sizes = np.diff(np.r_[starts, len(order)])
    too_big = sizes > max_block_size
    left_parts: list[np.ndarray] = []
    right_parts: list[np.ndarray] = []
    large = (sizes > window) & ~too_big if windowed else np.zeros(len(sizes), dtype=bool)
    if large.any():
        block_of = np.repeat(np.arange(len(sizes)), sizes)
        in_large = large[block_of]
        for step in range(1, window):
            at = np.flatnonzero(in_large[:-step] & (block_of[:-step] == block_of[step:]))
            left_parts.append(order[at])
            right_parts.append(order[at + step])
    for size in np.unique(sizes[(sizes >= 2) & ~too_big & ~large]):
        block_starts = starts[sizes == size]
        tri_i, tri_j = np.triu_indices(int(size), k=1)
        left_parts.append(order[(block_starts[:, None] + tri_i[None, :]).ravel()])
        right_parts.append(order[(block_starts[:, None] + tri_j[None, :]).ravel()])
    if not left_parts:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, int(too_big.sum()), int(sizes[too_big].sum())
    left = owner[np.concatenate(left_parts)]
    right = owner[np.concatenate(right_parts)]
    distinct = left != right
    low = np.minimum(left, right)[distinct]
    high = np.maximum(left, right)[distinct]
    return low, high, int(too_big.sum()), int(sizes[too_big].sum())


def sample_pairs_sharing_key(keys: np.ndarray, max_block_size: int, sample: int,
                             seed: int) -> tuple[np.ndarray, np.ndarray, int]:
    """``pairs_sharing_key(keys, max_block_size)`` (one value per record, no window) cut to a
    seeded sample of ``sample`` pairs, without making the pairs that are not kept: a date
    of birth's blocks grow with the population, so all their pairs grow with its square
    (about 11M at 1,000,000 synthetic records, 180M at 4,000,000, by arithmetic on 21,000
    birthdays). The same pairs as sampling the full
    list, in the same order; returns them and how many pairs there were in all."""
    codes, _uniques = pd.factorize(keys)
    codes = np.where(keys < 0, -1, codes)
    valid = np.flatnonzero(codes >= 0)
    order = valid[np.argsort(codes[valid], kind="stable")]
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    sizes = np.diff(np.r_[starts, len(order)])
    # pairs_sharing_key's order: blocks by size (ascending), then by position; each block's
    # pairs in np.triu_indices order
    kept_sizes = np.unique(sizes[(sizes >= 2) & (sizes <= max_block_size)])
    per_block = kept_sizes * (kept_sizes - 1) // 2
    block_counts = np.asarray([int((sizes == size).sum()) for size in kept_sizes],
                              dtype=np.int64)
    group_ends = np.cumsum(per_block * block_counts)
    total = int(group_ends[-1]) if len(group_ends) else 0
    if total <= sample:
        left, right, _blocks, _records = pairs_sharing_key(keys, max_block_size)
        return left, right, total
    chosen = np.sort(np.random.default_rng(seed).choice(total, sample, replace=False))
    group = np.searchsorted(group_ends, chosen, side="right")
    offset = chosen - np.r_[0, group_ends[:-1]][group]
    left = np.empty(len(chosen), dtype=np.int64)
    right = np.empty(len(chosen), dtype=np.int64)
    for g, size in enumerate(kept_sizes.tolist()):
        at = np.flatnonzero(group == g)
        if len(at) == 0:
            continue
        block, within = np.divmod(offset[at], per_block[g])
        tri_i, tri_j = np.triu_indices(size, k=1)
        block_starts = starts[sizes == size][block]
        first, second = order[block_starts + tri_i[within]], order[block_starts + tri_j[within]]
        left[at], right[at] = np.minimum(first, second), np.maximum(first, second)
    return left, right, total


def _string_order_key(table: PersonTable, name: str) -> np.ndarray:
    """Per record, a number that sorts as the column's strings do: the rank of its distinct
    value (made on the distinct values only, not a fixed-width copy of every string)."""
    if name not in table.distinct:
        return getattr(table, name).astype(str)
    codes, values = table.distinct[name]
    by_text = sorted(range(len(values)), key=values.__getitem__)
    rank = np.empty(len(values), dtype=np.int64)
    rank[by_text] = np.arange(len(values))
    return rank[codes]


def name_rank(table: PersonTable) -> np.ndarray:
    """Each record's place in surname-then-given-name order (the sorted-neighbourhood order)."""
    order = np.lexsort((_string_order_key(table, "given"), _string_order_key(table, "surname")))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank


def candidate_pairs(
    table: PersonTable,
    keys: dict[str, Callable[[PersonTable], KeyValues]] | None = None,
    max_block_size: int = DEFAULT_MAX_BLOCK_SIZE,
) -> tuple[np.ndarray, np.ndarray, BlockingStats]:
    """The union of the pairs every blocking key gives, each pair once (i < j)."""
    keys = keys or BLOCKING_CODES
    stats = BlockingStats()
    n = len(table)
    rank = name_rank(table) if n > WINDOW_ABOVE_RECORDS else None
    encoded_parts: list[np.ndarray] = []
    for name, make_key in keys.items():
        bound = min(max_block_size, MAX_BLOCK_SIZE_OF_KEY.get(name, max_block_size))
        low, high, skipped_blocks, skipped_records = pairs_sharing_key(
            make_key(table), bound, rank, BLOCK_WINDOW)
        stats.pairs_per_key[name] = int(len(low))
        stats.skipped_blocks[name] = skipped_blocks
        stats.skipped_records[name] = skipped_records
        encoded_parts.append(low.astype(np.int64) * n + high)
    encoded = np.concatenate(encoded_parts) if encoded_parts else np.empty(0, np.int64)
    del encoded_parts
    # A sort and a diff, not np.unique (its int64 hashing path took 18 s of a 1,000,000-record
    # blocking run); sorted in place, as at 10,000,000 records a copy of the pairs is 0.5 GB.
    encoded.sort()
    encoded = encoded[np.r_[True, encoded[1:] != encoded[:-1]]] if len(encoded) else encoded
    stats.candidate_pairs = int(len(encoded))
    index = np.int32 if n < 2**31 else np.int64  # record indices: int32 halves the pairs
    left = (encoded // n).astype(index)
    encoded %= n
    return left, encoded.astype(index), stats
