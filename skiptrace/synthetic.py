"""Synthetic debtor-like person records with known identities, for training and benchmarks.

People get US-frequency first and last names (Faker's weighted lists, so
"Smith" and "Maria" are as common as they are in life), a date of birth, SSN
last four, one to three addresses (they move), phones and an email. Each
person is then seen one to four times, each sighting with the noise that
collection data carries: typos, nicknames, initials, given and surname
swapped, an old address, a blank SSN-4 or DOB, a day/month mix-up. A sighting
may carry the account (last four digits) and court case it came from.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

import numpy as np
from faker.providers.person.en_US import Provider as PersonNames

from skiptrace.nicknames import _GROUPS
from skiptrace.record_columns import RecordColumns
from skiptrace.records import PersonRecord

STREET_TYPES = ("Street", "St", "Avenue", "Ave", "Road", "Rd", "Drive", "Dr", "Lane", "Ln",
                "Court", "Ct", "Place", "Pl", "Boulevard", "Blvd", "Way", "Circle", "Terrace")
STATES = ("AL", "AZ", "CA", "CO", "FL", "GA", "IL", "IN", "KY", "MD", "MI", "MN", "MO", "NC",
          "NJ", "NV", "NY", "OH", "OK", "OR", "PA", "SC", "TN", "TX", "VA", "WA", "WI")
EMAIL_DOMAINS = ("example.com", "example.net", "example.org", "mail.example.com")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
COLUMN_CHUNK = 500_000  # records made and coded at a time by ``DebtorGenerator.columns``


@dataclass(slots=True)
class SyntheticPerson:
    person_id: int
    given: str
    middle: str
    surname: str
    dob: date
    ssn4: str
    addresses: list[tuple[str, str, str, str]]  # street, city, state, zip
    phones: list[str]
    email: str
    accounts: list[tuple[str, str]]  # account number, court case number ('' before a suit)


def _weighted(names: dict[str, float]) -> tuple[list[str], list[float]]:
    """Names and cumulative weights (``random.choices`` is fast given cum_weights)."""
    return list(names.keys()), list(accumulate(names.values()))


def typo(text: str, rng: random.Random) -> str:
    """One keyboard slip: a letter dropped, doubled, replaced or two swapped."""
    if len(text) < 3:
        return text
    pos = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return text[:pos] + text[pos + 1:]
    if kind == 1:
        return text[:pos] + rng.choice(_LETTERS) + text[pos:]
    if kind == 2:
        return text[:pos] + rng.choice(_LETTERS) + text[pos + 1:]
    return text[:pos - 1] + text[pos] + text[pos - 1] + text[pos + 1:]


class DebtorGenerator:
    """Reproducible people and noisy sightings of them (same seed, same records)."""

    def __init__(self, seed: int = 42) -> None:
        self.rng = random.Random(seed)
        self.first_names, self.first_weights = _weighted(
            {**PersonNames.first_names_male, **PersonNames.first_names_female})
        self.last_names, self.last_weights = _weighted(PersonNames.last_names)
        self.nicknames = {canonical: nicks.split() for canonical, nicks in _GROUPS.items()}
        self.street_names = [self.rng.choice(self.last_names + self.first_names)
                             for _ in range(4000)]
        self.places = [self._place(i) for i in range(3000)]

    def _place(self, index: int) -> tuple[str, str, str]:
        rng = self.rng
        city = rng.choice(self.last_names) + rng.choice(("", "ville", " City", "ton", " Park"))
        return city.strip(), rng.choice(STATES), f"{rng.randrange(10000, 99999):05d}"

    def _address(self) -> tuple[str, str, str, str]:
        rng = self.rng
        street = (f"{rng.randrange(1, 9999)} {rng.choice(('', '', '', 'N ', 'S ', 'E ', 'W '))}"
                  f"{rng.choice(self.street_names)} {rng.choice(STREET_TYPES)}")
        if rng.random() < 0.25:
            street += f" Apt {rng.randrange(1, 40)}{rng.choice(('', 'A', 'B'))}"
        city, state, zip_code = rng.choice(self.places)
        return street, city, state, zip_code

    def person(self, person_id: int) -> SyntheticPerson:
        rng = self.rng
        given = rng.choices(self.first_names, cum_weights=self.first_weights)[0]
        surname = rng.choices(self.last_names, cum_weights=self.last_weights)[0]
        dob = date(1945, 1, 1) + timedelta(days=rng.randrange(0, 58 * 365))
        phones = [f"+1{rng.randrange(201, 989)}{rng.randrange(2000000, 9999999)}"
                  for _ in range(rng.choice((1, 1, 2)))]
        email = (f"{given[0]}{surname}{rng.randrange(1, 99)}@{rng.choice(EMAIL_DOMAINS)}"
                 .lower())
        return SyntheticPerson(
            person_id=person_id, given=given, middle=rng.choice(_LETTERS).upper(),
            surname=surname, dob=dob, ssn4=f"{rng.randrange(0, 10000):04d}",
            addresses=[self._address() for _ in range(rng.choice((1, 1, 2, 3)))],
            phones=phones, email=email,
            accounts=[(f"{rng.randrange(10**11, 10**16)}",
                       f"{rng.randrange(2015, 2026)}-CV-{rng.randrange(1, 999999):06d}"
                       if rng.random() < 0.5 else "")
                      for _ in range(rng.choice((1, 1, 2, 3)))])

    def sighting(self, person: SyntheticPerson, record_id: str) -> PersonRecord:
        rng = self.rng
        given, surname = person.given, person.surname
        roll = rng.random()
        nicks = self.nicknames.get(given.lower())
        if roll < 0.10 and nicks:
            given = rng.choice(nicks).title()
        elif roll < 0.18:
            given = typo(given, rng)
        elif roll < 0.21:
            given = given[0]
        if rng.random() < 0.08:
            surname = typo(surname, rng)
        if rng.random() < 0.03:
            given, surname = surname, given
        dob: date | None = person.dob
        roll = rng.random()
        if roll < 0.30:
            dob = None
        elif roll < 0.33:
            dob = person.dob + timedelta(days=rng.choice((-1, 1, 10, -10, 365)))
        elif roll < 0.35 and person.dob.day <= 12:
            dob = date(person.dob.year, person.dob.day, person.dob.month)
        street, city, state, zip_code = rng.choice(person.addresses)
        if rng.random() < 0.10:
            street = typo(street, rng)
        if rng.random() < 0.03:
            city = typo(city, rng)
        account, case = rng.choice(person.accounts) if rng.random() < 0.6 else ("", "")
        return PersonRecord(
            record_id=record_id, given_name=given, surname=surname, dob=dob,
            account_last4=account[-4:] if rng.random() < 0.8 else "",
            case_number=case if rng.random() < 0.5 else "",
            middle_name=person.middle if rng.random() < 0.3 else "",
            ssn_last4=person.ssn4 if rng.random() < 0.5 else "",
            street=street, city=city, state=state, postcode=zip_code,
            phone=rng.choice(person.phones) if rng.random() < 0.65 else "",
            email=person.email if rng.random() < 0.4 else "",
            source_type="synthetic")

    def _sightings(self, count: int) -> Iterator[tuple[PersonRecord, int]]:
        """``count`` sightings in the order they are made, with the person id behind each."""
        made, person_id = 0, 0
        while made < count:
            person = self.person(person_id)
            for _ in range(self.rng.choices((1, 2, 3, 4), (0.35, 0.35, 0.2, 0.1))[0]):
                if made == count:
                    break
                yield self.sighting(person, f"r{made}"), person_id
                made += 1
            person_id += 1

    def _shuffled(self, count: int) -> list[int]:
        order = list(range(count))
        self.rng.shuffle(order)
        return order

    def records(self, count: int) -> tuple[list[PersonRecord], list[int]]:
        """``count`` sightings and the person id behind each (shuffled)."""
        records: list[PersonRecord] = []
        truth: list[int] = []
        for record, person_id in self._sightings(count):
            records.append(record)
            truth.append(person_id)
        order = self._shuffled(count)
        return [records[i] for i in order], [truth[i] for i in order]

    def columns(self, count: int, chunk: int = COLUMN_CHUNK,
                workers: int = 1) -> tuple[RecordColumns, np.ndarray]:
        """The records of ``records(count)``, the same ones in the same order, and the
        person ids, as ``RecordColumns`` coded ``chunk`` records at a time as they are made:
        ten million record objects (about 6 GB) are never alive at once."""
        columns = RecordColumns()
        truth = np.empty(count, dtype=np.int64)
        batch: list[PersonRecord] = []
        for k, (record, person_id) in enumerate(self._sightings(count)):
            batch.append(record)
            truth[k] = person_id
            if len(batch) == chunk:
                columns.extend(batch, workers)
                batch = []
        columns.extend(batch, workers)
        order = np.asarray(self._shuffled(count), dtype=np.intp)
        columns.take(order)
        return columns, truth[order]
