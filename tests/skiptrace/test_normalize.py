from datetime import date

import pytest

from skiptrace.nicknames import canonical_given_name
from skiptrace.normalize import (
    dob_parts,
    normalize_phone,
    normalize_records,
    parse_dob,
    parse_person_name,
    split_surname_suffix,
)
from skiptrace.records import PersonRecord


def test_parse_person_name_handles_comma_form_and_suffix():
    name = parse_person_name("GONZALEZ, MARIA L.")
    assert (name.given, name.middle, name.surname) == ("maria", "l", "gonzalez")
    assert parse_person_name("Robert A. Smith Jr.").suffix == "jr"


def test_split_surname_suffix():
    assert split_surname_suffix("smith jr") == ("smith", "jr")


def test_nicknames_resolve_to_canonical_name():
    assert canonical_given_name("bob") == canonical_given_name("robert") == "robert"
    assert canonical_given_name("liz") == "elizabeth"
    assert canonical_given_name("zelda") == "zelda"


@pytest.mark.parametrize("raw", ["(217) 555-0143", "217.555.0143", "+1 217 555 0143",
                                 "1-217-555-0143"])
def test_normalize_phone_gives_e164(raw):
    assert normalize_phone(raw) == "+12175550143"


def test_normalize_phone_rejects_junk():
    assert normalize_phone("12") == ""


@pytest.mark.parametrize("raw", ["1981-04-09", "04/09/1981", "19810409", "April 9, 1981"])
def test_parse_dob_formats(raw):
    assert parse_dob(raw) == date(1981, 4, 9)


def test_parse_dob_rejects_garbage():
    with pytest.raises(ValueError):
        parse_dob("not a date at all")
    assert parse_dob("") is None


def test_normalize_records_builds_columns():
    table = normalize_records([
        PersonRecord(record_id="a", given_name="Bob", surname="Smith Jr", dob=date(1981, 4, 9),
                     street="12 North Main Street", postcode="62704-1111",
                     phone="217-555-0143", email="Bob@Example.com"),
    ])
    assert table.given[0] == "bob" and table.given_canonical[0] == "robert"
    assert table.surname[0] == "smith"
    assert table.street[0] == "12 n main st" and table.street_number[0] == "12"
    assert table.postcode[0] == "62704"
    assert table.phone[0] == "+12175550143" and table.email[0] == "bob@example.com"
    assert table.dob[0] == "19810409"


@pytest.mark.parametrize(("raw", "parts"), [
    ("1955-11-92", "19551192"), ("1957-26-06", "19572606"), ("31/31/1999", "19993131"),
    ("19551192", "19551192"), ("1981-4-9", "19810409"), ("unknown", ""), ("", ""),
])
def test_dob_parts_keeps_an_impossible_date(raw, parts):
    assert dob_parts(raw) == parts


def test_junk_phone_keeps_its_last_seven_digits():
    table = normalize_records([PersonRecord(record_id="a", phone="99 555 0143"),
                               PersonRecord(record_id="b", phone="(217) 555-0143"),
                               PersonRecord(record_id="c", phone="12")])
    assert table.phone.tolist() == ["", "+12175550143", ""]
    assert table.phone_tail.tolist() == ["5550143", "5550143", ""]
