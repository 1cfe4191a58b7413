"""The compound blocking keys: the pairs each must find, and blocks that stay small when a
key's first part comes from a small, fixed universe (a DOB, SSN-4, account last four, ZIP)."""

import random
from datetime import date, timedelta

import numpy as np
import pytest

from skiptrace.blocking import (
    BLOCKING_CODES,
    BLOCKING_KEYS,
    candidate_pairs,
    pairs_sharing_key,
)
from skiptrace.normalize import normalize_records
from skiptrace.records import PersonRecord

DOB = date(1971, 5, 14)


def _pairs_of(name: str, records: list[PersonRecord]) -> set[tuple[int, int]]:
    """Pairs the key ``name`` alone gives, by its integer codes; its strings must agree."""
    table = normalize_records(records)
    by_codes = pairs_sharing_key(BLOCKING_CODES[name](table), 400)
    by_strings = pairs_sharing_key(BLOCKING_KEYS[name](table), 400)
    codes = set(zip(by_codes[0].tolist(), by_codes[1].tolist(), strict=True))
    assert codes == set(zip(by_strings[0].tolist(), by_strings[1].tolist(), strict=True))
    return codes


@pytest.mark.parametrize(("key", "a", "b"), [
    # given name's first letter mistyped: the surname's sound still meets on the DOB
    ("dob+name_sound", PersonRecord("a", given_name="Catherine", surname="Olsen", dob=DOB),
     PersonRecord("b", given_name="Katherine", surname="Olsen", dob=DOB)),
    # surname mistyped out of its sound, nickname on the given name: Bob is Robert's sound
    ("dob+name_sound", PersonRecord("a", given_name="Robert", surname="Quarshie", dob=DOB),
     PersonRecord("b", given_name="Bob", surname="Tuarshie", dob=DOB)),
    # given name and surname swapped
    ("ssn4+name_sound", PersonRecord("a", given_name="Maria", surname="Lopez", ssn_last4="4821"),
     PersonRecord("b", given_name="Lopez", surname="Mraia", ssn_last4="4821")),
    ("account4+name_sound", PersonRecord("a", given_name="Dana", surname="Whitfield",
                                         account_last4="0093"),
     PersonRecord("b", given_name="Dana", surname="Witfeld", account_last4="0093")),
    # a new house in the same ZIP, surname sound and given initial kept
    ("postcode+name_sound+initial",
     PersonRecord("a", given_name="Jonathan", surname="Pryce", street="12 Oak St",
                  city="Salem", state="OR", postcode="97301"),
     PersonRecord("b", given_name="Jon", surname="Price", street="740 Elm Ave",
                  city="Salem", state="OR", postcode="97301")),
    # surname mistyped out of its sound: the given name's sound and the surname's initial
    ("postcode+name_sound+initial",
     PersonRecord("a", given_name="Greta", surname="Lindqvist", postcode="97301"),
     PersonRecord("b", given_name="Greta", surname="Lindkvist", postcode="97301")),
    # the given name replaced, no DOB or SSN-4, the ZIP mistyped: the surname's sound with
    # the house number and the street's first letter still meets
    ("street_number+street_initial+surname_sound",
     PersonRecord("a", given_name="Olivia", surname="Felmingham", street="32 Angliss Place",
                  city="Annandale", postcode="2604"),
     PersonRecord("b", given_name="Keeley", surname="Felmingam", street="32 Angliss Pl",
                  city="Annandale", postcode="2640", dob=DOB)),
    # the surname replaced, the ZIP mistyped: the given name's sound (Kate is Katherine)
    ("street_number+street_initial+given_sound",
     PersonRecord("a", given_name="Katherine", surname="Dixon", street="4 Sanford Place",
                  city="Phillip", postcode="5047"),
     PersonRecord("b", given_name="Kate", surname="Clarke", street="4 Sanford Pl",
                  city="Ringwood", postcode="5074")),
    # a blank given name and another house on the same street: the surname's sound with the
    # ZIP and the street's first letter
    ("postcode+street_initial+surname_sound",
     PersonRecord("a", given_name="", surname="Abeywickrama", street="18 Carnegie Garden",
                  city="Armidale", postcode="2299"),
     PersonRecord("b", given_name="Sue", surname="Abeywikrama", street="16 Carnegie Gardens",
                  city="Armidale", postcode="2299")),
    # no house number on one side (FEBRL leaves it out): the street's first letter is that
    # of its name all the same
    ("postcode+street_initial+surname_sound",
     PersonRecord("a", given_name="Matthew", surname="Sincovich", street="Barwell Place",
                  city="Ashfield", postcode="3941"),
     PersonRecord("b", given_name="Kynan", surname="Sincovich", street="95 Barwell Pl",
                  city="Ashfield", postcode="3941", dob=DOB)),
    ("ssn4+birth_year", PersonRecord("a", given_name="Al", surname="Ng", ssn_last4="7310",
                                     dob=DOB),
     PersonRecord("b", given_name="Xu", surname="Ba", ssn_last4="7310",
                  dob=DOB + timedelta(days=40))),
])
def test_each_key_finds_the_true_pair_it_is_for(key: str, a: PersonRecord,
                                                b: PersonRecord) -> None:
    other = PersonRecord("c", given_name="Zed", surname="Other", dob=date(1950, 1, 1),
                         ssn_last4="1111", account_last4="2222", postcode="10001")
    assert _pairs_of(key, [a, b, other]) == {(0, 1)}


def test_a_shared_dob_or_ssn4_with_different_names_is_no_candidate() -> None:
    records = [PersonRecord("a", given_name="Maria", surname="Lopez", dob=DOB, ssn_last4="4821"),
               PersonRecord("b", given_name="Trevor", surname="Quinn", dob=DOB, ssn_last4="4821")]
    for key in ("dob+name_sound", "ssn4+name_sound", "ssn4+birth_year"):
        expected = {(0, 1)} if key == "ssn4+birth_year" else set()
        assert _pairs_of(key, records) == expected


_CONSONANTS = "bcdfghjklmnpqrstvwxz"
_VOWELS = "aeiou"


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(4)).title()


def _crowded_population(count: int, seed: int = 3) -> list[PersonRecord]:
    """Distinct people whose DOB, SSN-4, account last four and ZIP each come from only 40
    values (a large population seen through small universes) but whose names vary."""
    rng = random.Random(seed)
    dobs = [date(1960, 1, 1) + timedelta(days=rng.randrange(15_000)) for _ in range(40)]
    return [PersonRecord(f"r{k}", given_name=_word(rng), surname=_word(rng),
                         dob=rng.choice(dobs), ssn_last4=f"{rng.randrange(40):04d}",
                         account_last4=f"{rng.randrange(40) + 5000:04d}",
                         street=f"{rng.randrange(1, 9999)} Main St", city="Springfield",
                         state="IL", postcode=f"{62700 + rng.randrange(40)}")
            for k in range(count)]


def _largest_block(values: np.ndarray | tuple[np.ndarray, ...]) -> int:
    columns = values if isinstance(values, tuple) else (values,)
    joined = np.concatenate(columns)
    _unique, counts = np.unique(joined[joined >= 0], return_counts=True)
    return int(counts.max(initial=0))


def test_blocks_stay_small_where_the_first_part_has_few_values() -> None:
    table = normalize_records(_crowded_population(6_000))
    _left, _right, stats = candidate_pairs(table)
    assert sum(stats.skipped_blocks.values()) == 0
    compound = ("dob+name_sound", "ssn4+name_sound", "account4+name_sound",
                "postcode+name_sound+initial")
    for name in compound:
        assert _largest_block(BLOCKING_CODES[name](table)) <= 8, name
    # 6,000 records over 40 DOBs with 20 initials: blocks of about 8, the largest 18; a
    # whole name's sound keeps them at a few records
    by_initial = pairs_sharing_key(np.asarray([dob + given[:1] if dob else "" for dob, given
                                               in zip(table.dob, table.given, strict=True)],
                                              dtype=object), 400)[0]
    assert len(by_initial) > 10 * stats.pairs_per_key["dob+name_sound"]
    assert sum(stats.pairs_per_key[name] for name in compound) < len(table)
