"""The synthetic people, organizations and accounts that the documents are about.

Debtors are drawn with Faker (seeded) from several locales plus hand-kept lists for
names that Faker's en_US/es_MX do not cover (Asian origins, hyphenated surnames,
suffixes). Each debtor owns an address and phone history, so that later documents can
show the person after a move or with a new number, as skip tracing meets them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import phonenumbers
from faker import Faker

from samples.formats import cents
from samples.geography import CITIES, City

ASIAN_GIVEN = (
    "Minh", "Thanh", "Jae-won", "Min-jun", "Wei", "Mei", "Hiroshi", "Yuki", "Priya", "Arjun",
    "Rohan", "Anh", "Jun", "Hyun-woo", "Xiaoling", "Deepa", "Ravi", "Quynh", "Kenji", "Ji-ho",
)
ASIAN_SURNAMES = (
    "Nguyen", "Tran", "Pham", "Kim", "Park", "Lee", "Chen", "Wang", "Liu", "Zhang", "Huang",
    "Patel", "Shah", "Reddy", "Tanaka", "Sato", "Yamamoto", "Le", "Choi", "Singh",
)
FILIPINO_SURNAMES = ("Santos", "Reyes", "Dela Cruz", "Bautista", "Villanueva", "Mendoza")
NICKNAMES = {
    "Robert": "Bob", "William": "Bill", "Elizabeth": "Liz", "Margaret": "Peggy",
    "Richard": "Rick", "James": "Jim", "Joseph": "Joe", "Michael": "Mike", "Jennifer": "Jen",
    "Katherine": "Kathy", "Christopher": "Chris", "Daniel": "Dan", "Anthony": "Tony",
    "Francisco": "Paco", "José": "Pepe", "Guadalupe": "Lupe", "Alejandro": "Alex",
    "Roberto": "Beto", "Jesús": "Chuy", "Patricia": "Patty", "Thomas": "Tom", "Steven": "Steve",
    "Deborah": "Debbie", "Susan": "Sue", "Edward": "Ed", "Jonathan": "Jon", "Rebecca": "Becky",
    "Samuel": "Sam", "Andrew": "Andy", "Matthew": "Matt", "Nicholas": "Nick", "David": "Dave",
    "Timothy": "Tim", "Kimberly": "Kim", "Jessica": "Jess", "Catherine": "Cathy",
}
FEMALE_NICKNAMED = ("Elizabeth", "Margaret", "Jennifer", "Katherine", "Guadalupe", "Patricia",
                    "Deborah", "Susan", "Rebecca", "Kimberly", "Jessica", "Catherine")
MALE_NICKNAMED = tuple(name for name in NICKNAMES if name not in FEMALE_NICKNAMED)
COMMON_NAMES = (("Maria", "Garcia"), ("James", "Smith"), ("Michael", "Johnson"),
                ("Jose", "Hernandez"), ("Linda", "Williams"), ("David", "Nguyen"))
STREET_NAMES = (
    "Elm", "Oak", "Maple", "Cedar", "Pine", "Washington", "Lincoln", "Jefferson", "Madison",
    "Cesar Chavez", "Martin Luther King Jr", "Main", "Park", "Lake", "Hill", "Sunset", "Adams",
    "Highland", "Central", "Grand", "Division", "Vine", "Spring", "Harrison", "Monroe",
    "Kedzie", "Western", "Roosevelt", "Cypress", "Magnolia", "Las Palmas", "Alvarado", "3rd",
    "5th", "14th", "23rd", "47th", "Walnut", "Chestnut", "Willow", "Sheridan", "Fulton",
)
STREET_SUFFIXES = ("St", "Ave", "Blvd", "Dr", "Rd", "Ln", "Ct", "Way", "Pl", "Pkwy", "Ter")
DIRECTIONALS = ("N", "S", "E", "W")
PHONE_TYPES = ("mobile", "home", "work")


@dataclass(frozen=True, slots=True)
class Address:
    street: str
    unit: str | None
    city: str
    state: str
    zip: str

    def one_line(self) -> str:
        """CONTRACT.md's normalized form: ``street[, unit], city, ST zip``."""
        unit = f", {self.unit}" if self.unit else ""
        return f"{self.street}{unit}, {self.city}, {self.state} {self.zip}"

    def upper(self) -> Address:
        return Address(self.street.upper(), self.unit.upper() if self.unit else None,
                       self.city.upper(), self.state, self.zip)


@dataclass(slots=True)
class Residence:
    address: Address
    since: date
    until: date | None
    status: str  # current, previous, bad address


@dataclass(slots=True)
class Phone:
    national: str
    kind: str
    since: date
    status: str  # verified, unverified, disconnected

    @property
    def e164(self) -> str:
        return f"+1{self.national}"


@dataclass(slots=True)
class Person:
    person_id: str
    given: str
    middle: str | None
    surname: str
    suffix: str | None
    dob: date
    ssn: str
    residences: list[Residence] = field(default_factory=list)
    phones: list[Phone] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    employer: Organization | None = None
    bank: Organization | None = None

    def address_on(self, day: date) -> Address:
        """Where mail reached the person on ``day`` (the last address moved into by then)."""
        known = [r for r in self.residences if r.since <= day and r.status != "bad address"]
        return (known[-1] if known else self.residences[0]).address

    def phones_on(self, day: date) -> list[Phone]:
        live = [p for p in self.phones if p.since <= day]
        return live or self.phones[:1]


@dataclass(slots=True)
class Organization:
    org_id: str
    name: str
    kind: str  # creditor, buyer, law_firm, employer, bank, agency
    address: Address
    phone: str


@dataclass(slots=True)
class Attorney:
    person_id: str
    name: str
    bar_number: str
    firm: Organization
    email: str
    phone: str


@dataclass(slots=True)
class Account:
    """One delinquent account and the dates of its life, in order."""

    debtor: Person
    original_creditor: Organization
    owner: Organization  # the current creditor (buyer or the original creditor)
    agency: Organization
    attorney: Attorney
    number: str
    opened: date
    charged_off: date
    placed: date
    principal: Decimal
    interest: Decimal
    fees: Decimal
    payments: list[tuple[date, Decimal]]
    co_owner: Person | None = None

    @property
    def balance(self) -> Decimal:
        return cents(self.principal + self.interest + self.fees)


class Population:
    """Draws people and organizations from one seeded random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.fakers = {loc: Faker(loc) for loc in ("en_US", "es_MX")}
        for offset, fake in enumerate(self.fakers.values()):
            fake.seed_instance(rng.randrange(1 << 30) + offset)
        self._person_seq = 0
        self._org_seq = 0
        self._used_numbers: set[str] = set()
        self.creditors = [self._org(n, "creditor") for n in _CREDITOR_NAMES]
        self.buyers = [self._org(n, "buyer") for n in _BUYER_NAMES]
        self.agencies = [self._org(n, "agency") for n in _AGENCY_NAMES]
        self.banks = [self._org(n, "bank") for n in _BANK_NAMES]
        self.law_firms = [self._org(n, "law_firm") for n in _LAW_FIRM_NAMES]
        self.attorneys = [self._attorney(firm) for firm in self.law_firms for _ in range(2)]
        self.employers: list[Organization] = []

    # places and numbers
    def city(self, state: str | None = None) -> City:
        pool = [c for c in CITIES if state is None or c.state == state]
        return self.rng.choice(pool)

    def address(self, city: City | None = None, *, po_box: bool = False,
                business: bool = False) -> Address:
        rng = self.rng
        city = city or self.city()
        if po_box:
            street, unit = f"PO Box {rng.randint(100, 99999)}", None
        else:
            direction = f"{rng.choice(DIRECTIONALS)} " if rng.random() < 0.35 else ""
            name = rng.choice(STREET_NAMES)
            suffix = rng.choice(STREET_SUFFIXES)
            street = f"{rng.randint(12, 9899)} {direction}{name} {suffix}"
            unit = None
            roll = rng.random()
            if business and roll < 0.6:
                unit = f"Ste {rng.randint(100, 1900)}"
            elif not business and roll < 0.3:
                unit = f"Apt {rng.randint(1, 40)}{rng.choice('ABCD')}"
            elif not business and roll < 0.4:
                unit = f"Unit {rng.randint(1, 350)}"
        return Address(street, unit, city.name, city.state, rng.choice(city.zips))

    def phone_number(self, city: City | None = None) -> str:
        city = city or self.city()
        while True:
            area = self.rng.choice(city.area_codes)
            number = f"{area}{self.rng.randint(201, 989)}{self.rng.randint(0, 9999):04d}"
            if number[4:6] == "11" or number[3:6] == "555" or number in self._used_numbers:
                continue
            if phonenumbers.is_valid_number(phonenumbers.parse("+1" + number)):
                self._used_numbers.add(number)
                return number

    # organizations
    def _org(self, name: str, kind: str, city: City | None = None) -> Organization:
        self._org_seq += 1
        city = city or self.city()
        po_box = kind in ("buyer", "creditor") and self.rng.random() < 0.4
        return Organization(f"O{self._org_seq:03d}", name, kind,
                            self.address(city, po_box=po_box, business=True),
                            self.phone_number(city))

    def employer(self, state: str) -> Organization:
        """A local employer: people work near where they live."""
        fake = self.fakers["en_US"]
        local = [org for org in self.employers if org.address.state == state]
        if len(local) < 3 or self.rng.random() < 0.3:
            name = fake.company().replace(",", "")
            name += self.rng.choice((" Inc.", " LLC", ", Inc.", " Corp.", ""))
            self.employers.append(self._org(name, "employer", self.city(state)))
            return self.employers[-1]
        return self.rng.choice(local)

    def attorney_for(self, state: str) -> Attorney:
        """Collection suits are filed by firms admitted in the state; add one when needed."""
        local = [a for a in self.attorneys if a.firm.address.state == state]
        if not local or (len(local) < 4 and self.rng.random() < 0.25):
            fake = self.fakers["en_US"]
            name = self.rng.choice((
                f"{fake.last_name()} & {fake.last_name()}, LLP",
                f"Law Offices of {fake.first_name()} {fake.last_name()}, P.C.",
                f"{fake.last_name()} {fake.last_name()} Legal Group, PC",
                f"{fake.last_name()}, {fake.last_name()} & Associates",
            ))
            firm = self._org(name, "law_firm", self.city(state))
            self.law_firms.append(firm)
            self.attorneys += [self._attorney(firm) for _ in range(2)]
            local = self.attorneys[-2:]
        return self.rng.choice(local)

    def _attorney(self, firm: Organization) -> Attorney:
        fake = self.fakers["en_US"]
        self._person_seq += 1
        given, surname = fake.first_name(), fake.last_name()
        middle = f" {self.rng.choice('ABCDEJKLMRST')}." if self.rng.random() < 0.5 else ""
        words = [w for w in firm.name.split() if w.lower() not in ("law", "offices", "of", "the")]
        domain = "".join(ch for ch in words[0].lower() if ch.isalpha()) + "law.com"
        return Attorney(f"A{self._person_seq:04d}", f"{given}{middle} {surname}",
                        str(self.rng.randint(120000, 349999)), firm,
                        f"{given[0].lower()}{surname.lower()}@{domain}", firm.phone)

    # people
    def _draw_name(self, female: bool) -> tuple[str, str | None, str, str | None]:
        rng = self.rng
        english = self.fakers["en_US"]

        def first(fake: Faker) -> str:
            return fake.first_name_female() if female else fake.first_name_male()

        origin = rng.random()
        if origin < 0.45:
            given, surname = first(english), english.last_name()
        elif origin < 0.75:
            fake = self.fakers["es_MX"]
            given, surname = first(fake), fake.last_name()
            if rng.random() < 0.3:
                surname = f"{surname} {fake.last_name()}"
        elif origin < 0.92:
            given, surname = rng.choice(ASIAN_GIVEN), rng.choice(ASIAN_SURNAMES)
        else:
            given, surname = first(english), rng.choice(FILIPINO_SURNAMES)
        if " " not in surname and rng.random() < 0.1:
            surname = f"{surname}-{english.last_name()}"
        if given not in NICKNAMES and rng.random() < 0.2:
            given = rng.choice(FEMALE_NICKNAMED if female else MALE_NICKNAMED)
        middle = first(english) if rng.random() < 0.6 else None
        suffix = None
        if not female and rng.random() < 0.1:
            suffix = rng.choice(("Jr.", "Sr.", "II", "III"))
        return given, middle, surname, suffix

    def person(self, start: date, *, name: tuple[str, str] | None = None,
               state: str | None = None) -> Person:
        rng = self.rng
        self._person_seq += 1
        female = name[0] in ("Maria", "Linda") if name else rng.random() < 0.5
        given, middle, surname, suffix = self._draw_name(female)
        if name:
            given, surname = name
        dob = date(rng.randint(1952, 2001), rng.randint(1, 12), rng.randint(1, 28))
        ssn = f"9{rng.randint(0, 99):02d}-{rng.randint(70, 99)}-{rng.randint(1, 9999):04d}"
        person = Person(f"P{self._person_seq:04d}", given, middle, surname, suffix, dob, ssn)
        city = self.city(state)
        moves = rng.choice((1, 2, 2, 3, 3, 4))
        day = start - timedelta(days=rng.randint(900, 3000))
        for index in range(moves):
            if index:
                city = city if rng.random() < 0.7 else self.city(city.state)
            residence = Residence(self.address(city, po_box=rng.random() < 0.05), day, None,
                                  "previous")
            if person.residences:
                person.residences[-1].until = day - timedelta(days=rng.randint(0, 20))
            person.residences.append(residence)
            day += timedelta(days=rng.randint(300, 900))
        person.residences[-1].status = "current"
        if len(person.residences) > 2 and rng.random() < 0.5:
            person.residences[-2].status = "bad address"
        since = start - timedelta(days=rng.randint(400, 2000))
        for _ in range(rng.choice((1, 2, 2, 3))):
            person.phones.append(Phone(self.phone_number(city), rng.choice(PHONE_TYPES), since,
                                       rng.choice(("verified", "unverified", "verified"))))
            since += timedelta(days=rng.randint(200, 1100))
        if len(person.phones) > 1 and rng.random() < 0.5:
            person.phones[0].status = "disconnected"
        handle = self._email_handle(person)
        provider = rng.choice(("gmail.com", "yahoo.com", "outlook.com", "icloud.com",
                               "hotmail.com", "aol.com", "comcast.net"))
        person.emails.append(f"{handle}@{provider}")
        if rng.random() < 0.25:
            second = rng.choice(("gmail.com", "yahoo.com"))
            person.emails.append(f"{handle}{rng.randint(1, 99)}@{second}")
        person.employer = self.employer(city.state)
        person.bank = rng.choice(self.banks)
        return person

    def _email_handle(self, person: Person) -> str:
        plain = person.given.lower() + person.surname.lower()
        plain = "".join(ch for ch in _ascii(plain) if ch.isalnum())
        style = self.rng.choice(("dot", "initial", "year", "plain"))
        given = "".join(ch for ch in _ascii(person.given.lower()) if ch.isalnum())
        surname = "".join(ch for ch in _ascii(person.surname.lower()) if ch.isalnum())
        if style == "dot":
            return f"{given}.{surname}"
        if style == "initial":
            return f"{given[0]}{surname}{person.dob.year % 100:02d}"
        if style == "year":
            return f"{given}{surname[:4]}{person.dob.year}"
        return plain

    def account(self, debtor: Person, start: date) -> Account:
        rng = self.rng
        original = rng.choice(self.creditors)
        owner = rng.choice(self.buyers) if rng.random() < 0.65 else original
        principal = cents(rng.uniform(380, 24000))
        interest = cents(principal * Decimal(str(rng.uniform(0.0, 0.22))))
        fees = cents(rng.choice((0, 0, 25, 35, 39, 75, 120.5, 250)))
        payments = []
        paid_day = start - timedelta(days=rng.randint(200, 400))
        for _ in range(rng.randint(0, 3)):
            payments.append((paid_day, cents(rng.choice((25, 35, 50, 75, 100, 150)))))
            paid_day += timedelta(days=rng.randint(20, 45))
        number = str(rng.choice((4, 5, 6))) + "".join(str(rng.randint(0, 9)) for _ in range(15))
        if rng.random() < 0.3:
            number = "".join(str(rng.randint(0, 9)) for _ in range(rng.choice((10, 12))))
        return Account(
            debtor=debtor, original_creditor=original, owner=owner,
            agency=rng.choice(self.agencies),
            attorney=self.attorney_for(debtor.residences[-1].address.state),
            number=number, opened=start - timedelta(days=rng.randint(900, 2600)),
            charged_off=start - timedelta(days=rng.randint(60, 240)), placed=start,
            principal=principal, interest=interest, fees=fees, payments=payments,
        )


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def strip_accents(text: str) -> str:
    return _ascii(text)


_CREDITOR_NAMES = (
    "Meridian Bank, N.A.", "Cascade Card Services", "Northstar Auto Finance LLC",
    "BlueRiver Wireless Inc.", "Summit Medical Group", "Pinecrest Credit Union",
    "Lakeshore Energy Company", "Harbor Point Financial Corp.", "Sterling Retail Credit",
)
_BUYER_NAMES = (
    "Cavendish Portfolio Funding LLC", "Redwood Recovery Holdings LLC",
    "Atlas Receivables Acquisition Corp.", "Granite Asset Partners II LLC",
    "Beacon Debt Acquisitions LLC", "Keystone SPV IV LLC",
)
_AGENCY_NAMES = (
    "Allied Account Resolution Services", "National Recovery Bureau, Inc.",
    "Crestline Collections LLC", "First Federal Credit Control", "Parkway Revenue Group",
)
_BANK_NAMES = (
    "First Prairie Bank", "Coastal Federal Savings", "United Heritage Bank, N.A.",
    "Mountain West Credit Union", "Citizens Commerce Bank",
)
_LAW_FIRM_NAMES = (
    "Hollister & Baird, LLP", "Wexford Kline Legal Group, PC", "Marlowe, Strand & Ruiz",
    "Delgado Pruitt Law Offices", "Ashgrove Legal Partners, P.C.",
)
