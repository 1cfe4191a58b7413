"""The compound blocking keys: the pairs each must find, and blocks that stay small when a
key's first part comes from a small, fixed universe (a DOB, SSN-4, account last four, ZIP)
or, for a place and a street's name, that its bound skips."""

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
    # both names mistyped out of their sounds, no house number on one side, the ZIP mistyped:
    # the same street in the same city with the given name's initial
    ("city+street_name+initial",
     PersonRecord("a", given_name="Ethan", surname="Miell", street="Barwell Place",
                  city="Ashfield", postcode="3941"),
     PersonRecord("b", given_name="Ethn", surname="Wihtr", street="12 Barwel Pl",
                  city="Ashfield", postcode="3914")),
    # the given name replaced and the city mistyped: the ZIP, the street's name run together
    # with its suffix ('copeplace' starts as 'cope place') and the surname's initial
    ("postcode+street_name+initial",
     PersonRecord("a", given_name="Taliah", surname="Morrison", street="7 Cope Place",
                  city="Dover", postcode="6714"),
     PersonRecord("b", given_name="Samantha", surname="Morisno", street="18 Copeplace",
                  city="Dovre", postcode="6714")),
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


def test_the_same_street_in_the_same_city_pairs_what_no_other_key_does() -> None:
    """FEBRL4 hard's kind of pair: both names garbled past their sounds, the house number
    changed, the ZIP mistyped, no DOB or SSN-4. Only the city's street with an initial meets."""
    records = [PersonRecord("a", given_name="Ethan", surname="Miell", street="6 Barwell Place",
                            city="Ashfield", postcode="3941"),
               PersonRecord("b", given_name="Ethan", surname="Wihtr", street="80 Barwell Pl",
                            city="Ashfield", postcode="3914"),
               PersonRecord("c", given_name="Zed", surname="Other", street="6 Barwell Place",
                            city="Kew", postcode="3101")]
    table = normalize_records(records)
    left, right, stats = candidate_pairs(table)
    assert (0, 1) in set(zip(left.tolist(), right.tolist(), strict=True))
    assert stats.pairs_per_key["city+street_name+initial"] == 1
    others = {name: key for name, key in BLOCKING_CODES.items()
              if name not in ("city+street_name+initial", "postcode+street_name+initial")}
    left, right, _stats = candidate_pairs(table, others)
    assert (0, 1) not in set(zip(left.tolist(), right.tolist(), strict=True))


def test_a_street_is_blocked_on_by_its_name_not_its_house_number_or_direction() -> None:
    same_street = [PersonRecord("a", given_name="Nora", surname="Quill", street="120 N Maple Ave",
                                city="Salem", postcode="97301"),
                   PersonRecord("b", given_name="Nina", surname="Kwill",
                                street="88 North Maplewood Avenue", city="Salem",
                                postcode="97302"),
                   # another street of the same direction in the same city and ZIP
                   PersonRecord("c", given_name="Nell", surname="Quarry", street="120 N Oak St",
                                city="Salem", postcode="97301"),
                   # PO boxes are no street: a town's boxes are not one block
                   PersonRecord("d", given_name="Ned", surname="Nagle", street="PO Box 12",
                                city="Salem", postcode="97301"),
                   PersonRecord("e", given_name="Nia", surname="Noone", street="PO Box 40",
                                city="Salem", postcode="97301")]
    assert _pairs_of("city+street_name+initial", same_street) == {(0, 1)}
    assert _pairs_of("postcode+street_name+initial", same_street) == set()


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
    street_keys = ("city+street_name+initial", "postcode+street_name+initial")
    assert sum(blocks for name, blocks in stats.skipped_blocks.items()
               if name not in street_keys) == 0
    # Every record lives on Main St in Springfield: a place with a street is not a small
    # universe, so the street keys rest on their bound. The city's street has one block per
    # initial (about 600 records each), all skipped and counted; 150 per ZIP give blocks of
    # about 15, the largest past the bound.
    assert stats.skipped_blocks["city+street_name+initial"] == 20
    assert stats.pairs_per_key["city+street_name+initial"] == 0
    assert stats.skipped_blocks["postcode+street_name+initial"] > 0
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


def test_the_street_initial_is_that_of_its_name_after_a_directional():
    from skiptrace.blocking import _initial_of_street

    # every "S ..." street of a ZIP shared the initial 's' before: one block for them all
    assert _initial_of_street("12 s lamb blvd") == _initial_of_street("12 lamb blvd") == "l"
    assert _initial_of_street("n main st") == "m"
    assert _initial_of_street("s lamb") == "l"
    assert _initial_of_street("12 n") == "n"  # a street named N keeps its letter
    assert _initial_of_street("12") == "" and _initial_of_street("") == ""
