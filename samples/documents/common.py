"""What every template shares: the case being written about, and how people, addresses,
phones and case numbers are printed on a given document."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from reportlab.lib.units import inch

from samples.formats import PHONE_STYLES, cents, print_phone
from samples.geography import CA_COURTHOUSES, CITIES, FEDERAL_DISTRICTS, Court, court_for_state
from samples.layout import Sheet, esc
from samples.population import NICKNAMES, Account, Address, Attorney, Organization, Person
from samples.population import strip_accents as _strip_accents


@dataclass(slots=True)
class Lawsuit:
    """The court case that follows an unpaid account (complaint through garnishment)."""

    court_lines: tuple[str, ...]
    court_name: str  # value for the truth: caption lines joined, without a leading "IN THE"
    court_short: str  # the court named in running text ("Superior Court of California, ...")
    court_address: str
    case_number: str
    filing_date: date
    response_due: date
    judgment_date: date
    writ_date: date
    prejudgment_interest: Decimal
    costs: Decimal
    attorney_fees: Decimal
    post_judgment_interest: Decimal
    paid_since_judgment: Decimal
    state: str = ""
    federal: bool = False


@dataclass(slots=True)
class DocContext:
    """Everything one template needs to write one document."""

    doc_id: str
    doc_type: str
    account: Account
    doc_date: date
    lawsuit: Lawsuit | None
    rng: random.Random


def make_lawsuit(account: Account, filing: date, rng: random.Random) -> Lawsuit:
    home = account.debtor.address_on(filing)
    federal = rng.random() < 0.08
    county = _county_of(home)
    yy = filing.year % 100
    if federal:
        district = FEDERAL_DISTRICTS[home.state]
        lines: tuple[str, ...] = ("UNITED STATES DISTRICT COURT", f"FOR THE {district}")
        name = " ".join(lines)
        number = f"{rng.randint(1, 8)}:{yy}-cv-{rng.randint(100, 9999):05d}"
        address = "219 S. Dearborn Street"
        short = f"United States District Court for the {district.title().replace(' Of ', ' of ')}"
    else:
        court = court_for_state(home.state)
        lines = tuple(line.format(county=county.upper()) for line in court.name_lines)
        name = " ".join(lines)
        name = name[len("IN THE "):] if name.startswith("IN THE ") else name
        number = _case_number(court, filing, rng)
        address = court.address
        short = court.short_name.format(county=county)
    judgment = filing + timedelta(days=rng.randint(45, 150))
    return Lawsuit(
        court_lines=lines, court_name=name, court_short=short, court_address=address,
        case_number=number,
        filing_date=filing, response_due=filing + timedelta(days=rng.choice((21, 28, 30, 35))),
        judgment_date=judgment, writ_date=judgment + timedelta(days=rng.randint(30, 240)),
        prejudgment_interest=cents(account.balance * Decimal(str(rng.uniform(0.0, 0.09)))),
        costs=cents(rng.choice((79, 119, 225, 249, 316.35, 370, 435, 464))),
        attorney_fees=cents(rng.choice((0, 0, 0, 250, 350, 487.5, 750))),
        post_judgment_interest=cents(account.balance * Decimal(str(rng.uniform(0.0, 0.05)))),
        paid_since_judgment=cents(rng.choice((0, 0, 50, 100, 240))),
        state=home.state, federal=federal,
    )


def _county_of(address: Address) -> str:
    for city in CITIES:
        if city.name == address.city and city.state == address.state:
            return city.county
    return address.city


def _case_number(court: Court, filing: date, rng: random.Random) -> str:
    yy, yyyy = f"{filing.year % 100:02d}", filing.year
    kind = court.case_format
    if kind == "ca":
        return f"{yy}{rng.choice(CA_COURTHOUSES)}LC{rng.randint(10000, 99999)}"
    if kind == "il":
        return f"{yyyy}-CV-{rng.randint(1, 999999):06d}"
    if kind == "tx":
        return f"JC-{yy}-{rng.randint(1, 99999):05d}"
    if kind == "fl":
        return f"{yyyy}-CC-{rng.randint(1, 999999):06d}-O"
    if kind == "ny":
        return f"CV-{rng.randint(1, 999999):06d}-{yy}/KI"
    if kind == "oh":
        return f"{yyyy} CVF {rng.randint(1, 999999):06d}"
    if kind == "ga":
        return f"{yy}MS{rng.randint(1, 999999):06d}"
    if kind == "az":
        return f"CC{yyyy}-{rng.randint(1, 999999):06d}"
    if kind == "wa":
        return f"{yy}CIV{rng.randint(1, 99999):05d}KCX"
    if kind == "co":
        return f"{yy}C{rng.randint(1, 99999):05d}"
    return f"{yy}SC{rng.randint(1, 99999):05d}"


# people as printed
def printed_name(person: Person, rng: random.Random, *, upper: bool = False,
                 allow_variants: bool = True) -> str:
    """The debtor's name the way this document's writer had it (nickname, typo, initial)."""
    given = person.given
    if allow_variants and given in NICKNAMES and rng.random() < 0.2:
        given = NICKNAMES[given]
    surname = person.surname
    if allow_variants and rng.random() < 0.07 and len(surname) > 4:
        at = rng.randint(1, len(surname) - 3)
        surname = surname[:at] + surname[at + 1] + surname[at] + surname[at + 2:]
    middle = ""
    if person.middle:
        roll = rng.random()
        if roll < 0.2:
            middle = f" {person.middle}"
        elif roll < 0.7:
            middle = f" {person.middle[0]}."
    suffix = f" {person.suffix}" if person.suffix else ""
    if suffix and rng.random() < 0.5:
        suffix = "," + suffix
    name = f"{given}{middle} {surname}{suffix}"
    if allow_variants and rng.random() < 0.3:
        name = _strip_accents(name)
    return name.upper() if upper else name


def address_lines(address: Address, rng: random.Random, *, upper: bool = False,
                  one_line: bool | None = None) -> tuple[list[str], str]:
    """Printed lines and the normalized one-line truth (``street, unit, city, ST zip``)."""
    shown = address.upper() if upper else address
    unit = ""
    if shown.unit:
        unit = rng.choice((f" {shown.unit}", f", {shown.unit}"))
    last = f"{shown.city}, {shown.state} {shown.zip}"
    if one_line is None:
        one_line = rng.random() < 0.25
    if one_line:
        return [f"{shown.street}{unit}, {last}"], shown.one_line()
    return [f"{shown.street}{unit}", last], shown.one_line()


def phone_text(national: str, rng: random.Random, style: str | None = None) -> str:
    return print_phone(national, style or rng.choice(PHONE_STYLES + PHONE_STYLES[:2]))


def org_block(sheet: Sheet, org: Organization, role: str, *, with_phone: bool = True,
              upper: bool = False) -> list[str]:
    """Lines naming an organization with its address; registers the org as a party."""
    lines, one = address_lines(org.address, sheet.rng, upper=upper, one_line=False)
    name = org.name.upper() if upper else org.name
    out = [esc(name)] + [esc(line) for line in lines]
    phones = []
    if with_phone:
        printed = phone_text(org.phone, sheet.rng)
        out.append(printed)
        phones.append(("+1" + org.phone, printed))
    sheet.party(role, name, org.org_id, addresses=[one], phones=phones)
    return out


def attorney_block(sheet: Sheet, attorney: Attorney, *, upper: bool = True,
                   client: str = "Plaintiff") -> list[str]:
    """The caption's top-left block: lawyer, bar number, firm, address, phone, email."""
    rng = sheet.rng
    name = attorney.name.upper() if upper else attorney.name
    number = attorney.bar_number
    bar = rng.choice((f"{name}, SBN {number}", f"{name} (Bar No. {number})",
                      f"{name}, Esq. #{number}"))
    lines, one = address_lines(attorney.firm.address, rng, upper=upper, one_line=False)
    phone = phone_text(attorney.phone, rng)
    fax_number = attorney.phone[:6] + f"{(int(attorney.phone[6:]) + 1) % 10000:04d}"
    email = attorney.email if rng.random() < 0.7 else attorney.email.upper()
    firm = attorney.firm.name.upper() if upper else attorney.firm.name
    out = [esc(bar), esc(firm)] + [esc(line) for line in lines]
    out.append(rng.choice((f"Tel: {phone}", f"(T) {phone} (F) {phone_text(fax_number, rng)}",
                           f"Telephone: {phone}")))
    out.append(f"Email: {email}")
    out.append(f"Attorney for {client}")
    sheet.party("attorney", name, attorney.person_id, addresses=[one],
                phones=[("+1" + attorney.phone, phone)], emails=[attorney.email])
    return out


def signature_block(sheet: Sheet, attorney: Attorney, signed: date, *, place: str) -> None:
    """The closing signature with the bar number: a distractor for every reader."""
    rng = sheet.rng
    sheet.space(14)
    sheet.p(f"Dated: {sheet.date(None, signed)}", "tight")
    sheet.space(10)
    width = 3.1 * inch
    rows = [
        [sheet.para(esc(attorney.firm.name))],
        [sheet.para(" ")],
        [sheet.para(f"By: /s/ {esc(attorney.name)}")],
        [sheet.para(f"{esc(attorney.name)}, {rng.choice(('Bar No.', 'SBN', 'Atty. No.'))} "
                    f"{attorney.bar_number}")],
        [sheet.para(f"Attorneys for {place}")],
    ]
    sheet.table(rows, [width], grid=False, extra=[("LINEABOVE", (0, 2), (0, 2), 0.5, "black")],
                pad=1)
    sheet.story[-1].hAlign = "RIGHT"
    sheet.party("attorney", attorney.name, attorney.person_id)


def debtor_party(sheet: Sheet, person: Person, name: str, *, addresses: list[str] | None = None,
                 phones: list[tuple[str, str]] | None = None, emails: list[str] | None = None,
                 dob: date | None = None, ssn_last4: str | None = None) -> None:
    sheet.party("debtor", name, person.person_id, addresses=addresses, phones=phones,
                emails=emails, dob=dob, ssn_last4=ssn_last4)
