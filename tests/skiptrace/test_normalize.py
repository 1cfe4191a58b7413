from datetime import date

import numpy as np
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


def _one_record_reference(r: PersonRecord) -> dict[str, object]:
    """Every column of ``normalize_records`` for one record, computed directly from the public
    functions (no distinct-value sharing), the definition the columnar code must match."""
    import jellyfish

    from skiptrace.normalize import (
        account_last_four,
        normalize_case_number,
        normalize_email,
        phone_digits_tail,
    )
    from skiptrace.text import fold
    from skiptrace.usps import standardize_street, zip5

    tokens = fold(r.given_name).split()
    given = tokens[0] if tokens else ""
    middle = (fold(r.middle_name) or " ".join(tokens[1:])) if tokens else fold(r.middle_name)
    surname = split_surname_suffix(fold(r.surname))[0]
    street = standardize_street(r.street)
    first = street.split(" ", 1)[0] if street else ""
    dob = r.dob.strftime("%Y%m%d") if r.dob else r.dob_text
    phone = normalize_phone(r.phone)
    email = normalize_email(r.email)
    canonical = canonical_given_name(given)

    def sound(name: str) -> str:
        return jellyfish.soundex(name) if name else ""

    return {
        "given": given, "middle": middle, "surname": surname, "given_canonical": canonical,
        "street": street, "street_number": first if first[:1].isdigit() else "",
        "dob": dob, "dob_year": dob[:4],
        "dob_number": int(dob) if len(dob) == 8 and dob.isdigit() else -1,
        "ssn4": r.ssn_last4 or "", "city": fold(r.city), "state": fold(r.state),
        "postcode": zip5(r.postcode), "phone": phone,
        "phone_tail": phone[-7:] if phone else phone_digits_tail(r.phone),
        "email": email, "email_local": email.split("@", 1)[0],
        "surname_soundex": sound(surname), "given_soundex": sound(given),
        "given_canonical_soundex": sound(canonical),
        "case_number": normalize_case_number(r.case_number),
        "account4": account_last_four(r.account_last4),
    }


def test_columnar_normalization_equals_the_per_record_definition():
    """Distinct values are normalized once and derived columns reuse the codes of the columns
    they come from: on a generated population (typos, swaps, units, nicknames, blanks) and odd
    hand-written values, every column equals the per-record definition."""
    from skiptrace.synthetic import DebtorGenerator

    records, _truth = DebtorGenerator(seed=11).records(3_000)
    records += [
        PersonRecord(record_id="x1", given_name="  Mary   Ann ", surname="O'Neil Jr",
                     street="12 #4 Main", phone="1-217-555-0143", email="NoAt",
                     dob_text="19551192", case_number="2023 cc 1"),
        PersonRecord(record_id="x2", given_name="Mary", middle_name="Ann", surname="José Ñúñez",
                     street="PO Box 7", phone="99 555 0143", postcode="62704-1234",
                     account_last4="xxxx1789"),
        PersonRecord(record_id="x3", given_name="", middle_name="Q", street="  1420   West Elm"),
        PersonRecord(record_id="x4"),
    ]
    table = normalize_records(records, workers=1)
    expected = [_one_record_reference(r) for r in records]
    for column in expected[0]:
        got = getattr(table, column).tolist()
        want = [row[column] for row in expected]
        assert got == want, column
    assert table.dob_number.dtype == np.int64


def test_column_groups_in_worker_processes_give_the_same_table(monkeypatch):
    """The column groups normalized side by side in forked processes (codes and distinct
    values sent back) give exactly the table normalized in this process."""
    import skiptrace.normalize as normalize
    from skiptrace.synthetic import DebtorGenerator

    records, _truth = DebtorGenerator(seed=12).records(1_500)
    here = normalize_records(records, workers=1)
    monkeypatch.setattr(normalize, "MIN_VALUES_FOR_POOL", 0)
    pooled = normalize_records(records, workers=2)
    for column in normalize.PersonTable.__slots__:
        if column in ("codes", "key_codes"):
            continue
        a, b = getattr(here, column), getattr(pooled, column)
        assert list(a) == list(b), column
        assert np.asarray(a).dtype == np.asarray(b).dtype, column
